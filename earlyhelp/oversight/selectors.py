"""Reads for management oversight, supervision and the manager dashboard (R6.1, R6.2, R6.6, PS8)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.policy import families_visible
from earlyhelp.accounts.models import User
from earlyhelp.assessments.models import Assessment
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.closures.models import Closure
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.needs.models import EpisodeNeed, ParentalRisk
from earlyhelp.organisations.models import PractitionerProfile, Team
from earlyhelp.oversight.drift import EpisodeFacts, drift_reasons
from earlyhelp.oversight.models import OversightEntry, Supervision, SupervisionCase
from earlyhelp.plans.models import Plan
from earlyhelp.reviews.models import PROGRESSING, Review, ReviewOutcome, ReviewStatus
from earlyhelp.timescales.working_days import add_working_days

MANAGER_ROLES = {roles.TEAM_MANAGER, roles.SERVICE_MANAGER}


def _noon(day: datetime.date) -> datetime.datetime:
    """A supervision is held on a date: it counts as oversight at noon, London time, that day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)), timezone.get_default_timezone())


def last_oversight_map(episode_ids: Iterable[int]) -> dict[int, datetime.datetime]:
    """The latest management oversight of each episode: an oversight entry, a supervision discussion, an assessment
    sign-off, a plan approval or a closure decision. Five queries, however many episodes."""
    ids = list(episode_ids)
    latest: dict[int, datetime.datetime] = {}

    def take(pairs: Iterable[tuple[int, datetime.datetime | None]]) -> None:
        for episode_id, at in pairs:
            if at is not None and (episode_id not in latest or at > latest[episode_id]):
                latest[episode_id] = at

    if not ids:
        return latest
    take(
        OversightEntry.objects.live()
        .filter(episode_id__in=ids)
        .values("episode_id")
        .annotate(at=Max("recorded_at"))
        .values_list("episode_id", "at")
    )
    discussed = (
        SupervisionCase.objects.filter(episode_id__in=ids, supervision__archived_at__isnull=True)
        .values("episode_id")
        .annotate(on=Max("supervision__held_on"))
        .values_list("episode_id", "on")
    )
    take((episode_id, _noon(on)) for episode_id, on in discussed if on is not None)
    take(
        Assessment.objects.filter(episode_id__in=ids, signed_off_at__isnull=False)
        .values("episode_id")
        .annotate(at=Max("signed_off_at"))
        .values_list("episode_id", "at")
    )
    take(Plan.objects.filter(episode_id__in=ids, approved_at__isnull=False).values_list("episode_id", "approved_at"))
    take(
        Closure.objects.filter(episode_id__in=ids, decided_at__isnull=False)
        .values("episode_id")
        .annotate(at=Max("decided_at"))
        .values_list("episode_id", "at")
    )
    return latest


def last_oversight_at(episode: Episode) -> datetime.datetime | None:
    """The latest management oversight of one episode (five queries at most)."""
    return last_oversight_map([episode.pk]).get(episode.pk)


def oversight_due_by(episode: Episode, last: datetime.datetime | None) -> datetime.datetime:
    start = last or episode.allocated_at or episode.opened_at
    return start + datetime.timedelta(days=settings.OVERSIGHT_INTERVAL_DAYS)


@dataclass(frozen=True)
class OversightItem:
    kind: str
    at: datetime.datetime
    by: str
    lines: list[tuple[str, str]]
    children: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EpisodeOversight:
    items: list[OversightItem]
    last_at: datetime.datetime | None
    due_by: datetime.datetime
    overdue: bool


def _name(user: Any) -> str:
    return user.get_full_name() if user is not None else ""


