"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from earlyhelp.access.tests.matrix_support import EPISODE_CASE, EPISODE_WRITE, episode_kwargs, expect
from earlyhelp.needs.models import EpisodeNeed, NeedArea


def _archive_kwargs(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk, "need_id": ctx["need_to_archive"].pk}


ROWS: dict[str, dict[str, Any]] = {
    # Needs include parental risks: the whole case record, not a Team Around the Family member.
    "needs:list": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
    "needs:add": {"kwargs": episode_kwargs, "expect": EPISODE_WRITE},
    "needs:archive": {
        "method": "post",
        "kwargs": _archive_kwargs,
        "data": lambda ctx: {"reason": "Recorded twice", "version": ctx["need_to_archive"].version},
        "expect": expect(404, lead=302, manager=302),
    },
}


def extend(ctx: dict[str, Any]) -> None:
    """Three needs under three headlines (school attendance for Maisie, domestic abuse and housing for the whole
    family) in ctx["needs"], ctx["need"] the first; and a finance need to archive in ctx["need_to_archive"]."""
    lead = ctx["users"]["lead"]
    now = timezone.now()
    areas = {area.code: area for area in NeedArea.objects.filter(code__in=["N06", "N08", "N12", "N13"])}

    def make(code: str, description: str) -> EpisodeNeed:
        return EpisodeNeed.objects.create(
            episode=ctx["episode"], area=areas[code], description=description, identified_at=now, identified_by=lead
        )

    attendance = make("N06", "Maisie's attendance is 82% this term.")
    attendance.children.set([ctx["maisie"]])
    ctx["needs"] = [
        attendance,
        make("N08", "Police attended two incidents at home this year."),
        make("N12", "Overcrowded flat; on the housing register."),
    ]
    ctx["need"] = attendance
    ctx["need_to_archive"] = make("N13", "Rent arrears.")
