"""Reads for closure, the family's feedback, reopening and the follow-up checks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Restriction
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.closures.models import (
    Closure,
    ClosureReason,
    ClosureStatus,
    FamilyFeedback,
    FeedbackRequest,
    FollowUpCheck,
    NeedOutcome,
)
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.episodes.services import check_can_close, check_can_reopen, manages_team
from earlyhelp.needs.models import EpisodeNeed
from earlyhelp.organisations.models import PractitionerProfile
from earlyhelp.outcometools.models import Reading, ReadingStage

IN_PROGRESS = (ClosureStatus.DRAFT, ClosureStatus.SUBMITTED, ClosureStatus.RETURNED)
FOLLOW_UP_PAGE_SIZE = 25
REASONS_NEEDING_DETAIL = frozenset({ClosureReason.OTHER, ClosureReason.TRANSFERRED, ClosureReason.MOVED_AREA})


def current_closure(episode: Episode) -> Closure | None:
    """The closure being prepared or waiting for approval, if any (one at a time)."""
    return Closure.objects.live().filter(episode=episode, status__in=IN_PROGRESS).first()


def approved_closure(episode: Episode) -> Closure | None:
    """The latest approved closure that has not been reopened."""
    return (
        Closure.objects.live()
        .filter(episode=episode, status=ClosureStatus.APPROVED, reopened_at__isnull=True)
        .order_by("-decided_at", "-pk")
        .first()
    )


def closure_task(episode: Episode) -> tuple[str, str]:
    """The closure's line on the episode's task list: status text and state
    ("todo", "in_progress", "waiting", "done", "unavailable")."""
    if episode.status == EpisodeStatus.CLOSED:
        return ("Closed", "done")
    closure = current_closure(episode)
    if closure is None:
        if episode.status != EpisodeStatus.OPEN:
            return ("Cannot start yet", "unavailable")
        return ("Not started", "todo")
    if closure.status == ClosureStatus.SUBMITTED:
        return ("Waiting for approval", "waiting")
    if closure.status == ClosureStatus.RETURNED:
        return ("Returned by manager", "in_progress")
    return ("In progress", "in_progress")


def live_needs(episode: Episode) -> QuerySet[EpisodeNeed]:
    return EpisodeNeed.objects.live().filter(episode=episode).select_related("area").order_by("area__order", "pk")


def closure_missing(closure: Closure) -> list[str]:
    """What stops the closure being sent for approval, in the words of the task list."""
    problems: list[str] = []
    if not closure.reason:
        problems.append("Select why the episode is closing")
    else:
        if closure.reason in REASONS_NEEDING_DETAIL and not closure.reason_detail.strip():
            problems.append("Enter more detail about why the episode is closing")
        problems.extend(p for p in check_can_close(closure.episode, closure.reason) if "non-engagement" in p)
    rated = set(NeedOutcome.objects.filter(closure=closure).values_list("need_id", flat=True))
    for need in live_needs(closure.episode):
        if need.pk not in rated:
            problems.append(f"Record the outcome for {need.area.label.lower()}")
    if not closure.summary.strip():
        problems.append("Enter what changed for each child and what the family said")
    return problems


@dataclass
class ClosurePage:
    closure: Closure | None
    needs: list[EpisodeNeed]
    outcomes: dict[int, NeedOutcome]
    readings: list[Reading]
    feedback: list[FamilyFeedback]
    links: int
    missing: list[str] = field(default_factory=list)

    @property
    def outcomes_done(self) -> bool:
        return bool(self.needs) and all(need.pk in self.outcomes for need in self.needs)

    @property
    def rows(self) -> list[tuple[EpisodeNeed, NeedOutcome | None]]:
        return [(need, self.outcomes.get(need.pk)) for need in self.needs]


def closure_page(episode: Episode, closure: Closure | None = None) -> ClosurePage:
    """Everything the closure task list and check-your-answers page show, in a fixed number of queries."""
    closure = closure or current_closure(episode) or approved_closure(episode)
    needs = list(live_needs(episode))
    outcomes: dict[int, NeedOutcome] = {}
    feedback: list[FamilyFeedback] = []
    links = 0
    if closure is not None:
        outcomes = {o.need_id: o for o in NeedOutcome.objects.filter(closure=closure)}
        feedback = list(FamilyFeedback.objects.filter(request__closure=closure).order_by("created_at", "pk"))
        links = FeedbackRequest.objects.filter(closure=closure).count()
    readings = list(
        Reading.objects.live()
        .filter(episode=episode, stage=ReadingStage.CLOSURE)
        .select_related("tool", "person")
        .order_by("taken_on", "pk")
    )
    missing = closure_missing(closure) if closure is not None and closure.status in IN_PROGRESS else []
    return ClosurePage(
        closure=closure,
        needs=needs,
        outcomes=outcomes,
        readings=readings,
        feedback=feedback,
        links=links,
        missing=missing,
    )


def feedback_request_for_token(token: str) -> FeedbackRequest | None:
    """The unanswered, unexpired request the token opens; None for anything else (no hint which)."""
    if not token or len(token) > 100:
        return None
    digest = hashlib.sha256(token.encode()).hexdigest()
    return FeedbackRequest.objects.filter(
        token_hash=digest, answered_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


@dataclass(frozen=True)
class ReopenAccess:
    episode: Episode
    problems: list[str]


def access_reopen(*, request: HttpRequest, episode_id: int) -> ReopenAccess:
    """A closed episode, for a manager of its team: their read access may have ended with the read-only period,
    but they may still reopen it within the window. Anyone else gets 404; the read is logged."""
    user: Any = request.user
    episode = Episode.objects.live().select_related("family", "team__agency").filter(pk=episode_id).first()
    if episode is None or not manages_team(user, episode.team):
        raise Http404
    if Restriction.objects.filter(family_id=episode.family_id).exclude(members=user.pk).exists():
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=episode, family_id=episode.family_id)
    return ReopenAccess(episode=episode, problems=check_can_reopen(episode))


def _managed_scope(user: Any) -> Q:
    held = roles.user_roles(user)
    if not held & {roles.TEAM_MANAGER, roles.SERVICE_MANAGER}:
        raise PermissionDenied
    profile = PractitionerProfile.objects.filter(user=user).first()
    scope = Q(pk__in=[])
    if profile is not None and profile.team_id and roles.TEAM_MANAGER in held:
        scope |= Q(episode__team_id=profile.team_id)
    if profile is not None and roles.SERVICE_MANAGER in held:
        scope |= Q(episode__team__agency_id=profile.agency_id)
    return scope


def follow_up_page(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """The follow-up checks of the closed episodes of the manager's teams: due ones first, then the completed
    ones, newest first. Sealed families are left out unless the manager is on the access list. One list event."""
    user: Any = request.user
    scope = _managed_scope(user)
    sealed = Restriction.objects.filter(family_id=OuterRef("episode__family_id")).exclude(members=user.pk)
    checks = (
        FollowUpCheck.objects.filter(scope)
        .exclude(Exists(sealed))
        .filter(Q(checked_at__isnull=False) | Q(due_on__lte=timezone.localdate()))
        .select_related("episode__family", "episode__team")
        .order_by(F("checked_at").asc(nulls_first=True), "due_on", "pk")
    )
    page = Paginator(checks, FOLLOW_UP_PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=sorted({c.episode.family_id for c in page.object_list}),
        query={"list": "Follow-up checks after closure"},
    )
    return page
