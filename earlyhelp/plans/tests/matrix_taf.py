"""Access matrix rows for the Team Around the Family pages (joined into plans/tests/matrix.py)."""

from __future__ import annotations

from typing import Any

from earlyhelp.access.tests.matrix_support import EPISODE_VIEW, episode_kwargs

TAF_ROWS: dict[str, dict[str, Any]] = {
    "plans:taf": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
}
