"""Reads of reviews. Pages inside an episode open it (and log the access) through
`earlyhelp.episodes.selectors.access_episode`; the overdue list logs its own list event."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.policy import families_visible
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.organisations.models import PractitionerProfile
from earlyhelp.outcometools.models import Reading
from earlyhelp.plans.models import PlanOutcome, TafMeeting
from earlyhelp.reviews.models import PROGRESSING, Review, ReviewOutcome, ReviewStatus
from earlyhelp.timescales import add_working_days, working_days_between

OVERDUE_PAGE_SIZE = 25
COMPLETED_PAGE_SIZE = 20


def live_plan_outcomes(episode: Episode) -> list[PlanOutcome]:
    """The plan's current outcomes, grouped by child (the whole family's last), in the plan's order."""
    outcomes = (
        PlanOutcome.objects.live()
        .filter(plan__episode=episode, plan__archived_at__isnull=True)
        .select_related("child")
        .order_by("order", "pk")
    )
    return sorted(outcomes, key=lambda o: (o.child is None, o.child.display_name if o.child else "", o.child_id or 0))


def outcome_subject(outcome: PlanOutcome) -> str:
    """Who the outcome is about, inside a sentence: the child's name, or "the family"."""
    return outcome.child.display_name if outcome.child is not None else "the family"


def review_in_episode(*, episode_id: int, review_id: int) -> Review:
    review = Review.objects.live().filter(pk=review_id, episode_id=episode_id).first()
    if review is None:
        raise Http404
    return review


def review_missing(review: Review) -> list[str]:
    """What must be recorded before the review can be completed, as GOV.UK error messages."""
    missing = []
    if review.held_on is None:
        missing.append("Enter the date the review was held")
    ratings = {rating.plan_outcome_id: rating for rating in review.outcome_ratings.all()}
    for outcome in live_plan_outcomes(review.episode):
        rating = ratings.get(outcome.pk)
        what = f"“{outcome.what_must_change[:60]}”"
        if rating is None or not rating.progress:
            missing.append(f"Select the progress on {what}")
        if rating is None or not rating.impact_evidence.strip():
            missing.append(f"Enter what is different for {outcome_subject(outcome)} ({what}), and how we know")
    if not review.child_views.strip():
        missing.append("Enter the children's views")
    if not review.family_views.strip():
        missing.append("Enter the family's views")
    return missing


@dataclass(frozen=True)
class OutcomeRow:
    outcome: PlanOutcome
    rating: ReviewOutcome | None


def review_outcome_rows(review: Review) -> list[OutcomeRow]:
    """Each live plan outcome with the rating this review gave it (None if not yet rated). Two queries."""
    ratings = {rating.plan_outcome_id: rating for rating in review.outcome_ratings.all()}
    return [OutcomeRow(outcome=o, rating=ratings.get(o.pk)) for o in live_plan_outcomes(review.episode)]


def episode_meetings(episode: Episode) -> list[TafMeeting]:
    return list(TafMeeting.objects.live().filter(episode=episode).order_by("-held_on", "-pk"))


def readings_since_last_review(review: Review) -> list[Reading]:
    """Outcome tool readings taken since the review before this one was held (all of them for the first)."""
    previous = (
        Review.objects.live()
        .filter(episode_id=review.episode_id, status=ReviewStatus.COMPLETED, number__lt=review.number)
        .order_by("-number")
        .values_list("held_on", flat=True)
        .first()
    )
    readings = Reading.objects.live().filter(episode_id=review.episode_id).select_related("tool", "person")
    if previous is not None:
        readings = readings.filter(taken_on__gt=previous)
    return list(readings.order_by("taken_on", "pk"))


# The schedule of an episode, and summaries for the manager dashboard.


@dataclass(frozen=True)
class ReviewSummary:
    next_due_on: datetime.date | None
    overdue: bool
    completed: int
    last_completed: Review | None
    last_held_on: datetime.date | None
    without_progress_in_a_row: int


def _with_progress(reviews: QuerySet[Review]) -> QuerySet[Review]:
    return reviews.annotate(
        progressing=Count("outcome_ratings", filter=Q(outcome_ratings__progress__in=list(PROGRESSING)))
    )


