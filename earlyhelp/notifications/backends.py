"""A Django email backend that sends through GOV.UK Notify.

Select it with EMAIL_BACKEND=earlyhelp.notifications.backends.NotifyEmailBackend and set NOTIFY_API_KEY and
NOTIFY_EMAIL_TEMPLATE_ID. The template is a plain one in Notify with two placeholders, ((subject)) and ((body)):
every email the product sends through Django's mail framework then goes through Notify unchanged, so no code
needs to know which way mail leaves.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.request
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)

NOTIFY_URL = "https://api.notifications.service.gov.uk/v2/notifications/email"
# A Notify API key is "<key name>-<service id: 36 characters>-<secret: 36 characters>".
UUID_LENGTH = 36


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def notify_token(api_key: str, *, now: float | None = None) -> str:
    """The JSON Web Token Notify expects: HS256, issuer the service id, issued-at now."""
    if len(api_key) < 2 * UUID_LENGTH + 2:
        raise ImproperlyConfigured("NOTIFY_API_KEY is not a GOV.UK Notify API key")
    service_id = api_key[-(2 * UUID_LENGTH + 1) : -(UUID_LENGTH + 1)]
    secret = api_key[-UUID_LENGTH:]
    header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}, separators=(",", ":")).encode())
    payload = _b64(json.dumps({"iss": service_id, "iat": int(now or time.time())}, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = getattr(settings, "NOTIFY_API_KEY", "")
        self.template_id = getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", "")
        self.url = getattr(settings, "NOTIFY_URL", NOTIFY_URL)
        if not (self.api_key and self.template_id):
            raise ImproperlyConfigured("NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID must be set to send by Notify")

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            for recipient in message.recipients():
                try:
                    self._send(recipient, message)
                except Exception:
                    logger.exception("GOV.UK Notify refused an email")
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        return sent

    def _send(self, recipient: str, message: EmailMessage) -> None:
        body = json.dumps(
            {
                "email_address": recipient,
                "template_id": self.template_id,
                "personalisation": {"subject": message.subject, "body": message.body},
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - a fixed https URL from settings
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {notify_token(self.api_key)}",
                "User-Agent": "earlyhelp",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status >= 300:
                raise RuntimeError(f"GOV.UK Notify answered {response.status}")
