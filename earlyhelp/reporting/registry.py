"""Every metric is defined once, here in code, and shown on the glossary page from the same definition.

A section (demand, timeliness, flow, ...) registers its metrics and a `build(filter)` that returns its tables.
When its rows carry drill keys, it also gives `records(filter, table_key, drill)`: the queryset of episodes or
requests behind a figure, which the records page shows only to users allowed to see them (never to analysts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.tables import Table


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    # Exactly what is counted, from which records, and when: the glossary text.
    definition: str
    section: str


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    summary: str
    build: Callable[[ReportFilter], list[Table]]
    # (filter, table key, drill key) -> a queryset of frontdoor.SupportRequest or episodes.Episode; None when the
    # section has no records behind its figures.
    records: Callable[[ReportFilter, str, str], QuerySet[Any]] | None = None
    order: int = 100


METRICS: dict[str, Metric] = {}
SECTIONS: dict[str, Section] = {}


def metric(key: str, name: str, definition: str, *, section: str) -> str:
    """Define a metric once; returns its key for tables to cite."""
    if key in METRICS:
        raise ValueError(f"metric {key} is defined twice")
    METRICS[key] = Metric(key=key, name=name, definition=" ".join(definition.split()), section=section)
    return key


def section(value: Section) -> Section:
    if value.slug in SECTIONS:
        raise ValueError(f"section {value.slug} is registered twice")
    SECTIONS[value.slug] = value
    return value


def sections() -> list[Section]:
    # Importing the section modules registers them.
    import earlyhelp.reporting.sections  # noqa: F401

    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.title))
