from django.http import HttpRequest

from earlyhelp.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request that has passed LoginRequiredMiddleware: its user is a real account (django-stubs pattern)."""

    user: User
