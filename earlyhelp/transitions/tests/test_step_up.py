"""Step-up to children's social care: sent directly, tracked to the decision, every timestamp kept (R6.3)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, EpisodeStatus
from earlyhelp.transitions import selectors, services
from earlyhelp.transitions.models import SocialCareDecision, StepUp, StepUpStatus


def send(case: dict[str, Any], **overrides: Any) -> StepUp:
    kwargs: dict[str, Any] = {
        "user": case["lead"],
        "episode": case["episode"],
        "children": [case["maisie"]],
        "reasons": "Disclosure at school of harm at home",
        "risks": "Test risks to the child",
        "what_has_been_tried": "Parenting support, school check-ins",
        **overrides,
    }
    return services.step_up_request(**kwargs)


def form_post(case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {
        "token": str(uuid.uuid4()),
        "children": [case["maisie"].pk, case["noah"].pk],
        "reasons": "Disclosure at school of harm at home",
        "risks": "Test risks to the child",
        "what_has_been_tried": "",
        "parents_informed": "yes",
        "parents_not_informed_reason": "",
        "worker_stays_involved": "no",
        **overrides,
    }


def test_a_step_up_is_sent_directly_with_a_chronology_line_and_the_front_door_told(
    case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step_up = send(case)
    assert step_up.status == StepUpStatus.SENT
    assert step_up.sent_at is not None
    assert step_up.received_at is None
    assert step_up.reference.startswith("SU")
    assert step_up.reference.endswith(f"{step_up.pk:06d}")
    assert list(step_up.children.all()) == [case["maisie"]]
    line = ChronologyEntry.objects.get(episode=case["episode"], kind=ChronologyKind.STEP_UP)
    assert step_up.reference in line.summary
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["frontdoor@example.test"]
    assert step_up.reference in message.body
    assert reverse("transitions:step_up_detail", args=[step_up.pk]) in message.body
    assert "Maisie" not in message.body
    assert "Ashworth" not in message.body
    assert selectors.open_step_up(case["episode"]) == step_up


def test_the_front_door_email_setting_wins(case, settings, django_capture_on_commit_callbacks):
    settings.FRONT_DOOR_EMAIL = "mash-inbox@example.test"
    with django_capture_on_commit_callbacks(execute=True):
        send(case)
    assert mail.outbox[0].to == ["mash-inbox@example.test"]


def test_a_second_step_up_is_refused_while_one_is_waiting(case):
    first = send(case)
    with pytest.raises(ValidationError, match="already waiting"):
        send(case)
    services.step_up_receive(user=case["front_door"], step_up=first)
    with pytest.raises(ValidationError):
        send(case)
    services.step_up_decide(
        user=case["front_door"], step_up=first, decision=SocialCareDecision.BACK_TO_EARLY_HELP, reason="Advice given"
    )
    assert selectors.open_step_up(case["episode"]) is None
    assert send(case).pk != first.pk


def test_a_double_submit_sends_one_step_up(case):
    token = uuid.uuid4()
    first = send(case, submission_token=token)
    second = send(case, submission_token=token)
    assert first.pk == second.pk
    assert StepUp.objects.count() == 1


def test_required_answers_and_who_may_send(case):
    with pytest.raises(ValidationError) as error:
        send(case, children=[], reasons=" ", risks="", parents_informed=False)
    assert set(error.value.message_dict) == {"children", "reasons", "risks", "parents_not_informed_reason"}
    with pytest.raises(PermissionDenied):
        send(case, user=case["nurse"])
    with pytest.raises(PermissionDenied):
        send(case, user=case["front_door"])
    assert send(case, user=case["manager"]).requested_by == case["manager"]


def test_the_decision_is_recorded_by_the_front_door_and_the_lead_told(
    case, sign_in, django_capture_on_commit_callbacks
):
    step_up = send(case)
    decide_url = reverse("transitions:step_up_decide", args=[step_up.pk])
    assert sign_in(case["lead"]).get(decide_url).status_code == 404
    assert (
        sign_in(case["manager"]).post(decide_url, {"decision": "strategy_discussion", "reason": "x"}).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.step_up_decide(user=case["lead"], step_up=step_up, decision="strategy_discussion", reason="x")
    client = sign_in(case["front_door"])
    response = client.post(decide_url, {"decision": "", "reason": ""})
    assert response.status_code == 200
    assert "Select social care&#x27;s decision" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url,
            {"decision": SocialCareDecision.ACCEPTED_FOR_ASSESSMENT, "reason": "Threshold met", "social_worker": "SW"},
        )
    assert response.status_code == 302
    step_up.refresh_from_db()
    assert step_up.status == StepUpStatus.DECIDED
    assert step_up.decided_by == case["front_door"]
    assert step_up.decided_at is not None
    assert step_up.received_at is not None
    assert step_up.social_worker == "SW"
    assert mail.outbox[-1].to == ["lead@example.test"]
    assert step_up.reference in mail.outbox[-1].body
    assert ChronologyEntry.objects.filter(kind=ChronologyKind.STEP_UP, summary__contains="social work assessment")
    # Deciding again is refused; the same decision resent is a double submit.
    services.step_up_decide(
        user=case["front_door"], step_up=step_up, decision=SocialCareDecision.ACCEPTED_FOR_ASSESSMENT, reason="x"
    )
    with pytest.raises(ValidationError):
        services.step_up_decide(
            user=case["front_door"], step_up=step_up, decision=SocialCareDecision.BACK_TO_EARLY_HELP, reason="x"
        )


def test_every_timestamp_is_kept(case):
    step_up = send(case)
    services.step_up_receive(user=case["front_door"], step_up=step_up)
    services.step_up_receive(user=case["front_door"], step_up=step_up)  # marking twice keeps the first time
    received = StepUp.objects.get(pk=step_up.pk).received_at
    decided = services.step_up_decide(
        user=case["front_door"], step_up=step_up, decision=SocialCareDecision.STRATEGY_DISCUSSION, reason="Risk"
    )
    assert decided.received_at == received
    assert [e.title for e in selectors.step_up_timeline(decided)] == [
        "Sent to children's social care",
        "Received by children's social care",
        "Decided",
    ]
    statuses = list(step_up.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-3:] == ["sent", "received", "decided"]
    [transition] = selectors.episode_transitions(case["episode"])
    assert transition.record == step_up
    assert len(transition.events) == 3


def test_the_lead_withdraws_before_the_decision(case, sign_in):
    step_up = send(case)
    url = reverse("transitions:step_up_withdraw", args=[step_up.pk])
    assert sign_in(case["front_door"]).post(url).status_code == 404
    assert sign_in(case["nurse"]).post(url).status_code == 404
    assert sign_in(case["lead"]).post(url).status_code == 302
    step_up.refresh_from_db()
    assert step_up.status == StepUpStatus.WITHDRAWN
    assert step_up.withdrawn_at is not None
    assert selectors.open_step_up(case["episode"]) is None
    decided = send(case)
    services.step_up_decide(user=case["front_door"], step_up=decided, decision="back_to_early_help", reason="x")
    with pytest.raises(ValidationError):
        services.step_up_withdraw(user=case["lead"], step_up=decided)


def test_the_web_journey_keeps_answers_and_sends_once(case, sign_in):
    client = sign_in(case["lead"])
    new_url = reverse("transitions:step_up_new", args=[case["episode"].pk])
    check_url = reverse("transitions:step_up_check", args=[case["episode"].pk])
    response = client.post(new_url, form_post(case, parents_informed="no"))
    assert response.status_code == 200
    assert "Enter why the parents have not been told" in response.content.decode()
    data = form_post(case)
    response = client.post(new_url, data)
    assert response["Location"] == check_url
    # Going back to change an answer shows what was typed.
    assert "Disclosure at school of harm at home" in client.get(new_url).content.decode()
    page = client.get(check_url).content.decode()
    assert "Maisie Ashworth, Noah Ashworth" in page
    response = client.post(check_url)
    step_up = StepUp.objects.get()
    assert response["Location"] == reverse("transitions:step_up_detail", args=[step_up.pk])
    assert step_up.worker_stays_involved is False
    # A second click after the first was sent lands on the step-up, not a second one.
    assert client.post(check_url)["Location"] == reverse("transitions:step_up_detail", args=[step_up.pk])
    assert StepUp.objects.count() == 1
    assert "already waiting" in client.get(new_url).content.decode()


def test_the_lead_is_told_to_close_when_social_care_holds_the_case(case, sign_in):
    step_up = send(case, worker_stays_involved=False)
    services.step_up_decide(user=case["front_door"], step_up=step_up, decision="accepted_for_assessment", reason="x")
    page = sign_in(case["lead"]).get(reverse("transitions:step_up_detail", args=[step_up.pk])).content.decode()
    assert "Close the episode with the reason" in page


def test_a_worker_who_stays_involved_keeps_the_episode_and_access(case, sign_in):
    step_up = send(case, worker_stays_involved=True)
    services.step_up_decide(user=case["front_door"], step_up=step_up, decision="strategy_discussion", reason="x")
    case["episode"].refresh_from_db()
    assert case["episode"].status == EpisodeStatus.OPEN
    client = sign_in(case["lead"])
    page = client.get(reverse("transitions:step_up_detail", args=[step_up.pk])).content.decode()
    assert "Close the episode with the reason" not in page
    assert "the episode stays open" in page
    assert client.get(reverse("transitions:episode", args=[case["episode"].pk])).status_code == 200


def test_the_front_door_list_is_for_the_front_door_scoped_and_bounded(
    case, sign_in, make_user, django_assert_max_num_queries
):
    from earlyhelp.access.models import Restriction
    from earlyhelp.episodes.models import Episode
    from earlyhelp.people.tests.factories import FamilyFactory, FamilyMemberFactory, PersonFactory

    send(case)
    url = reverse("transitions:step_ups")
    assert sign_in(case["lead"]).get(url).status_code == 403
    assert sign_in(case["manager"]).get(url).status_code == 403
    client = sign_in(case["front_door"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Ashworth family" in response.content.decode()
    with django_assert_max_num_queries(25) as first:
        client.get(url)
    for number in range(6):
        other = FamilyFactory(name=f"Test family {number}")
        child = PersonFactory()
        FamilyMemberFactory(family=other, person=child)
        episode = Episode.objects.create(
            reference=f"EH26-X{number:05d}", family=other, opened_at=case["episode"].opened_at, status="open"
        )
        up = StepUp.objects.create(
            reference=f"SU26-X{number}",
            episode=episode,
            reasons="r",
            risks="r",
            requested_by=case["lead"],
            sent_at=case["episode"].opened_at,
        )
        up.children.add(child)
    Restriction.objects.create(family=other, reason="Test", review_due=case["episode"].opened_at.date())
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    page = response.content.decode()
    assert "Test family 0" in page
    assert "Test family 5" not in page  # sealed: not on the front door's access list
    assert page.index("Test family 0") < page.index("Ashworth family")  # oldest first
