"""Reads of step-ups and step-downs, each permission-checked and logged (one access event per request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.policy import Relationship, families_visible, family_relationship
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.episodes.models import Episode, EpisodeChild
from earlyhelp.organisations.models import Team
from earlyhelp.people.models import Family, Person
from earlyhelp.timescales import LONDON, working_days_between
from earlyhelp.transitions.models import StepDown, StepUp, StepUpStatus

STEP_UPS_PAGE_SIZE = 25
OPEN_STATUSES = (StepUpStatus.SENT, StepUpStatus.RECEIVED)


@dataclass(frozen=True)
class TimelineEvent:
    title: str
    at: datetime
    by: Any = None
    detail: str = ""


@dataclass(frozen=True)
class Transition:
    """A step-up or a step-down with every timestamp, for the episode's overview."""

    kind: str  # "step_up" or "step_down"
    record: StepUp | StepDown
    events: list[TimelineEvent]

    @property
    def at(self) -> datetime:
        return self.events[0].at


def _user_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.email)


def step_up_timeline(step_up: StepUp) -> list[TimelineEvent]:
    events = [TimelineEvent("Sent to children's social care", step_up.sent_at, step_up.requested_by)]
    if step_up.received_at:
        events.append(TimelineEvent("Received by children's social care", step_up.received_at, step_up.received_by))
    if step_up.decided_at:
        detail = step_up.get_decision_display()
        if step_up.social_worker:
            detail += f". Social worker: {step_up.social_worker}"
        events.append(TimelineEvent("Decided", step_up.decided_at, step_up.decided_by, detail))
    if step_up.withdrawn_at:
        events.append(TimelineEvent("Withdrawn", step_up.withdrawn_at))
    return events


def step_down_timeline(step_down: StepDown) -> list[TimelineEvent]:
    return [TimelineEvent("Stepped down from children's social care", step_down.recorded_at, step_down.recorded_by)]


def _step_ups() -> QuerySet[StepUp]:
    return (
        StepUp.objects.live()
        .select_related("episode__family", "requested_by", "received_by", "decided_by")
        .prefetch_related("children")
    )


def open_step_up(episode: Episode) -> StepUp | None:
    """The episode's step-up waiting for social care's decision (sent or received), if any."""
    return StepUp.objects.live().filter(episode=episode, status__in=OPEN_STATUSES).order_by("-sent_at").first()


def episode_transitions(episode: Episode) -> list[Transition]:
    """The episode's step-ups and step-downs, newest first, each with its timeline."""
    step_ups = [Transition("step_up", s, step_up_timeline(s)) for s in _step_ups().filter(episode=episode)]
    step_downs = [
        Transition("step_down", s, step_down_timeline(s))
        for s in StepDown.objects.live()
        .filter(episode=episode)
        .select_related("recorded_by", "team", "consent_given_by", "step_up")
        .prefetch_related("children")
    ]
    return sorted(step_ups + step_downs, key=lambda t: t.at, reverse=True)


def can_request_step_up(episode: Episode, relationship: Relationship, transitions: list[Transition]) -> bool:
    """The lead or a manager may send a step-up while the episode is open and no other one is waiting."""
    waiting = any(isinstance(t.record, StepUp) and t.record.status in OPEN_STATUSES for t in transitions)
    return relationship.can_write_case and episode.is_open and not waiting


def episode_children(episode: Episode) -> list[Person]:
    """The children currently in the episode, for the step-up form."""
    links = EpisodeChild.objects.filter(episode=episode, ended_at__isnull=True).select_related("person")
    return [link.person for link in links.order_by("person__date_of_birth", "person_id")]


