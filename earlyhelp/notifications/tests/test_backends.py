import base64
import hashlib
import hmac
import json
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection, send_mail

from earlyhelp.notifications.backends import notify_token

SERVICE = "11111111-2222-3333-4444-555555555555"
SECRET = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
KEY = f"earlyhelp_test-{SERVICE}-{SECRET}"


def decode(part):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_token_is_an_hs256_jwt_issued_by_the_service():
    token = notify_token(KEY, now=1_700_000_000)
    header, payload, signature = token.split(".")
    assert decode(header) == {"typ": "JWT", "alg": "HS256"}
    assert decode(payload) == {"iss": SERVICE, "iat": 1_700_000_000}
    expected = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)) == expected


def test_email_goes_to_notify_with_subject_and_body(settings):
    settings.EMAIL_BACKEND = "earlyhelp.notifications.backends.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = KEY
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "template-1"
    response = mock.MagicMock(status=201)
    response.__enter__.return_value = response
    with mock.patch("urllib.request.urlopen", return_value=response) as urlopen:
        assert send_mail("Your request R26-000001", "We decided.", None, ["dsl@school.example"]) == 1
    request = urlopen.call_args.args[0]
    assert request.full_url == "https://api.notifications.service.gov.uk/v2/notifications/email"
    assert json.loads(request.data) == {
        "email_address": "dsl@school.example",
        "template_id": "template-1",
        "personalisation": {"subject": "Your request R26-000001", "body": "We decided."},
    }
    assert request.headers["Authorization"].startswith("Bearer ")


def test_notify_backend_refuses_to_start_without_its_key(settings):
    settings.NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        get_connection("earlyhelp.notifications.backends.NotifyEmailBackend")
