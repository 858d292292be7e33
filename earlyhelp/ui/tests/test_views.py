"""The layout, home page, session keepalive, error pages and the GOV.UK-styled sign-in pages."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.ui.tests.html import classes, element, elements

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def _demo_mode(settings):
    # Demo mode lets a password-only user in; the MFA pages are tested with it switched off.
    settings.DEMO_MODE = True
    cache.clear()  # sign-in rate limits live in the cache


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(email="sam.practitioner@example.org", password=PASSWORD)


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_home_shows_a_panel_for_each_role_held(signed_in, user):
    user.groups.add(Group.objects.get_or_create(name=roles.PRACTITIONER)[0])
    user.groups.add(Group.objects.get_or_create(name=roles.AUDITOR)[0])

    response = signed_in.get(reverse("ui:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>\n      Home – Early help\n    </title>" in html
    assert element(html, "h1")["class"] == "govuk-heading-xl"
    assert "Practitioner (lead practitioner or Team Around the Family member)" in html
    assert "Auditor" in html
    assert "System administrator" not in html


def test_home_without_a_role_says_who_to_ask(signed_in):
    assert "You do not have a role" in signed_in.get(reverse("ui:home")).content.decode()


def test_navigation_shows_only_what_the_user_may_use(client, user):
    client.force_login(user)
    html = client.get(reverse("ui:home")).content.decode()
    links = [link["href"] for link in elements(html, "a", class_="govuk-service-navigation__link")]
    assert links == ["/"]
    assert element(html, "a", class_="govuk-service-navigation__link")["aria-current"] == "page"

    user.is_staff = True
    user.save()
    html = client.get(reverse("ui:home")).content.decode()
    links = [link["href"] for link in elements(html, "a", class_="govuk-service-navigation__link")]
    assert reverse("admin:index") in links


def test_layout_for_a_signed_in_user(signed_in, user):
    html = signed_in.get(reverse("ui:home")).content.decode()

    assert element(html, "html")["class"] == "govuk-template"
    assert element(html, "a", class_="govuk-skip-link")["href"] == "#main-content"
    assert element(html, "main")["id"] == "main-content"
    assert user.email in html
    sign_out = element(html, "form", id="sign-out-form")
    assert sign_out["method"] == "post"
    assert sign_out["action"] == reverse("account_logout")
    dialog = element(html, "dialog", id="session-timeout")
    assert dialog["data-timeout-seconds"] == "1800"
    assert dialog["data-warning-seconds"] == "300"
    assert dialog["data-keepalive-url"] == reverse("ui:session_keepalive")
    assert element(html, "p", aria_live="polite")
    assert "Demo mode:" in html


def test_layout_for_a_visitor_has_no_timeout_or_navigation(client, settings):
    settings.DEMO_MODE = False
    html = client.get(reverse("account_login")).content.decode()

    assert not elements(html, "dialog")
    assert not elements(html, "div", class_="govuk-service-navigation")
    assert "Demo mode:" not in html


def test_messages_are_notification_banners(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    html = client.get(reverse("ui:home")).content.decode()

    banner = element(html, "div", class_="govuk-notification-banner")
    assert "govuk-notification-banner--success" in classes(banner)
    assert banner["role"] == "alert"


def test_keepalive_needs_post(signed_in):
    assert signed_in.get(reverse("ui:session_keepalive")).status_code == 405
    assert signed_in.post(reverse("ui:session_keepalive")).status_code == 204


def test_keepalive_needs_a_session(client):
    response = client.post(reverse("ui:session_keepalive"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@override_settings(DEBUG=False)
def test_not_found_page(signed_in):
    response = signed_in.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found – Early help" in html
    assert "If you typed the web address, check it is correct." in html
    assert "you may not have access to it; ask your manager" in html


def test_server_error_page_needs_no_request():
    html = render_to_string("500.html")

    assert "Sorry, there is a problem with the service" in html
    assert "/static/govuk-frontend/govuk-frontend.min.css" in html


def test_forbidden_page_renders(rf, user):
    request = rf.get("/")
    request.user = user

    assert "You cannot use this page" in render_to_string("403.html", request=request)


def test_sign_in_page(client):
    response = client.get(reverse("account_login"))

    html = response.content.decode()
    assert "Sign in – Early help" in html
    assert element(html, "h1")["class"] == "govuk-heading-l"
    assert ">Sign in to Early help</h1>" in html
    assert "sign up" not in html.lower()
    assert element(html, "a", href=reverse("account_reset_password"))
    assert "Forgotten your password?" in html
    assert "novalidate" in element(html, "form", action=reverse("account_login"))
    assert "govuk-input" in classes(element(html, "input", name="login"))
    assert "placeholder" not in element(html, "input", name="password")
    assert "govuk-button" in classes(element(html, "button", type="submit", class_="govuk-button"))


def test_sign_in_errors_are_summarised(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    html = response.content.decode()
    assert "Error: Sign in – Early help" in html
    summary = element(html, "div", class_="govuk-error-summary")
    assert summary
    assert element(html, "a", href="#id_login")


def test_password_reset_pages(client, db):
    html = client.get(reverse("account_reset_password")).content.decode()
    assert "Reset your password" in html
    assert "govuk-input" in classes(element(html, "input", name="email"))

    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()


def test_signing_up_is_closed(client):
    assert "You cannot create an account here" in client.get(reverse("account_signup")).content.decode()


def test_mfa_set_up_page(client, user, settings):
    settings.DEMO_MODE = False
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    # allauth asks for the password again before any change to how the user signs in.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert "Confirm it is you – Early help" in response.content.decode()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    html = client.get(reverse("mfa_activate_totp")).content.decode()

    assert "Set up an authenticator app – Early help" in html
    assert element(html, "img", alt="QR code to scan with your authenticator app")["src"].startswith("data:image/svg")
    assert element(html, "code", id="authenticator-secret")
    assert "govuk-input" in classes(element(html, "input", name="code"))

    html = client.post(reverse("mfa_activate_totp"), {"code": "000000x"}).content.decode()
    assert "Error: Set up an authenticator app" in html
    assert element(html, "a", href="#id_code")


def test_mfa_index_page(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    html = client.get(reverse("mfa_index")).content.decode()

    assert "Multi-factor authentication – Early help" in html
    assert element(html, "a", href=reverse("mfa_activate_totp"))["class"] == "govuk-button"
