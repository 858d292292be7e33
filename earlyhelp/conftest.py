"""Fixtures shared by every app's tests: users in roles with workflow relationships to families."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from earlyhelp.access.models import Consent, Involvement, InvolvementKind
from earlyhelp.organisations.models import AgencyType
from earlyhelp.organisations.tests.factories import AgencyFactory, ProfileFactory, TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory, FamilyMemberFactory, PersonFactory


@pytest.fixture
def council(db):
    return AgencyFactory(name="Northshire Early Help", type=AgencyType.COUNCIL_EARLY_HELP)


@pytest.fixture
def school(db):
    return AgencyFactory(name="Oakfield Primary School", type=AgencyType.SCHOOL)


@pytest.fixture
def make_user(db, council) -> Callable[..., Any]:
    """A user holding `roles`, with a practitioner profile in `agency` (the council by default)."""

    def make(*roles: str, agency=None, team=None, email: str | None = None):
        kwargs: dict[str, Any] = {"user__roles": roles}
        if email:
            kwargs["user__email"] = email
        profile = ProfileFactory(agency=agency or council, team=team, **kwargs)
        return profile.user

    return make


@pytest.fixture
def family(db):
    """A family of a mother and two children."""
    fam = FamilyFactory(name="Ashworth family")
    FamilyMemberFactory(
        family=fam,
        person=PersonFactory(
            legal_first_name="Rachel", legal_last_name="Ashworth", date_of_birth=datetime.date(1990, 2, 3)
        ),
    )
    FamilyMemberFactory(
        family=fam,
        person=PersonFactory(
            legal_first_name="Maisie", legal_last_name="Ashworth", date_of_birth=datetime.date(2016, 7, 1)
        ),
    )
    FamilyMemberFactory(
        family=fam,
        person=PersonFactory(
            legal_first_name="Noah", legal_last_name="Ashworth", date_of_birth=datetime.date(2019, 11, 20)
        ),
    )
    return fam


@pytest.fixture
def involve(db) -> Callable[..., Involvement]:
    def make(family, *, user=None, team=None, kind=InvolvementKind.LEAD_PRACTITIONER, **extra):
        return Involvement.objects.create(family=family, user=user, team=team, kind=kind, source="test", **extra)

    return make


@pytest.fixture
def consent(db) -> Callable[..., Consent]:
    def make(family, agency, **extra):
        person = family.memberships.first().person
        record = Consent.objects.create(
            person=person, given_on=datetime.date(2026, 1, 5), how_obtained=Consent.HowObtained.WRITTEN, **extra
        )
        record.agencies.add(agency)
        return record

    return make


@pytest.fixture
def team(council):
    return TeamFactory(agency=council, name="Early Help North")


@pytest.fixture
def sign_in(client) -> Callable[..., Any]:
    """Sign a user in as if they had passed multi-factor authentication."""
    from allauth.mfa.models import Authenticator

    def do(user):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
        )
        client.force_login(user)
        return client

    return do
