from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from earlyhelp.access.decorators import no_personal_data
from earlyhelp.directory.forms import ServiceSearchForm
from earlyhelp.directory.models import Service
from earlyhelp.directory.selectors import service_detail, services_search
from earlyhelp.ui.pagination import query_without_page

PAGE_SIZE = 20


@require_GET
@no_personal_data
def search(request: HttpRequest) -> HttpResponse:
    """Find a service to signpost a family to, by need, age, area and way in (issue 3, item 11)."""
    form = ServiceSearchForm(request.GET)
    page = None
    if form.is_valid():
        page = Paginator(services_search(**form.criteria()), PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(value for key, value in request.GET.items() if key != "page")
    context = {"form": form, "page": page, "query": query_without_page(request), "filtered": filtered}
    return render(request, "directory/search.html", context)


@require_GET
@no_personal_data
def detail(request: HttpRequest, service_id: int) -> HttpResponse:
    try:
        service = service_detail(service_id=service_id)
    except Service.DoesNotExist:
        raise Http404("No such service") from None
    return render(request, "directory/detail.html", {"service": service})
