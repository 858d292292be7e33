"""Closure with per-need outcomes, manager approval, the family's feedback, reopening and follow-up checks."""

from __future__ import annotations

import datetime
import hashlib
import html
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.access.policy import family_relationship
from earlyhelp.closures import selectors, services
from earlyhelp.closures.models import (
    Closure,
    ClosureReason,
    ClosureStatus,
    FamilyFeedback,
    FeedbackRequest,
    FollowUpCheck,
    NeedOutcome,
)
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus, Reevaluation
from earlyhelp.episodes.services import StaleEdit
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.frontdoor.models import RequestPerson, RequestSource, RequestStatus, SupportRequest
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.transitions.models import StepUp

NON_ENGAGEMENT_REFUSED = "You cannot close for non-engagement"


def signed_in(user: Any) -> Client:
    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    lead = make_user(roles.PRACTITIONER, email="lead@example.test")
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    nurse = make_user(roles.PRACTITIONER, agency=school, email="nurse@example.test")
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    areas = list(NeedArea.objects.filter(active=True).order_by("order")[:2])
    now = timezone.now()
    needs = [
        EpisodeNeed.objects.create(
            episode=ctx["episode"], area=area, description="Test need", identified_at=now, identified_by=lead
        )
        for area in areas
    ]
    return {**ctx, "lead": lead, "manager": manager, "nurse": nurse, "needs": needs, "team": team}


def ready_closure(case: dict[str, Any], reason: str = ClosureReason.OUTCOMES_ACHIEVED) -> Closure:
    lead = case["lead"]
    closure = services.closure_start(user=lead, episode=case["episode"])
    services.closure_reason_save(user=lead, closure=closure, reason=reason)
    services.closure_outcomes_save(
        user=lead,
        closure=closure,
        outcomes=[services.NeedOutcomeInput(n.pk, "some", "Attendance up to 93%") for n in case["needs"]],
    )
    return services.closure_summary_save(user=lead, closure=closure, summary="Maisie goes to school most days.")


def approved(case: dict[str, Any]) -> Closure:
    closure = services.closure_submit(user=case["lead"], closure=ready_closure(case))
    return services.closure_decide(user=case["manager"], closure=closure, approve=True)


# Reason


def test_non_engagement_is_refused_without_a_reevaluation_deciding_close(case):
    closure = services.closure_start(user=case["lead"], episode=case["episode"])
    with pytest.raises(ValidationError, match=NON_ENGAGEMENT_REFUSED):
        services.closure_reason_save(user=case["lead"], closure=closure, reason=ClosureReason.NON_ENGAGEMENT)
    response = signed_in(case["lead"]).post(
        reverse("closures:reason", args=[case["episode"].pk]),
        {"reason": ClosureReason.NON_ENGAGEMENT, "version": closure.version},
    )
    assert response.status_code == 200
    assert NON_ENGAGEMENT_REFUSED in response.content.decode()


def test_non_engagement_is_allowed_after_the_front_door_decides_close(case):
    Reevaluation.objects.filter(pk=case["reevaluation"].pk).update(
        result=Reevaluation.Result.CLOSE, decided_at=timezone.now(), rationale="Every chance given"
    )
    closure = services.closure_start(user=case["lead"], episode=case["episode"])
    saved = services.closure_reason_save(user=case["lead"], closure=closure, reason=ClosureReason.NON_ENGAGEMENT)
    assert saved.reason == ClosureReason.NON_ENGAGEMENT


def test_other_reasons_need_detail(case):
    response = signed_in(case["lead"]).post(
        reverse("closures:reason", args=[case["episode"].pk]), {"reason": ClosureReason.MOVED_AREA}
    )
    assert "Enter more detail about why the episode is closing" in response.content.decode()
    assert not Closure.objects.exists()


def test_the_reason_page_starts_one_draft_closure(case):
    browser = signed_in(case["lead"])
    url = reverse("closures:reason", args=[case["episode"].pk])
    assert browser.post(url, {"reason": ClosureReason.OUTCOMES_ACHIEVED}).status_code == 302
    closure = Closure.objects.get()
    assert closure.status == ClosureStatus.DRAFT
    assert closure.reason == ClosureReason.OUTCOMES_ACHIEVED
    # A stale version is a conflict, not an overwrite.
    response = browser.post(url, {"reason": ClosureReason.FAMILY_DECLINED, "version": closure.version - 1})
    assert "Someone else changed this closure" in response.content.decode()
    assert Closure.objects.get().reason == ClosureReason.OUTCOMES_ACHIEVED


