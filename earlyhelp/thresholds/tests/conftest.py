from __future__ import annotations

import pytest

from earlyhelp.access import roles


@pytest.fixture
def administrator(make_user):
    """An administrator of reference data: staff, with the system administrator role."""
    user = make_user(roles.SYSTEM_ADMIN)
    user.is_staff = True
    user.save()
    return user
