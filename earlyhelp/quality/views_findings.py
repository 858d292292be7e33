"""Findings across an audit programme (R7, ADR 0011): the page, and the partnership's audit report as PDF and XLSX.
Only the programme's lead and service managers reach them (`access_programme_for_findings`); auditors never do,
so they cannot export."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.audit.models import AccessAction
from earlyhelp.plans.pdf import render_pdf
from earlyhelp.quality.findings import programme_findings, with_charts
from earlyhelp.quality.selectors import access_programme_for_findings
from earlyhelp.reporting.tables import xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("pdf", "xlsx")


@require_GET
@personal_data(record_param="programme_id")
def findings(request: AuthenticatedHttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme_for_findings(request=request, programme_id=programme_id, action=AccessAction.VIEW)
    tables = programme_findings(programme, today=timezone.localdate())
    return render(request, "quality/findings.html", {"programme": programme, "tables": with_charts(tables)})


@require_GET
@personal_data(record_param="programme_id")
def findings_download(request: AuthenticatedHttpRequest, programme_id: int, fmt: str) -> HttpResponse:
    """The partnership's audit report for one programme, as a tagged PDF or an XLSX workbook."""
    if fmt not in FORMATS:
        raise Http404
    programme = access_programme_for_findings(request=request, programme_id=programme_id, action=AccessAction.EXPORT)
    generated_at = timezone.now()
    tables = programme_findings(programme, today=timezone.localdate(generated_at))
    name = f"audit-findings-{programme.pk}"
    if fmt == "pdf":
        context = {
            "programme": programme,
            "tables": with_charts(tables),
            "generated_at": generated_at,
            "partnership_name": settings.PARTNERSHIP_NAME,
        }
        html = render_to_string("quality/findings_pdf.html", context, request=request)
        response = HttpResponse(
            render_pdf(html=html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
        )
    else:
        response = HttpResponse(xlsx_bytes(tables, title=f"Audit findings: {programme.name}"), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
