"""Access matrix rows for this app's URLs (joined in earlyhelp/access/tests/test_url_matrix.py).

The team manager (`manager`) leads two audit programmes. In the first, the Ashworths' episode has been audited by a
council auditor, moderated and shared: the lead practitioner receives the findings and owns a recommended action.
In the second the same episode waits for auditors. No actor of the matrix is the auditor, so the auditor's pages
answer 404 to all of them; earlyhelp/quality/tests/test_auditor_access.py covers the auditor.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.tests.matrix_support import EPISODE_CASE, episode_kwargs, expect
from earlyhelp.organisations.tests.factories import ProfileFactory
from earlyhelp.quality.models import AgencyAudit, AuditProgramme, AuditTemplate, CaseAudit, RecommendedAction

PROGRAMME_LEAD = expect(404, manager=200)
NOBODY = expect(404)


def _programme(ctx: dict[str, Any]) -> dict[str, int]:
    return {"programme_id": ctx["programme"].pk}


def _shared(ctx: dict[str, Any]) -> dict[str, int]:
    return {"case_id": ctx["case_shared"].pk}


def _open(ctx: dict[str, Any]) -> dict[str, int]:
    return {"case_id": ctx["case_open"].pk}


def _audit(ctx: dict[str, Any]) -> dict[str, int]:
    return {"agency_audit_id": ctx["agency_audit"].pk}


ROWS: dict[str, dict[str, Any]] = {
    "quality:programme": {"kwargs": _programme, "expect": PROGRAMME_LEAD},
    "quality:programme_sample": {"kwargs": _programme, "expect": PROGRAMME_LEAD},
    "quality:programme_case_add": {"kwargs": _programme, "expect": PROGRAMME_LEAD},
    "quality:findings": {"kwargs": _programme, "expect": PROGRAMME_LEAD},
    "quality:findings_download": {
        "kwargs": lambda ctx: {**_programme(ctx), "fmt": "xlsx"},
        "expect": PROGRAMME_LEAD,
    },
    # The findings reach the lead practitioner once shared; the programme's lead works on the case.
    "quality:case": {"kwargs": _shared, "expect": expect(404, lead=200, manager=200)},
    "quality:case_assign": {"kwargs": _open, "expect": PROGRAMME_LEAD},
    "quality:case_moderate": {"kwargs": _open, "expect": PROGRAMME_LEAD},
    "quality:action_add": {"kwargs": _shared, "expect": PROGRAMME_LEAD},
    "quality:case_respond": {"kwargs": _shared, "expect": expect(404, lead=200)},
    "quality:case_reaudit": {"kwargs": _shared, "expect": PROGRAMME_LEAD},
    "quality:action_confirm": {
        "kwargs": lambda ctx: {"action_id": ctx["audit_action"].pk},
        "expect": expect(404, lead=200, manager=200),
    },
    "quality:audit": {"kwargs": _audit, "expect": NOBODY},
    "quality:audit_section": {"kwargs": lambda ctx: {**_audit(ctx), "order": 1}, "expect": NOBODY},
    "quality:audit_submit": {"kwargs": _audit, "expect": NOBODY},
    "quality:episode_audits": {"kwargs": episode_kwargs, "expect": EPISODE_CASE},
}


def extend(ctx: dict[str, Any]) -> None:
    users = ctx["users"]
    manager, lead, episode = users["manager"], users["lead"], ctx["episode"]
    today = timezone.localdate()
    template = AuditTemplate.objects.get(code="early-help-case-audit")
    window = {"window_start": today - datetime.timedelta(days=7), "window_end": today + datetime.timedelta(days=21)}
    programme = AuditProgramme.objects.create(name="Autumn audit", template=template, lead=manager, **window)
    later = AuditProgramme.objects.create(name="Winter audit", template=template, lead=manager, **window)
    now = timezone.now()
    shared = CaseAudit.objects.create(
        programme=programme,
        family=ctx["family"],
        episode=episode,
        rule="random",
        sample_seed=7,
        chosen_by=manager,
        overall_grade="good",
        moderated_by=manager,
        moderated_at=now,
        shared_at=now,
    )
    auditor = ProfileFactory(agency=lead.profile.agency, user__roles=(roles.AUDITOR,)).user
    ctx["agency_audit"] = AgencyAudit.objects.create(
        case=shared,
        auditor=auditor,
        agency=auditor.profile.agency,
        assigned_by=manager,
        proposed_grade="good",
        summary="Good help",
        submitted_at=now,
    )
    ctx["audit_action"] = RecommendedAction.objects.create(
        case=shared,
        description="Record the children's views at each visit",
        owner=lead,
        due_on=today + datetime.timedelta(days=14),
        agreed_by=manager,
    )
    ctx["programme"] = programme
    ctx["case_shared"] = shared
    ctx["case_open"] = CaseAudit.objects.create(
        programme=later, family=ctx["family"], episode=episode, rule="by_hand", chosen_by=manager
    )
