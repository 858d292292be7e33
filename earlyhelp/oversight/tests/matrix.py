"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py)."""

from __future__ import annotations

from typing import Any

ROWS: dict[str, dict[str, Any]] = {}


def extend(ctx: dict[str, Any]) -> None:
    """Add this app's records to the shared case context (ctx["users"] holds the actors)."""
