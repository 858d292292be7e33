"""Supporting Families status and evidence, computed from the record in a fixed number of queries (R5.5)."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import HttpRequest

from earlyhelp.access import roles
from earlyhelp.access.policy import families_visible
from earlyhelp.assessments.models import Assessment, AssessmentStatus
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.closures.models import Closure, ClosureStatus, FollowUpCheck, NeedOutcome
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.needs.models import EpisodeNeed
from earlyhelp.organisations.models import PractitionerProfile
from earlyhelp.plans.models import Plan
from earlyhelp.supportingfamilies.models import Claim
from earlyhelp.supportingfamilies.rules import Facts, NeedFact, Result, Status, claim_status

SUSTAINMENT_MONTHS = 6
READY_PAGE_SIZE = 20


@dataclass(frozen=True)
class NeedEvidence:
    need: EpisodeNeed
    headline: Code | None
    outcome: NeedOutcome | None  # at the approved closure, if rated


@dataclass(frozen=True)
class SfStatus:
    episode_id: int
    result: Result
    needs: tuple[NeedEvidence, ...]
    closure: Closure | None
    follow_up: FollowUpCheck | None
    claim: Claim | None

    @property
    def status(self) -> Status:
        return self.result.status

    @property
    def headline_codes(self) -> list[Code]:
        seen: dict[str, Code] = {}
        for item in self.needs:
            if item.headline is not None:
                seen.setdefault(item.headline.code, item.headline)
        return sorted(seen.values(), key=lambda code: (code.order, code.code))

    @property
    def closed_on(self) -> datetime.date | None:
        return self.closure.decided_at.date() if self.closure and self.closure.decided_at else None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the last day of that month (31 August + 6 months = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _due(closure: Closure, episode: Episode) -> datetime.date | None:
    closed = closure.decided_at or episode.closed_at
    return add_months(closed.date(), SUSTAINMENT_MONTHS) if closed else None


def sf_statuses(episodes: Iterable[Episode]) -> dict[int, SfStatus]:
    """The status of many episodes in nine queries, however many there are."""
    by_id = {episode.pk: episode for episode in episodes}
    ids = list(by_id)
    if not ids:
        return {}
    needs: dict[int, list[EpisodeNeed]] = {pk: [] for pk in ids}
    for need in (
        EpisodeNeed.objects.live()
        .filter(episode_id__in=ids)
        .select_related("area__sf_headline", "identified_by")
        .prefetch_related("children")
        .order_by("area__order", "pk")
    ):
        needs[need.episode_id].append(need)
    with_children = set(
        EpisodeChild.objects.filter(episode_id__in=ids, ended_at__isnull=True).values_list("episode_id", flat=True)
    )
    signed_off = set(
        Assessment.objects.live()
        .filter(episode_id__in=ids, signed_off_at__isnull=False)
        .filter(status__in=[AssessmentStatus.SIGNED_OFF, AssessmentStatus.SUPERSEDED])
        .values_list("episode_id", flat=True)
    )
    approved = set(
        Plan.objects.filter(episode_id__in=ids, first_approved_at__isnull=False).values_list("episode_id", flat=True)
    )
    closures: dict[int, Closure] = {}
    for closure in (
        Closure.objects.filter(
            episode_id__in=ids, status=ClosureStatus.APPROVED, reopened_at__isnull=True, archived_at__isnull=True
        )
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    ):
        closures.setdefault(closure.episode_id, closure)
    closure_ids = [closure.pk for closure in closures.values()]
    outcomes = {(o.closure_id, o.need_id): o for o in NeedOutcome.objects.filter(closure_id__in=closure_ids)}
    follow_ups = {
        check.closure_id: check
        for check in FollowUpCheck.objects.filter(closure_id__in=closure_ids, months=SUSTAINMENT_MONTHS)
    }
    claims = {claim.episode_id: claim for claim in Claim.objects.filter(episode_id__in=ids)}
    result: dict[int, SfStatus] = {}
    for pk, episode in by_id.items():
        closure = closures.get(pk) if episode.status == EpisodeStatus.CLOSED else None
        evidence = tuple(
            NeedEvidence(
                need=need,
                headline=need.area.sf_headline,
                outcome=outcomes.get((closure.pk, need.pk)) if closure else None,
            )
            for need in needs[pk]
        )
        follow_up = follow_ups.get(closure.pk) if closure else None
        facts = Facts(
            has_children=pk in with_children,
            needs=tuple(
                NeedFact(
                    label=item.need.area.label,
                    headline=item.headline.code if item.headline else None,
                    improvement=item.outcome.improvement if item.outcome else None,
                )
                for item in evidence
            ),
            assessment_signed_off=pk in signed_off,
            has_lead=episode.lead_practitioner_id is not None,
            plan_approved=pk in approved,
            closed=closure is not None,
            follow_up_due=(follow_up.due_on if follow_up else _due(closure, episode)) if closure else None,
            follow_up_checked=bool(follow_up and follow_up.checked_at),
            came_back=follow_up.came_back if follow_up else None,
            claimed=pk in claims,
        )
        result[pk] = SfStatus(
            episode_id=pk,
            result=claim_status(facts),
            needs=evidence,
            closure=closure,
            follow_up=follow_up,
            claim=claims.get(pk),
        )
    return result


def sf_status(episode: Episode) -> SfStatus:
    """One episode's Supporting Families status and evidence (nine queries)."""
    return sf_statuses([episode])[episode.pk]


