"""Issue 3, item 11: a practitioner finds a service to signpost a family to. They open Services from the
navigation, filter by need and the child's age, correct a mistyped age, and open a service. axe-core checks every
page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.access.roles import PRACTITIONER
from earlyhelp.directory.models import Area, Need, Service

pytestmark = pytest.mark.browser

EMAIL = "worker@northshire.example"
PASSWORD = "a-long-demo-password-1"


def make_services() -> None:
    debt, parenting = Need.objects.get(name="Money and debt"), Need.objects.get(name="Parenting")
    northby = Area.objects.create(name="Northby")
    advice = Service.objects.create(
        name="Money and debt advice",
        provider_name="Northshire Money Advice Centre",
        description="Free advice on debt, rent arrears and benefits.",
        covers_all_areas=True,
        walk_in=True,
        self_referral=True,
        phone="0808 157 0123",
        opening_times="Monday to Friday, 9am to 5pm",
    )
    advice.needs.set([debt])
    teens = Service.objects.create(
        name="Parenting Teens group",
        provider_name="Northshire Council",
        description="Eight sessions for parents of teenagers.",
        min_age=11,
        max_age=17,
        self_referral=True,
    )
    teens.needs.set([parenting, debt])
    teens.areas.set([northby])
    toddlers = Service.objects.create(
        name="Toddler talk drop-in", provider_name="Health visiting", description="Talking.", min_age=0, max_age=4
    )
    toddlers.needs.set([parenting])


def test_a_practitioner_finds_a_service_by_need_and_age(
    page: Page,
    live_server: LiveServer,
    settings: Any,
    django_user_model: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    settings.DEMO_MODE = True
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(email=EMAIL, password=PASSWORD, full_name="Sam Okafor")
    user.groups.add(Group.objects.get(name=PRACTITIONER))
    make_services()

    login(page, live_server, EMAIL, PASSWORD)
    page.get_by_role("link", name="Services").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a service")
    expect(page.locator("#results-heading")).to_have_text("3 services in the directory")
    axe_check(page)

    page.get_by_label("Need").select_option(label="Money and debt")
    page.get_by_label("Child's age").fill("seven")
    page.get_by_role("button", name="Apply filters").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Age must be a whole number of years, like 7")
    expect(page.get_by_label("Child's age")).to_have_value("seven")
    axe_check(page)

    page.get_by_label("Child's age").fill("7")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-heading")).to_have_text("1 service found")
    card = page.locator(".govuk-summary-card")
    expect(card).to_contain_text("Money and debt advice")
    expect(card).to_contain_text("Walk in")
    expect(page.locator("main")).not_to_contain_text("Parenting Teens group")
    axe_check(page)

    page.get_by_role("link", name="Money and debt advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Money and debt advice")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("All areas")
    expect(page.locator("main")).to_contain_text("0808 157 0123")
    axe_check(page)
    page.get_by_role("link", name="Back to services").click()
    expect(page.locator("#results-heading")).to_have_text("1 service found")
