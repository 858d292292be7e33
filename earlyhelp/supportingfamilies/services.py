"""Recording a Supporting Families claim (R5.5): only when the record shows the family ready to claim."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import Episode
from earlyhelp.supportingfamilies.models import Claim
from earlyhelp.supportingfamilies.rules import Status
from earlyhelp.supportingfamilies.selectors import sf_status

PERIOD = re.compile(r"^(\d{4})-(\d{2}) Q[1-4]$")
PERIOD_ERROR = "Enter the claim period in the form 2026-27 Q3"
NOT_READY = "This family is not ready to claim: check the outcomes and the six-month check"
ALREADY_CLAIMED = "A claim has already been recorded for this episode"


def clean_period(period: str) -> str:
    period = " ".join(period.split()).upper()
    match = PERIOD.match(period)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValidationError({"period": PERIOD_ERROR})
    return period


@transaction.atomic
def claim_record(*, user: User, episode: Episode, period: str, note: str = "") -> Claim:
    """Record the claim for an episode that is ready to claim. One claim per episode: submitting the same claim
    twice (a double click) returns the first one."""
    if not family_relationship(user, episode.family_id).manages:
        raise PermissionDenied
    locked = Episode.objects.select_for_update().get(pk=episode.pk)
    existing = Claim.objects.filter(episode=locked).first()
    if existing is not None:
        if existing.period == " ".join((period or "").split()).upper() and existing.claimed_by_id == user.pk:
            return existing
        raise ValidationError(ALREADY_CLAIMED)
    status = sf_status(locked)
    if status.status != Status.READY_TO_CLAIM:
        raise ValidationError(NOT_READY)
    period = clean_period(period or "")
    claim = Claim.objects.create(
        episode=locked, period=period, claimed_by=user, claimed_at=timezone.now(), note=note.strip()
    )
    claim.headlines.set(status.headline_codes)
    return claim
