"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from earlyhelp.access.models import Consent
from earlyhelp.access.tests.matrix_support import EPISODE_CASE, EPISODE_WRITE, episode_kwargs, expect
from earlyhelp.transitions.models import StepDown, StepUp


def _step_up(ctx: dict[str, Any]) -> dict[str, int]:
    return {"step_up_id": ctx["step_up"].pk}


def _step_down(ctx: dict[str, Any]) -> dict[str, int]:
    return {"step_down_id": ctx["step_down"].pk}


def _family(ctx: dict[str, Any]) -> dict[str, int]:
    return {"family_id": ctx["family"].pk}


# The front door, and the lead and managers of the episode.
STEP_UP_READ = expect(404, lead=200, manager=200, front_door=200)
FRONT_DOOR_ONLY = expect(404, front_door=200)

ROWS: dict[str, dict[str, Any]] = {
    "transitions:episode": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    "transitions:step_up_new": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    # Without answers kept in the session, the check page sends the user back to the form.
    "transitions:step_up_check": {"kwargs": episode_kwargs, "expect": expect(404, lead=302, manager=302)},
    "transitions:step_ups": {"expect": expect(403, front_door=200)},
    "transitions:step_up_detail": {"kwargs": _step_up, "expect": STEP_UP_READ},
    "transitions:step_up_receive": {"method": "post", "kwargs": _step_up, "expect": expect(404, front_door=302)},
    "transitions:step_up_decide": {"kwargs": _step_up, "expect": FRONT_DOOR_ONLY},
    "transitions:step_up_withdraw": {
        "method": "post",
        "kwargs": _step_up,
        "expect": expect(404, lead=302, manager=302),
    },
    "transitions:step_down_new": {"kwargs": _family, "expect": FRONT_DOOR_ONLY},
    "transitions:step_down_check": {"kwargs": _family, "expect": expect(404, front_door=302)},
    "transitions:step_down_detail": {"kwargs": _step_down, "expect": STEP_UP_READ},
}


def extend(ctx: dict[str, Any]) -> None:
    """A step-up sent by the lead, waiting for the front door; a step-down recorded earlier for the family."""
    users = ctx["users"]
    episode = ctx["episode"]
    now = timezone.now()
    step_up = StepUp.objects.create(
        reference="SU26-T00001",
        episode=episode,
        reasons="Test reasons",
        risks="Test risks",
        requested_by=users["lead"],
        sent_at=now - datetime.timedelta(days=2),
    )
    step_up.children.add(ctx["maisie"])
    step_down = StepDown.objects.create(
        reference="SD26-T00001",
        family=ctx["family"],
        episode=episode,
        social_care_history="Test history",
        risks="Test risks",
        what_worked="Test",
        social_worker="Test social worker",
        team=episode.team,
        handover_meeting_on=datetime.date(2026, 10, 1),
        handover_attendees="Test attendees",
        consent_reconfirmed_on=datetime.date(2026, 10, 1),
        consent_how=Consent.HowObtained.WRITTEN,
        consent_given_by=ctx["rachel"],
        recorded_by=users["front_door"],
        recorded_at=now - datetime.timedelta(days=60),
    )
    step_down.children.add(ctx["maisie"])
    ctx["step_up"] = step_up
    ctx["step_down"] = step_down