def episode_oversight(episode: Episode) -> EpisodeOversight:
    """Everything that counts as management oversight on the child's file, newest first. Five queries."""
    items: list[OversightItem] = []
    for entry in (
        OversightEntry.objects.live()
        .filter(episode=episode)
        .select_related("recorded_by")
        .prefetch_related("children")
    ):
        items.append(
            OversightItem(
                kind="Management oversight",
                at=entry.recorded_at,
                by=_name(entry.recorded_by),
                children=[child.display_name for child in entry.children.all()],
                lines=[
                    ("Is the plan working?", entry.plan_effectiveness),
                    ("Are the children's circumstances improving?", entry.child_circumstances),
                    ("Decisions", entry.decisions),
                    ("Actions", entry.actions),
                ],
            )
        )
    for case in SupervisionCase.objects.filter(episode=episode, supervision__archived_at__isnull=True).select_related(
        "supervision__supervisor", "supervision__practitioner"
    ):
        items.append(
            OversightItem(
                kind=f"Case discussed in supervision with {_name(case.supervision.practitioner)}",
                at=_noon(case.supervision.held_on),
                by=_name(case.supervision.supervisor),
                lines=[("Discussion", case.discussion), ("Decisions", case.decisions)],
            )
        )
    for assessment in Assessment.objects.filter(episode=episode, signed_off_at__isnull=False).select_related(
        "signed_off_by"
    ):
        items.append(
            OversightItem(
                kind="Assessment signed off",
                at=assessment.signed_off_at,
                by=_name(assessment.signed_off_by),
                lines=[("Manager's comment", assessment.sign_off_comment)],
            )
        )
    plan = Plan.objects.filter(episode=episode, approved_at__isnull=False).select_related("approved_by").first()
    if plan is not None:
        items.append(
            OversightItem(
                kind="Plan approved",
                at=plan.approved_at,
                by=_name(plan.approved_by),
                lines=[("Manager's comment", plan.approval_comment)],
            )
        )
    for closure in Closure.objects.filter(episode=episode, decided_at__isnull=False).select_related("decided_by"):
        items.append(
            OversightItem(
                kind=f"Closure decision ({closure.get_status_display().lower()})",
                at=closure.decided_at,
                by=_name(closure.decided_by),
                lines=[("Manager's comment", closure.manager_comment)],
            )
        )
    items.sort(key=lambda item: item.at, reverse=True)
    last = items[0].at if items else None
    due_by = oversight_due_by(episode, last)
    return EpisodeOversight(items=items, last_at=last, due_by=due_by, overdue=due_by < timezone.now())


# Supervision -------------------------------------------------------------------------------------------------------


def _profile(user: Any) -> PractitionerProfile | None:
    return PractitionerProfile.objects.filter(user=user).first()


def supervisees(user: Any) -> QuerySet[User]:
    """The practitioners a manager supervises: a team manager their team's members, a service manager their
    agency's. Nobody else supervises anyone."""
    held = roles.user_roles(user)
    profile = _profile(user)
    scope = Q(pk__in=[])
    if profile is not None and roles.TEAM_MANAGER in held and profile.team_id:
        scope |= Q(profile__team_id=profile.team_id)
    if profile is not None and roles.SERVICE_MANAGER in held:
        scope |= Q(profile__agency_id=profile.agency_id)
    return User.objects.filter(scope, is_active=True).exclude(pk=user.pk)


def supervisee_or_404(*, manager: Any, user_id: int) -> User:
    practitioner = supervisees(manager).filter(pk=user_id).first()
    if practitioner is None:
        raise Http404
    return practitioner


def access_supervision_add(*, request: HttpRequest, user_id: int) -> tuple[User, list[Episode]]:
    """The practitioner a manager is about to supervise (404 unless the manager supervises them) and the open
    cases they lead, which the supervision can discuss. One access event listing those families."""
    practitioner = supervisee_or_404(manager=request.user, user_id=user_id)
    episodes = list(practitioner_open_episodes(practitioner))
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[e.family_id for e in episodes],
        query={"list": "Cases to discuss in supervision", "practitioner": practitioner.pk},
    )
    return practitioner, episodes


def practitioner_open_episodes(practitioner: Any) -> QuerySet[Episode]:
    """The practitioner's open episodes where they are the lead: the cases a supervision can discuss."""
    return (
        Episode.objects.live()
        .filter(lead_practitioner=practitioner, status=EpisodeStatus.OPEN)
        .select_related("family")
        .order_by("reference")
    )


@dataclass(frozen=True)
class SuperviseeRow:
    practitioner: User
    last_held_on: datetime.date | None
    due_on: datetime.date | None
    status: str  # "overdue" | "due" | "up_to_date"


@dataclass(frozen=True)
class SupervisionList:
    is_manager: bool
    rows: list[SuperviseeRow]
    own: list[Supervision]