# The ready-to-claim list, for team and service managers.


class Show:
    READY = "ready"
    AWAITING = "awaiting"
    NOT_MET = "not_met"


SHOWS: dict[str, tuple[str, Status]] = {
    Show.READY: ("Ready to claim", Status.READY_TO_CLAIM),
    Show.AWAITING: ("Waiting for the six-month check", Status.AWAITING_SUSTAINMENT),
    Show.NOT_MET: ("Outcomes not met", Status.OUTCOMES_NOT_MET),
}


@dataclass(frozen=True)
class ReadyRow:
    episode: Episode
    sf: SfStatus


def _managed_scope(user: Any) -> Q:
    held = roles.user_roles(user)
    if not held & {roles.TEAM_MANAGER, roles.SERVICE_MANAGER}:
        raise PermissionDenied
    profile = PractitionerProfile.objects.filter(user=user).first()
    scope = Q(pk__in=[])
    if profile is not None and profile.team_id and roles.TEAM_MANAGER in held:
        scope |= Q(team_id=profile.team_id)
    if profile is not None and roles.SERVICE_MANAGER in held:
        scope |= Q(team__agency_id=profile.agency_id)
    return scope


def ready_page(*, request: HttpRequest, show: str = Show.READY, page_number: int | str = 1) -> Page:
    """Closed episodes of the manager's teams (a service manager: their agency's teams) with the given status,
    most recently closed first; one list event. Only closed, unclaimed episodes with enough headlines are
    considered, and their status is computed in a fixed number of queries."""
    user: Any = request.user
    scope = _managed_scope(user)
    wanted = SHOWS.get(show, SHOWS[Show.READY])[1]
    candidates = list(
        Episode.objects.live()
        .filter(scope, status=EpisodeStatus.CLOSED, family__in=families_visible(user), sf_claim__isnull=True)
        .annotate(
            headline_count=Count("needs__area__sf_headline", filter=Q(needs__archived_at__isnull=True), distinct=True)
        )
        .filter(headline_count__gte=settings.SUPPORTING_FAMILIES_MIN_HEADLINES)
        .select_related("family", "team")
        .order_by("-closed_at", "-pk")
    )
    statuses = sf_statuses(candidates)
    rows = [ReadyRow(episode=e, sf=statuses[e.pk]) for e in candidates if statuses[e.pk].status == wanted]
    page = Paginator(rows, READY_PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[row.episode.family_id for row in page.object_list],
        query={"list": "Supporting Families", "show": show},
    )
    return page
