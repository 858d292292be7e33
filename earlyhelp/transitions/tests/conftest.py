"""A realistic open episode with a lead, a manager, a Team Around the Family member and the front door."""

from __future__ import annotations

from typing import Any

import pytest

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.organisations.tests.factories import TeamFactory


@pytest.fixture
def case(family, make_user, involve, team, school, consent, council) -> dict[str, Any]:
    lead = make_user(roles.PRACTITIONER, email="lead@example.test")
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    manager = make_user(roles.TEAM_MANAGER, team=team, email="manager@example.test")
    nurse = make_user(roles.PRACTITIONER, agency=school, email="nurse@example.test")
    front_door_team = TeamFactory(agency=council, name="Front door", email="frontdoor@example.test")
    front_door = make_user(roles.FRONT_DOOR, team=front_door_team, email="mash@example.test")
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "family": family, "lead": lead, "manager": manager, "nurse": nurse, "front_door": front_door}
