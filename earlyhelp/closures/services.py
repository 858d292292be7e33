"""Writes for closure (R5.4), the family's feedback, reopening and the follow-up checks (R5.6).

Each service owns its transaction, checks permission again and writes the chronology line of its event."""

from __future__ import annotations

import calendar
import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.closures.models import (
    Closure,
    ClosureReason,
    ClosureStatus,
    FamilyFeedback,
    FeedbackRequest,
    FollowUpCheck,
    HelpRating,
    Improvement,
    NeedOutcome,
)
from earlyhelp.closures.selectors import closure_missing, feedback_request_for_token, live_needs
from earlyhelp.core.links import page_link
from earlyhelp.episodes.models import ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.services import (
    check_can_close,
    check_version,
    chronology_record,
    episode_close,
    episode_reopen,
)
from earlyhelp.frontdoor.models import RequestPerson, RequestStatus
from earlyhelp.transitions.models import StepUp

REASONS_NEEDING_DETAIL = frozenset({ClosureReason.OTHER, ClosureReason.TRANSFERRED, ClosureReason.MOVED_AREA})
EDITABLE = (ClosureStatus.DRAFT, ClosureStatus.RETURNED)
RESPONDENTS = {"parent": "A parent or carer", "child": "A child or young person", "other": "Someone else"}
MONTH_WORDS = {6: "Six-month", 12: "Twelve-month"}