def supervision_status(
    *, last_held_on: datetime.date | None, next_due_on: datetime.date | None, today: datetime.date
) -> tuple[datetime.date | None, str]:
    """When the next supervision is due, and whether it is overdue, due within a week, or up to date."""
    if last_held_on is None:
        return None, "overdue"
    due = next_due_on or last_held_on + datetime.timedelta(days=settings.SUPERVISION_INTERVAL_DAYS)
    if due < today:
        return due, "overdue"
    if due <= today + datetime.timedelta(days=7):
        return due, "due"
    return due, "up_to_date"


def access_supervision_list(*, request: HttpRequest) -> SupervisionList:
    """A manager's practitioners with their last supervision; a practitioner's own supervisions. One access event."""
    user: Any = request.user
    held = roles.user_roles(user)
    if not held & (MANAGER_ROLES | {roles.PRACTITIONER}):
        raise PermissionDenied
    today = timezone.localdate()
    rows: list[SuperviseeRow] = []
    is_manager = bool(held & MANAGER_ROLES)
    if is_manager:
        people = list(
            supervisees(user)
            .annotate(last_held_on=Max("supervisions__held_on", filter=Q(supervisions__archived_at__isnull=True)))
            .order_by("full_name", "email")
        )
        latest = {
            s.practitioner_id: s
            for s in Supervision.objects.live()
            .filter(practitioner__in=[p.pk for p in people])
            .order_by("practitioner_id", "held_on", "pk")
        }
        for person in people:
            last_supervision = latest.get(person.pk)
            due, status = supervision_status(
                last_held_on=getattr(person, "last_held_on", None),
                next_due_on=last_supervision.next_due_on if last_supervision else None,
                today=today,
            )
            rows.append(SuperviseeRow(person, getattr(person, "last_held_on", None), due, status))
    own = list(Supervision.objects.live().filter(practitioner=user).select_related("supervisor")[:50])
    access_event_record(request=request, action=AccessAction.LIST, query={"list": "Supervision"})
    return SupervisionList(is_manager=is_manager, rows=rows, own=own)


def access_supervision(*, request: HttpRequest, supervision_id: int) -> Supervision:
    """One supervision record: the practitioner and their managers only (others 404). One access event."""
    user: Any = request.user
    supervision = (
        Supervision.objects.live().select_related("practitioner", "supervisor").filter(pk=supervision_id).first()
    )
    if supervision is None:
        raise Http404
    if (
        supervision.practitioner_id != user.pk
        and not supervisees(user).filter(pk=supervision.practitioner_id).exists()
    ):
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=supervision)
    return supervision


def supervision_cases(supervision: Supervision) -> list[SupervisionCase]:
    return list(supervision.cases.select_related("episode__family").order_by("episode__reference"))


# Manager dashboard ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardRow:
    episode: Episode
    detail: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CaseloadRow:
    practitioner: User
    open_cases: int
    limit: int

    @property
    def at_limit(self) -> bool:
        return self.open_cases >= self.limit


@dataclass
class Dashboard:
    team: Team
    teams: list[Team]
    overdue_assessments: list[DashboardRow] = field(default_factory=list)
    overdue_plans: list[DashboardRow] = field(default_factory=list)
    overdue_reviews: list[DashboardRow] = field(default_factory=list)
    without_oversight: list[DashboardRow] = field(default_factory=list)
    drift: list[DashboardRow] = field(default_factory=list)
    caseloads: list[CaseloadRow] = field(default_factory=list)
    open_episodes: int = 0


def dashboard_teams(user: Any) -> list[Team]:
    """The teams a manager may see on the dashboard: a team manager their team; a service manager their agency's."""
    held = roles.user_roles(user)
    if not held & MANAGER_ROLES:
        raise PermissionDenied
    profile = _profile(user)
    if profile is None:
        return []
    scope = Q(pk__in=[])
    if roles.TEAM_MANAGER in held and profile.team_id:
        scope |= Q(pk=profile.team_id)
    if roles.SERVICE_MANAGER in held:
        scope |= Q(agency_id=profile.agency_id)
    return list(Team.objects.filter(scope).order_by("name"))


