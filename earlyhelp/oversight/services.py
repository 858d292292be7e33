"""Writes for management oversight and supervision (R6.1, R6.2, PS8)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from earlyhelp.access.policy import family_relationship
from earlyhelp.episodes.models import ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.services import chronology_record
from earlyhelp.oversight.models import OversightEntry, Supervision, SupervisionCase
from earlyhelp.oversight.selectors import supervisees
from earlyhelp.people.models import Person


@transaction.atomic
def oversight_record(
    *,
    user: Any,
    episode: Episode,
    children: Iterable[Person],
    plan_effectiveness: str,
    child_circumstances: str,
    decisions: str,
    actions: str = "",
    token: uuid.UUID | None = None,
) -> OversightEntry:
    """A manager of the allocated team or service records oversight on the child's file, with a chronology line.
    A double submit (same token) returns the first record."""
    if token is not None:
        existing = OversightEntry.objects.filter(submission_token=token, episode=episode).first()
        if existing is not None:
            return existing
    relationship = family_relationship(user, episode.family_id)
    if not (relationship.visible and relationship.manages):
        raise PermissionDenied
    chosen = list(children)
    allowed = set(episode.episode_children.values_list("person_id", flat=True))
    if not chosen:
        raise ValidationError({"children": "Select which children the oversight is about"})
    if any(child.pk not in allowed for child in chosen):
        raise ValidationError({"children": "Select children in this episode"})
    missing = {
        "plan_effectiveness": (plan_effectiveness, "Enter whether the plan is working"),
        "child_circumstances": (child_circumstances, "Enter whether the children's circumstances are improving"),
        "decisions": (decisions, "Enter the decisions"),
    }
    errors = {name: message for name, (value, message) in missing.items() if not value.strip()}
    if errors:
        raise ValidationError(errors)
    entry = OversightEntry.objects.create(
        episode=episode,
        recorded_by=user,
        recorded_at=timezone.now(),
        plan_effectiveness=plan_effectiveness.strip(),
        child_circumstances=child_circumstances.strip(),
        decisions=decisions.strip(),
        actions=actions.strip(),
        submission_token=token,
    )
    entry.children.set(chosen)
    chronology_record(
        episode=episode,
        kind=ChronologyKind.OVERSIGHT,
        summary=f"Management oversight recorded by {user.get_full_name()}",
        user=user,
        source=entry,
    )
    return entry


@dataclass(frozen=True)
class CaseDiscussion:
    episode: Episode
    discussion: str
    decisions: str = ""


@transaction.atomic
def supervision_record(
    *,
    user: Any,
    practitioner: Any,
    held_on: datetime.date,
    reflective: bool,
    wellbeing: str = "",
    reflection: str = "",
    development: str = "",
    next_due_on: datetime.date | None = None,
    cases: Iterable[CaseDiscussion] = (),
    token: uuid.UUID | None = None,
) -> Supervision:
    """A manager records a supervision with one of their practitioners. Each case discussed is a SupervisionCase,
    which counts as oversight on that case's file and writes an oversight line in its chronology."""
    if token is not None:
        existing = Supervision.objects.filter(submission_token=token, practitioner=practitioner).first()
        if existing is not None:
            return existing
    if not supervisees(user).filter(pk=practitioner.pk).exists():
        raise PermissionDenied
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The date of the supervision must be today or in the past"})
    if next_due_on is not None and next_due_on <= held_on:
        raise ValidationError({"next_due_on": "The next supervision must be after this one"})
    discussions = list(cases)
    for case in discussions:
        if case.episode.lead_practitioner_id != practitioner.pk or case.episode.status != EpisodeStatus.OPEN:
            raise ValidationError("Select cases the practitioner leads")
        if not case.discussion.strip():
            raise ValidationError(f"Enter the discussion of {case.episode.reference}")
    supervision = Supervision.objects.create(
        practitioner=practitioner,
        supervisor=user,
        held_on=held_on,
        reflective=reflective,
        wellbeing=wellbeing.strip(),
        reflection=reflection.strip(),
        development=development.strip(),
        next_due_on=next_due_on,
        submission_token=token,
    )
    for case in discussions:
        SupervisionCase.objects.create(
            supervision=supervision,
            episode=case.episode,
            discussion=case.discussion.strip(),
            decisions=case.decisions.strip(),
        )
        chronology_record(
            episode=case.episode,
            kind=ChronologyKind.OVERSIGHT,
            summary=f"Case discussed in supervision by {user.get_full_name()}",
            occurred_at=timezone.make_aware(
                datetime.datetime.combine(held_on, datetime.time(12)), timezone.get_default_timezone()
            ),
            user=user,
            source=supervision,
        )
    return supervision
