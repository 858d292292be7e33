"""Issue 2's journey: a demo practitioner signs in (setting up MFA, as everyone must outside demo mode),
searches for a person, and opens their family. axe-core checks every page on the way."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.access.models import Involvement, InvolvementKind

pytestmark = pytest.mark.browser

EMAIL = "practitioner@example.org"


def totp_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_practitioner_signs_in_with_mfa_searches_and_opens_a_family(
    page: Page,
    live_server: LiveServer,
    settings: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    settings.DEMO_MODE = False
    call_command("seed", families=12, seed=5, no_progress=True, verbosity=0)
    from earlyhelp.demo.data import DEMO_PASSWORD

    involvement = Involvement.objects.filter(user__email=EMAIL, kind=InvolvementKind.LEAD_PRACTITIONER).first()
    assert involvement is not None, "the seed makes the demo practitioner lead for some families"
    family = involvement.family
    child = next(m.person for m in family.memberships.select_related("person") if m.person.is_child)

    page.goto(f"{live_server.url}/accounts/login/")
    axe_check(page)
    login(page, live_server, EMAIL, DEMO_PASSWORD)

    # Outside demo mode the first stop is setting up an authenticator app; allauth asks for the password again.
    if "/reauthenticate/" in page.url:
        axe_check(page)
        page.fill("input[name='password']", DEMO_PASSWORD)
        page.get_by_role("button", name=re.compile("Confirm|Continue", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    axe_check(page)
    secret = re.search(r"\b[A-Z2-7]{32}\b", page.content())
    assert secret, "the activation page shows the secret for people who cannot scan the QR code"
    page.fill("input[name='code']", totp_now(secret.group(0)))
    page.get_by_role("button", name=re.compile("Activate|Continue|Save", re.I)).click()
    axe_check(page)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Find a person").first.click()
    expect(page.get_by_role("heading", name="Find a person")).to_be_visible()
    axe_check(page)

    # An error first: nothing entered.
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)

    page.fill("input[name='name']", f"{child.legal_first_name[:3]} {child.legal_last_name}".lower())
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile(r"\d+ (person|people) found"))).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name=re.compile(re.escape(family.name))).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(family.name)
    expect(page.get_by_role("heading", name="Children")).to_be_visible()
    expect(page.locator("main")).to_contain_text(child.legal_last_name)
    axe_check(page)
