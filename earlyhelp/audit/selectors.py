"""Reads of the access log, for information governance. Reading the log is itself logged: it names people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone

from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.audit.services import access_event_record
from earlyhelp.people.models import Family

PAGE_SIZE = 50


@dataclass(frozen=True)
class AccessEventFilters:
    user_email: str = ""
    family_reference: str = ""
    family_id: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def as_log(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v}


def _require_information_governance(request: HttpRequest) -> None:
    if not request.user.has_perm("audit.view_access_log"):
        raise PermissionDenied


def _filtered(filters: AccessEventFilters) -> QuerySet[AccessEvent]:
    events = AccessEvent.objects.all()
    if filters.user_email:
        events = events.filter(user_email__iexact=filters.user_email.strip())
    if filters.family_id:
        events = events.filter(family_id=filters.family_id)
    if filters.family_reference:
        family_id = Family.objects.filter(reference=filters.family_reference).values_list("pk", flat=True).first()
        events = events.filter(family_id=family_id) if family_id else events.none()
    if filters.action:
        events = events.filter(action=filters.action)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        events = events.filter(at__gte=datetime.combine(filters.date_from, time.min, tzinfo=tz))
    if filters.date_to:
        events = events.filter(at__lte=datetime.combine(filters.date_to, time.max, tzinfo=tz))
    references = Family.objects.filter(pk=OuterRef("family_id")).values("reference")[:1]
    return events.annotate(family_reference=Subquery(references)).order_by("-at", "-id")


def access_events(*, request: HttpRequest, filters: AccessEventFilters, page_number: int | str = 1) -> Page:
    _require_information_governance(request)
    page = Paginator(_filtered(filters), PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        family_id=filters.family_id,
        record_ids=[e.pk for e in page.object_list],
        query={"record_type": "audit.accessevent", **filters.as_log()},
    )
    return page


def access_family_viewers(*, request: HttpRequest, family_id: int, page_number: int | str = 1) -> tuple[str, Page]:
    """'Who has viewed this record': every read of the family's record, for information governance.

    Only the family's reference is shown: information governance sees the log, not the case (access-rules.md)."""
    _require_information_governance(request)
    reference = Family.objects.filter(pk=family_id).values_list("reference", flat=True).first()
    if reference is None:
        raise Http404
    return reference, access_events(
        request=request, filters=AccessEventFilters(family_id=family_id), page_number=page_number
    )
