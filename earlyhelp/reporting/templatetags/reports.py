from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template

from earlyhelp.reporting.tables import Column, Value, format_value

register = template.Library()


@register.simple_tag
def report_value(value: Value, column: Column) -> str:
    return format_value(value, column.format)


@register.simple_tag
def report_query(query: dict[str, str], **extra: Any) -> str:
    """The filter's query string with extra parameters (a table, a row), for links and downloads."""
    return urlencode({**query, **{k: v for k, v in extra.items() if v not in (None, "")}})


@register.filter
def zip_columns(values: list[Value], columns: list[Column]) -> list[tuple[Value, Column]]:
    return list(zip(values, columns, strict=True))
