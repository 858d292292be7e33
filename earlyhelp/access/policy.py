"""The one access policy: who may see which family (access-rules.md).

    role permission AND a workflow relationship to the family AND (not restricted OR on its access list)
    AND (council early help OR consent covers the user's agency)

`families_visible` is the single source of truth. Object checks are derived from it, so a list can never show
a family that its detail page would refuse, or the other way round. Everything not granted here is denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Exists, OuterRef, Q, QuerySet

from earlyhelp.access import roles
from earlyhelp.access.models import Consent, Involvement, InvolvementKind, Restriction
from earlyhelp.organisations.models import PractitionerProfile
from earlyhelp.people.models import Family, FamilyMember, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

PERSONAL_INVOLVEMENTS = {
    roles.PRACTITIONER: (InvolvementKind.LEAD_PRACTITIONER, InvolvementKind.TAF_MEMBER),
    roles.TEAM_MANAGER: (InvolvementKind.LEAD_PRACTITIONER, InvolvementKind.TAF_MEMBER),
    roles.SERVICE_MANAGER: (InvolvementKind.LEAD_PRACTITIONER, InvolvementKind.TAF_MEMBER),
    roles.AUDITOR: (InvolvementKind.AUDIT,),
}


def _profile(user: AnyUser) -> PractitionerProfile | None:
    # Cached on the user object: one query per request however many checks a page makes.
    cache = cast(Any, user)
    if not hasattr(cache, "_earlyhelp_profile"):
        cache._earlyhelp_profile = (
            PractitionerProfile.objects.select_related("agency", "team").filter(user_id=cast(int, user.pk)).first()
        )
    return cast(PractitionerProfile | None, cache._earlyhelp_profile)


def _relationship_condition(user: AnyUser, held: frozenset[str]) -> Q:
    """Which current involvements give this user a relationship to a family."""
    profile = _profile(user)
    user_id = cast(int, user.pk)
    kinds = {kind for role in held for kind in PERSONAL_INVOLVEMENTS.get(role, ())}
    conditions = Q(pk__in=[])
    if kinds:
        conditions |= Q(user_id=user_id, kind__in=kinds)
    # Break-glass gives any case role 24 hours of read access, with the privacy officer alerted (rule 1).
    conditions |= Q(user_id=user_id, kind=InvolvementKind.BREAK_GLASS)
    if profile is not None and profile.team_id and roles.TEAM_MANAGER in held:
        conditions |= Q(team_id=profile.team_id)
    if profile is not None and roles.SERVICE_MANAGER in held:
        conditions |= Q(team__agency_id=profile.agency_id)
    return conditions


def families_visible(user: AnyUser) -> QuerySet[Family]:
    held = roles.user_roles(user) & roles.CASE_ROLES
    if not held:
        return Family.objects.none()
    families = Family.objects.live()
    if roles.FRONT_DOOR not in held:
        relationship = _relationship_condition(user, held)
        involvements = Involvement.objects.current().filter(relationship).filter(family_id=OuterRef("pk"))
        families = families.filter(Exists(involvements))
        profile = _profile(user)
        if profile is None:
            return Family.objects.none()
        if not profile.agency.is_council_early_help:
            # A partner agency sees a family only while a family member's consent covers it (rule 3).
            consents = Consent.objects.filter(
                withdrawn_on__isnull=True,
                agencies=profile.agency_id,
                person__memberships__family_id=OuterRef("pk"),
            )
            families = families.filter(Exists(consents))
    return families.exclude(Exists(_restrictions_excluding(user)))


def _restrictions_excluding(user: AnyUser) -> QuerySet[Restriction]:
    """Restrictions on the outer family that do not name this user: a sealed record opens only to its list (rule 5)."""
    return Restriction.objects.filter(family_id=OuterRef("pk")).exclude(members=user.pk)


def can_view_family(user: AnyUser, family_id: int) -> bool:
    return families_visible(user).filter(pk=family_id).exists()


def people_visible(user: AnyUser) -> QuerySet[Person]:
    """People are seen through a family the user may see."""
    held = roles.user_roles(user) & roles.CASE_ROLES
    if not held:
        return Person.objects.none()
    if roles.FRONT_DOOR in held:
        # The front door screens everyone, including people in no family yet; sealed families stay sealed.
        sealed = FamilyMember.objects.filter(person_id=OuterRef("pk")).filter(
            Exists(Restriction.objects.filter(family_id=OuterRef("family_id")).exclude(members=user.pk))
        )
        return Person.objects.live().exclude(Exists(sealed))
    memberships = FamilyMember.objects.filter(person_id=OuterRef("pk"), family__in=families_visible(user))
    return Person.objects.live().filter(Exists(memberships))


def can_view_person(user: AnyUser, person_id: int) -> bool:
    return people_visible(user).filter(pk=person_id).exists()


def families_worked_with(user: AnyUser) -> QuerySet[Family]:
    """The families this user works with (as lead, TAF member, or through their managed team), not everyone they
    could open: the front door can open any family but works with none of them here."""
    held = roles.user_roles(user) & roles.CASE_ROLES
    relationship = _relationship_condition(user, held - {roles.AUDITOR})
    involvements = (
        Involvement.objects.current()
        .filter(relationship)
        .exclude(kind=InvolvementKind.BREAK_GLASS)
        .filter(family_id=OuterRef("pk"))
    )
    return families_visible(user).filter(Exists(involvements))


@dataclass(frozen=True)
class Relationship:
    """What one user may do with one family's case record, derived from the same policy as `families_visible`.

    `case` is the whole record (lead practitioner, managers, the front door, the council's auditors, break-glass); a
    Team Around the Family member who has nothing more, or a partner agency's auditor, is `partner_only`: the plan,
    their own actions, the assessment summary, shared notes and their contributions (access-rules.md). Writing
    needs an open involvement: a read-only period, an audit or break-glass reads only.
    """

    visible: bool = False
    roles: frozenset[str] = frozenset()
    open_kinds: frozenset[str] = frozenset()
    read_only_kinds: frozenset[str] = frozenset()
    manages: bool = False
    # The user works for a partner agency, not the council's early help service.
    partner_agency: bool = False

    @property
    def case(self) -> bool:
        if not self.visible:
            return False
        if roles.FRONT_DOOR in self.roles or self.manages:
            return True
        kinds = (self.open_kinds | self.read_only_kinds) - {InvolvementKind.TAF_MEMBER}
        if self.partner_agency:
            # A partner agency's auditor reads what the family's consent shares with their agency, as a Team Around
            # the Family member would: not the council's private notes or the sensitive sections (rule 2).
            kinds -= {InvolvementKind.AUDIT}
        return bool(kinds)

    @property
    def audit_only(self) -> bool:
        """Reads the case only as an auditor: read-only, and never exports, prints or downloads (rule 6)."""
        if not self.visible or self.manages or roles.FRONT_DOOR in self.roles:
            return False
        kinds = self.open_kinds | self.read_only_kinds
        return InvolvementKind.AUDIT in kinds and kinds <= {InvolvementKind.AUDIT}

    @property
    def partner_only(self) -> bool:
        return self.visible and not self.case

    @property
    def is_lead(self) -> bool:
        return self.visible and InvolvementKind.LEAD_PRACTITIONER in self.open_kinds

    @property
    def can_write_case(self) -> bool:
        """Assessment, plan, notes: the current lead practitioner, or a manager of the allocated team or service."""
        return self.is_lead or (self.visible and self.manages)

    @property
    def can_contribute(self) -> bool:
        """Notes, contributions and their own actions: any open involvement of a working kind."""
        return self.can_write_case or (self.visible and InvolvementKind.TAF_MEMBER in self.open_kinds)


NO_RELATIONSHIP = Relationship()


def family_relationship(user: AnyUser, family_id: int) -> Relationship:
    """Two queries (plus the cached role and profile lookups), whatever the page."""
    if not can_view_family(user, family_id):
        return NO_RELATIONSHIP
    held = roles.user_roles(user) & roles.CASE_ROLES
    rows = list(
        Involvement.objects.current()
        .filter(_relationship_condition(user, held))
        .filter(family_id=family_id)
        .values_list("kind", "ended_at", "user_id")
    )
    personal = [(kind, ended) for kind, ended, user_id in rows if user_id == user.pk]
    read_only = {InvolvementKind.AUDIT, InvolvementKind.BREAK_GLASS}
    return Relationship(
        visible=True,
        roles=held,
        open_kinds=frozenset(kind for kind, ended in personal if ended is None and kind not in read_only),
        read_only_kinds=frozenset(kind for kind, ended in personal if ended is not None or kind in read_only),
        # A manager's relationship is through the team (or service) the family is allocated to.
        manages=any(user_id is None and ended is None for _, ended, user_id in rows),
        partner_agency=_is_partner_agency(user),
    )


def _is_partner_agency(user: AnyUser) -> bool:
    profile = _profile(user)
    return profile is not None and not profile.agency.is_council_early_help