def waiting_for(sent_at: datetime, now: datetime | None = None) -> str:
    """How long a step-up has waited: hours on the day it came, else working days."""
    now = now or timezone.now()
    days = working_days_between(sent_at.astimezone(LONDON).date(), now.astimezone(LONDON).date())
    if days <= 0:
        hours = int((now - sent_at).total_seconds() // 3600)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{days} working day{'s' if days != 1 else ''}"


def step_ups_waiting_page(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """The front door's step-ups waiting for a decision (sent or received), oldest first; one list event."""
    if not roles.has_role(request.user, roles.FRONT_DOOR):
        raise PermissionDenied
    waiting = (
        StepUp.objects.live()
        .filter(status__in=OPEN_STATUSES, episode__family__in=families_visible(request.user))
        .select_related("episode__family", "episode__team", "requested_by")
        .prefetch_related("children")
        .order_by("sent_at", "pk")
    )
    page = Paginator(waiting, STEP_UPS_PAGE_SIZE).get_page(page_number)
    now = timezone.now()
    for step_up in page.object_list:
        step_up.waiting = waiting_for(step_up.sent_at, now)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[s.episode.family_id for s in page.object_list],
        query={"list": "Step-ups waiting for a decision"},
    )
    return page


@dataclass(frozen=True)
class StepUpAccess:
    step_up: StepUp
    relationship: Relationship

    @property
    def front_door(self) -> bool:
        return roles.FRONT_DOOR in self.relationship.roles

    @property
    def can_withdraw(self) -> bool:
        return self.relationship.can_write_case and self.step_up.status in OPEN_STATUSES


def access_step_up(
    *, request: HttpRequest, step_up_id: int, front_door_only: bool = False, writers_only: bool = False
) -> StepUpAccess:
    """A step-up for the front door, or for the lead practitioner and managers of the episode; 404 otherwise.
    `front_door_only` for social care's pages (receipt, decision); `writers_only` for the lead's (withdrawal)."""
    step_up = _step_ups().select_related("episode__lead_practitioner").filter(pk=step_up_id).first()
    if step_up is None:
        raise Http404
    relationship = family_relationship(request.user, step_up.episode.family_id)
    front_door = relationship.visible and roles.FRONT_DOOR in relationship.roles
    allowed = (front_door and not writers_only) or (not front_door_only and relationship.can_write_case)
    if not allowed:
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=step_up, family_id=step_up.episode.family_id)
    return StepUpAccess(step_up=step_up, relationship=relationship)


@dataclass(frozen=True)
class StepDownStart:
    family: Family
    children: list[Person]
    adults: list[Person]
    step_ups: list[StepUp]
    teams: list[Team]


def access_family_for_step_down(*, request: HttpRequest, family_id: int) -> StepDownStart:
    """The family a step-down is recorded for: the front door only; 404 for anyone else."""
    family = Family.objects.live().filter(pk=family_id).first()
    if family is None:
        raise Http404
    relationship = family_relationship(request.user, family.pk)
    if not (relationship.visible and roles.FRONT_DOOR in relationship.roles):
        raise Http404
    people = [m.person for m in family.memberships.select_related("person").order_by("person__date_of_birth", "pk")]
    step_ups = list(
        StepUp.objects.live()
        .filter(episode__family=family)
        .exclude(status=StepUpStatus.WITHDRAWN)
        .order_by("-sent_at")
    )
    access_event_record(request=request, action=AccessAction.VIEW, record=family, family_id=family.pk)
    return StepDownStart(
        family=family,
        children=[p for p in people if p.is_child],
        adults=[p for p in people if not p.is_child],
        step_ups=step_ups,
        teams=list(Team.objects.live().select_related("agency")),
    )


def access_step_down(*, request: HttpRequest, step_down_id: int) -> StepDown:
    """A step-down for the front door and anyone with the whole case record of the family; 404 otherwise."""
    step_down = (
        StepDown.objects.live()
        .select_related("family", "episode", "team__agency", "consent_given_by", "recorded_by", "step_up")
        .prefetch_related(Prefetch("children", queryset=Person.objects.order_by("date_of_birth", "pk")))
        .filter(pk=step_down_id)
        .first()
    )
    if step_down is None:
        raise Http404
    if not family_relationship(request.user, step_down.family_id).case:
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=step_down, family_id=step_down.family_id)
    return step_down
