"""The roles of access-rules.md. A role is a Django group created by migration; a user may hold several.

A role alone never opens a family's record: that also needs a relationship made by the workflow
(see earlyhelp.access.policy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

PRACTITIONER = "practitioner"
FRONT_DOOR = "front_door"
TEAM_MANAGER = "team_manager"
SERVICE_MANAGER = "service_manager"
SAFEGUARDING_LEAD = "safeguarding_lead"
REFERRER = "referrer"
AUDITOR = "auditor"
INFORMATION_GOVERNANCE = "information_governance"
ANALYST = "analyst"
SYSTEM_ADMIN = "system_admin"

ROLES: dict[str, str] = {
    PRACTITIONER: "Practitioner (lead practitioner or Team Around the Family member)",
    FRONT_DOOR: "Front door / MASH worker",
    TEAM_MANAGER: "Team manager",
    SERVICE_MANAGER: "Service manager",
    SAFEGUARDING_LEAD: "Partner safeguarding lead",
    REFERRER: "Referrer",
    AUDITOR: "Auditor",
    INFORMATION_GOVERNANCE: "Information governance / data protection officer",
    ANALYST: "Analyst",
    SYSTEM_ADMIN: "System administrator",
}

# Roles that can ever open case content, given a relationship. Administrators, analysts and information
# governance never see case content through ordinary pages (access-rules.md).
CASE_ROLES = frozenset({PRACTITIONER, FRONT_DOOR, TEAM_MANAGER, SERVICE_MANAGER, AUDITOR})


def create_groups(group_model: Any) -> None:
    """One group per role. Used by the data migration (with its historical model) and by tests that flush."""
    for name in ROLES:
        group_model.objects.get_or_create(name=name)


def user_roles(user: AbstractBaseUser | AnonymousUser | None) -> frozenset[str]:
    """The role names a user holds, cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_earlyhelp_roles", None)
    if cached is None:
        cached = frozenset(cast(Any, user).groups.values_list("name", flat=True))
        cast(Any, user)._earlyhelp_roles = cached
    return cached


def has_role(user: AbstractBaseUser | AnonymousUser | None, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))
