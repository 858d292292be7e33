from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from earlyhelp.access.decorators import no_personal_data
from earlyhelp.thresholds.models import ThresholdDocument
from earlyhelp.thresholds.selectors import (
    threshold_current,
    threshold_document,
    threshold_reading,
    threshold_versions,
)


def _render(request: HttpRequest, document: ThresholdDocument) -> HttpResponse:
    context = {"reading": threshold_reading(document=document), "versions": threshold_versions()}
    return render(request, "thresholds/document.html", context)


@require_GET
@no_personal_data
def current(request: HttpRequest) -> HttpResponse:
    """The threshold document in force, for everyone who makes or decides requests for help (R1.4)."""
    try:
        document = threshold_current()
    except ThresholdDocument.DoesNotExist:
        return render(request, "thresholds/none_published.html")
    return _render(request, document)


@require_GET
@no_personal_data
def version(request: HttpRequest, version: int) -> HttpResponse:
    """A version as it was published, so a decision can be read against the thresholds it applied."""
    try:
        document = threshold_document(version=version)
    except ThresholdDocument.DoesNotExist:
        raise Http404("No such version of the threshold document") from None
    return _render(request, document)
