"""Access matrix rows for the report URLs that serve personal data (joined in
earlyhelp/access/tests/test_url_matrix.py). The report pages themselves are aggregates; their role checks are in
test_views.py."""

from __future__ import annotations

from typing import Any

from earlyhelp.access.tests.matrix_support import expect

ROWS: dict[str, dict[str, Any]] = {
    # The records behind a figure: managers only, listing only what they may see; one access event.
    "reporting:records": {
        "kwargs": lambda ctx: {"slug": "demand"},
        "query": {"table": "overview", "row": "open"},
        "expect": expect(404, manager=200),
    },
    # Child-level Annex A: service managers only (not among the matrix's actors), so everyone here gets 404.
    "reporting:annex_a": {"expect": expect(404)},
}


def extend(ctx: dict[str, Any]) -> None:
    """Nothing to add: the figures count the shared case context's records."""
