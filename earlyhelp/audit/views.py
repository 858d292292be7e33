from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from earlyhelp.access.decorators import personal_data
from earlyhelp.audit.forms import AccessEventFilterForm
from earlyhelp.audit.selectors import AccessEventFilters, access_events, access_family_viewers
from earlyhelp.ui.pagination import query_without_page


@require_GET
@personal_data()
def event_list(request: HttpRequest) -> HttpResponse:
    form = AccessEventFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else AccessEventFilters()
    page = access_events(request=request, filters=filters, page_number=request.GET.get("page", 1))
    context = {"form": form, "page": page, "query": query_without_page(request)}
    return render(request, "audit/event_list.html", context)


@require_GET
@personal_data(record_param="family_id")
def family_viewers(request: HttpRequest, family_id: int) -> HttpResponse:
    reference, page = access_family_viewers(
        request=request, family_id=family_id, page_number=request.GET.get("page", 1)
    )
    context = {"reference": reference, "page": page, "query": query_without_page(request)}
    return render(request, "audit/family_viewers.html", context)
