"""Recording and archiving identified needs (R5.3). No chronology line: needs are part of the assessment's record."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.episodes.services import check_version
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.people.models import Person

ALREADY_RECORDED = "This area of need is already recorded for this family. Archive it first to record it again"
CLOSED = "You cannot change the needs of a closed episode"
HAS_OUTCOME = "This need has an outcome recorded at closure, so it cannot be archived"


def _check_can_write(user: User, episode: Episode) -> None:
    if not family_relationship(user, episode.family_id).can_write_case:
        raise PermissionDenied
    if episode.status == EpisodeStatus.CLOSED:
        raise ValidationError(CLOSED)


@transaction.atomic
def need_record(
    *, user: User, episode: Episode, area: NeedArea, children: Iterable[Person], description: str
) -> EpisodeNeed:
    """Record an area of need for the family; no children means the whole family. Submitting the same need twice
    (a double click) returns the first one."""
    _check_can_write(user, episode)
    description = description.strip()
    if not description:
        raise ValidationError({"description": "Enter what the need is and the evidence for it"})
    if not area.active:
        raise ValidationError({"area": "Select an area of need"})
    chosen = list(children)
    current = set(
        EpisodeChild.objects.filter(episode=episode, ended_at__isnull=True).values_list("person_id", flat=True)
    )
    if any(child.pk not in current for child in chosen):
        raise ValidationError({"children": "Select only children this episode is about"})
    existing = EpisodeNeed.objects.live().select_for_update().filter(episode=episode, area=area).first()
    if existing is not None:
        if existing.identified_by_id == user.pk and existing.description == description:
            return existing
        raise ValidationError({"area": ALREADY_RECORDED})
    need = EpisodeNeed.objects.create(
        episode=episode, area=area, description=description, identified_at=timezone.now(), identified_by=user
    )
    need.children.set(chosen)
    return need


@transaction.atomic
def need_archive(*, user: User, need: EpisodeNeed, reason: str, loaded_version: int | None = None) -> EpisodeNeed:
    """Archive (never delete) a need recorded in error or no longer relevant, with the reason kept in its history."""
    locked = EpisodeNeed.objects.select_for_update(of=("self",)).select_related("episode").get(pk=need.pk)
    _check_can_write(user, locked.episode)
    if locked.archived_at is not None:
        return locked
    check_version(loaded=loaded_version, current=locked.version)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why this need is being archived"})
    if locked.outcomes.exists():
        raise ValidationError(HAS_OUTCOME)
    locked.archived_at = timezone.now()
    locked.version += 1
    locked.archive_reason = reason
    locked.save()
    return locked
