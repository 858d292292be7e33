"""Rows of the access matrix for this app's personal-data URLs (joined in earlyhelp/access/tests/test_url_matrix.py).

Context objects (ctx) are built by earlyhelp/episodes/tests/case_context.py.
"""

from __future__ import annotations

from typing import Any

from earlyhelp.access.tests.matrix_support import (
    EPISODE_CASE,
    EPISODE_WRITE,
    episode_kwargs,
)

ROWS: dict[str, dict[str, Any]] = {
    # The readings and their charts are case record: not for a Team Around the Family member who has nothing more.
    "outcometools:readings": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    # Recording a reading is writing the case: the front door reads but does not write.
    "outcometools:reading_add": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "outcometools:reading_scores": {
        "kwargs": lambda ctx: {"episode_id": ctx["episode"].pk, "tool_id": ctx["tool"].pk},
        "expect": EPISODE_WRITE,
    },
}
