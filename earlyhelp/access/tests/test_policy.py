"""The role x relationship matrix of access-rules.md, for a family record.

Each scenario builds a user and their workflow relationship to the family, and states by hand whether they may
see it. The detail page (404 when denied), the object check and the list scoping must all agree."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import policy, roles
from earlyhelp.access.models import InvolvementKind, Restriction
from earlyhelp.organisations.tests.factories import AgencyFactory, TeamFactory

NOW = timezone.now


def lead(ctx, user, **extra):
    ctx["involve"](ctx["family"], user=user, kind=InvolvementKind.LEAD_PRACTITIONER, **extra)


def nothing(ctx):
    return ctx["make_user"](roles.PRACTITIONER)


def lead_current(ctx):
    user = ctx["make_user"](roles.PRACTITIONER)
    lead(ctx, user)
    return user


def lead_ended_within_30_days(ctx):
    user = ctx["make_user"](roles.PRACTITIONER)
    lead(ctx, user, ended_at=NOW() - timedelta(days=10), read_only_until=NOW() + timedelta(days=20))
    return user


def lead_ended_over_30_days(ctx):
    user = ctx["make_user"](roles.PRACTITIONER)
    lead(ctx, user, ended_at=NOW() - timedelta(days=40), read_only_until=NOW() - timedelta(days=10))
    return user


def lead_starting_tomorrow(ctx):
    user = ctx["make_user"](roles.PRACTITIONER)
    lead(ctx, user, started_at=NOW() + timedelta(days=1))
    return user


def taf_partner_with_consent(ctx):
    user = ctx["make_user"](roles.PRACTITIONER, agency=ctx["school"])
    ctx["involve"](ctx["family"], user=user, kind=InvolvementKind.TAF_MEMBER)
    ctx["consent"](ctx["family"], ctx["school"])
    return user


def taf_partner_without_consent(ctx):
    user = ctx["make_user"](roles.PRACTITIONER, agency=ctx["school"])
    ctx["involve"](ctx["family"], user=user, kind=InvolvementKind.TAF_MEMBER)
    ctx["consent"](ctx["family"], AgencyFactory(name="Another agency"))
    return user


def taf_partner_consent_withdrawn(ctx):
    user = ctx["make_user"](roles.PRACTITIONER, agency=ctx["school"])
    ctx["involve"](ctx["family"], user=user, kind=InvolvementKind.TAF_MEMBER)
    ctx["consent"](ctx["family"], ctx["school"], withdrawn_on=NOW().date())
    return user


def front_door(ctx):
    return ctx["make_user"](roles.FRONT_DOOR)


def front_door_restricted_family(ctx):
    Restriction.objects.create(family=ctx["family"], reason="Staff relative", review_due=NOW().date())
    return ctx["make_user"](roles.FRONT_DOOR)


def lead_on_restriction_list(ctx):
    user = lead_current(ctx)
    restriction = Restriction.objects.create(family=ctx["family"], reason="Staff relative", review_due=NOW().date())
    restriction.members.add(user)
    return user


def lead_not_on_restriction_list(ctx):
    user = lead_current(ctx)
    Restriction.objects.create(family=ctx["family"], reason="Staff relative", review_due=NOW().date())
    return user


def team_manager_own_team(ctx):
    user = ctx["make_user"](roles.TEAM_MANAGER, team=ctx["team"])
    ctx["involve"](ctx["family"], team=ctx["team"], kind=InvolvementKind.TEAM_ALLOCATION)
    return user


def team_manager_other_team(ctx):
    user = ctx["make_user"](roles.TEAM_MANAGER, team=ctx["team"])
    ctx["involve"](ctx["family"], team=TeamFactory(agency=ctx["council"]), kind=InvolvementKind.TEAM_ALLOCATION)
    return user


def service_manager_own_service(ctx):
    user = ctx["make_user"](roles.SERVICE_MANAGER)
    ctx["involve"](ctx["family"], team=TeamFactory(agency=ctx["council"]), kind=InvolvementKind.TEAM_ALLOCATION)
    return user


def service_manager_other_agency(ctx):
    user = ctx["make_user"](roles.SERVICE_MANAGER)
    other = AgencyFactory(name="Neighbouring council")
    ctx["involve"](ctx["family"], team=TeamFactory(agency=other), kind=InvolvementKind.TEAM_ALLOCATION)
    return user


def practitioner_holding_team_allocation(ctx):
    # A team allocation opens the family to the team's manager, not to every practitioner in the team.
    user = ctx["make_user"](roles.PRACTITIONER, team=ctx["team"])
    ctx["involve"](ctx["family"], team=ctx["team"], kind=InvolvementKind.TEAM_ALLOCATION)
    return user


def auditor_assigned(ctx):
    user = ctx["make_user"](roles.AUDITOR)
    ctx["involve"](
        ctx["family"], user=user, kind=InvolvementKind.AUDIT, ended_at=NOW(), read_only_until=NOW() + timedelta(days=5)
    )
    return user


def auditor_window_closed(ctx):
    user = ctx["make_user"](roles.AUDITOR)
    ctx["involve"](
        ctx["family"],
        user=user,
        kind=InvolvementKind.AUDIT,
        ended_at=NOW(),
        read_only_until=NOW() - timedelta(hours=1),
    )
    return user


def auditor_not_assigned(ctx):
    return ctx["make_user"](roles.AUDITOR)


def break_glass_current(ctx):
    user = ctx["make_user"](roles.PRACTITIONER)
    ctx["involve"](
        ctx["family"],
        user=user,
        kind=InvolvementKind.BREAK_GLASS,
        ended_at=NOW(),
        read_only_until=NOW() + timedelta(hours=24),
        reason="Police at the door out of hours",
    )
    return user


def role_without_case_access(role):
    def build(ctx):
        user = ctx["make_user"](role)
        lead(ctx, user)  # even a (mistaken) relationship gives these roles no case content
        return user

    build.__name__ = f"{role}_with_relationship"
    return build


def no_role_with_relationship(ctx):
    user = ctx["make_user"]()
    lead(ctx, user)
    return user


def lead_of_archived_family(ctx):
    user = lead_current(ctx)
    ctx["family"].archived_at = NOW()
    ctx["family"].save()
    return user


SCENARIOS = [
    (nothing, False),
    (lead_current, True),
    (lead_ended_within_30_days, True),
    (lead_ended_over_30_days, False),
    (lead_starting_tomorrow, False),
    (taf_partner_with_consent, True),
    (taf_partner_without_consent, False),
    (taf_partner_consent_withdrawn, False),
    (front_door, True),
    (front_door_restricted_family, False),
    (lead_on_restriction_list, True),
    (lead_not_on_restriction_list, False),
    (team_manager_own_team, True),
    (team_manager_other_team, False),
    (service_manager_own_service, True),
    (service_manager_other_agency, False),
    (practitioner_holding_team_allocation, False),
    (auditor_assigned, True),
    (auditor_window_closed, False),
    (auditor_not_assigned, False),
    (break_glass_current, True),
    (role_without_case_access(roles.SYSTEM_ADMIN), False),
    (role_without_case_access(roles.INFORMATION_GOVERNANCE), False),
    (role_without_case_access(roles.ANALYST), False),
    (role_without_case_access(roles.REFERRER), False),
    (role_without_case_access(roles.SAFEGUARDING_LEAD), False),
    (no_role_with_relationship, False),
    (lead_of_archived_family, False),
]


@pytest.fixture
def ctx(family, make_user, involve, consent, school, council, team):
    return {
        "family": family,
        "make_user": make_user,
        "involve": involve,
        "consent": consent,
        "school": school,
        "council": council,
        "team": team,
    }


@pytest.mark.parametrize(("scenario", "allowed"), SCENARIOS, ids=[s.__name__ for s, _ in SCENARIOS])
def test_family_access_matrix(scenario, allowed, ctx, sign_in):
    user = scenario(ctx)
    family = ctx["family"]

    assert policy.can_view_family(user, family.pk) is allowed
    assert (family in policy.families_visible(user)) is allowed
    child = family.memberships.get(person__legal_first_name="Maisie").person
    assert (child in policy.people_visible(user)) is allowed

    response = sign_in(user).get(reverse("people:family_detail", args=[family.pk]))
    assert response.status_code == (200 if allowed else 404)


def test_front_door_sees_people_in_no_family(make_user):
    from earlyhelp.people.tests.factories import PersonFactory

    loner = PersonFactory()
    assert loner in policy.people_visible(make_user(roles.FRONT_DOOR))
    assert loner not in policy.people_visible(make_user(roles.PRACTITIONER))


def test_anonymous_sees_nothing(family):
    from django.contrib.auth.models import AnonymousUser

    assert not policy.families_visible(AnonymousUser()).exists()
    assert not policy.people_visible(AnonymousUser()).exists()