class FeedbackLinkInvalid(Exception):
    """The link is unknown, expired or already used: the family sees one plain page, with no hint which."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_writer(user: User, episode: Episode) -> None:
    if not family_relationship(user, episode.family_id).can_write_case:
        raise PermissionDenied


def _require_manager(user: User, episode: Episode) -> None:
    relationship = family_relationship(user, episode.family_id)
    if not (relationship.visible and relationship.manages):
        raise PermissionDenied


def _locked_editable(user: User, closure: Closure, loaded_version: int | None) -> Closure:
    locked = Closure.objects.select_for_update(of=("self",)).select_related("episode__family").get(pk=closure.pk)
    _require_writer(user, locked.episode)
    check_version(loaded=loaded_version, current=locked.version)
    if locked.status not in EDITABLE:
        raise ValidationError("This closure has been sent for approval and cannot be changed.")
    return locked


def _saved(closure: Closure, fields: list[str]) -> Closure:
    closure.version += 1
    closure.save(update_fields=[*fields, "version", "updated_at"])
    return closure


@transaction.atomic
def closure_start(*, user: User, episode: Episode) -> Closure:
    """The closure in progress for the episode, started as a draft if there is none (one at a time)."""
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    _require_writer(user, locked)
    if locked.status != EpisodeStatus.OPEN:
        raise ValidationError("Only an open episode with a lead practitioner can be closed.")
    current = Closure.objects.live().filter(episode=locked, status__in=[*EDITABLE, ClosureStatus.SUBMITTED]).first()
    if current is not None:
        return current
    return Closure.objects.create(episode=locked, requested_by=user)


@transaction.atomic
def closure_reason_save(
    *, user: User, closure: Closure, reason: str, detail: str = "", loaded_version: int | None = None
) -> Closure:
    """Why the episode is closing. Non-engagement only after the front door has re-evaluated and decided to
    close (R8): the same check as closing itself."""
    locked = _locked_editable(user, closure, loaded_version)
    if reason not in ClosureReason.values:
        raise ValidationError("Select why the episode is closing")
    if reason in REASONS_NEEDING_DETAIL and not detail.strip():
        raise ValidationError("Enter more detail about why the episode is closing")
    if reason == ClosureReason.NON_ENGAGEMENT:
        problems = [p for p in check_can_close(locked.episode, reason) if "non-engagement" in p]
        if problems:
            raise ValidationError(problems)
    locked.reason = reason
    locked.reason_detail = detail.strip()
    return _saved(locked, ["reason", "reason_detail"])


@dataclass(frozen=True)
class NeedOutcomeInput:
    need_id: int
    improvement: str
    evidence: str


@transaction.atomic
def closure_outcomes_save(
    *, user: User, closure: Closure, outcomes: Iterable[NeedOutcomeInput], loaded_version: int | None = None
) -> Closure:
    """The outcome of every identified need, each rated against its descriptors with the evidence. All or none."""
    locked = _locked_editable(user, closure, loaded_version)
    given = {o.need_id: o for o in outcomes}
    needs = list(live_needs(locked.episode))
    for need in needs:
        item = given.get(need.pk)
        if item is None or item.improvement not in Improvement.values:
            raise ValidationError(f"Select the outcome for {need.area.label.lower()}")
        if not item.evidence.strip():
            raise ValidationError(f"Enter the evidence for {need.area.label.lower()}")
    NeedOutcome.objects.filter(closure=locked).exclude(need__in=needs).delete()
    for need in needs:
        item = given[need.pk]
        NeedOutcome.objects.update_or_create(
            closure=locked,
            need=need,
            defaults={"improvement": item.improvement, "evidence": item.evidence.strip()},
        )
    return _saved(locked, [])


@transaction.atomic
def closure_summary_save(
    *, user: User, closure: Closure, summary: str, ongoing_support: str = "", loaded_version: int | None = None
) -> Closure:
    locked = _locked_editable(user, closure, loaded_version)
    if not summary.strip():
        raise ValidationError("Enter what changed for each child and what the family said")
    locked.summary = summary.strip()
    locked.ongoing_support = ongoing_support.strip()
    return _saved(locked, ["summary", "ongoing_support"])


@transaction.atomic
def closure_submit(*, user: User, closure: Closure, loaded_version: int | None = None) -> Closure:
    """Send the closure to a manager for approval; refused with what is missing. A double submit sends it once."""
    locked = Closure.objects.select_for_update(of=("self",)).select_related("episode__family").get(pk=closure.pk)
    _require_writer(user, locked.episode)
    if locked.status == ClosureStatus.SUBMITTED:
        return locked
    check_version(loaded=loaded_version, current=locked.version)
    if locked.status not in EDITABLE:
        raise ValidationError("This closure cannot be sent for approval.")
    problems = closure_missing(locked)
    if problems:
        raise ValidationError(problems)
    locked.status = ClosureStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    _saved(locked, ["status", "submitted_at"])
    chronology_record(
        episode=locked.episode,
        kind=ChronologyKind.CLOSURE,
        summary=f"Closure sent for approval ({locked.get_reason_display().lower()})",
        user=user,
        source=locked,
    )
    return locked


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the end of a shorter month (31 August + 6 months = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def closure_decide(*, user: User, closure: Closure, approve: bool, comment: str = "") -> Closure:
    """A manager approves the closure (the episode closes in the same transaction and the six and twelve-month
    checks are scheduled) or returns it to the lead with a comment."""
    locked = Closure.objects.select_for_update(of=("self",)).select_related("episode__family").get(pk=closure.pk)
    _require_manager(user, locked.episode)
    wanted = ClosureStatus.APPROVED if approve else ClosureStatus.RETURNED
    if locked.status == wanted and locked.decided_by_id == user.pk:
        return locked  # a double submit
    if locked.status != ClosureStatus.SUBMITTED:
        raise ValidationError("This closure is not waiting for approval.")
    if not approve and not comment.strip():
        raise ValidationError("Enter what needs to change")
    now = timezone.now()
    locked.status = wanted
    locked.decided_by = user
    locked.decided_at = now
    locked.manager_comment = comment.strip()
    _saved(locked, ["status", "decided_by", "decided_at", "manager_comment"])
    if approve:
        episode = episode_close(user=user, episode=locked.episode, reason=locked.reason)
        closed_on = timezone.localdate(episode.closed_at)
        FollowUpCheck.objects.bulk_create(
            FollowUpCheck(closure=locked, episode=episode, months=months, due_on=add_months(closed_on, months))
            for months in settings.FOLLOW_UP_MONTHS
        )
    else:
        chronology_record(
            episode=locked.episode,
            kind=ChronologyKind.CLOSURE,
            summary=f"Closure returned to the lead practitioner: {locked.manager_comment}",
            user=user,
            source=locked,
        )
    return locked


@dataclass(frozen=True)
class FeedbackLink:
    request: FeedbackRequest
    token: str

    @property
    def address(self) -> str:
        return page_link("feedback:questionnaire", self.token)


@transaction.atomic
def feedback_link_create(*, user: User, closure: Closure, email: str = "") -> FeedbackLink:
    """A new link for the family's questionnaire. Only the token's hash is stored: the full link is shown once.
    The email says nothing about the family: just the link."""
    locked = Closure.objects.select_for_update(of=("self",)).select_related("episode").get(pk=closure.pk)
    _require_writer(user, locked.episode)
    if locked.status not in (*EDITABLE, ClosureStatus.SUBMITTED):
        raise ValidationError("The family can only be asked for feedback while the closure is being prepared.")
    token = secrets.token_urlsafe(32)
    request = FeedbackRequest.objects.create(
        closure=locked,
        token_hash=token_hash(token),
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=settings.FEEDBACK_LINK_DAYS),
        sent_to=email.strip(),
    )
    link = FeedbackLink(request=request, token=token)
    if request.sent_to:
        recipient, address = request.sent_to, link.address
        transaction.on_commit(lambda: _email_feedback_link(recipient, address))
    return link


def _email_feedback_link(recipient: str, address: str) -> None:
    send_mail(
        subject="Tell us about the help your family had",
        message=(
            "We would like to know what you thought of the help your family had.\n\n"
            f"It takes about 5 minutes. Open this link to answer:\n{address}\n\n"
            f"The link works for {settings.FEEDBACK_LINK_DAYS} days."
        ),
        from_email=None,
        recipient_list=[recipient],
    )


@dataclass(frozen=True)
class FeedbackAnswers:
    respondent: str
    helped: str
    listened_to: str
    children_better: str
    what_helped: str = ""
    what_could_be_better: str = ""


@transaction.atomic
def feedback_answer(*, token: str, answers: FeedbackAnswers) -> FamilyFeedback:
    """The family's answers, once per link. An unknown, expired or used link raises FeedbackLinkInvalid."""
    found = feedback_request_for_token(token)
    if found is None:
        raise FeedbackLinkInvalid
    locked = FeedbackRequest.objects.select_for_update().get(pk=found.pk)
    if locked.answered_at is not None:
        raise FeedbackLinkInvalid
    if answers.respondent not in RESPONDENTS:
        raise ValidationError("Select who is answering")
    for value in (answers.helped, answers.listened_to, answers.children_better):
        if value not in HelpRating.values:
            raise ValidationError("Select an answer for each question")
    locked.answered_at = timezone.now()
    locked.save(update_fields=["answered_at", "updated_at"])
    return FamilyFeedback.objects.create(
        request=locked,
        respondent=answers.respondent,
        helped=answers.helped,
        listened_to=answers.listened_to,
        children_better=answers.children_better,
        what_helped=answers.what_helped.strip(),
        what_could_be_better=answers.what_could_be_better.strip(),
    )


