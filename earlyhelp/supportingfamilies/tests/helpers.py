"""Records that take an episode through the Supporting Families journey, for tests (synthetic data only)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.assessments.models import Assessment, AssessmentStatus
from earlyhelp.closures.models import Closure, ClosureReason, ClosureStatus, FollowUpCheck, NeedOutcome
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.people.tests.factories import FamilyFactory, FamilyMemberFactory, PersonFactory
from earlyhelp.plans.models import Plan

THREE_HEADLINES = ("N06", "N08", "N12")  # SF01, SF08, SF09


def add_needs(episode: Episode, user: Any, codes: tuple[str, ...] = THREE_HEADLINES) -> list[EpisodeNeed]:
    now = timezone.now()
    return [
        EpisodeNeed.objects.create(
            episode=episode,
            area=NeedArea.objects.get(code=code),
            description=f"Test need {code}",
            identified_at=now,
            identified_by=user,
        )
        for code in codes
    ]


def make_eligible(episode: Episode, user: Any) -> None:
    """A signed-off assessment and an approved plan."""
    now = timezone.now()
    assessment = Assessment.objects.filter(episode=episode).first() or Assessment.objects.create(
        episode=episode, started_by=user, started_at=now
    )
    assessment.status = AssessmentStatus.SIGNED_OFF
    assessment.signed_off_at = now
    assessment.save()
    plan = Plan.objects.filter(episode=episode).first() or Plan.objects.create(episode=episode, created_by=user)
    plan.first_approved_at = plan.approved_at = now
    plan.save()


def close(
    episode: Episode,
    user: Any,
    *,
    improvement: str = "significant",
    checked: bool = False,
    came_back: bool | None = None,
    closed_at: datetime.datetime | None = None,
) -> Closure:
    """An approved closure rating every live need, and its six-month check (checked or not)."""
    closed_at = closed_at or timezone.now() - datetime.timedelta(days=200)
    Episode.objects.filter(pk=episode.pk).update(status=EpisodeStatus.CLOSED, closed_at=closed_at)
    episode.refresh_from_db()
    closure = Closure.objects.create(
        episode=episode,
        status=ClosureStatus.APPROVED,
        reason=ClosureReason.OUTCOMES_ACHIEVED,
        requested_by=user,
        decided_by=user,
        decided_at=closed_at,
    )
    for need in EpisodeNeed.objects.live().filter(episode=episode):
        NeedOutcome.objects.create(closure=closure, need=need, improvement=improvement, evidence=f"Evidence {need.pk}")
    FollowUpCheck.objects.create(
        closure=closure,
        episode=episode,
        months=6,
        due_on=(closed_at + datetime.timedelta(days=183)).date(),
        checked_at=timezone.now() if checked else None,
        came_back=came_back if checked else None,
        new_requests=["R26-000999"] if came_back else [],
    )
    return closure


def closed_family(*, team: Any, lead: Any, number: int, **close_options: Any) -> Episode:
    """Another family of the team: one child, three headlines, closed with an approved closure."""
    family = FamilyFactory(name=f"Test family {number}")
    child = PersonFactory(legal_first_name="Child", legal_last_name=f"Test{number}")
    FamilyMemberFactory(family=family, person=child)
    Involvement.objects.create(family=family, team=team, kind=InvolvementKind.TEAM_ALLOCATION, source="test")
    episode = Episode.objects.create(
        reference=f"EH26-T9{number:04d}",
        family=family,
        status=EpisodeStatus.OPEN,
        opened_at=timezone.now() - datetime.timedelta(days=400),
        team=team,
        lead_practitioner=lead,
    )
    EpisodeChild.objects.create(episode=episode, person=child, added_at=timezone.now())
    add_needs(episode, lead)
    make_eligible(episode, lead)
    close(episode, lead, **close_options)
    return episode
