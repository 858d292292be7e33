"""Escalation and professional disagreement (R6.4): raise, stages, agreed actions, the overdue confirmation."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.audit.models import AccessEvent
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.escalations import services
from earlyhelp.escalations.models import Confirmation, Escalation, EscalationAction, Stage, Subject
from earlyhelp.escalations.rules import confirmation_overdue, latest_overdue_due_date
from earlyhelp.escalations.selectors import overdue_actions
from earlyhelp.frontdoor.models import Decision, SupportRequest
from earlyhelp.thresholds.selectors import threshold_current

CHRISTMAS_2026 = datetime.date(2026, 12, 25)  # a Friday, and a bank holiday; Monday 28th is Boxing Day's substitute


@pytest.fixture
def case(family, make_user, involve, team, school, consent):
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    taf = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=taf, consent=consent)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    senior = make_user(roles.SERVICE_MANAGER)
    return {**ctx, "lead": lead, "taf": taf, "manager": manager, "senior": senior, "family": family}


def raise_one(case, **extra):
    kwargs = {
        "user": case["lead"],
        "subject": Subject.STEP_UP,
        "subject_reference": "SU26-4",
        "reason": "Step-up refused although the risk has grown.",
        "family": case["family"],
        **extra,
    }
    return services.escalation_raise(**kwargs)


def handled(case):
    escalation = raise_one(case)
    return services.escalation_take(user=case["manager"], escalation=escalation)


def with_action(case, due_on=datetime.date(2026, 3, 6)):
    escalation = handled(case)
    return escalation, services.escalation_action_add(
        user=case["manager"],
        escalation=escalation,
        description="Strategy discussion to be held",
        owner=case["taf"],
        due_on=due_on,
        today=due_on - datetime.timedelta(days=7),
    )


# The overdue rule (pure) -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_on", "today", "overdue"),
    [
        # Due on an ordinary Friday: Monday and Tuesday are the grace; overdue on Wednesday.
        (datetime.date(2026, 12, 11), datetime.date(2026, 12, 15), False),
        (datetime.date(2026, 12, 11), datetime.date(2026, 12, 16), True),
        # Due on Christmas Day (a Friday): Monday 28th is a bank holiday, so the grace runs Tuesday and Wednesday.
        (CHRISTMAS_2026, datetime.date(2026, 12, 28), False),
        (CHRISTMAS_2026, datetime.date(2026, 12, 30), False),
        (CHRISTMAS_2026, datetime.date(2026, 12, 31), True),
        # Due on Friday 18 December: Monday 21st and Tuesday 22nd are the grace.
        (datetime.date(2026, 12, 18), datetime.date(2026, 12, 22), False),
        (datetime.date(2026, 12, 18), datetime.date(2026, 12, 23), True),
        # Not yet due.
        (datetime.date(2026, 12, 18), datetime.date(2026, 12, 17), False),
    ],
)
def test_confirmation_goes_overdue_after_the_working_day_grace(due_on, today, overdue, settings):
    settings.ESCALATION_CONFIRM_WORKING_DAYS = 2
    assert confirmation_overdue(due_on, "", today) is overdue


def test_a_confirmed_action_is_never_overdue():
    assert not confirmation_overdue(
        datetime.date(2026, 1, 2), Confirmation.DONE, datetime.date(2027, 1, 2), grace_working_days=2
    )
    assert not confirmation_overdue(
        datetime.date(2026, 1, 2), Confirmation.NOT_DONE, datetime.date(2027, 1, 2), grace_working_days=2
    )


def test_the_query_cutoff_agrees_with_the_rule_every_day_of_december():
    for offset in range(31):
        today = datetime.date(2026, 12, 1) + datetime.timedelta(days=offset)
        cutoff = latest_overdue_due_date(today, 2)
        for back in range(1, 20):
            due = today - datetime.timedelta(days=back)
            assert confirmation_overdue(due, "", today, grace_working_days=2) is (due <= cutoff), (due, today)


# The overdue selector, confirmation and notification ---------------------------------------------------------------


def test_confirmation_by_the_raiser_clears_the_overdue_action(case, sign_in, settings, make_user):
    settings.ESCALATION_CONFIRM_WORKING_DAYS = 2
    escalation, action = with_action(case, due_on=CHRISTMAS_2026)
    assert list(overdue_actions(today=datetime.date(2026, 12, 30))) == []
    assert list(overdue_actions(today=datetime.date(2026, 12, 31))) == [action]
    assert list(overdue_actions(today=datetime.date(2026, 12, 31), user=case["lead"])) == [action]
    assert list(overdue_actions(today=datetime.date(2026, 12, 31), user=case["senior"])) == [action]
    assert list(overdue_actions(today=datetime.date(2026, 12, 31), user=make_user(roles.PRACTITIONER))) == []

    raiser = sign_in(case["lead"])
    url = reverse("escalations:action_confirm", args=[escalation.pk, action.pk])
    response = raiser.post(url, {"confirmation": Confirmation.DONE, "note": "Held on 29 December"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.confirmation, action.confirmed_by) == (Confirmation.DONE, case["lead"])
    assert list(overdue_actions(today=datetime.date(2026, 12, 31))) == []


def test_the_overdue_action_shows_a_red_tag_on_the_list_and_the_page(case, sign_in):
    escalation, _ = with_action(case, due_on=datetime.date(2026, 1, 9))
    client = sign_in(case["lead"])
    listing = client.get(reverse("escalations:list"), {"section": "overdue"}).content.decode()
    assert "SU26-4" in listing
    assert "govuk-tag--red" in listing
    page = client.get(reverse("escalations:detail", args=[escalation.pk])).content.decode()
    assert 'govuk-tag govuk-tag--red">Overdue' in page


def test_not_done_needs_a_note_and_only_the_raiser_or_handler_confirms(case):
    _, action = with_action(case)
    with pytest.raises(ValidationError):
        services.escalation_action_confirm(user=case["lead"], action=action, confirmation=Confirmation.NOT_DONE)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.escalation_action_confirm(user=case["taf"], action=action, confirmation=Confirmation.DONE)


def test_overdue_actions_are_emailed_once(case, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.ESCALATION_CONFIRM_WORKING_DAYS = 2
    with_action(case, due_on=CHRISTMAS_2026)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalations_notify_overdue(today=datetime.date(2026, 12, 30)) == 0
        assert services.escalations_notify_overdue(today=datetime.date(2026, 12, 31)) == 1
        assert services.escalations_notify_overdue(today=datetime.date(2027, 1, 4)) == 0
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert set(message.to) == {case["lead"].email, case["taf"].email, case["manager"].email}
    assert "SU26-4" in message.subject
    assert "Ashworth" not in message.body
    assert "Maisie" not in message.body


# Stages and resolution ----------------------------------------------------------------------------------------------


def test_stages_only_move_forward(case):
    escalation = handled(case)
    moved = services.escalation_move(
        user=case["manager"],
        escalation=escalation,
        stage=Stage.SENIOR_MANAGER,
        handler=case["senior"],
        note="No agreement at team level.",
        from_stage=Stage.PRACTITIONER,
    )
    assert moved.stage == Stage.SENIOR_MANAGER
    for stage in (Stage.PRACTITIONER, Stage.MANAGER, Stage.SENIOR_MANAGER):
        with pytest.raises(ValidationError, match="cannot go back"):
            services.escalation_move(
                user=case["senior"], escalation=moved, stage=stage, handler=case["senior"], note="Back"
            )
    assert [s.stage for s in moved.steps.all()] == [Stage.PRACTITIONER, Stage.PRACTITIONER, Stage.SENIOR_MANAGER]
    lines = ChronologyEntry.objects.filter(kind=ChronologyKind.ESCALATION, episode=case["episode"])
    assert lines.filter(summary="Escalation SU26-4 moved to senior manager stage").exists()


def test_a_form_loaded_at_an_earlier_stage_is_refused(case, sign_in):
    escalation = handled(case)
    client = sign_in(case["manager"])
    url = reverse("escalations:move", args=[escalation.pk])
    page = client.get(url).content.decode()
    assert 'value="1_practitioner"' not in page.replace('name="from_stage" value="1_practitioner"', "")
    data = {"from_stage": Stage.PRACTITIONER, "stage": Stage.MANAGER, "handler": case["manager"].pk, "note": "Talked"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "stage": Stage.SENIOR_MANAGER})
    assert again.status_code == 200
    assert "Someone has moved this escalation" in again.content.decode()
    assert Escalation.objects.get().steps.count() == 3


def test_resolution_is_refused_while_an_action_is_unconfirmed(case, sign_in):
    escalation, action = with_action(case)
    client = sign_in(case["manager"])
    url = reverse("escalations:resolve", args=[escalation.pk])
    response = client.post(url, {"outcome": "Step-up accepted"})
    assert response.status_code == 200
    assert "Confirm whether every agreed action was done" in response.content.decode()
    services.escalation_action_confirm(user=case["lead"], action=action, confirmation=Confirmation.DONE)
    assert client.post(url, {"outcome": "Step-up accepted"}).status_code == 302
    escalation.refresh_from_db()
    assert (escalation.outcome, escalation.resolved_by) == ("Step-up accepted", case["manager"])
    assert ChronologyEntry.objects.filter(kind=ChronologyKind.ESCALATION, summary__contains="resolved").exists()


def test_a_double_submitted_action_is_added_once(case):
    escalation = handled(case)
    token = uuid.uuid4()
    for _ in range(2):
        services.escalation_action_add(
            user=case["manager"],
            escalation=escalation,
            description="Call the school",
            owner=case["taf"],
            due_on=datetime.date(2027, 1, 8),
            token=token,
            today=datetime.date(2027, 1, 1),
        )
    assert EscalationAction.objects.count() == 1
    with pytest.raises(ValidationError, match="future"):
        services.escalation_action_add(
            user=case["manager"],
            escalation=escalation,
            description="Late",
            owner=case["taf"],
            due_on=datetime.date(2027, 1, 1),
            today=datetime.date(2027, 1, 1),
        )


# Raising, taking on, access -----------------------------------------------------------------------------------------


def test_raise_prefilled_from_the_query_with_the_family(case, sign_in):
    client = sign_in(case["lead"])
    url = reverse("escalations:raise")
    query = {"subject": "step_up", "reference": "SU26-4", "family": case["family"].pk}
    page = client.get(url, query).content.decode()
    assert 'value="SU26-4"' in page
    assert "Ashworth family" in page
    data = {
        "subject": "step_up",
        "subject_reference": "SU26-4",
        "reason": "Risk has grown",
        "family": case["family"].pk,
    }
    response = client.post(url, data)
    escalation = Escalation.objects.get()
    assert response["Location"] == reverse("escalations:detail", args=[escalation.pk])
    assert (escalation.family, escalation.handler, escalation.stage) == (case["family"], None, Stage.PRACTITIONER)
    assert "Waiting for someone to take it on" in client.get(response["Location"]).content.decode()


def test_raise_about_a_family_the_user_cannot_see_is_404_and_admins_are_refused(case, make_user, sign_in):
    unrelated = sign_in(make_user(roles.PRACTITIONER))
    assert unrelated.get(reverse("escalations:raise"), {"family": case["family"].pk}).status_code == 404
    governance = sign_in(make_user(roles.INFORMATION_GOVERNANCE))
    assert governance.get(reverse("escalations:raise")).status_code == 403


def test_a_manager_takes_it_on(case, sign_in):
    escalation = raise_one(case)
    client = sign_in(case["manager"])
    assert "Take this on" in client.get(reverse("escalations:detail", args=[escalation.pk])).content.decode()
    assert client.post(reverse("escalations:take", args=[escalation.pk])).status_code == 302
    escalation.refresh_from_db()
    assert escalation.handler == case["manager"]
    listing = client.get(reverse("escalations:list"), {"section": "handle"}).content.decode()
    assert "SU26-4" in listing


def test_an_unrelated_practitioner_gets_404(case, make_user, sign_in):
    escalation, action = with_action(case)
    client = sign_in(make_user(roles.PRACTITIONER))
    for url in (
        reverse("escalations:detail", args=[escalation.pk]),
        reverse("escalations:move", args=[escalation.pk]),
        reverse("escalations:action_confirm", args=[escalation.pk, action.pk]),
    ):
        assert client.get(url).status_code == 404
    assert "SU26-4" not in client.get(reverse("escalations:list"), {"section": "overdue"}).content.decode()
    assert not AccessEvent.objects.exclude(record_type="").exists()


def test_reconsideration_from_the_front_door_arrives_with_the_family(case, sign_in):
    request = SupportRequest.objects.create(
        source="professional", created_by=case["lead"], status="decided", reference="R26-T9"
    )
    level = threshold_current().levels.first()
    decision = Decision.objects.create(
        request=request,
        decided_by=case["manager"],
        decided_at=timezone.now(),
        threshold_document=level.document,
        level=level,
        needs_identified=True,
        rationale="Test",
        consent_position="given",
    )
    case["episode"].source_decision = decision
    case["episode"].save()
    client = sign_in(case["lead"])
    client.post(reverse("frontdoor:reconsider", args=[request.pk]), {"reason": "Attendance has fallen."})
    escalation = Escalation.objects.get()
    assert (escalation.subject, escalation.subject_reference) == (Subject.FRONT_DOOR_DECISION, "R26-T9")
    assert escalation.family == case["family"]
    assert client.get(reverse("escalations:detail", args=[escalation.pk])).status_code == 200


# Bounded queries ----------------------------------------------------------------------------------------------------


def make_escalations(case, count, start):
    for i in range(start, start + count):
        escalation = Escalation.objects.create(
            raised_by=case["lead"],
            subject=Subject.CLOSURE,
            subject_reference=f"EH26-{i}",
            family=case["family"],
            reason="Closed too early",
            handler=case["manager"],
        )
        EscalationAction.objects.create(
            escalation=escalation,
            description="Check",
            owner=case["taf"],
            due_on=datetime.date(2026, 1, 9),
            agreed_by=case["manager"],
            agreed_at=timezone.now(),
        )


@pytest.mark.parametrize("section", ["raised", "handle", "actions", "overdue"])
def test_the_list_makes_a_bounded_number_of_queries(case, sign_in, django_assert_max_num_queries, section):
    user = {"raised": "lead", "handle": "manager", "actions": "taf", "overdue": "manager"}[section]
    client = sign_in(case[user])
    url = reverse("escalations:list")
    make_escalations(case, 2, 0)
    client.get(url, {"section": section})
    with django_assert_max_num_queries(16) as few:
        assert client.get(url, {"section": section}).status_code == 200
    make_escalations(case, 20, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"section": section})
    assert response.content.decode().count("govuk-tag--red") == 22


def test_the_page_makes_a_bounded_number_of_queries(case, sign_in, django_assert_max_num_queries):
    escalation, _ = with_action(case)
    client = sign_in(case["manager"])
    url = reverse("escalations:detail", args=[escalation.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for i in range(5):
        services.escalation_action_add(
            user=case["manager"],
            escalation=escalation,
            description=f"Action {i}",
            owner=case["lead"],
            due_on=datetime.date(2027, 1, 8),
            today=datetime.date(2027, 1, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
