"""Role-level permissions, registered with `rules`. Object checks delegate to earlyhelp.access.policy."""

from __future__ import annotations

from typing import Any

import rules

from earlyhelp.access import policy, roles


@rules.predicate
def can_search_people(user: Any) -> bool:
    return roles.has_role(user, roles.FRONT_DOOR, roles.PRACTITIONER, roles.TEAM_MANAGER, roles.SERVICE_MANAGER)


@rules.predicate
def can_view_family(user: Any, family: Any) -> bool:
    return family is not None and policy.can_view_family(user, family.pk)


@rules.predicate
def can_view_person(user: Any, person: Any) -> bool:
    return person is not None and policy.can_view_person(user, person.pk)


@rules.predicate
def is_information_governance(user: Any) -> bool:
    return roles.has_role(user, roles.INFORMATION_GOVERNANCE)


@rules.predicate
def works_with_families(user: Any) -> bool:
    return roles.has_role(user, roles.PRACTITIONER, roles.TEAM_MANAGER, roles.SERVICE_MANAGER)


rules.add_perm("people.search_person", can_search_people)
rules.add_perm("people.list_own_families", works_with_families)
rules.add_perm("people.view_family", can_view_family)
rules.add_perm("people.view_person", can_view_person)
rules.add_perm("audit.view_access_log", is_information_governance)
