"""Outside demo mode, a signed-in user must set up multi-factor authentication before anything else.

Sign-in itself is enforced by Django's LoginRequiredMiddleware (deny by default; public views are marked
`login_not_required`).
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# Pages a signed-in user without MFA may still use: setting it up, and signing out.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "session_keepalive",
    }
)
STATIC_PREFIXES = ("/static/",)


class MFARequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEMO_MODE or not request.user.is_authenticated or request.path_info.startswith(STATIC_PREFIXES):
            return self.get_response(request)
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        if url_name not in MFA_SETUP_URL_NAMES and not is_mfa_enabled(request.user):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
