"""The Ashworth case (earlyhelp/episodes/tests/case_context.py), with the episode opened 90 days ago so that
readings can be dated across it, and helpers to record readings straight into the database."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.episodes.models import Episode
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.outcometools.models import OutcomeTool, Reading, Score


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    opened = timezone.now() - datetime.timedelta(days=90)
    Episode.objects.filter(pk=ctx["episode"].pk).update(opened_at=opened)
    ctx["episode"].refresh_from_db()
    # The context's baseline is dated inside the episode, 80 days ago.
    ctx["reading"].taken_on = timezone.localdate() - datetime.timedelta(days=80)
    ctx["reading"].save()
    return {
        **ctx,
        "lead": lead,
        "nurse": nurse,
        "manager": make_user(roles.TEAM_MANAGER, team=team),
        "front_door": make_user(roles.FRONT_DOOR),
    }


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def add_reading(case) -> Callable[..., Reading]:
    """A reading with a score per area, in area order, straight into the database (no service)."""

    def add(code: str, person: Any, stage: str, taken_on: datetime.date, values: Sequence[int]) -> Reading:
        tool = OutcomeTool.objects.get(code=code)
        reading = Reading.objects.create(
            episode=case["episode"], person=person, tool=tool, stage=stage, taken_on=taken_on, recorded_by=case["lead"]
        )
        areas = list(tool.areas.filter(active=True).order_by("order"))
        assert len(areas) == len(values)
        for area, value in zip(areas, values, strict=True):
            Score.objects.create(reading=reading, area=area, value=value)
        return reading

    return add
