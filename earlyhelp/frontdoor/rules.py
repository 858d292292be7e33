from __future__ import annotations

from typing import Any

import rules

from earlyhelp.access import roles

# R1.1: any agency can ask for help (families use the public self-referral form instead).
REQUESTING_ROLES = (
    roles.PRACTITIONER,
    roles.REFERRER,
    roles.SAFEGUARDING_LEAD,
    roles.TEAM_MANAGER,
    roles.SERVICE_MANAGER,
)


@rules.predicate
def can_make_request(user: Any) -> bool:
    return roles.has_role(user, *REQUESTING_ROLES)


rules.add_perm("frontdoor.make_request", can_make_request)


@rules.predicate
def works_at_front_door(user: Any) -> bool:
    return roles.has_role(user, roles.FRONT_DOOR)


rules.add_perm("frontdoor.triage", works_at_front_door)


@rules.predicate
def oversees_front_door_decisions(user: Any) -> bool:
    return roles.has_role(user, roles.FRONT_DOOR, roles.TEAM_MANAGER, roles.SERVICE_MANAGER)


rules.add_perm("frontdoor.see_unmet_need", oversees_front_door_decisions)


@rules.predicate
def manages_front_door_quality(user: Any) -> bool:
    return roles.has_role(user, roles.TEAM_MANAGER, roles.SERVICE_MANAGER)


rules.add_perm("frontdoor.review_nfa", manages_front_door_quality)

rules.add_perm("frontdoor.authorise_decision", manages_front_door_quality)