def _summarise(reviews: list[Any], today: datetime.date) -> ReviewSummary:
    """`reviews` are one episode's live reviews, newest first, annotated with `progressing`."""
    pending = next((r for r in reviews if r.status != ReviewStatus.COMPLETED), None)
    completed = [r for r in reviews if r.status == ReviewStatus.COMPLETED]
    in_a_row = 0
    for review in completed:
        if review.progressing:
            break
        in_a_row += 1
    last = completed[0] if completed else None
    return ReviewSummary(
        next_due_on=pending.due_on if pending else None,
        overdue=pending is not None and pending.due_on < today,
        completed=len(completed),
        last_completed=last,
        last_held_on=last.held_on if last else None,
        without_progress_in_a_row=in_a_row,
    )


def review_summary(episode: Episode) -> ReviewSummary:
    """The episode's review figures in one query. "Without progress": a completed review where no outcome was
    rated some, good progress or achieved."""
    reviews = list(_with_progress(Review.objects.live().filter(episode=episode)).order_by("-number"))
    return _summarise(reviews, timezone.localdate())


def review_summaries(episode_ids: list[int]) -> dict[int, ReviewSummary]:
    """review_summary for many episodes in one query; every id asked for has a summary."""
    grouped: dict[int, list[Any]] = {episode_id: [] for episode_id in episode_ids}
    reviews = _with_progress(Review.objects.live().filter(episode_id__in=episode_ids)).order_by(
        "episode_id", "-number"
    )
    for review in reviews:
        grouped[review.episode_id].append(review)
    today = timezone.localdate()
    return {episode_id: _summarise(rows, today) for episode_id, rows in grouped.items()}


def completed_reviews(episode: Episode) -> list[Any]:
    """Completed reviews newest first, each with `progressing` and `rated` counts (one query)."""
    return list(
        _with_progress(Review.objects.live().filter(episode=episode, status=ReviewStatus.COMPLETED))
        .annotate(rated=Count("outcome_ratings"))
        .select_related("meeting")
        .order_by("-number")
    )


def pending_review(episode: Episode) -> Review | None:
    return Review.objects.live().filter(episode=episode).exclude(status=ReviewStatus.COMPLETED).first()


# The overdue list.


@dataclass(frozen=True)
class OverdueRow:
    review: Review
    working_days_overdue: int


def _due_soon_cutoff(today: datetime.date) -> datetime.date:
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    return timezone.localdate(add_working_days(start, settings.REVIEW_REMINDER_WORKING_DAYS))


def _overdue_scope(user: Any) -> Q:
    held = roles.user_roles(user)
    scope = Q(episode__lead_practitioner_id=user.pk)
    profile = PractitionerProfile.objects.filter(user_id=user.pk).first()
    if profile is not None and profile.team_id and roles.TEAM_MANAGER in held:
        scope |= Q(episode__team_id=profile.team_id)
    if profile is not None and roles.SERVICE_MANAGER in held:
        scope |= Q(episode__team__agency_id=profile.agency_id)
    return scope


def access_reviews_due_page(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """Reviews overdue or due within the reminder window for this user: a lead practitioner's own episodes, a
    team manager's team, a service manager's agency's teams; most overdue first. One list access event."""
    user: Any = request.user
    if not roles.has_role(user, roles.PRACTITIONER, roles.TEAM_MANAGER, roles.SERVICE_MANAGER):
        raise PermissionDenied
    today = timezone.localdate()
    reviews = (
        Review.objects.live()
        .filter(
            _overdue_scope(user),
            due_on__lte=_due_soon_cutoff(today),
            episode__status=EpisodeStatus.OPEN,
            episode__archived_at__isnull=True,
            episode__family__in=families_visible(user),
        )
        .exclude(status=ReviewStatus.COMPLETED)
        .select_related("episode__family", "episode__lead_practitioner", "episode__team")
        .order_by("due_on", "pk")
    )
    page = Paginator(reviews, OVERDUE_PAGE_SIZE).get_page(page_number)
    page.object_list = [
        OverdueRow(review=review, working_days_overdue=max(0, working_days_between(review.due_on, today)))
        for review in page.object_list
    ]
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[row.review.episode.family_id for row in page.object_list],
        query={"list": "Reviews due and overdue"},
    )
    return page
