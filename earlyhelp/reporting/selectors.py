"""Reads for the report pages.

Reports are aggregates: team and service managers and analysts see them. The records behind a figure are personal
data: only managers see them, only the records their role lets them see (a team manager, their team's families),
and listing them writes an access event. Analysts never get records (access-rules.md: aggregates only). The
Annex A child-level list is an export of personal data for inspectors: service managers only, logged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from earlyhelp.access import roles
from earlyhelp.access.policy import families_visible
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.episodes.models import Episode
from earlyhelp.frontdoor.models import SupportRequest
from earlyhelp.reporting.charts import bar_chart_svg
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import METRICS, Metric, Section, sections
from earlyhelp.reporting.tables import Table

REPORT_ROLES = (roles.TEAM_MANAGER, roles.SERVICE_MANAGER, roles.ANALYST)
RECORD_ROLES = (roles.TEAM_MANAGER, roles.SERVICE_MANAGER)
ANNEX_A_ROLES = (roles.SERVICE_MANAGER,)
RECORDS_PAGE_SIZE = 50


def can_view_reports(user: Any) -> bool:
    return roles.has_role(user, *REPORT_ROLES)


def can_see_records(user: Any) -> bool:
    return roles.has_role(user, *RECORD_ROLES)


def can_export_annex_a(user: Any) -> bool:
    return roles.has_role(user, *ANNEX_A_ROLES)


def _require_reports(request: HttpRequest) -> None:
    if not can_view_reports(request.user):
        raise Http404


def report_sections(*, request: HttpRequest) -> list[Section]:
    _require_reports(request)
    return sections()


def _section(slug: str) -> Section:
    for candidate in sections():
        if candidate.slug == slug:
            return candidate
    raise Http404


@dataclass
class ShownTable:
    table: Table
    chart: Any
    metrics: list[Metric]


@dataclass
class ReportPage:
    section: Section
    filter: ReportFilter
    tables: list[ShownTable]
    can_drill: bool


def report_tables(*, request: HttpRequest, slug: str, f: ReportFilter) -> tuple[Section, list[Table]]:
    """The section's tables for a download."""
    _require_reports(request)
    found = _section(slug)
    return found, found.build(f)


def report_page(*, request: HttpRequest, slug: str, f: ReportFilter) -> ReportPage:
    found, tables = report_tables(request=request, slug=slug, f=f)
    shown = [
        ShownTable(table=table, chart=bar_chart_svg(table), metrics=[METRICS[key] for key in table.metrics])
        for table in tables
    ]
    return ReportPage(
        section=found, filter=f, tables=shown, can_drill=can_see_records(request.user) and bool(found.records)
    )


def all_report_pages(*, request: HttpRequest, f: ReportFilter) -> list[ReportPage]:
    """Every section, for the data pack."""
    _require_reports(request)
    return [report_page(request=request, slug=s.slug, f=f) for s in sections()]


def glossary(*, request: HttpRequest) -> list[tuple[Section, list[Metric]]]:
    _require_reports(request)
    return [(s, [m for m in METRICS.values() if m.section == s.slug]) for s in sections()]


@dataclass
class RecordsPage:
    section: Section
    table: Table | None
    row_label: str
    total: int
    page: Page[Any]
    kind: str  # "episodes" or "requests"


def _visible(user: Any, records: QuerySet[Any]) -> QuerySet[Any]:
    families = families_visible(user)
    if records.model is Episode:
        return records.filter(family__in=families)
    if records.model is SupportRequest:
        return records.filter(people__matched_person__memberships__family__in=families).distinct()
    raise Http404


def access_report_records(
    *, request: HttpRequest, slug: str, table_key: str, drill: str, f: ReportFilter, page_number: Any
) -> RecordsPage:
    """The records behind one figure that this user may see, a page at a time; the listing is logged."""
    _require_reports(request)
    if not can_see_records(request.user):
        raise Http404
    found = _section(slug)
    if found.records is None:
        raise Http404
    records = found.records(f, table_key, drill)
    if records is None:
        raise Http404
    table = next((t for t in found.build(f) if t.key == table_key), None)
    row_label = next((row.label for row in table.rows if row.drill == drill), "") if table else ""
    if table is None or not row_label:
        raise Http404
    total = records.count()
    visible = _visible(request.user, records)
    if visible.model is Episode:
        visible = visible.select_related("family", "team", "lead_practitioner").order_by("-opened_at", "pk")
    else:
        visible = visible.select_related("referral_source").order_by("-submitted_at", "pk")
    page = Paginator(visible, RECORDS_PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[record.pk for record in page.object_list],
        query={"report": slug, "table": table_key, "row": drill, **f.as_query()},
    )
    kind = "episodes" if visible.model is Episode else "requests"
    return RecordsPage(section=found, table=table, row_label=row_label, total=total, page=page, kind=kind)


def access_annex_a(*, request: HttpRequest, today: datetime.date, months: int) -> bytes:
    """Ofsted's Annex A List 2 for an inspection: child-level, so service managers only, and logged."""
    if not can_export_annex_a(request.user):
        raise Http404
    from earlyhelp.reporting.annex_a import annex_a_list2_xlsx

    access_event_record(
        request=request, action=AccessAction.EXPORT, query={"export": "annex_a_list_2", "months": months}
    )
    return annex_a_list2_xlsx(today=today, months=months)
