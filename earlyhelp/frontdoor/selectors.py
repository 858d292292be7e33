"""Reads of requests for support, each permission-checked and logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from earlyhelp.access.policy import people_visible
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.frontdoor.models import (
    ChildOutcome,
    Decision,
    Feedback,
    NfaReview,
    Outcome,
    RequestPerson,
    RequestStatus,
    SupportRequest,
    Urgency,
)
from earlyhelp.organisations.models import AgencyType, Team
from earlyhelp.people.matching import Candidate, Probe, match_candidates
from earlyhelp.timescales.working_days import Clock, clock_start

PAGE_SIZE = 20


def _own_requests(request: HttpRequest) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(created_by_id=request.user.pk).prefetch_related("people")


def access_own_request(*, request: HttpRequest, request_id: int) -> SupportRequest:
    """A request the user made themselves (a referrer sees their own request and its outcome, nobody else's)."""
    support_request = get_object_or_404(_own_requests(request).select_related("referrer_agency"), pk=request_id)
    access_event_record(request=request, action=AccessAction.VIEW, record=support_request)
    return support_request


def access_my_requests(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    requests = _own_requests(request).order_by("-submitted_at", "-created_at")
    page = Paginator(requests, PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[r.pk for r in page.object_list],
        query={"list": "My requests"},
    )
    return page


class QueueFilter:
    ALL = ""
    NEW = "new"
    AWAITING = "awaiting"
    URGENT = "urgent"
    OVERDUE = "overdue"
    CHOICES = (
        (ALL, "All"),
        (NEW, "New"),
        (AWAITING, "Awaiting information"),
        (URGENT, "Urgent"),
        (OVERDUE, "Overdue"),
    )


def _require_front_door(request: HttpRequest) -> None:
    if not request.user.has_perm("frontdoor.triage"):
        raise PermissionDenied


def _open_requests() -> QuerySet[SupportRequest]:
    return SupportRequest.objects.live().filter(status__in=[RequestStatus.NEW, RequestStatus.AWAITING_INFORMATION])


def triage_counts() -> dict[str, int]:
    """How many requests each queue filter holds, in one query."""
    now = timezone.now()
    return _open_requests().aggregate(
        all=Count("pk"),
        new=Count("pk", filter=Q(status=RequestStatus.NEW)),
        awaiting=Count("pk", filter=Q(status=RequestStatus.AWAITING_INFORMATION)),
        urgent=Count("pk", filter=Q(urgency__in=[Urgency.SAFEGUARDING, Urgency.URGENT])),
        overdue=Count("pk", filter=Q(due_at__lt=now)),
    )


def access_triage_queue(*, request: HttpRequest, queue_filter: str, page_number: int | str = 1) -> Page:
    """The front door's queue: most urgent first, then oldest first (R1.5, R1.12)."""
    _require_front_door(request)
    requests = _open_requests()
    if queue_filter == QueueFilter.NEW:
        requests = requests.filter(status=RequestStatus.NEW)
    elif queue_filter == QueueFilter.AWAITING:
        requests = requests.filter(status=RequestStatus.AWAITING_INFORMATION)
    elif queue_filter == QueueFilter.URGENT:
        requests = requests.filter(urgency__in=[Urgency.SAFEGUARDING, Urgency.URGENT])
    elif queue_filter == QueueFilter.OVERDUE:
        requests = requests.filter(due_at__lt=timezone.now())
    requests = (
        requests.select_related("referrer_agency").prefetch_related("people").order_by("urgency", "submitted_at", "pk")
    )
    page = Paginator(requests, PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[r.pk for r in page.object_list],
        query={"list": "Front door queue", "filter": queue_filter or "all"},
    )
    return page


def access_request_for_triage(*, request: HttpRequest, request_id: int) -> SupportRequest:
    if not request.user.has_perm("frontdoor.triage"):
        raise Http404
    support_request = get_object_or_404(
        SupportRequest.objects.live()
        .exclude(status=RequestStatus.DRAFT)
        .select_related("referrer_agency", "created_by")
        .prefetch_related("people"),
        pk=request_id,
    )
    access_event_record(request=request, action=AccessAction.VIEW, record=support_request)
    return support_request


def request_clock(support_request: SupportRequest) -> Clock | None:
    if support_request.submitted_at is None or support_request.due_at is None:
        return None
    # The clock starts at receipt, or at 09:00 on the next working day for a weekend or bank holiday receipt.
    started = clock_start(support_request.submitted_at).started_at
    return Clock(started_at=min(started, support_request.due_at), due_at=support_request.due_at)


def early_help_teams() -> QuerySet[Team]:
    """Teams a front-door decision can hand a family to: the council's early help service's teams."""
    return Team.objects.live().filter(agency__type=AgencyType.COUNCIL_EARLY_HELP).select_related("agency")


def access_unmet_need(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """R1.7: children with an identified need whose request ended in no further action and no offer of help.
    The list is how someone stays responsible for them."""
    if not request.user.has_perm("frontdoor.see_unmet_need"):
        raise PermissionDenied
    outcomes = (
        ChildOutcome.objects.filter(
            outcome=Outcome.NO_FURTHER_ACTION, decision__needs_identified=True, offer_of_help=""
        )
        .select_related("child", "decision__request", "decision__decided_by", "decision__level")
        .order_by("-decision__decided_at", "pk")
    )
    page = Paginator(outcomes, PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[o.child_id for o in page.object_list],
        query={"list": "Identified need, no help in place"},
    )
    return page


@dataclass
class PersonHistory:
    """What is already known about one person at the front door (R1.8, R1.9)."""

    earlier_requests: list[RequestPerson]
    last_3_months: int
    last_12_months: int

    @property
    def repeat_without_assessment(self) -> bool:
        # Early help assessments arrive with episodes; until one is recorded, every repeat request is unassessed.
        return self.last_12_months >= 1


def access_match_candidates(*, request: HttpRequest, support_request: SupportRequest) -> dict[int, list[Candidate]]:
    """Possible matches on the register for each person named in the request, logged as one search."""
    if not request.user.has_perm("frontdoor.triage"):
        raise Http404
    scope = people_visible(request.user)
    found: dict[int, list[Candidate]] = {}
    for named in support_request.people.all():
        if named.matched_person_id:
            continue
        probe = Probe(
            first_name=named.first_name,
            last_name=named.last_name,
            date_of_birth=named.date_of_birth,
            nhs_number=named.nhs_number,
            postcode=named.postcode,
        )
        found[named.pk] = match_candidates(people=scope, probe=probe, limit=5)
    shown = [c.person.pk for candidates in found.values() for c in candidates]
    if found:
        access_event_record(
            request=request,
            action=AccessAction.SEARCH,
            record_ids=shown,
            query={"matching_for_request": support_request.reference or ""},
        )
    return found


def person_histories(*, support_request: SupportRequest) -> dict[int, PersonHistory]:
    """For each matched person in the request: their earlier requests, and the repeat-request counts."""
    matched = {p.matched_person_id: p for p in support_request.people.all() if p.matched_person_id}
    if not matched:
        return {}
    now = timezone.now()
    earlier = (
        RequestPerson.objects.filter(matched_person_id__in=matched, request__submitted_at__isnull=False)
        .exclude(request=support_request)
        .select_related("request", "outcome")
        .order_by("-request__submitted_at")
    )
    by_person: dict[int, list[RequestPerson]] = {}
    for mention in earlier:
        by_person.setdefault(mention.matched_person_id or 0, []).append(mention)
    histories = {}
    for person_id, named in matched.items():
        mentions = by_person.get(person_id or 0, [])
        dates = [m.request.submitted_at for m in mentions if m.request.submitted_at]
        histories[named.pk] = PersonHistory(
            earlier_requests=mentions,
            last_3_months=sum(1 for d in dates if d >= now - timedelta(days=91)),
            last_12_months=sum(1 for d in dates if d >= now - timedelta(days=365)),
        )
    return histories


def access_nfa_reviews(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """The manager's queue of no-further-action decisions to review: waiting ones first, oldest first."""
    if not request.user.has_perm("frontdoor.review_nfa"):
        raise PermissionDenied
    reviews = (
        NfaReview.objects.select_related("decision__request", "decision__decided_by", "reviewed_by")
        .prefetch_related("decision__outcomes__child")
        .order_by(F("reviewed_at").desc(nulls_first=True), "created_at", "pk")
    )
    page = Paginator(reviews, PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[r.decision.request_id for r in page.object_list],
        query={"list": "No-further-action reviews"},
    )
    return page


def access_nfa_review(*, request: HttpRequest, review_id: int) -> NfaReview:
    if not request.user.has_perm("frontdoor.review_nfa"):
        raise Http404
    review = get_object_or_404(
        NfaReview.objects.select_related(
            "decision__request", "decision__level", "decision__decided_by"
        ).prefetch_related("decision__outcomes__child"),
        pk=review_id,
    )
    access_event_record(request=request, action=AccessAction.VIEW, record=review.decision.request)
    return review


def access_feedback_to_send(*, request: HttpRequest, page_number: int | str = 1) -> Page:
    """Decided requests whose referrer has not been told yet, oldest deadline first (R1.6: tracked, overdue)."""
    _require_front_door(request)
    waiting = (
        Feedback.objects.filter(sent_at__isnull=True)
        .select_related("request__referrer_agency", "request__decision__decided_by")
        .order_by("due_at", "pk")
    )
    page = Paginator(waiting, PAGE_SIZE).get_page(page_number)
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[f.request_id for f in page.object_list],
        query={"list": "Feedback to send"},
    )
    return page


def access_decisions_to_authorise(*, request: HttpRequest) -> list[Decision]:
    """Decisions the partnership asks a manager to authorise before the referrer is told, oldest first."""
    if not request.user.has_perm("frontdoor.authorise_decision"):
        raise PermissionDenied
    decisions = list(
        Decision.objects.filter(authorisation_required=True, authorised_at__isnull=True)
        .select_related("request", "decided_by", "level")
        .prefetch_related("outcomes__child")
        .order_by("decided_at", "pk")[:100]
    )
    access_event_record(
        request=request,
        action=AccessAction.LIST,
        record_ids=[d.request_id for d in decisions],
        query={"list": "Decisions to authorise"},
    )
    return decisions