# Outcomes per need


def test_every_need_needs_an_outcome_and_evidence(case):
    first, second = case["needs"]
    closure = services.closure_start(user=case["lead"], episode=case["episode"])
    with pytest.raises(ValidationError, match="Select the outcome for"):
        services.closure_outcomes_save(
            user=case["lead"], closure=closure, outcomes=[services.NeedOutcomeInput(first.pk, "some", "Better")]
        )
    with pytest.raises(ValidationError, match="Enter the evidence for"):
        services.closure_outcomes_save(
            user=case["lead"],
            closure=closure,
            outcomes=[services.NeedOutcomeInput(n.pk, "some", " ") for n in case["needs"]],
        )
    response = signed_in(case["lead"]).post(
        reverse("closures:outcomes", args=[case["episode"].pk]),
        {f"improvement_{first.pk}": "some", f"evidence_{first.pk}": "Better", "version": closure.version},
    )
    assert response.status_code == 200
    assert f"Select the outcome for {second.area.label.lower()}" in html.unescape(response.content.decode())
    assert not NeedOutcome.objects.exists()


def test_the_outcomes_page_shows_each_areas_descriptors_and_saves(case):
    first, _second = case["needs"]
    browser = signed_in(case["lead"])
    url = reverse("closures:outcomes", args=[case["episode"].pk])
    page = browser.get(url).content.decode()
    assert first.area.descriptor_significant.split("\n")[0][:30] in page
    data = {}
    for need in case["needs"]:
        data[f"improvement_{need.pk}"] = "significant"
        data[f"evidence_{need.pk}"] = "School report"
    assert browser.post(url, data).status_code == 302
    assert NeedOutcome.objects.filter(improvement="significant").count() == 2


def test_no_needs_says_so(case):
    EpisodeNeed.objects.all().delete()
    page = signed_in(case["lead"]).get(reverse("closures:outcomes", args=[case["episode"].pk])).content.decode()
    assert "No needs have been identified" in page


# Sending for approval and the decision


def test_sending_for_approval_lists_what_is_missing(case):
    closure = services.closure_start(user=case["lead"], episode=case["episode"])
    with pytest.raises(ValidationError) as error:
        services.closure_submit(user=case["lead"], closure=closure)
    assert "Select why the episode is closing" in error.value.messages
    assert "Enter what changed for each child and what the family said" in error.value.messages
    response = signed_in(case["lead"]).post(
        reverse("closures:check", args=[case["episode"].pk]), {"version": closure.version}
    )
    assert "Select why the episode is closing" in response.content.decode()


def test_submit_with_a_stale_version_is_a_conflict(case):
    closure = ready_closure(case)
    with pytest.raises(StaleEdit):
        services.closure_submit(user=case["lead"], closure=closure, loaded_version=closure.version - 1)


