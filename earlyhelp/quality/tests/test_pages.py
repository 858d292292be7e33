"""The programme lead's pages: the same number of queries however many cases, agencies and answers; overdue actions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.organisations.tests.factories import AgencyFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.quality import selectors
from earlyhelp.quality.models import (
    AgencyAudit,
    AuditAnswer,
    AuditProgramme,
    AuditQuestion,
    AuditTemplate,
    CaseAudit,
    RecommendedAction,
)


@pytest.fixture
def programme(make_user):
    today = timezone.localdate()
    return AuditProgramme.objects.create(
        name="Autumn audit",
        template=AuditTemplate.objects.get(code="early-help-case-audit"),
        window_start=today - datetime.timedelta(days=3),
        window_end=today + datetime.timedelta(days=20),
        lead=make_user(roles.SERVICE_MANAGER),
    )


def add_case(programme, make_user, team, *, agencies: int) -> CaseAudit:
    n = CaseAudit.objects.count() + 1
    episode = Episode.objects.create(
        reference=f"EH26-P{n:05d}",
        family=FamilyFactory(),
        status=EpisodeStatus.OPEN,
        opened_at=timezone.now(),
        team=team,
        lead_practitioner=make_user(roles.PRACTITIONER, team=team),
    )
    case = CaseAudit.objects.create(
        programme=programme,
        family=episode.family,
        episode=episode,
        rule="random",
        sample_seed=n,
        chosen_by=programme.lead,
    )
    questions = AuditQuestion.objects.filter(section__template=programme.template)
    for _ in range(agencies):
        agency = AgencyFactory()
        auditor = make_user(roles.AUDITOR, agency=agency)
        audit = AgencyAudit.objects.create(
            case=case,
            auditor=auditor,
            agency=agency,
            assigned_by=programme.lead,
            proposed_grade="good",
            summary="Fine",
            submitted_at=timezone.now(),
        )
        AuditAnswer.objects.bulk_create(
            AuditAnswer(
                agency_audit=audit, question=q, value="good" if q.answer_kind == "grade" else "yes", evidence="Seen"
            )
            for q in questions
        )
    return case


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_programme_page_is_bounded(programme, make_user, team, sign_in):
    client = sign_in(programme.lead)
    add_case(programme, make_user, team, agencies=1)
    url = reverse("quality:programme", args=[programme.pk])
    few = queries(client, url)
    for _ in range(3):
        add_case(programme, make_user, team, agencies=3)
    assert queries(client, url) == few


@pytest.mark.django_db
def test_the_case_page_is_bounded_whatever_the_number_of_agencies(programme, make_user, team, sign_in):
    client = sign_in(programme.lead)
    one = add_case(programme, make_user, team, agencies=1)
    four = add_case(programme, make_user, team, agencies=4)
    assert queries(client, reverse("quality:case", args=[one.pk])) == queries(
        client, reverse("quality:case", args=[four.pk])
    )


@pytest.mark.django_db
def test_the_home_page_is_bounded(programme, make_user, team, sign_in):
    client = sign_in(programme.lead)
    url = reverse("quality:home")
    few = queries(client, url)
    for name in ("Winter audit", "Spring audit"):
        AuditProgramme.objects.create(
            name=name,
            template=programme.template,
            window_start=programme.window_start,
            window_end=programme.window_end,
            lead=programme.lead,
        )
        add_case(programme, make_user, team, agencies=2)
    assert queries(client, url) == few


@pytest.mark.django_db
def test_the_case_page_tags_an_overdue_action(programme, make_user, team, sign_in):
    case = add_case(programme, make_user, team, agencies=1)
    CaseAudit.objects.filter(pk=case.pk).update(moderated_at=timezone.now(), overall_grade="good")
    today = timezone.localdate()
    # Overdue as an escalation's agreed action is: not confirmed two working days after its date.
    for description, due_on in (("Visit the school", today - datetime.timedelta(days=14)), ("Call", today)):
        RecommendedAction.objects.create(
            case=case, description=description, owner=programme.lead, agreed_by=programme.lead, due_on=due_on
        )
    page = sign_in(programme.lead).get(reverse("quality:case", args=[case.pk])).content.decode()
    assert page.count('govuk-tag--red">Overdue') == 1
    assert page.count("Not confirmed") == 1


@pytest.mark.django_db
def test_the_programme_pages_its_cases(programme, make_user, team, sign_in, monkeypatch):
    monkeypatch.setattr(selectors, "CASES_PAGE_SIZE", 2)
    cases = [add_case(programme, make_user, team, agencies=1) for _ in range(3)]
    # A re-audit names the audit it follows, without a query of its own.
    CaseAudit.objects.filter(pk=cases[2].pk).update(reaudit_of=cases[0])
    client = sign_in(programme.lead)
    url = reverse("quality:programme", args=[programme.pk])
    first = client.get(url).content.decode()
    assert "The sample (3 cases)" in first
    assert "Page 1 of 2" in first

    def shown(page: str) -> list[bool]:
        return [reverse("quality:case", args=[c.pk]) in page for c in cases]

    assert shown(first) == [True, True, False]
    second = client.get(url, {"page": 2}).content.decode()
    assert shown(second) == [False, False, True]
    assert f"re-audit of {cases[0].reference}" in second
    assert queries(client, f"{url}?page=2") == queries(client, url)
