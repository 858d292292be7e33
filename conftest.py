"""Suite-wide pytest set-up: nothing about any one app lives here.

App fixtures belong in the app's own `tests/` (factories in `tests/factories.py`); browser fixtures in
`tests/browser/conftest.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Database-backed property tests take as long as the database does, so a per-example deadline only makes them
# flaky. CI keeps no example database (nothing to keep it for) and prints a reproduction blob for any failure.
hypothesis_settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("dev"), database=None, print_blob=True
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "dev")


def pytest_report_header(config: pytest.Config) -> str:
    """Say which database a run used, so the top of a CI log answers "was this PostgreSQL?"."""
    database = settings.DATABASES["default"]
    vendor = database["ENGINE"].rsplit(".", 1)[-1]
    if vendor == "sqlite3":
        return "database: sqlite3 (test database in memory)"
    test_name = database.get("TEST", {}).get("NAME") or f"test_{database['NAME']}"
    return f"database: {vendor} at {database.get('HOST')}:{database.get('PORT')}, test database {test_name}"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Start every test with an empty cache: allauth keeps its sign-in rate limits (the lockout) there."""
    cache.clear()
    yield
    cache.clear()
