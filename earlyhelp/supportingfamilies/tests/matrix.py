"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py)."""

from __future__ import annotations

from typing import Any

from earlyhelp.access.tests.matrix_support import EPISODE_CASE, episode_kwargs, expect

ROWS: dict[str, dict[str, Any]] = {
    # For team and service managers, scoped to their teams; every other role gets 403.
    "supportingfamilies:ready": {"expect": expect(403, manager=200)},
    "supportingfamilies:episode": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    # The shared episode is open, so not ready to claim: the manager gets the page back with the error.
    "supportingfamilies:claim": {
        "method": "post",
        "kwargs": episode_kwargs,
        "data": lambda ctx: {"period": "2026-27 Q3"},
        "expect": expect(404, manager=200),
    },
}


def extend(ctx: dict[str, Any]) -> None:
    """Nothing to add: the pages read the needs (needs.tests.matrix) and closure records of the shared episode."""
