"""Issue 6: the partnership's report pages on a seeded demo partnership, axe-core clean: the list of reports,
every report with its charts and tables, the filter, the records behind a figure, and the glossary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.demo.data import DEMO_PASSWORD
from earlyhelp.reporting.registry import sections

pytestmark = pytest.mark.browser

Login = Callable[[Page, LiveServer, str, str], None]
Axe = Callable[[Page], None]


@pytest.fixture
def demo(settings: Any) -> None:
    settings.DEMO_MODE = True
    call_command("seed", families=40, seed=3, no_progress=True, verbosity=0)


def test_a_service_manager_reads_every_report(
    page: Page, live_server: LiveServer, demo: None, login: Login, axe_check: Axe
) -> None:
    login(page, live_server, "servicemanager@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Reports").first.click()
    expect(page.locator("h1")).to_have_text("Partnership reports")
    axe_check(page)
    for section in sections():
        page.goto(f"{live_server.url}{reverse('reporting:index')}")
        page.get_by_role("link", name=section.title, exact=True).click()
        expect(page.locator("h1")).to_have_text(section.title)
        expect(page.locator("main table").first).to_be_visible()
        axe_check(page)

    # A financial year instead of a quarter: the same page, other figures.
    page.goto(f"{live_server.url}{reverse('reporting:report', args=['demand'])}")
    period = page.get_by_label("Period")
    period.select_option(index=len(period.locator("option").all()) - 3)
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("main")).to_contain_text("Financial year")
    axe_check(page)

    # The records behind a figure.
    drill = page.locator("main a[href*='/records/']").first
    drill.click()
    expect(page.locator("main")).to_contain_text("records behind this figure")
    axe_check(page)

    page.goto(f"{live_server.url}{reverse('reporting:glossary')}")
    expect(page.locator("h1")).to_have_text("Glossary of measures")
    axe_check(page)


def test_an_analyst_gets_figures_without_links_to_records(
    page: Page, live_server: LiveServer, demo: None, login: Login, axe_check: Axe
) -> None:
    login(page, live_server, "analyst@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{reverse('reporting:report', args=['demand'])}")
    expect(page.locator("main table").first).to_be_visible()
    expect(page.locator("main a[href*='/records/']")).to_have_count(0)
    axe_check(page)
