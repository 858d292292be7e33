from __future__ import annotations

from typing import Any

import pytest

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.episodes.tests.case_context import build_case_context


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    lead = make_user(roles.PRACTITIONER, email="lead@council.example")
    lead.full_name = "Test Lead Worker"
    lead.save(update_fields=["full_name"])
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    manager = make_user(roles.TEAM_MANAGER, team=team, email="manager@council.example")
    return {**ctx, "lead": lead, "nurse": nurse, "manager": manager}
