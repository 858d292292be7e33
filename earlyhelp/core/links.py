"""Links to pages, for emails: a person reads them away from the service, so a path alone is no use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def page_link(viewname: str, *args: Any) -> str:
    """The full address of a page, on SITE_URL."""
    return settings.SITE_URL + reverse(viewname, args=args)
