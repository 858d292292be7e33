"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py).

`escalation` is the lead's request for the front door to reconsider a decision about the Ashworths: the team
manager handles it and the school nurse owns its agreed action. `escalation_waiting` (about a step-up decision)
has no handler yet: the team manager can take it on.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from earlyhelp.access.tests.matrix_support import expect
from earlyhelp.escalations.models import Escalation, EscalationAction, EscalationStep, Stage, Subject

# Anyone who can raise one: not administrators or information governance.
CAN_RAISE = expect(200, information_governance=403, system_admin=403)


def _escalation(ctx: dict[str, Any]) -> dict[str, int]:
    return {"escalation_id": ctx["escalation"].pk}


def _action(ctx: dict[str, Any]) -> dict[str, int]:
    return {"escalation_id": ctx["escalation"].pk, "action_id": ctx["escalation_action"].pk}


ROWS: dict[str, dict[str, Any]] = {
    "escalations:list": {"expect": CAN_RAISE},
    # With no family in the query the page shows no personal data and logs nothing.
    "escalations:raise": {"query": {"subject": "step_up", "reference": "SU26-4"}, "expect": CAN_RAISE, "events": 0},
    "escalations:detail": {
        "kwargs": _escalation,
        "expect": expect(404, lead=200, taf_member=200, front_door=200, manager=200),
    },
    "escalations:take": {
        "method": "post",
        "kwargs": lambda ctx: {"escalation_id": ctx["escalation_waiting"].pk},
        "expect": expect(404, manager=302),
    },
    "escalations:move": {"kwargs": _escalation, "expect": expect(404, manager=200)},
    "escalations:action_add": {"kwargs": _escalation, "expect": expect(404, manager=200)},
    "escalations:action_confirm": {"kwargs": _action, "expect": expect(404, lead=200, manager=200)},
    "escalations:resolve": {"kwargs": _escalation, "expect": expect(404, manager=200)},
}


def extend(ctx: dict[str, Any]) -> None:
    """Add this app's records to the shared case context (ctx["users"] holds the actors)."""
    users = ctx["users"]
    now = timezone.now()
    escalation = Escalation.objects.create(
        raised_by=users["lead"],
        subject=Subject.FRONT_DOOR_DECISION,
        subject_reference="R26-T2",
        family=ctx["family"],
        reason="The family asked for help with school attendance.",
        handler=users["manager"],
    )
    EscalationStep.objects.create(
        escalation=escalation, stage=Stage.PRACTITIONER, moved_at=now, moved_by=users["lead"]
    )
    ctx["escalation"] = escalation
    ctx["escalation_action"] = EscalationAction.objects.create(
        escalation=escalation,
        description="School nurse to share attendance figures",
        owner=users["taf_member"],
        due_on=datetime.date(2026, 1, 9),
        agreed_by=users["manager"],
        agreed_at=now,
    )
    ctx["escalation_waiting"] = Escalation.objects.create(
        raised_by=users["lead"],
        subject=Subject.STEP_UP,
        subject_reference="SU26-T1",
        family=ctx["family"],
        reason="Step-up refused without a strategy discussion.",
    )
