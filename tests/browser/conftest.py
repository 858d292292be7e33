"""Browser tests: Playwright driving Debian's Chromium against pytest-django's `live_server`.

Never `playwright install`: the browser is Debian's /usr/bin/chromium (`apt-get install chromium`). When it is
missing, browser tests are skipped with the reason on a developer's machine and fail loudly under CI=true.

Every test in this folder is marked `browser` automatically and gets a transactional database, which is flushed
after each test; `_reference_data` puts back what migrations load (code lists, role groups, the threshold
document) before each one.
Because of those flushes, `make pytest` runs the browser tests in a pytest process of their own, so that no
ordinary test, in whatever random order, runs after a flush.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, Route, ViewportSize, sync_playwright
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM calls from test code.
# The loop never runs Django code, so the check is a false alarm here, and only here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
HERE = Path(__file__).resolve().parent
RESULTS_DIR = Path(settings.BASE_DIR) / "test-results"
PHASE_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # tryfirst: the marks must be on before `-m "not browser"` deselects and pytest-django orders by database use.
    for item in items:
        if not item.path.resolve().is_relative_to(HERE):
            continue
        item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup: None, django_db_blocker: Any) -> str:
    """Everything the migrations put in the database (code lists, role groups, the threshold document), taken
    once before any browser test runs."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _reference_data(_migrated_data: str, transactional_db: None) -> None:
    """Live-server tests flush the database after each test, and with it what migrations loaded; put it back so
    every browser test starts from a freshly migrated database."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers

    if Group.objects.exists():
        return
    # The flush's post_migrate signal has already recreated content types and permissions, with new keys.
    recreated = (ContentType, Permission)
    for obj in serializers.deserialize("json", _migrated_data):
        if not isinstance(obj.object, recreated):
            obj.save()


@pytest.fixture(autouse=True)
def _site_url(live_server: LiveServer, settings: Any) -> None:
    """Links in emails and on pages (the family's feedback link) point at the server the browser is using."""
    settings.SITE_URL = live_server.url


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keep each phase's report on the test, so the page fixture knows at teardown whether the test failed.
    report = yield
    item.stash.setdefault(PHASE_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole run."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's Chromium with `apt-get install chromium`"
        if _in_ci():
            pytest.fail(f"{reason} (browser tests never skip in CI)", pytrace=False)
        pytest.skip(reason)
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make setup` (npm ci)", pytrace=False)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context per test (no cookies carried over), 1280x900, British English, London time.

    Requests anywhere but this machine are refused, so a page that reaches for a CDN fails here, not in a council.
    An uncaught JavaScript error on any page fails the test. When a test fails, a screenshot and the page's HTML
    are saved in test-results/.
    """
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)

    def only_loopback(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK_HOSTS or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", only_loopback)
    new_page = context.new_page()
    js_errors: list[str] = []
    new_page.on("pageerror", lambda error: js_errors.append(f"{new_page.url}: {error}"))
    yield new_page
    call = request.node.stash.get(PHASE_REPORTS, {}).get("call")
    if call is not None and call.failed:
        # What the browser showed when the test failed, in test-results/ (git-ignored). Best effort: a crashed
        # page must not hide the test's own failure.
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        try:
            RESULTS_DIR.mkdir(exist_ok=True)
            new_page.screenshot(path=RESULTS_DIR / f"{name}.png", full_page=True)
            (RESULTS_DIR / f"{name}.html").write_text(new_page.content(), encoding="utf-8")
            print(f"browser state saved: {RESULTS_DIR / name}.png and .html (page {new_page.url})")
        except Exception as error:
            print(f"could not save the browser state: {error}")
    context.close()
    if js_errors:
        pytest.fail("uncaught JavaScript errors:\n" + "\n".join(js_errors), pytrace=False)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.2 AA rules on the page as it is now; return the violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "options => window.axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.extend(f"       {line}" for line in (node.get("failureSummary") or "").splitlines() if line.strip())
    return "\n".join(lines)


def axe_check(page: Page) -> None:
    """Fail the test if axe-core finds any WCAG 2.2 A/AA violation on the page as it is now."""
    violations = run_axe(page)
    if violations:
        pytest.fail(
            f"{len(violations)} accessibility violation(s) on {page.url}:\n{format_violations(violations)}",
            pytrace=False,
        )


@pytest.fixture(name="axe_check")
def axe_check_fixture() -> Callable[[Page], None]:
    """`axe_check(page)`: assert the page as it is now passes axe-core's WCAG 2.2 AA rules."""
    return axe_check


def login(page: Page, live_server: LiveServer, email: str, password: str) -> None:
    """Sign in through the allauth form at /accounts/login/, as a person would."""
    login_url = f"{live_server.url}/accounts/login/"
    page.goto(login_url)
    page.fill("input[name='login']", email)
    page.fill("input[name='password']", password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    if urlsplit(page.url).path == urlsplit(login_url).path:
        errors = " / ".join(page.locator(".govuk-error-summary, .govuk-error-message").all_inner_texts())
        pytest.fail(f"signing in as {email} failed: {errors or 'still on the sign-in page'}", pytrace=False)


@pytest.fixture(name="login")
def login_fixture() -> Callable[[Page, LiveServer, str, str], None]:
    """`login(page, live_server, email, password)`: sign in through the real form."""
    return login
