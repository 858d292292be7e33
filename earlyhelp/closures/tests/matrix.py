"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py).

The public questionnaire (feedback:questionnaire) shows no personal data, so it has no row."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from earlyhelp.access.tests.matrix_support import (
    EPISODE_CASE,
    EPISODE_MANAGE,
    EPISODE_WRITE,
    episode_kwargs,
    expect,
)
from earlyhelp.closures.models import Closure
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.people.models import Family


def _closed_episode(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["closed_episode"].pk}


ROWS: dict[str, dict[str, Any]] = {
    "closures:closure": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    "closures:reason": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "closures:outcomes": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "closures:summary": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "closures:check": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "closures:decide": {"kwargs": episode_kwargs, "expect": EPISODE_MANAGE},
    "closures:feedback_link": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    # A manager of the closed episode's team, whether or not their read-only access has ended.
    "closures:reopen": {"kwargs": _closed_episode, "expect": expect(404, manager=200)},
    "closures:follow_ups": {"expect": expect(403, manager=200)},
}


def extend(ctx: dict[str, Any]) -> None:
    """A draft closure of the open episode, and another family's episode of the same team closed ten days ago."""
    episode = ctx["episode"]
    ctx["closure"] = Closure.objects.create(episode=episode, requested_by=ctx["users"]["lead"])
    now = timezone.now()
    family = Family.objects.create(reference="NS-T-CLOSED", name="Test closed family")
    ctx["closed_episode"] = Episode.objects.create(
        reference="EH26-T00902",
        family=family,
        status=EpisodeStatus.CLOSED,
        opened_at=now - datetime.timedelta(days=200),
        closed_at=now - datetime.timedelta(days=10),
        team=episode.team,
        lead_practitioner=ctx["users"]["lead"],
    )