def _episode_facts(episodes: list[Episode]) -> dict[int, EpisodeFacts]:
    """Drift facts for every episode in two queries."""
    ids = [e.pk for e in episodes]
    progressing = ReviewOutcome.objects.filter(review=OuterRef("pk"), progress__in=list(PROGRESSING))
    reviews: dict[int, list[bool]] = defaultdict(list)
    for episode_id, made_progress in (
        Review.objects.live()
        .filter(episode_id__in=ids, status=ReviewStatus.COMPLETED)
        .annotate(made_progress=Exists(progressing))
        .order_by("episode_id", "number")
        .values_list("episode_id", "made_progress")
    ):
        reviews[episode_id].append(bool(made_progress))
    risks: dict[int, list[str]] = defaultdict(list)
    for episode_id, risk in (
        EpisodeNeed.objects.live()
        .filter(episode_id__in=ids)
        .exclude(area__parental_risk="")
        .values_list("episode_id", "area__parental_risk")
    ):
        risks[episode_id].append(str(ParentalRisk(risk).label))
    return {
        e.pk: EpisodeFacts(
            opened_on=timezone.localdate(e.opened_at),
            reviews_progressing=tuple(reviews[e.pk]),
            parental_risks=tuple(risks[e.pk]),
        )
        for e in episodes
    }


def access_dashboard(*, request: HttpRequest, team_id: int | str | None = None) -> Dashboard:
    """The manager dashboard for one team, in a fixed number of queries however many episodes. One access event."""
    user: Any = request.user
    teams = dashboard_teams(user)
    if not teams:
        raise PermissionDenied
    team = next((t for t in teams if str(t.pk) == str(team_id)), teams[0])
    now = timezone.now()
    today = timezone.localdate()
    episodes = list(
        Episode.objects.live()
        .filter(team=team, status=EpisodeStatus.OPEN, family__in=families_visible(user))
        .select_related("family", "lead_practitioner")
        .order_by("opened_at", "pk")
    )
    ids = [e.pk for e in episodes]
    board = Dashboard(team=team, teams=teams, open_episodes=len(episodes))
    first_sign_off = dict(
        Assessment.objects.filter(episode_id__in=ids, signed_off_at__isnull=False)
        .values("episode_id")
        .annotate(at=Min("signed_off_at"))
        .values_list("episode_id", "at")
    )
    approved = set(
        Plan.objects.filter(episode_id__in=ids)
        .filter(Q(first_approved_at__isnull=False) | Q(approved_at__isnull=False))
        .values_list("episode_id", flat=True)
    )
    overdue_reviews = dict(
        Review.objects.live()
        .filter(episode_id__in=ids, due_on__lt=today)
        .exclude(status=ReviewStatus.COMPLETED)
        .values_list("episode_id", "due_on")
    )
    last_oversight = last_oversight_map(ids)
    facts = _episode_facts(episodes)
    for episode in episodes:
        signed_off = first_sign_off.get(episode.pk)
        started = episode.allocated_at or episode.opened_at
        if signed_off is None:
            due = add_working_days(started, settings.ASSESSMENT_TARGET_WORKING_DAYS)
            if now > due:
                board.overdue_assessments.append(DashboardRow(episode, f"Due by {timezone.localdate(due):%-d %B %Y}"))
        elif episode.pk not in approved:
            due = add_working_days(signed_off, settings.PLAN_TARGET_WORKING_DAYS)
            if now > due:
                board.overdue_plans.append(DashboardRow(episode, f"Due by {timezone.localdate(due):%-d %B %Y}"))
        if episode.pk in overdue_reviews:
            board.overdue_reviews.append(DashboardRow(episode, f"Due on {overdue_reviews[episode.pk]:%-d %B %Y}"))
        last = last_oversight.get(episode.pk)
        if now > oversight_due_by(episode, last):
            detail = f"Last oversight {timezone.localdate(last):%-d %B %Y}" if last else "No management oversight yet"
            board.without_oversight.append(DashboardRow(episode, detail))
        reasons = drift_reasons(
            facts[episode.pk],
            today=today,
            open_days=settings.DRIFT_OPEN_DAYS,
            reviews_without_progress=settings.DRIFT_REVIEWS_WITHOUT_PROGRESS,
        )
        if reasons:
            board.drift.append(DashboardRow(episode, "", reasons))
    members = (
        User.objects.filter(profile__team=team, is_active=True)
        .annotate(
            open_cases=Count(
                "led_episodes",
                filter=Q(led_episodes__status=EpisodeStatus.OPEN, led_episodes__archived_at__isnull=True),
            )
        )
        .select_related("profile")
        .order_by("full_name", "email")
    )
    board.caseloads = [CaseloadRow(m, m.open_cases, m.profile.caseload_limit) for m in members]
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=sorted({e.family_id for e in episodes}),
        query={"list": "Manager dashboard", "team": team.pk},
    )
    return board
