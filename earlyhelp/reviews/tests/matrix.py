"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from earlyhelp.access.tests.matrix_support import EPISODE_VIEW, EPISODE_WRITE, episode_kwargs, expect
from earlyhelp.reviews.models import Review, ReviewStatus


def _review(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk, "review_id": ctx["pending_review"].pk}


ROWS: dict[str, dict[str, Any]] = {
    # Partners take part in reviews: the Team Around the Family member sees the schedule and the decisions.
    "reviews:list": {"kwargs": episode_kwargs, "expect": EPISODE_VIEW},
    "reviews:record": {"kwargs": _review, "expect": EPISODE_WRITE},
    "reviews:decide": {"kwargs": _review, "expect": EPISODE_WRITE},
    # Anyone who can lead or manage work has a (possibly empty) list; it shows only their own episodes, their
    # team's or their service's. The front door, information governance and administrators have none.
    "reviews:overdue": {
        "expect": expect(200, front_door=403, information_governance=403, system_admin=403),
        "shows_family": {"unrelated": False, "taf_member": False, "lead": True, "manager": True},
    },
}


def extend(ctx: dict[str, Any]) -> None:
    """Review 1 of the shared episode, overdue: the lead and the manager see it on the overdue list."""
    ctx["pending_review"] = Review.objects.create(
        episode=ctx["episode"],
        number=1,
        due_on=timezone.localdate() - datetime.timedelta(days=10),
        status=ReviewStatus.SCHEDULED,
    )
