"""Smoke test: a person can sign in and reach an accessible home page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser

EMAIL = "smoke@example.org"
PASSWORD = "a-long-demo-password-1"


def test_sign_in_reaches_an_accessible_home_page(
    page: Page,
    live_server: LiveServer,
    django_user_model: Any,
    settings: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    # Demo mode only so that this smoke test is not sent to set up MFA; the MFA journey has its own tests.
    settings.DEMO_MODE = True
    django_user_model.objects.create_user(email=EMAIL, password=PASSWORD)

    login(page, live_server, EMAIL, PASSWORD)

    expect(page.locator("body")).to_contain_text("Early help")
    assert "/accounts/" not in page.url
    axe_check(page)