@transaction.atomic
def closure_reopen(*, user: User, episode: Episode, reason: str) -> Episode:
    """A manager of the episode's team reopens it within the reopening window; the approved closure records
    who reopened it, when and why."""
    reopened = episode_reopen(user=user, episode=episode, reason=reason)
    closure = (
        Closure.objects.select_for_update()
        .filter(episode=reopened, status=ClosureStatus.APPROVED, reopened_at__isnull=True)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if closure is not None:
        closure.reopened_at = timezone.now()
        closure.reopened_by = user
        closure.reopen_reason = reason.strip()
        closure.save(update_fields=["reopened_at", "reopened_by", "reopen_reason", "updated_at"])
    return reopened


def _found_line(months: int, check: FollowUpCheck) -> str:
    parts = []
    for label, refs in (
        ("new request", check.new_requests),
        ("new episode", check.new_episodes),
        ("new step-up", check.new_step_ups),
    ):
        if refs:
            plural = "s" if len(refs) > 1 else ""
            parts.append(f"{len(refs)} {label}{plural} ({', '.join(refs)})")
    word = MONTH_WORDS.get(months, f"{months}-month")
    if not parts:
        return f"{word} check: no new request, episode or step-up"
    return f"{word} check: {'; '.join(parts)}"


def _follow_up_complete(check: FollowUpCheck, now: datetime.datetime) -> None:
    episode = check.episode
    closed_at = episode.closed_at or check.closure.decided_at or now
    children = episode.episode_children.values_list("person_id", flat=True)
    requests = (
        RequestPerson.objects.filter(matched_person_id__in=children, request__submitted_at__gt=closed_at)
        .exclude(request__status=RequestStatus.DRAFT)
        .exclude(request__reference__isnull=True)
        .values_list("request__reference", flat=True)
        .distinct()
        .order_by("request__reference")
    )
    episodes = (
        Episode.objects.filter(family_id=episode.family_id, opened_at__gt=closed_at)
        .exclude(pk=episode.pk)
        .order_by("opened_at", "pk")
        .values_list("reference", flat=True)
    )
    step_ups = StepUp.objects.filter(episode__family_id=episode.family_id, sent_at__gt=closed_at).order_by(
        "sent_at", "pk"
    )
    check.new_requests = [ref for ref in requests if ref]
    check.new_episodes = list(episodes)
    check.new_step_ups = list(step_ups.values_list("reference", flat=True))
    check.came_back = bool(check.new_requests or check.new_episodes or check.new_step_ups)
    check.checked_at = now
    check.save()
    chronology_record(
        episode=episode, kind=ChronologyKind.FOLLOW_UP, summary=_found_line(check.months, check), source=check
    )


def follow_ups_run(*, today: datetime.date) -> int:
    """Complete every due, unchecked follow-up check (the daily command calls this). Each check is its own
    transaction, and a check already done is never done again, so running twice changes nothing."""
    done = 0
    due = FollowUpCheck.objects.filter(due_on__lte=today, checked_at__isnull=True).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            check = (
                FollowUpCheck.objects.select_for_update()
                .select_related("episode", "closure")
                .filter(pk=pk, checked_at__isnull=True)
                .first()
            )
            if check is None:
                continue
            _follow_up_complete(check, timezone.now())
            done += 1
    return done
