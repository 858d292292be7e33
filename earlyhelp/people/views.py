from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from earlyhelp.access.decorators import personal_data
from earlyhelp.people.forms import PersonSearchForm
from earlyhelp.people.selectors import access_family_record, access_my_families, access_person_search
from earlyhelp.ui.pagination import query_without_page


@require_GET
@personal_data()
def person_search(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("people.search_person"):
        raise PermissionDenied
    form = PersonSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        page = access_person_search(request=request, criteria=form.criteria(), page_number=request.GET.get("page", 1))
    return render(request, "people/search.html", {"form": form, "page": page, "query": query_without_page(request)})


@require_GET
@personal_data(record_param="family_id")
def family_detail(request: HttpRequest, family_id: int) -> HttpResponse:
    record = access_family_record(request=request, family_id=family_id)
    return render(request, "people/family_detail.html", {"record": record, "family": record.family})


@require_GET
@personal_data()
def my_families(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("people.list_own_families"):
        raise PermissionDenied
    page = access_my_families(request=request, page_number=request.GET.get("page", 1))
    return render(request, "people/my_families.html", {"page": page, "query": ""})
