"""Administrators type the document's longer texts as plain paragraphs separated by blank lines."""

from __future__ import annotations

import re

from django import template

register = template.Library()


@register.filter
def paragraphs(text: str) -> list[str]:
    """The text split at blank lines, for one GOV.UK paragraph each (single line breaks stay inside one)."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
