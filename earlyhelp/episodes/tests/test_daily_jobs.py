"""The daily sweep runs each job once and is safe to run again."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.escalations.models import Escalation, EscalationAction
from earlyhelp.reporting.models import StandardsEvaluation
from earlyhelp.reviews.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(family, make_user, involve, team, school, consent):
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "manager": make_user(roles.TEAM_MANAGER, team=team)}


def test_the_daily_sweep_sends_each_notice_once(case, django_capture_on_commit_callbacks):
    episode, lead, manager = case["episode"], case["lead"], case["manager"]
    today = datetime.date(2026, 11, 24)
    Review.objects.create(episode=episode, number=1, due_on=today - datetime.timedelta(days=5))
    escalation = Escalation.objects.create(
        raised_by=lead,
        subject="agency_action",
        subject_reference=episode.reference,
        family=episode.family,
        reason="Repairs not done",
        handler=manager,
    )
    EscalationAction.objects.create(
        escalation=escalation,
        description="Repair the damp",
        owner=manager,
        agreed_by=manager,
        agreed_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        due_on=today - datetime.timedelta(days=10),
    )
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_daily_jobs", today=today, stdout=out)
    sent = len(mail.outbox)
    assert sent >= 2
    assert "review reminders and overdue notices: 1" in out.getvalue()
    assert "overdue audit actions: 0" in out.getvalue()
    # The practice standards of every current episode are stored for the report.
    assert "practice standards evaluated: 1" in out.getvalue()
    first = StandardsEvaluation.objects.get(episode=episode)
    assert first.results["PS9"] in ("met", "not_met")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_daily_jobs", today=today, stdout=io.StringIO())
    assert len(mail.outbox) == sent
    assert StandardsEvaluation.objects.filter(episode=episode).count() == 1
    assert StandardsEvaluation.objects.get(episode=episode).evaluated_at >= first.evaluated_at
