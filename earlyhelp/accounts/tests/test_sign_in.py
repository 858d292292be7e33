"""Sign-in: MFA required outside demo mode, lockout, password reset, no self sign-up."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from earlyhelp.access import roles

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def current_code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_without_mfa_every_page_leads_to_setting_it_up(client, make_user, settings):
    settings.DEMO_MODE = False
    user = make_user(roles.PRACTITIONER)
    sign_in(client, user.email)
    for url in ("/", reverse("people:search")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_a_new_user_sets_up_totp_and_gets_recovery_codes(client, make_user, settings):
    from allauth.mfa.models import Authenticator

    settings.DEMO_MODE = False
    user = make_user(roles.PRACTITIONER)
    sign_in(client, user.email)
    # allauth asks for the password again before changing MFA: the middleware must let that page through.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get("/").status_code == 200


def test_demo_mode_lets_a_user_in_without_mfa(client, make_user, settings):
    settings.DEMO_MODE = True
    user = make_user(roles.PRACTITIONER)
    sign_in(client, user.email)
    assert client.get("/").status_code == 200


def test_with_totp_the_password_alone_is_not_enough(client, make_user, settings):
    settings.DEMO_MODE = False
    user = make_user(roles.PRACTITIONER)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/").status_code == 302  # not signed in yet

    response = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if current_code(secret) != "000000" else "111111"}
    )
    assert response.status_code == 200  # wrong code: the form again, with an error
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_account_locks_after_five_failed_attempts(client, make_user):
    user = make_user(roles.PRACTITIONER)
    for _ in range(5):
        response = sign_in(client, user.email, "wrong-password")
        assert response.status_code == 200
    # The right password is refused too while the account is locked out.
    response = sign_in(client, user.email)
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_a_correct_password_after_fewer_failures_signs_in(client, make_user, settings):
    settings.DEMO_MODE = True
    user = make_user(roles.PRACTITIONER)
    for _ in range(3):
        sign_in(client, user.email, "wrong-password")
    assert sign_in(client, user.email).status_code == 302
    assert client.get("/").status_code == 200


def test_nobody_can_sign_themselves_up(client, db):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code in (200, 403)
    from earlyhelp.accounts.models import User

    assert not User.objects.filter(email="new@example.org").exists()


def test_password_reset_sends_a_link(client, make_user):
    user = make_user(roles.PRACTITIONER)
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert user.email in mail.outbox[0].to
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
