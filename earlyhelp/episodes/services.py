"""Writes for episodes: opening, allocation, the chronology. Each service owns its transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import READ_ONLY_AFTER_END, Involvement, InvolvementKind
from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import (
    Allocation,
    ChronologyEntry,
    ChronologyKind,
    Episode,
    EpisodeChild,
    EpisodeStatus,
    StatutoryBasis,
    Visibility,
)
from earlyhelp.organisations.models import Agency, PractitionerProfile, Team
from earlyhelp.people.models import Family, Person


class StaleEdit(Exception):
    """Someone else changed the record since this user loaded it: show a conflict, never overwrite silently."""


def check_version(*, loaded: int | None, current: int) -> None:
    if loaded is not None and loaded != current:
        raise StaleEdit


def chronology_record(
    *,
    family: Family,
    kind: str,
    summary: str,
    occurred_at: datetime | None = None,
    episode: Episode | None = None,
    user: User | None = None,
    source: object = None,
    visibility: str = Visibility.SHARED,
    agency: Agency | None = None,
) -> ChronologyEntry:
    """One line of the chronology, written by the service that made the event, inside its transaction (R2.4)."""
    return ChronologyEntry.objects.create(
        family=family,
        episode=episode,
        kind=kind,
        summary=summary[:500],
        occurred_at=occurred_at or timezone.now(),
        recorded_by=user,
        source=f"{source._meta.label_lower}:{source.pk}" if source is not None else "",  # type: ignore[attr-defined]
        visibility=visibility,
        agency=agency,
    )


def _next_reference(episode: Episode) -> str:
    return f"EH{timezone.localdate():%y}-{episode.pk:06d}"


@transaction.atomic
def episode_open(
    *,
    user: User,
    family: Family,
    children: Iterable[Person],
    team: Team | None,
    statutory_basis: str = StatutoryBasis.TARGETED_EARLY_HELP,
    level_id: int | None = None,
    source_decision_id: int | None = None,
    source_summary: str = "",
) -> Episode:
    """Open an episode for a family, or add the children to the one already open: a family has one episode of
    help at a time, so a second request while help is under way joins it rather than starting a parallel case."""
    now = timezone.now()
    Family.objects.select_for_update().get(pk=family.pk)
    episode = Episode.objects.filter(family=family).exclude(status=EpisodeStatus.CLOSED).first()
    opened = episode is None
    if episode is None:
        episode = Episode.objects.create(
            reference=f"EH-pending-{family.pk}-{now.timestamp()}",
            family=family,
            statutory_basis=statutory_basis,
            level_id=level_id,
            opened_at=now,
            opened_by=user,
            source_decision_id=source_decision_id,
            source_summary=source_summary,
        )
        episode.reference = _next_reference(episode)
        episode.save(update_fields=["reference"])
        chronology_record(
            family=family,
            episode=episode,
            kind=ChronologyKind.EPISODE_OPENED,
            summary=f"{episode.get_statutory_basis_display()} episode {episode.reference} opened",
            user=user,
            source=episode,
        )
    known = set(episode.episode_children.values_list("person_id", flat=True))
    for child in children:
        if child.pk not in known:
            EpisodeChild.objects.create(episode=episode, person=child, added_at=now)
    if team is not None and episode.team_id is None:
        _allocate_team(user=user, episode=episode, team=team, reason="Allocated by the front door decision")
    if not opened:
        chronology_record(
            family=family,
            episode=episode,
            kind=ChronologyKind.DECISION,
            summary=f"A new request joined the open episode {episode.reference}",
            user=user,
        )
    return episode


def _end_allocation(episode: Episode, now: datetime) -> None:
    Allocation.objects.filter(episode=episode, ended_at__isnull=True).update(ended_at=now)


def _end_involvements(episode: Episode, *, kind: str, now: datetime) -> None:
    # Ended, not deleted: the previous lead keeps 30 days' read-only access for the handover (access-rules.md).
    Involvement.objects.filter(
        family=episode.family, kind=kind, ended_at__isnull=True, source=f"episode:{episode.pk}"
    ).update(ended_at=now, read_only_until=now + READ_ONLY_AFTER_END)


def _allocate_team(*, user: User, episode: Episode, team: Team, reason: str) -> None:
    now = timezone.now()
    _end_allocation(episode, now)
    _end_involvements(episode, kind=InvolvementKind.TEAM_ALLOCATION, now=now)
    Involvement.objects.create(
        family=episode.family,
        team=team,
        kind=InvolvementKind.TEAM_ALLOCATION,
        source=f"episode:{episode.pk}",
        created_by=user,
    )
    Allocation.objects.create(episode=episode, team=team, allocated_by=user, allocated_at=now, reason=reason)
    episode.team = team
    episode.save(update_fields=["team", "updated_at"])
    chronology_record(
        family=episode.family,
        episode=episode,
        kind=ChronologyKind.ALLOCATION,
        summary=f"Allocated to {team.name} ({team.agency.name})",
        user=user,
    )


def _check_can_allocate(user: User, episode: Episode) -> None:
    relationship = family_relationship(user, episode.family_id)
    if not (relationship.manages or roles.FRONT_DOOR in relationship.roles):
        raise PermissionDenied
    if not episode.is_open:
        raise ValidationError("This episode is closed.")


@transaction.atomic
def episode_allocate_team(*, user: User, episode: Episode, team: Team, reason: str = "") -> Episode:
    """The front door or a manager allocates (or moves) the episode to a team."""
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    _check_can_allocate(user, locked)
    if locked.team_id == team.pk:
        return locked
    _allocate_team(user=user, episode=locked, team=team, reason=reason)
    return locked


@transaction.atomic
def episode_allocate_lead(
    *, user: User, episode: Episode, lead: User, reason: str = "", loaded_version: int | None = None
) -> Episode:
    """A manager of the allocated team names the lead practitioner, who can work for any agency (R4.1)."""
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    _check_can_allocate(user, locked)
    check_version(loaded=loaded_version, current=locked.version)
    if locked.lead_practitioner_id == lead.pk:
        return locked
    profile = PractitionerProfile.objects.select_related("agency").filter(user=lead).first()
    if profile is None or not roles.has_role(lead, roles.PRACTITIONER, roles.TEAM_MANAGER):
        raise ValidationError("Choose a practitioner who can lead the work")
    if locked.team is None:
        raise ValidationError("Allocate the episode to a team first")
    now = timezone.now()
    _end_allocation(locked, now)
    _end_involvements(locked, kind=InvolvementKind.LEAD_PRACTITIONER, now=now)
    Involvement.objects.create(
        family=locked.family,
        user=lead,
        kind=InvolvementKind.LEAD_PRACTITIONER,
        source=f"episode:{locked.pk}",
        created_by=user,
    )
    Allocation.objects.create(
        episode=locked, team=locked.team, lead_practitioner=lead, allocated_by=user, allocated_at=now, reason=reason
    )
    locked.lead_practitioner = lead
    locked.allocated_at = locked.allocated_at or now
    locked.status = EpisodeStatus.OPEN
    locked.version += 1
    locked.save()
    chronology_record(
        family=locked.family,
        episode=locked,
        kind=ChronologyKind.ALLOCATION,
        summary=f"Lead practitioner: {lead.get_full_name() or lead.email} ({profile.agency.name})",
        user=user,
    )
    return locked
