"""Issue 3: anyone who asks for help or decides on it can read the partnership's threshold document (R1.4).
A referrer opens it from the navigation, jumps to a level, then reads the version it replaced. axe-core checks
every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.access.roles import REFERRER, SYSTEM_ADMIN
from earlyhelp.thresholds.selectors import threshold_current
from earlyhelp.thresholds.services import threshold_document_new_version, threshold_document_publish

pytestmark = pytest.mark.browser

EMAIL = "dsl@oakfield.example.org"
PASSWORD = "a-long-demo-password-1"


def test_a_referrer_reads_the_threshold_document_and_an_earlier_version(
    page: Page,
    live_server: LiveServer,
    settings: Any,
    django_user_model: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    settings.DEMO_MODE = True
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(email=EMAIL, password=PASSWORD, full_name="Pat Lee")
    user.groups.add(Group.objects.get(name=REFERRER))
    example = threshold_current()  # version 1, published by migration

    login(page, live_server, EMAIL, PASSWORD)
    page.get_by_role("link", name="Thresholds", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(example.title)
    expect(page.locator("main")).to_contain_text("In force")
    axe_check(page)

    page.get_by_role("navigation", name="Levels of need").get_by_role("link", name=re.compile("^Level 3:")).click()
    expect(page).to_have_url(re.compile(r"#level-3$"))
    level_3 = page.get_by_role("region", name=re.compile("^Level 3:"))
    expect(level_3.get_by_role("heading", name="Expected response")).to_be_visible()
    expect(level_3.get_by_role("heading", name="Parenting capacity")).to_be_visible()
    expect(level_3).to_contain_text("Parental mental ill health affecting the child's care")

    # The partnership publishes version 2; version 1 stays readable, marked as replaced.
    admin = django_user_model.objects.create_user(email="admin@oakfield.example.org", password=PASSWORD, is_staff=True)
    admin.groups.add(Group.objects.get(name=SYSTEM_ADMIN))
    threshold_document_publish(user=admin, document=threshold_document_new_version(user=admin, source=example))

    page.reload()
    page.get_by_role("link", name=f"Version {example.version}", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/thresholds/{example.version}/$"))
    expect(page.locator(".govuk-warning-text")).to_contain_text("This version was replaced")
    axe_check(page)
    page.get_by_role("link", name="Read the threshold document in force now").click()
    expect(page.locator("main")).to_contain_text("In force")
