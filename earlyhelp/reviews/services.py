"""Writes of reviews (R5.1, PS7). Each service checks permission again and owns its transaction.

A review is a row from the moment it is scheduled: the first when the plan is first approved, each next one when
a review is completed (unless the decision ends early help). Saving a review's answers and completing it lock the
review and compare the version the user loaded (optimistic locking).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.core.links import page_link
from earlyhelp.episodes.models import ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.services import check_version, chronology_record
from earlyhelp.organisations.selectors import team_manager_emails
from earlyhelp.plans.models import TafMeeting
from earlyhelp.reviews.models import PROGRESSING, Review, ReviewDecision, ReviewOutcome, ReviewStatus
from earlyhelp.reviews.selectors import live_plan_outcomes, review_missing
from earlyhelp.timescales import working_days_between

# Decisions after which early help ends here: no next review is scheduled.
ENDING_DECISIONS = frozenset({ReviewDecision.CLOSE, ReviewDecision.STEP_DOWN})
DECISION_WORDS = {
    ReviewDecision.CONTINUE: "continue",
    ReviewDecision.AMEND_PLAN: "amend the plan",
    ReviewDecision.STEP_UP: "step up",
    ReviewDecision.STEP_DOWN: "step down to universal services",
    ReviewDecision.CLOSE: "close",
}


@dataclass(frozen=True)
class Rating:
    progress: str = ""
    impact_evidence: str = ""


@dataclass(frozen=True)
class ReviewData:
    held_on: datetime.date | None
    meeting_id: int | None
    child_views: str
    family_views: str
    # plan outcome id -> rating (blank parts allowed in a draft)
    ratings: dict[int, Rating] = field(default_factory=dict)


def _due_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)


def _check_write(user: User, episode: Episode) -> None:
    if not family_relationship(user, episode.family_id).can_write_case:
        raise PermissionDenied
    if not episode.is_open:
        raise ValidationError("This episode is closed.")


def _lock(review: Review, loaded_version: int | None) -> Review:
    locked = Review.objects.select_for_update(of=("self",)).select_related("episode__family").get(pk=review.pk)
    check_version(loaded=loaded_version, current=locked.version)
    return locked


@transaction.atomic
def review_schedule_first(*, episode: Episode, approved_at: datetime.datetime) -> Review | None:
    """Review 1, due REVIEW_INTERVAL_DAYS after the plan was first approved. Nothing if the episode has a review."""
    Episode.objects.select_for_update().filter(pk=episode.pk).first()
    if Review.objects.filter(episode=episode).exists():
        return None
    return Review.objects.create(
        episode=episode, number=1, due_on=_due_after(timezone.localdate(approved_at)), status=ReviewStatus.SCHEDULED
    )


@transaction.atomic
def review_save(*, user: User, review: Review, data: ReviewData, loaded_version: int | None) -> Review:
    """Keep the answers so far (a draft: status in progress). Blank ratings are kept out; the check before
    completion lists what is missing."""
    locked = _lock(review, loaded_version)
    _check_write(user, locked.episode)
    if locked.status == ReviewStatus.COMPLETED:
        raise ValidationError("This review has been completed")
    if (
        data.meeting_id is not None
        and not TafMeeting.objects.live().filter(pk=data.meeting_id, episode_id=locked.episode_id).exists()
    ):
        raise ValidationError({"meeting": "Select a meeting of this Team Around the Family"})
    outcomes = {outcome.pk for outcome in live_plan_outcomes(locked.episode)}
    existing = {rating.plan_outcome_id: rating for rating in locked.outcome_ratings.all()}
    for outcome_id, rating in data.ratings.items():
        if outcome_id not in outcomes:
            continue
        current = existing.get(outcome_id)
        if not rating.progress and not rating.impact_evidence.strip():
            if current is not None:
                current.delete()
            continue
        if current is None:
            ReviewOutcome.objects.create(
                review=locked,
                plan_outcome_id=outcome_id,
                progress=rating.progress,
                impact_evidence=rating.impact_evidence.strip(),
            )
        elif (current.progress, current.impact_evidence) != (rating.progress, rating.impact_evidence.strip()):
            current.progress = rating.progress
            current.impact_evidence = rating.impact_evidence.strip()
            current.save()
    locked.held_on = data.held_on
    locked.meeting_id = data.meeting_id
    locked.child_views = data.child_views.strip()
    locked.family_views = data.family_views.strip()
    locked.status = ReviewStatus.IN_PROGRESS
    locked.recorded_by = user
    locked.version += 1
    locked.save()
    return locked


def _summary(review: Review, decision: str) -> str:
    ratings = list(review.outcome_ratings.all())
    progressing = sum(1 for rating in ratings if rating.progress in PROGRESSING)
    total = len(ratings)
    words = DECISION_WORDS[ReviewDecision(decision)]
    outcomes = "outcome" if total == 1 else "outcomes"
    return f"Review {review.number}: progress on {progressing} of {total} {outcomes}; decision: {words}"


@transaction.atomic
def review_complete(*, user: User, review: Review, decision: str, reason: str, loaded_version: int | None) -> Review:
    """Record the decision and complete the review: refused while an outcome is unrated or its evidence is
    missing, or the date or views are missing. Writes the chronology line and schedules the next review.
    Completing twice (a double submit) does nothing the second time."""
    locked = Review.objects.select_for_update(of=("self",)).select_related("episode__family").get(pk=review.pk)
    if locked.status == ReviewStatus.COMPLETED:
        return locked
    check_version(loaded=loaded_version, current=locked.version)
    _check_write(user, locked.episode)
    errors: dict[str, list[str]] = {}
    if decision not in ReviewDecision.values:
        errors["decision"] = ["Select the decision of the review"]
    if not reason.strip():
        errors["decision_reason"] = ["Enter the reason for the decision"]
    missing = review_missing(locked)
    if missing:
        errors["__all__"] = missing
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    locked.decision = decision
    locked.decision_reason = reason.strip()
    locked.status = ReviewStatus.COMPLETED
    locked.completed_at = now
    locked.recorded_by = user
    locked.version += 1
    locked.save()
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.REVIEW,
        summary=_summary(locked, decision),
        user=user,
        source=locked,
    )
    if decision not in ENDING_DECISIONS and locked.held_on is not None:
        Review.objects.create(
            episode=locked.episode,
            number=locked.number + 1,
            due_on=_due_after(locked.held_on),
            status=ReviewStatus.SCHEDULED,
        )
    return locked


def _email(subject: str, body: str, to: list[str], cc: list[str]) -> None:
    recipients = sorted(set(to) | set(cc))
    send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients)


@transaction.atomic
def reviews_send_reminders(*, today: datetime.date) -> int:
    """Email each lead practitioner once when a review is REVIEW_REMINDER_WORKING_DAYS working days (or fewer)
    from due, and once when it becomes overdue (copying the team's managers). Returns the number of emails.
    No personal detail in the email: the episode reference and a link to the page."""
    # Working days are never fewer than a third of calendar days ahead: this is a cheap upper bound.
    horizon = today + datetime.timedelta(days=settings.REVIEW_REMINDER_WORKING_DAYS * 3 + 7)
    waiting = list(
        Review.objects.live()
        .filter(
            due_on__lte=horizon,
            episode__status=EpisodeStatus.OPEN,
            episode__archived_at__isnull=True,
            episode__lead_practitioner__isnull=False,
        )
        .exclude(status=ReviewStatus.COMPLETED)
        .select_related("episode__lead_practitioner")
        .select_for_update(of=("self",))
    )
    now = timezone.now()
    sent = 0
    for review in waiting:
        episode = review.episode
        lead = episode.lead_practitioner
        assert lead is not None
        link = page_link("reviews:record", episode.pk, review.pk)
        reference = episode.reference
        first_name = (lead.get_full_name() or "").split(" ")[0] or "colleague"
        if review.due_on < today and review.overdue_notice_sent_at is None:
            body = (
                f"Dear {first_name},\n\nReview {review.number} for episode {reference} was due on "
                f"{review.due_on:%d %B %Y} and is overdue.\n\nRecord the review: {link}\n"
            )
            managers = team_manager_emails(episode.team_id)
            transaction.on_commit(
                functools.partial(_email, f"Review overdue: {reference}", body, [lead.email], managers)
            )
            Review.objects.filter(pk=review.pk).update(
                overdue_notice_sent_at=now, reminder_sent_at=review.reminder_sent_at or now
            )
            sent += 1
        elif (
            review.due_on >= today
            and review.reminder_sent_at is None
            and working_days_between(today, review.due_on) <= settings.REVIEW_REMINDER_WORKING_DAYS
        ):
            body = (
                f"Dear {first_name},\n\nReview {review.number} for episode {reference} is due on "
                f"{review.due_on:%d %B %Y}.\n\nRecord the review: {link}\n"
            )
            transaction.on_commit(functools.partial(_email, f"Review due: {reference}", body, [lead.email], []))
            Review.objects.filter(pk=review.pk).update(reminder_sent_at=now)
            sent += 1
    return sent
