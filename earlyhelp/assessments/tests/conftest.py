"""The Ashworth case (earlyhelp/episodes/tests/case_context.py) plus Darren, Maisie's father, who lives elsewhere."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.codes.models import Code
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.people.models import PersonRelationship, RelationshipType
from earlyhelp.people.tests.factories import FamilyMemberFactory, PersonFactory


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    nurse.full_name = "Test school nurse"
    nurse.save()
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    darren = PersonFactory(
        legal_first_name="Darren",
        legal_last_name="Ashworth",
        date_of_birth=datetime.date(1988, 4, 9),
        sex=Code.objects.get(list_name="sex", code="M"),
    )
    FamilyMemberFactory(family=family, person=darren, lives_in_household=False)
    PersonRelationship.objects.create(person=darren, relative=ctx["maisie"], type=RelationshipType.FATHER)
    PersonRelationship.objects.create(person=ctx["rachel"], relative=ctx["maisie"], type=RelationshipType.MOTHER)
    return {**ctx, "lead": lead, "manager": manager, "nurse": nurse, "darren": darren, "family": family}
