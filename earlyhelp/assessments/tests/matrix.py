"""Rows of the access matrix for this app's personal-data URLs (joined in earlyhelp/access/tests/test_url_matrix.py).

Context objects (ctx) are built by earlyhelp/episodes/tests/case_context.py. The assessment in ctx is a draft led
by "lead"; a Team Around the Family member sees its summary and contributes, and gets 404 on everything else.
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


def _section(person: str) -> Any:
    return lambda ctx: {"episode_id": ctx["episode"].pk, "person_id": ctx[person].pk}


ROWS: dict[str, dict[str, Any]] = {
    "assessments:overview": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
    # Already started in ctx: starting again changes nothing and goes back to the overview.
    "assessments:start": {"kwargs": episode_kwargs, "method": "post", "expect": expect(404, lead=302, manager=302)},
    "assessments:version": {
        "kwargs": lambda ctx: {"episode_id": ctx["episode"].pk, "number": ctx["assessment"].number},
        "expect": EPISODE_CASE,
    },
    "assessments:history": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "assessments:child": {"kwargs": _section("maisie"), "expect": EPISODE_WRITE},
    "assessments:carer": {"kwargs": _section("rachel"), "expect": EPISODE_WRITE},
    "assessments:family": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "assessments:strengths": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    # The analysis is never shown to a Team Around the Family member (issue 4: they get 404).
    "assessments:analysis": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "assessments:factors": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "assessments:contribute": {
        "kwargs": episode_kwargs,
        "expect": expect(404, lead=200, taf_member=200, manager=200),
    },
    "assessments:submit": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "assessments:sign_off": {"kwargs": episode_kwargs, "expect": EPISODE_MANAGE},
    "assessments:reassess": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
}
