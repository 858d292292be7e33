"""Who may change the service directory: administrators of reference data (staff with the system administrator
role), as for the threshold document. Everyone signed in may search it; that needs no permission. Nothing here is
deleted: services are archived, needs and areas disabled. Signpostings are personal data and are not in the
administration site at all."""

from __future__ import annotations

from typing import Any

import rules

from earlyhelp.access import roles


@rules.predicate
def administers_reference_data(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False)) and roles.has_role(user, roles.SYSTEM_ADMIN)


rules.add_perm("directory", administers_reference_data)
for model in ("need", "area", "service"):
    for action in ("view", "add", "change"):
        rules.add_perm(f"directory.{action}_{model}", administers_reference_data)
