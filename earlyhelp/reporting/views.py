"""Partnership reports: thin views over reporting.selectors; every table downloads as CSV and XLSX."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from earlyhelp.access.decorators import no_personal_data, personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.plans.pdf import render_pdf
from earlyhelp.reporting import selectors
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.forms import ReportFilterForm
from earlyhelp.reporting.tables import csv_lines, xlsx_bytes
from earlyhelp.ui.pagination import query_without_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filter(request: AuthenticatedHttpRequest) -> tuple[ReportFilterForm, ReportFilter]:
    form = ReportFilterForm(request.GET)
    return form, form.report_filter()


def _filename(*parts: str) -> str:
    return "-".join(slugify(part) for part in parts if part)


@require_GET
@no_personal_data
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = selectors.report_sections(request=request)
    form, f = _filter(request)
    return render(
        request,
        "reporting/index.html",
        {
            "sections": found,
            "form": form,
            "filter": f,
            "can_export_annex_a": selectors.can_export_annex_a(request.user),
        },
    )


@require_GET
@no_personal_data
def report(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    form, f = _filter(request)
    page = selectors.report_page(request=request, slug=slug, f=f)
    return render(
        request,
        "reporting/report.html",
        {"page": page, "form": form, "filter": f, "query": f.as_query(), "sections": selectors.sections()},
    )


@require_GET
@no_personal_data
def download(request: AuthenticatedHttpRequest, slug: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """One table (`?table=key`) or the whole section, as CSV (streamed) or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _, f = _filter(request)
    found, tables = selectors.report_tables(request=request, slug=slug, f=f)
    wanted = request.GET.get("table")
    if wanted:
        tables = [t for t in tables if t.key == wanted]
    name = _filename(found.title, tables[0].title if wanted and tables else "", str(f.start), str(f.end))
    if fmt == "csv":
        stream = StreamingHttpResponse(csv_lines(tables), content_type="text/csv; charset=utf-8")
        stream["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return stream
    response = HttpResponse(xlsx_bytes(tables, title=f"{found.title}, {f.start} to {f.end}"), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_GET
@no_personal_data
def glossary(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "reporting/glossary.html", {"groups": selectors.glossary(request=request)})


@require_GET
@personal_data()
def records(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _, f = _filter(request)
    page = selectors.access_report_records(
        request=request,
        slug=slug,
        table_key=request.GET.get("table", ""),
        drill=request.GET.get("row", ""),
        f=f,
        page_number=request.GET.get("page", 1),
    )
    return render(
        request,
        "reporting/records.html",
        {"records": page, "filter": f, "query": query_without_page(request), "back_query": f.as_query()},
    )


@require_GET
@no_personal_data
def data_pack(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every report for the period as one accessible PDF for the safeguarding partnership."""
    _, f = _filter(request)
    context = {
        "reports": selectors.all_report_pages(request=request, f=f),
        "glossary": selectors.glossary(request=request),
        "filter": f,
        "generated_at": timezone.now(),
        "partnership_name": settings.PARTNERSHIP_NAME,
    }
    html = render_to_string("reporting/data_pack.html", context, request=request)
    response = HttpResponse(
        render_pdf(html=html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="early-help-data-pack-{f.start}-to-{f.end}.pdf"'
    return response


@require_GET
@personal_data()
def annex_a(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    content = selectors.access_annex_a(request=request, today=today, months=6)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="annex-a-list-2-early-help-{today}.xlsx"'
    return response
