"""Who sees what of the assessment (access-rules.md): a Team Around the Family member sees a summary and
contributes, never the analysis, risks, factors or the parents' sections; every page leaves one access event."""

from __future__ import annotations

import pytest
from django.urls import reverse

from earlyhelp.assessments.models import Assessment
from earlyhelp.audit.models import AccessEvent

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(f"assessments:{name}", args=[case["episode"].pk, *args])


@pytest.fixture
def filled(case):
    assessment = case["assessment"]
    assessment.analysis = "Secret analysis of the family"
    assessment.risks = "Risk from a former partner"
    assessment.family_strengths = "Warm relationships"
    assessment.family_needs = "Help with routines"
    assessment.save()
    return case


def test_a_team_around_the_family_member_gets_404_on_the_assessment_analysis(filled, sign_in):
    client = sign_in(filled["nurse"])
    assert client.get(url("analysis", filled)).status_code == 404
    response = client.post(url("analysis", filled), {"analysis": "Overwritten"})
    assert response.status_code == 404
    assert Assessment.objects.get(pk=filled["assessment"].pk).analysis == "Secret analysis of the family"


@pytest.mark.parametrize("name", ["version", "strengths", "factors", "family", "history", "submit", "reassess"])
def test_a_team_around_the_family_member_gets_404_on_full_content(filled, sign_in, name):
    args = (1,) if name == "version" else ()
    assert sign_in(filled["nurse"]).get(url(name, filled, *args)).status_code == 404


def test_a_team_around_the_family_member_gets_404_on_child_and_carer_sections(filled, sign_in):
    client = sign_in(filled["nurse"])
    assert client.get(url("child", filled, filled["maisie"].pk)).status_code == 404
    assert client.get(url("carer", filled, filled["darren"].pk)).status_code == 404


def test_the_partner_sees_a_summary_without_analysis_risks_factors_or_carers(filled, sign_in):
    page = sign_in(filled["nurse"]).get(url("overview", filled)).content.decode()
    assert "Assessment summary" in page
    assert "Maisie Ashworth" in page
    assert "Noah Ashworth" in page
    assert "Warm relationships" in page
    assert "Help with routines" in page
    assert "Seen at school clinic." in page  # her own contribution
    assert url("contribute", filled) in page
    for hidden in ("Secret analysis", "Risk from a former partner", "Darren", "Rachel Ashworth", "Factors identified"):
        assert hidden not in page, hidden


def test_sections_are_not_found_for_people_outside_the_episode(filled, sign_in):
    client = sign_in(filled["lead"])
    assert client.get(url("child", filled, filled["rachel"].pk)).status_code == 404
    assert client.get(url("carer", filled, filled["maisie"].pk)).status_code == 404
    assert client.get(url("version", filled, 7)).status_code == 404


def test_each_page_writes_one_access_event_for_its_record(filled, sign_in):
    client = sign_in(filled["lead"])
    client.get(url("child", filled, filled["maisie"].pk))
    event = AccessEvent.objects.get(user=filled["lead"])
    assert (event.record_type, event.record_id) == ("assessments.childassessment", str(filled["child_assessment"].pk))
    # Access events are append-only (a PostgreSQL trigger refuses deletes): look only at the ones after this.
    client.get(url("analysis", filled))
    event = AccessEvent.objects.filter(user=filled["lead"], pk__gt=event.pk).get()
    assert (event.record_type, event.record_id) == ("assessments.assessment", str(filled["assessment"].pk))


def test_only_a_manager_signs_off(filled, sign_in):
    assert sign_in(filled["lead"]).get(url("sign_off", filled)).status_code == 404
