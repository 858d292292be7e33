"""Reviews: scheduling, recording, completion, reminders, summaries and the overdue list (R5.1, PS7)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.audit.models import AccessEvent
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.services import StaleEdit
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.plans.models import PlanOutcome, PlanStatus
from earlyhelp.plans.services import plan_approve
from earlyhelp.reviews import selectors, services
from earlyhelp.reviews.models import Progress, Review, ReviewDecision, ReviewStatus
from earlyhelp.reviews.services import Rating, ReviewData

TODAY = datetime.date(2027, 1, 13)  # a Wednesday


def _second_outcome(case: dict[str, Any]) -> PlanOutcome:
    return PlanOutcome.objects.create(plan=case["plan"], child=case["noah"], what_must_change="Noah sleeps well")


def _review(case: dict[str, Any], *, number: int = 1, due_on: datetime.date | None = None) -> Review:
    return Review.objects.create(episode=case["episode"], number=number, due_on=due_on or timezone.localdate())


def _data(case: dict[str, Any], progress: str = Progress.GOOD, **extra: Any) -> ReviewData:
    values: dict[str, Any] = {
        "held_on": datetime.date(2027, 1, 10),
        "meeting_id": None,
        "child_views": "Maisie says school is better",
        "family_views": "Rachel feels calmer",
        "ratings": {case["plan_outcome"].pk: Rating(progress=progress, impact_evidence="Attendance 94%")},
    }
    values.update(extra)
    return ReviewData(**values)


def _complete(case: dict[str, Any], review: Review, decision: str = ReviewDecision.CONTINUE, progress: str = "good"):
    saved = services.review_save(user=case["lead"], review=review, data=_data(case, progress), loaded_version=None)
    return services.review_complete(
        user=case["lead"], review=saved, decision=decision, reason="Going well", loaded_version=saved.version
    )


# Scheduling


def test_first_approval_schedules_review_1_and_later_approvals_do_not(case):
    plan = case["plan"]
    plan.status = PlanStatus.SUBMITTED
    plan.save()
    approved = plan_approve(user=case["manager"], plan=plan, approve=True, comment="")
    review = Review.objects.get(episode=case["episode"])
    assert review.number == 1
    assert review.status == ReviewStatus.SCHEDULED
    assert review.due_on == timezone.localdate(approved.first_approved_at) + datetime.timedelta(days=42)
    assert services.review_schedule_first(episode=case["episode"], approved_at=timezone.now()) is None
    assert Review.objects.filter(episode=case["episode"]).count() == 1


@pytest.mark.parametrize(
    ("decision", "scheduled"),
    [
        (ReviewDecision.CONTINUE, True),
        (ReviewDecision.AMEND_PLAN, True),
        (ReviewDecision.STEP_UP, True),
        (ReviewDecision.CLOSE, False),
        (ReviewDecision.STEP_DOWN, False),
    ],
)
def test_completing_schedules_the_next_unless_early_help_ends(case, decision, scheduled):
    review = _complete(case, _review(case), decision)
    assert review.status == ReviewStatus.COMPLETED
    assert review.completed_at is not None
    following = Review.objects.filter(episode=case["episode"], number=2).first()
    if scheduled:
        assert following is not None
        assert following.due_on == datetime.date(2027, 1, 10) + datetime.timedelta(days=42)
    else:
        assert following is None


def test_completion_writes_the_chronology_line(case):
    _second_outcome(case)
    review = _review(case)
    data = _data(case)
    data.ratings[PlanOutcome.objects.get(what_must_change="Noah sleeps well").pk] = Rating("no_change", "Still up")
    saved = services.review_save(user=case["lead"], review=review, data=data, loaded_version=None)
    services.review_complete(user=case["lead"], review=saved, decision="continue", reason="OK", loaded_version=None)
    line = ChronologyEntry.objects.get(kind=ChronologyKind.REVIEW)
    assert line.summary == "Review 1: progress on 1 of 2 outcomes; decision: continue"


# Completion refused, drafts, conflicts, double submits


def test_completion_refused_listing_what_is_missing(case):
    _second_outcome(case)
    review = _review(case)
    data = _data(case, child_views="", ratings={case["plan_outcome"].pk: Rating(progress="good")})
    saved = services.review_save(user=case["lead"], review=review, data=data, loaded_version=None)
    with pytest.raises(ValidationError) as refused:
        services.review_complete(user=case["lead"], review=saved, decision="continue", reason="x", loaded_version=None)
    messages = refused.value.messages
    maisie = case["maisie"].display_name
    assert f"Enter what is different for {maisie} (“Maisie goes to school every day”), and how we know" in messages
    assert any("Noah sleeps well" in m and m.startswith("Select the progress") for m in messages)
    assert "Enter the children's views" in messages
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.IN_PROGRESS
    assert not ChronologyEntry.objects.filter(kind=ChronologyKind.REVIEW).exists()


def test_a_draft_keeps_partial_answers(case):
    review = _review(case)
    data = _data(case, family_views="", ratings={case["plan_outcome"].pk: Rating(progress="some")})
    saved = services.review_save(user=case["lead"], review=review, data=data, loaded_version=review.version)
    assert saved.status == ReviewStatus.IN_PROGRESS
    rating = saved.outcome_ratings.get()
    assert (rating.progress, rating.impact_evidence) == ("some", "")
    assert saved.version == review.version + 1


def test_a_stale_version_is_a_conflict(case):
    review = _review(case)
    services.review_save(user=case["lead"], review=review, data=_data(case), loaded_version=review.version)
    with pytest.raises(StaleEdit):
        services.review_save(user=case["manager"], review=review, data=_data(case), loaded_version=review.version)


def test_a_double_submit_completes_once_and_schedules_one_review(case):
    review = _review(case)
    saved = services.review_save(user=case["lead"], review=review, data=_data(case), loaded_version=None)
    for _ in range(2):
        services.review_complete(
            user=case["lead"], review=saved, decision="continue", reason="OK", loaded_version=saved.version
        )
    assert Review.objects.filter(episode=case["episode"]).count() == 2
    assert ChronologyEntry.objects.filter(kind=ChronologyKind.REVIEW).count() == 1


def test_a_partner_may_not_save_a_review(case):
    with pytest.raises(PermissionDenied):
        services.review_save(user=case["nurse"], review=_review(case), data=_data(case), loaded_version=None)


# Pages


def test_record_page_saves_a_draft_then_continues_to_the_decision(case, sign_in, django_assert_max_num_queries):
    review = _review(case)
    client = sign_in(case["lead"])
    url = reverse("reviews:record", args=[case["episode"].pk, review.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "What is different for" in page.content.decode()
    assert "stage=review" in page.content.decode()
    prefix = f"outcome-{case['plan_outcome'].pk}"
    draft = client.post(url, {"version": review.version, "action": "draft", f"{prefix}-progress": "good"})
    assert draft.status_code == 302
    assert draft["Location"] == reverse("reviews:list", args=[case["episode"].pk])
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    # Continuing needs every answer: the errors are listed in the error summary.
    refused = client.post(url, {"version": review.version, "action": "continue"})
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    assert "Enter the children&#x27;s views" in refused.content.decode()
    answers = {
        "version": review.version,
        "action": "continue",
        "held_on_day": "10",
        "held_on_month": "1",
        "held_on_year": "2027",
        "meeting": str(case["meeting"].pk),
        "child_views": "Better",
        "family_views": "Calmer",
        f"{prefix}-progress": "good",
        f"{prefix}-impact_evidence": "Attendance 94%",
    }
    done = client.post(url, answers)
    assert done.status_code == 302
    decide = reverse("reviews:decide", args=[case["episode"].pk, review.pk])
    assert done["Location"] == decide
    review.refresh_from_db()
    # The stale version from before is a conflict, with the answers kept.
    stale = client.post(url, {**answers, "version": review.version - 1})
    assert "Someone else changed this review" in stale.content.decode()
    completed = client.post(decide, {"version": review.version, "decision": "step_up", "decision_reason": "Risk"})
    assert completed.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED
    assert review.meeting == case["meeting"]
    shown = client.get(decide)
    assert shown.status_code == 200
    with django_assert_max_num_queries(30):
        listing = client.get(reverse("reviews:list", args=[case["episode"].pk]))
    assert "Review 1" in listing.content.decode()


def test_decision_page_refuses_when_answers_are_missing(case, sign_in):
    review = _review(case)
    client = sign_in(case["lead"])
    decide = reverse("reviews:decide", args=[case["episode"].pk, review.pk])
    response = client.post(decide, {"version": review.version, "decision": "continue", "decision_reason": "OK"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the date the review was held" in body
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.SCHEDULED


def test_list_shows_overdue_tag_and_hides_readings_from_partners(case, sign_in):
    _review(case, due_on=timezone.localdate() - datetime.timedelta(days=3))
    url = reverse("reviews:list", args=[case["episode"].pk])
    lead_page = sign_in(case["lead"]).get(url).content.decode()
    assert "Overdue" in lead_page
    assert "Distance travelled" in lead_page
    partner_page = sign_in(case["nurse"]).get(url).content.decode()
    assert "Overdue" in partner_page
    assert "Distance travelled" not in partner_page


def test_reading_link_returns_to_the_review_with_the_stage_chosen(case, sign_in):
    review = _review(case)
    client = sign_in(case["lead"])
    back = reverse("reviews:record", args=[case["episode"].pk, review.pk])
    add = reverse("outcometools:reading_add", args=[case["episode"].pk])
    chosen = client.post(f"{add}?stage=review&next={back}", {"tool": case["tool"].pk})
    assert chosen.status_code == 302
    assert "stage=review" in chosen["Location"]
    assert "next=" in chosen["Location"]
    scores = client.get(chosen["Location"])
    assert 'value="review" checked' in scores.content.decode() or "checked" in scores.content.decode()
    outside = client.post(f"{add}?next=https://example.com/", {"tool": case["tool"].pk})
    assert "next=" not in outside["Location"]


# Reminders


def test_reminders_are_sent_once_and_the_overdue_notice_once(case, mailoutbox, django_capture_on_commit_callbacks):
    review = _review(case, due_on=datetime.date(2027, 1, 20))  # five working days after TODAY
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_send_reminders(today=TODAY - datetime.timedelta(days=1)) == 0
        assert services.reviews_send_reminders(today=TODAY) == 1
        assert services.reviews_send_reminders(today=TODAY) == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["lead@council.example"]
    assert case["episode"].reference in mailoutbox[0].body
    assert "Ashworth" not in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_send_reminders(today=datetime.date(2027, 1, 20)) == 0
        assert services.reviews_send_reminders(today=datetime.date(2027, 1, 21)) == 1
        assert services.reviews_send_reminders(today=datetime.date(2027, 1, 22)) == 0
    assert len(mailoutbox) == 2
    assert set(mailoutbox[1].to) == {"lead@council.example", "manager@council.example"}
    review.refresh_from_db()
    assert review.reminder_sent_at is not None
    assert review.overdue_notice_sent_at is not None


# Summaries


def test_review_summary_counts_consecutive_reviews_without_progress(case, django_assert_max_num_queries):
    episode = case["episode"]
    empty = selectors.review_summary(episode)
    assert (empty.next_due_on, empty.completed, empty.without_progress_in_a_row) == (None, 0, 0)
    _complete(case, _review(case), progress="no_change")
    second = Review.objects.get(episode=episode, number=2)
    _complete(case, second, progress="good")
    _complete(case, Review.objects.get(episode=episode, number=3), progress="worse")
    _complete(case, Review.objects.get(episode=episode, number=4), progress="no_change")
    with django_assert_max_num_queries(2):
        summary = selectors.review_summary(episode)
    assert summary.completed == 4
    assert summary.without_progress_in_a_row == 2
    assert summary.last_completed is not None
    assert summary.last_completed.number == 4
    assert summary.last_held_on == datetime.date(2027, 1, 10)
    assert summary.next_due_on == datetime.date(2027, 1, 10) + datetime.timedelta(days=42)
    with django_assert_max_num_queries(1):
        many = selectors.review_summaries([episode.pk, 999999])
    assert many[episode.pk] == summary
    assert many[999999].completed == 0


# The overdue list


def _other_episode(team: Any, lead: Any, number: int) -> Episode:
    family = FamilyFactory(name=f"Testfamily{number}")
    Involvement.objects.create(family=family, team=team, kind=InvolvementKind.TEAM_ALLOCATION, source="test")
    Involvement.objects.create(family=family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER, source="test")
    return Episode.objects.create(
        reference=f"EH26-T{number:05d}",
        family=family,
        status=EpisodeStatus.OPEN,
        opened_at=timezone.now(),
        team=team,
        lead_practitioner=lead,
    )


def test_overdue_list_is_scoped_and_bounded(case, sign_in, make_user, council, django_assert_max_num_queries):
    other_team = TeamFactory(agency=council, name="Early Help South")
    _review(case, due_on=timezone.localdate() - datetime.timedelta(days=7))
    other = _other_episode(other_team, make_user(roles.PRACTITIONER), 2)
    Review.objects.create(episode=other, number=1, due_on=timezone.localdate() - datetime.timedelta(days=7))
    url = reverse("reviews:overdue")
    manager_page = sign_in(case["manager"]).get(url)
    assert manager_page.status_code == 200
    body = manager_page.content.decode()
    assert "EH26-T00001" in body
    assert "EH26-T00002" not in body
    assert AccessEvent.objects.filter(user=case["manager"]).count() == 1
    south_manager = make_user(roles.TEAM_MANAGER, team=other_team)
    client = sign_in(south_manager)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for number in range(2, 8):
        extra = _other_episode(other_team, south_manager, 100 + number)
        Review.objects.create(episode=extra, number=1, due_on=timezone.localdate())
    with django_assert_max_num_queries(len(few.captured_queries)):
        many = client.get(url)
    assert many.content.decode().count("EH26-T0") == 7
    assert sign_in(make_user(roles.FRONT_DOOR)).get(url).status_code == 403
