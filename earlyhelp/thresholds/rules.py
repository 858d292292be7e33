"""Who may change the threshold document: administrators of reference data (staff with the system administrator
role). Everyone signed in may read the published versions; that needs no permission."""

from __future__ import annotations

from typing import Any

import rules

from earlyhelp.access import roles


@rules.predicate
def administers_reference_data(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False)) and roles.has_role(user, roles.SYSTEM_ADMIN)


# The administration site asks for the app ("thresholds") and for model permissions. A document is never deleted;
# a draft's levels and indicators may be (no decision can have used them), a published one's never (models.py).
rules.add_perm("thresholds", administers_reference_data)
for model in ("thresholddocument", "level", "indicator"):
    for action in ("view", "add", "change"):
        rules.add_perm(f"thresholds.{action}_{model}", administers_reference_data)
rules.add_perm("thresholds.delete_level", administers_reference_data)
rules.add_perm("thresholds.delete_indicator", administers_reference_data)
rules.add_perm("thresholds.publish_thresholddocument", administers_reference_data)