def test_approval_closes_the_episode_and_schedules_the_checks(case):
    closure = services.closure_submit(user=case["lead"], closure=ready_closure(case))
    assert selectors.closure_task(case["episode"]) == ("Waiting for approval", "waiting")
    response = signed_in(case["manager"]).post(
        reverse("closures:decide", args=[case["episode"].pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    closure.refresh_from_db()
    episode = Episode.objects.get(pk=case["episode"].pk)
    assert closure.status == ClosureStatus.APPROVED
    assert closure.decided_by == case["manager"]
    assert episode.status == EpisodeStatus.CLOSED
    assert episode.closure_reason == ClosureReason.OUTCOMES_ACHIEVED
    closed_on = timezone.localdate(episode.closed_at)
    checks = {c.months: c.due_on for c in FollowUpCheck.objects.filter(closure=closure)}
    assert checks == {6: services.add_months(closed_on, 6), 12: services.add_months(closed_on, 12)}
    assert selectors.approved_closure(episode) == closure
    assert selectors.current_closure(episode) is None
    assert selectors.closure_task(episode) == ("Closed", "done")


def test_add_months_clamps_to_the_end_of_the_month():
    assert services.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert services.add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)
    assert services.add_months(datetime.date(2026, 11, 24), 12) == datetime.date(2027, 11, 24)


def test_returning_needs_a_comment_and_makes_it_editable_again(case):
    closure = services.closure_submit(user=case["lead"], closure=ready_closure(case))
    browser = signed_in(case["manager"])
    url = reverse("closures:decide", args=[case["episode"].pk])
    response = browser.post(url, {"decision": "return"})
    assert "Enter what needs to change" in response.content.decode()
    with pytest.raises(ValidationError):
        services.closure_decide(user=case["manager"], closure=closure, approve=False, comment="")
    assert browser.post(url, {"decision": "return", "comment": "Add Noah's school report"}).status_code == 302
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.RETURNED
    assert closure.manager_comment == "Add Noah's school report"
    assert Episode.objects.get(pk=case["episode"].pk).is_open
    services.closure_summary_save(user=case["lead"], closure=closure, summary="Now with Noah's report")


def test_the_lead_cannot_approve(case):
    closure = services.closure_submit(user=case["lead"], closure=ready_closure(case))
    with pytest.raises(PermissionDenied):
        services.closure_decide(user=case["lead"], closure=closure, approve=True)


def test_the_closure_page_shows_the_task_list_in_bounded_queries(case, django_assert_max_num_queries):
    closure = ready_closure(case)
    browser = signed_in(case["manager"])
    url = reverse("closures:closure", args=[case["episode"].pk])
    browser.get(url)
    with django_assert_max_num_queries(40) as few:
        assert browser.get(url).status_code == 200
    for area in NeedArea.objects.filter(active=True).exclude(episode_needs__episode=case["episode"])[:5]:
        need = EpisodeNeed.objects.create(
            episode=case["episode"],
            area=area,
            description="x",
            identified_at=timezone.now(),
            identified_by=case["lead"],
        )
        NeedOutcome.objects.create(closure=closure, need=need, improvement="some", evidence="x")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = browser.get(url)
    assert "Send for approval" in response.content.decode()


# Family feedback


def test_the_feedback_token_is_stored_hashed_and_answers_once(case):
    closure = ready_closure(case)
    link = services.feedback_link_create(user=case["lead"], closure=closure, email="parent@example.test")
    stored = FeedbackRequest.objects.get()
    assert stored.token_hash == hashlib.sha256(link.token.encode()).hexdigest()
    assert link.token not in stored.token_hash
    url = reverse("feedback:questionnaire", args=[link.token])
    public = Client()
    page = public.get(url)
    assert page.status_code == 200
    assert "Tell us about the help your family had" in page.content.decode()
    assert "Ashworth" not in page.content.decode()
    assert "Maisie" not in page.content.decode()
    answers = {"respondent": "parent", "helped": "a_lot", "listened_to": "a_little", "children_better": "a_lot"}
    assert public.post(url, answers).status_code == 302
    assert FamilyFeedback.objects.count() == 1
    again = public.post(url, answers)
    assert again.status_code == 404
    assert "This link has expired or has already been used" in again.content.decode()
    assert FamilyFeedback.objects.count() == 1
    summary = signed_in(case["lead"]).get(reverse("closures:closure", args=[case["episode"].pk])).content.decode()
    assert "What the family said" in summary
    assert "A parent or carer" in summary


def test_the_feedback_link_page_shows_the_link_once_and_emails_only_the_link(case, django_capture_on_commit_callbacks):
    browser = signed_in(case["lead"])
    url = reverse("closures:feedback_link", args=[case["episode"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url, {"email": "parent@example.test"})
    assert response.status_code == 200
    assert "/feedback/" in response.content.decode()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"{settings.SITE_URL}/feedback/" in body
    assert "Ashworth" not in body
    assert "Maisie" not in body
    assert "/feedback/" not in browser.get(url).content.decode()


def test_an_expired_or_unknown_link_is_404(case):
    closure = ready_closure(case)
    link = services.feedback_link_create(user=case["lead"], closure=closure)
    FeedbackRequest.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    for token in (link.token, "not-a-real-token"):
        response = Client().get(reverse("feedback:questionnaire", args=[token]))
        assert response.status_code == 404
        assert "This link has expired or has already been used" in response.content.decode()


def test_the_questionnaire_needs_each_answer(case):
    link = services.feedback_link_create(user=case["lead"], closure=ready_closure(case))
    response = Client().post(reverse("feedback:questionnaire", args=[link.token]), {"respondent": "child"})
    assert response.status_code == 200
    assert "Select if we listened to you" in response.content.decode()
    assert not FamilyFeedback.objects.exists()


# Reopening


def test_reopening_inside_the_window_restores_the_team_and_the_lead(case):
    closure = approved(case)
    episode = Episode.objects.get(pk=case["episode"].pk)
    browser = signed_in(case["manager"])
    url = reverse("closures:reopen", args=[episode.pk])
    assert browser.get(url).status_code == 200
    assert browser.post(url, {"reason": "Noah's school raised new worries"}).status_code == 302
    episode.refresh_from_db()
    closure.refresh_from_db()
    assert episode.status == EpisodeStatus.OPEN
    assert episode.closed_at is None
    assert closure.reopened_by == case["manager"]
    assert closure.reopen_reason == "Noah's school raised new worries"
    source = f"episode:{episode.pk}"
    current = Involvement.objects.current().filter(source=source, ended_at__isnull=True)
    assert set(current.values_list("kind", flat=True)) == {
        InvolvementKind.TEAM_ALLOCATION,
        InvolvementKind.LEAD_PRACTITIONER,
    }
    assert ChronologyEntry.objects.filter(episode=episode, kind=ChronologyKind.REOPENED).count() == 1
    assert selectors.approved_closure(episode) is None


def test_reopening_after_the_window_sends_to_the_front_door(case, settings):
    approved(case)
    Episode.objects.filter(pk=case["episode"].pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=settings.REOPEN_WINDOW_DAYS + 1)
    )
    browser = signed_in(case["manager"])
    url = reverse("closures:reopen", args=[case["episode"].pk])
    assert "Make a new request for support" in browser.get(url).content.decode()
    browser.post(url, {"reason": "Too late"})
    assert Episode.objects.get(pk=case["episode"].pk).status == EpisodeStatus.CLOSED
    with pytest.raises(ValidationError):
        services.closure_reopen(user=case["manager"], episode=case["episode"], reason="Too late")


def test_reopening_is_refused_while_another_episode_is_open(case):
    approved(case)
    Episode.objects.create(
        reference="EH26-T00777", family=case["episode"].family, status=EpisodeStatus.OPEN, opened_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="another episode open"):
        services.closure_reopen(user=case["manager"], episode=case["episode"], reason="New worries")


def test_only_a_manager_of_the_team_may_reopen(case, make_user):
    approved(case)
    other_manager = make_user(roles.TEAM_MANAGER)
    for user in (case["lead"], other_manager):
        assert signed_in(user).get(reverse("closures:reopen", args=[case["episode"].pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            services.closure_reopen(user=user, episode=case["episode"], reason="x")


# Follow-up checks


def _request_naming(child: Any, at: datetime.datetime, reference: str) -> SupportRequest:
    request = SupportRequest.objects.create(
        reference=reference, source=RequestSource.values[0], status=RequestStatus.NEW, submitted_at=at
    )
    RequestPerson.objects.create(
        request=request, is_child=True, first_name="Test", last_name="Child", matched_person=child
    )
    return request


def test_the_six_month_check_finds_a_new_request_naming_a_child(case):
    closure = approved(case)
    episode = Episode.objects.get(pk=case["episode"].pk)
    _request_naming(case["maisie"], episode.closed_at - datetime.timedelta(days=1), "R26-000001")  # before: not
    _request_naming(case["noah"], episode.closed_at + datetime.timedelta(days=30), "R26-000123")
    six = FollowUpCheck.objects.get(closure=closure, months=6)
    assert services.follow_ups_run(today=six.due_on - datetime.timedelta(days=1)) == 0
    assert services.follow_ups_run(today=six.due_on) == 1
    six.refresh_from_db()
    assert six.came_back is True
    assert six.new_requests == ["R26-000123"]
    assert six.checked_at is not None
    line = ChronologyEntry.objects.get(episode=episode, kind=ChronologyKind.FOLLOW_UP)
    assert line.summary == "Six-month check: 1 new request (R26-000123)"
    # Idempotent: a second run does nothing more.
    assert services.follow_ups_run(today=six.due_on) == 0
    assert ChronologyEntry.objects.filter(episode=episode, kind=ChronologyKind.FOLLOW_UP).count() == 1


def test_the_twelve_month_check_finds_a_new_episode_and_step_up(case):
    closure = approved(case)
    episode = Episode.objects.get(pk=case["episode"].pk)
    later = Episode.objects.create(
        reference="EH26-T00555",
        family=episode.family,
        status=EpisodeStatus.OPEN,
        opened_at=episode.closed_at + datetime.timedelta(days=100),
    )
    StepUp.objects.create(
        reference="SU26-1",
        episode=later,
        reasons="r",
        risks="r",
        requested_by=case["lead"],
        sent_at=episode.closed_at + datetime.timedelta(days=120),
    )
    twelve = FollowUpCheck.objects.get(closure=closure, months=12)
    assert services.follow_ups_run(today=twelve.due_on) == 2  # the six-month one is due too
    twelve.refresh_from_db()
    assert twelve.came_back is True
    assert twelve.new_episodes == ["EH26-T00555"]
    assert twelve.new_step_ups == ["SU26-1"]
    summaries = set(
        ChronologyEntry.objects.filter(episode=episode, kind=ChronologyKind.FOLLOW_UP).values_list(
            "summary", flat=True
        )
    )
    assert "Twelve-month check: 1 new episode (EH26-T00555); 1 new step-up (SU26-1)" in summaries


def test_nothing_found_means_did_not_come_back(case):
    closure = approved(case)
    six = FollowUpCheck.objects.get(closure=closure, months=6)
    services.follow_ups_run(today=six.due_on)
    six.refresh_from_db()
    assert six.came_back is False
    assert six.new_requests == []
    assert six.new_episodes == []
    assert ChronologyEntry.objects.filter(
        kind=ChronologyKind.FOLLOW_UP, summary="Six-month check: no new request, episode or step-up"
    ).exists()


def test_the_follow_up_list_is_for_managers_and_bounded(case, make_user, django_assert_max_num_queries):
    closure = approved(case)
    services.follow_ups_run(today=FollowUpCheck.objects.get(closure=closure, months=6).due_on)
    assert signed_in(case["lead"]).get(reverse("closures:follow_ups")).status_code == 403
    browser = signed_in(case["manager"])
    url = reverse("closures:follow_ups")
    browser.get(url)
    with django_assert_max_num_queries(30) as few:
        response = browser.get(url)
    assert "Did not come back" in response.content.decode()
    for n in range(5):
        family = FamilyFactory(name=f"Test family {n}")
        other = Episode.objects.create(
            reference=f"EH26-T009{n}",
            family=family,
            status=EpisodeStatus.CLOSED,
            opened_at=timezone.now(),
            closed_at=timezone.now(),
            team=case["team"],
        )
        other_closure = Closure.objects.create(episode=other, requested_by=case["lead"], status="approved")
        FollowUpCheck.objects.create(closure=other_closure, episode=other, months=6, due_on=timezone.localdate())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = browser.get(url)
    assert "Test family 4" in response.content.decode()
    # Another team's manager sees none of them.
    outsider = make_user(roles.TEAM_MANAGER)
    assert "Test family" not in signed_in(outsider).get(url).content.decode()


def test_the_real_flow_ends_access_on_approval_and_reopening_gives_it_back(case):
    """With involvements made by allocation (source "episode:<pk>"), closing ends them and reopening restores
    the lead's and the team's; the manager can reopen although their read access is only the read-only one."""
    episode = case["episode"]
    Involvement.objects.filter(family=episode.family).update(source=f"episode:{episode.pk}")
    closure = services.closure_submit(user=case["lead"], closure=ready_closure(case))
    response = signed_in(case["manager"]).post(reverse("closures:decide", args=[episode.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert response.url == reverse("episodes:detail", args=[episode.pk])
    lead_relationship = family_relationship(case["lead"], episode.family_id)
    assert not lead_relationship.is_lead
    assert not family_relationship(case["manager"], episode.family_id).manages
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.APPROVED
    browser = signed_in(case["manager"])
    assert browser.post(reverse("closures:reopen", args=[episode.pk]), {"reason": "New worries"}).status_code == 302
    assert family_relationship(case["lead"], episode.family_id).is_lead
    assert family_relationship(case["manager"], episode.family_id).manages


def test_starting_from_the_task_list_makes_one_draft(case):
    browser = signed_in(case["lead"])
    url = reverse("closures:closure", args=[case["episode"].pk])
    assert "Start closing the episode" in browser.get(url).content.decode()
    browser.post(url)
    browser.post(url)
    assert Closure.objects.filter(episode=case["episode"]).count() == 1
    assert selectors.closure_task(case["episode"]) == ("In progress", "in_progress")
    assert signed_in(case["nurse"]).post(url).status_code == 404
