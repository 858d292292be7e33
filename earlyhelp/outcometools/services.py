"""Writes for outcome tools: recording a reading. Each service owns its transaction and checks permission again."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from earlyhelp.access.policy import family_relationship
from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import ChronologyKind, Episode, EpisodeStatus
from earlyhelp.episodes.services import chronology_record
from earlyhelp.outcometools.charts import first_name, tool_short_name
from earlyhelp.outcometools.models import OutcomeTool, Reading, ReadingStage, Score
from earlyhelp.outcometools.selectors import earlier_readings, reading_people, tool_areas
from earlyhelp.people.models import Person


def _long_date(day: datetime.date) -> str:
    return format_date(day, "j F Y")


def _check_reading(
    *, episode: Episode, tool: OutcomeTool, person: Person, stage: str, taken_on: datetime.date
) -> dict[str, str]:
    """What is wrong with the reading, by the field the user must correct."""
    errors: dict[str, str] = {}
    name = first_name(person)
    tool_name = tool_short_name(tool)
    if person.pk not in {p.pk for p in reading_people(episode, tool)}:
        errors["person"] = f"Select who the {tool_name} reading is with"
    earlier = earlier_readings(episode=episode, tool=tool, person=person)
    baseline = next((r for r in earlier if r.stage == ReadingStage.BASELINE), None)
    if stage not in ReadingStage.values:
        errors["stage"] = "Select which reading this is"
    elif not earlier and stage != ReadingStage.BASELINE:
        errors["stage"] = f"The first {tool_name} reading with {name} must be the baseline"
    elif baseline is not None and stage == ReadingStage.BASELINE:
        errors["stage"] = f"A {tool_name} baseline has already been recorded with {name}: select review or closure"
    opened = timezone.localdate(episode.opened_at)
    if taken_on > timezone.localdate():
        errors["taken_on"] = "Date of the reading must be today or in the past"
    elif taken_on < opened:
        errors["taken_on"] = f"Date of the reading must be on or after {_long_date(opened)}, when the episode opened"
    elif baseline is not None and stage != ReadingStage.BASELINE and taken_on < baseline.taken_on:
        errors["taken_on"] = f"Date of the reading must be on or after the baseline on {_long_date(baseline.taken_on)}"
    return errors


def _check_scores(tool: OutcomeTool, scores: dict[int, int]) -> dict[str, str]:
    """A score within the tool's scale for every area in use, keyed "scores.<area id>"."""
    errors = {}
    for area in tool_areas(tool):
        value = scores.get(area.pk)
        if value is None or not tool.scale_min <= value <= tool.scale_max:
            errors[f"scores.{area.pk}"] = f"Enter a score from {tool.scale_min} to {tool.scale_max} for {area.label}"
    return errors


@transaction.atomic
def reading_record(
    *,
    user: User,
    episode: Episode,
    tool: OutcomeTool,
    person: Person,
    stage: str,
    taken_on: datetime.date,
    scores: dict[int, int],
    submission_token: uuid.UUID | None = None,
) -> Reading:
    """One reading of a tool with one person, a score for every area (R3.7). The first reading of a tool with a
    person is the baseline, and recording it adds a line to the chronology; later readings do not. The form's
    one-time token makes a double click or a resent form return the reading already recorded."""
    if not family_relationship(user, episode.family_id).can_write_case:
        raise PermissionDenied
    # One writer at a time per episode: a second click waits, then finds the reading the first one made.
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    if submission_token is not None:
        existing = Reading.objects.filter(submission_token=submission_token, episode=episode).first()
        if existing is not None:
            return existing
    if episode.status == EpisodeStatus.CLOSED:
        raise ValidationError("This episode is closed: readings can no longer be recorded")
    if not tool.active:
        raise ValidationError("This outcome tool is no longer in use")
    errors = {
        **_check_reading(episode=episode, tool=tool, person=person, stage=stage, taken_on=taken_on),
        **_check_scores(tool, scores),
    }
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            reading = Reading.objects.create(
                episode=episode,
                person=person,
                tool=tool,
                stage=stage,
                taken_on=taken_on,
                recorded_by=user,
                submission_token=submission_token,
            )
    except IntegrityError:
        # The same form sent twice at the same moment: the other request recorded it.
        return Reading.objects.get(submission_token=submission_token, episode=episode)
    # One by one, so that each score has its history record.
    for area in tool_areas(tool):
        Score.objects.create(reading=reading, area=area, value=scores[area.pk])
    if stage == ReadingStage.BASELINE:
        today = timezone.localdate()
        occurred_at = (
            timezone.now()
            if taken_on == today
            else timezone.make_aware(datetime.datetime.combine(taken_on, datetime.time(12)))
        )
        chronology_record(
            episode=episode,
            kind=ChronologyKind.ASSESSMENT,
            summary=f"{tool_short_name(tool)} baseline recorded with {first_name(person)}",
            occurred_at=occurred_at,
            user=user,
            source=reading,
        )
    return reading
