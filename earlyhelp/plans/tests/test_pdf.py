"""The family's copy of the plan: a print view in plain words, and an accessible tagged PDF (PDF/UA-1)."""

from __future__ import annotations

import datetime
import io
from typing import Any, cast

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.plans.models import PlanAction, PlanOutcome
from earlyhelp.plans.tests.test_plan import make_case, signed_in


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    ctx = make_case(family, make_user, involve, team, school, consent)
    outcome = PlanOutcome.objects.create(
        plan=ctx["plan"],
        child=ctx["noah"],
        what_must_change="Noah sleeps through the night in his own bed",
        family_words="Noah sleeps well in his own bed",
        measure="Nights a week in his own bed",
        target="6 nights a week",
        target_date=datetime.date(2027, 2, 28),
    )
    PlanAction.objects.create(
        plan=ctx["plan"], what="Bedtime routine chart", owner_name="Mum", due_on=datetime.date(2026, 12, 1)
    ).outcomes.add(outcome)
    return ctx


def url(name: str, case: dict[str, Any]) -> str:
    return reverse(f"plans:{name}", kwargs={"episode_id": case["episode"].pk})


def test_the_pdf_is_tagged_and_holds_each_childs_outcomes(case):
    response = signed_in(case["lead"]).get(url("family_copy_pdf", case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-EH26-T00001.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.root_object
    assert bool(cast(DictionaryObject, catalog["/MarkInfo"])["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert reader.metadata is not None
    assert reader.metadata.title == "Our plan – Ashworth family"
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in (
        "What we want to change for Maisie",
        "Maisie goes to school every day",
        "What we want to change for Noah",
        "Noah sleeps well in his own bed",
        "How we will know",
        "Who will do what",
        "Bedtime routine chart",
    ):
        assert expected in text, expected
    assert AccessEvent.objects.filter(user=case["lead"], action=AccessAction.DOWNLOAD).count() == 1


def test_the_print_view_is_plain_and_logged_as_printed(case):
    response = signed_in(case["lead"]).get(url("family_copy", case))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<title>Our plan – Ashworth family</title>" in html
    assert "What we want to change for Maisie" in html
    assert "By when" in html
    assert "31 March 2027" in html
    assert "@media print" in html
    # No professional analysis or risks on the family's copy.
    assert "Analysis" not in html
    assert "SMART" not in html
    assert AccessEvent.objects.filter(user=case["lead"], action=AccessAction.PRINT).count() == 1


def test_a_partner_cannot_print_the_family_copy(case):
    nurse = signed_in(case["nurse"])
    assert nurse.get(url("family_copy", case)).status_code == 404
    assert nurse.get(url("family_copy_pdf", case)).status_code == 404
