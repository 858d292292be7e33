"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.tests.matrix_support import EPISODE_CASE, EPISODE_MANAGE, episode_kwargs, expect
from earlyhelp.organisations.tests.factories import ProfileFactory
from earlyhelp.oversight.models import Supervision

ROWS: dict[str, dict[str, Any]] = {
    "oversight:episode": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    "oversight:entry_add": {"kwargs": episode_kwargs, "expect": EPISODE_MANAGE},
    # Practitioners see their own supervisions, managers their practitioners'; other roles hold no supervision.
    "oversight:supervisions": {
        "expect": expect(403, lead=200, unrelated=200, taf_member=200, manager=200),
    },
    # Only a manager of that practitioner (a member of the manager's team).
    "oversight:supervision_add": {
        "kwargs": lambda ctx: {"user_id": ctx["supervisee"].pk},
        "expect": expect(404, manager=200),
    },
    "oversight:supervision_detail": {
        "kwargs": lambda ctx: {"supervision_id": ctx["supervision"].pk},
        "expect": expect(404, manager=200),
    },
    "oversight:dashboard": {"expect": expect(403, manager=200)},
}


def extend(ctx: dict[str, Any]) -> None:
    """Add this app's records to the shared case context (ctx["users"] holds the actors)."""
    manager = ctx["users"]["manager"]
    supervisee = ProfileFactory(
        agency=manager.profile.agency, team=manager.profile.team, user__roles=(roles.PRACTITIONER,)
    ).user
    ctx["supervisee"] = supervisee
    ctx["supervision"] = Supervision.objects.create(
        practitioner=supervisee, supervisor=manager, held_on=timezone.localdate() - datetime.timedelta(days=3)
    )
