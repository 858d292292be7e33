"""Rows of the access matrix for this app's personal-data URLs (joined in earlyhelp/access/tests/test_url_matrix.py).

Context objects (ctx) are built by earlyhelp/episodes/tests/case_context.py.
"""

from __future__ import annotations

from typing import Any

from earlyhelp.access.tests.matrix_support import (
    EPISODE_VIEW,
    episode_kwargs,
)
from earlyhelp.plans.tests.matrix_taf import TAF_ROWS

ROWS: dict[str, dict[str, Any]] = {
    **TAF_ROWS,
    "plans:plan": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
}
