"""Access matrix rows for the Team Around the Family pages (joined into plans/tests/matrix.py)."""

from __future__ import annotations

from typing import Any

from earlyhelp.access.tests.matrix_support import EPISODE_VIEW, EPISODE_WRITE, episode_kwargs, expect


def _member_kwargs(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk, "member_id": ctx["taf_member_record"].pk}


def _meeting_kwargs(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk, "meeting_id": ctx["meeting"].pk}


TAF_ROWS: dict[str, dict[str, Any]] = {
    # Every member sees the team, who leads, and the meetings' decisions and minutes.
    "plans:taf": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
    "plans:taf_meeting": {"kwargs": _meeting_kwargs, "expect": EPISODE_VIEW},
    # Only the lead practitioner and managers of the allocated team change the team or record meetings.
    "plans:taf_invite": {"kwargs": episode_kwargs, "query": {"q": "nurse"}, "expect": EPISODE_WRITE},
    "plans:taf_member_add": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "plans:taf_meeting_add": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "plans:taf_member_end": {
        "method": "post",
        "kwargs": _member_kwargs,
        "expect": expect(404, lead=302, manager=302),
    },
}
