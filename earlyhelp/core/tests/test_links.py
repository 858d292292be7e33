"""Emails carry full addresses, on SITE_URL, even from the daily jobs, which have no request."""

from __future__ import annotations

from earlyhelp.core.links import page_link


def test_a_page_link_is_the_site_address_and_the_path(settings):
    settings.SITE_URL = "https://earlyhelp.northshire.example"
    assert page_link("escalations:detail", 7) == "https://earlyhelp.northshire.example/escalations/7/"
