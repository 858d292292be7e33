"""Rows of the access matrix for this app's personal-data URLs (joined in earlyhelp/access/tests/test_url_matrix.py).

Context objects (ctx) are built by earlyhelp/episodes/tests/case_context.py.
"""

from __future__ import annotations

from typing import Any

from earlyhelp.access.tests.matrix_support import (
    EPISODE_CASE,
    EPISODE_MANAGE,
    EPISODE_VIEW,
    EPISODE_WRITE,
    episode_kwargs,
    expect,
)

ROWS: dict[str, dict[str, Any]] = {
    # The overview and allocation (views_overview).
    "episodes:detail": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
    # The team: the front door, or a manager of the allocated team; the lead: that manager only.
    "episodes:allocate_team": {"kwargs": episode_kwargs, "expect": expect(404, front_door=200, manager=200)},
    "episodes:allocate_lead": {"kwargs": episode_kwargs, "expect": EPISODE_MANAGE},
    "episodes:awaiting_allocation": {"expect": expect(403, manager=200)},
    "episodes:notes": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
    "episodes:chronology": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    # Contacts and case notes, attachments, non-engagement (views_notes).
    "episodes:note_add": {"kwargs": episode_kwargs, "expect": expect(404, lead=200, taf_member=200, manager=200)},
    "episodes:note_detail": {
        "kwargs": lambda ctx: {"episode_id": ctx["episode"].pk, "contact_id": ctx["shared_note"].pk},
        "expect": EPISODE_VIEW,
    },
    "episodes:attachment_add": {
        "kwargs": lambda ctx: {"episode_id": ctx["episode"].pk, "contact_id": ctx["shared_note"].pk},
        "expect": expect(404, lead=200, taf_member=200, manager=200),
    },
    # The attachment is on the council's private note: the school nurse gets 404.
    "episodes:attachment_download": {
        "kwargs": lambda ctx: {"episode_id": ctx["episode"].pk, "attachment_id": ctx["attachment"].pk},
        "expect": EPISODE_CASE,
    },
    "episodes:reevaluation_request": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "episodes:reevaluations": {"expect": expect(403, front_door=200)},
    "episodes:reevaluation_decide": {
        "kwargs": lambda ctx: {"episode_id": ctx["episode"].pk, "reevaluation_id": ctx["reevaluation"].pk},
        "expect": expect(404, front_door=200),
    },
}
