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
from earlyhelp.plans.tests.matrix_taf import TAF_ROWS

# A POST that succeeds redirects.
EPISODE_WRITE_POST = expect(404, lead=302, manager=302)


def _outcome(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk, "outcome_id": ctx["plan_outcome"].pk}


def _lead_action(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk, "action_id": ctx["lead_action"].pk}


def _taf_action(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk, "action_id": ctx["taf_action"].pk}


def _plan_version(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"version": ctx["plan"].version}


PLAN_ROWS: dict[str, dict[str, Any]] = {
    "plans:plan": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
    "plans:plan_start": {"method": "post", "kwargs": episode_kwargs, "expect": EPISODE_WRITE_POST},
    "plans:outcome_add": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "plans:outcome_edit": {"kwargs": _outcome, "expect": EPISODE_WRITE},
    "plans:outcome_archive": {
        "method": "post",
        "kwargs": _outcome,
        "data": _plan_version,
        "expect": EPISODE_WRITE_POST,
    },
    "plans:action_add": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "plans:action_edit": {"kwargs": _lead_action, "expect": EPISODE_WRITE},
    "plans:action_archive": {
        "method": "post",
        "kwargs": _lead_action,
        "data": _plan_version,
        "expect": EPISODE_WRITE_POST,
    },
    # The nurse's own action: she updates it, as do the lead and the manager; the front door only reads.
    "plans:action_update": {"kwargs": _taf_action, "expect": expect(404, lead=200, taf_member=200, manager=200)},
    "plans:views_edit": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "plans:plan_submit": {"method": "post", "kwargs": episode_kwargs, "expect": EPISODE_WRITE_POST},
    "plans:plan_approve": {"kwargs": episode_kwargs, "expect": EPISODE_MANAGE},
    "plans:family_copy": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    "plans:family_copy_pdf": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
}

ROWS: dict[str, dict[str, Any]] = {
    **TAF_ROWS,
    **PLAN_ROWS,
}
