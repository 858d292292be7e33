from __future__ import annotations

from typing import Any

import pytest

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.episodes.tests.case_context import build_case_context


@pytest.fixture
def case(family, make_user, team, school, consent, involve) -> dict[str, Any]:
    """The shared open episode of the Ashworths, with its lead, the team's manager and a school nurse."""
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    taf_member = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=taf_member, consent=consent)
    ctx["lead"] = lead
    ctx["taf_member"] = taf_member
    ctx["manager"] = make_user(roles.TEAM_MANAGER, team=team)
    return ctx
