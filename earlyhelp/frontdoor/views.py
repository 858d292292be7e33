from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm, ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from earlyhelp.access.decorators import no_personal_data, personal_data
from earlyhelp.access.policy import people_visible
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.escalations.models import Subject
from earlyhelp.escalations.selectors import family_for_front_door_reference, open_escalations
from earlyhelp.escalations.services import escalation_raise
from earlyhelp.frontdoor import journey, services
from earlyhelp.frontdoor.abuse import self_referral_allowed
from earlyhelp.frontdoor.forms import (
    AdultForm,
    ChildForm,
    DecisionForm,
    FeedbackForm,
    NfaReviewForm,
    ReconsiderForm,
    SelfReferralForm,
)
from earlyhelp.frontdoor.models import Decision, Feedback, RequestPerson, RequestStatus, SupportRequest, Urgency
from earlyhelp.frontdoor.quality import check_referral_quality
from earlyhelp.frontdoor.selectors import (
    QueueFilter,
    access_decisions_to_authorise,
    access_feedback_to_send,
    access_match_candidates,
    access_my_requests,
    access_nfa_review,
    access_nfa_reviews,
    access_own_request,
    access_request_for_triage,
    access_triage_queue,
    access_unmet_need,
    early_help_teams,
    person_histories,
    request_clock,
    triage_counts,
)


def _require_referrer(request: AuthenticatedHttpRequest) -> None:
    if not request.user.has_perm("frontdoor.make_request"):
        raise PermissionDenied


def _draft(request: AuthenticatedHttpRequest, request_id: int) -> SupportRequest:
    support_request = access_own_request(request=request, request_id=request_id)
    if support_request.status != RequestStatus.DRAFT:
        raise Http404
    return support_request


def _step_url(support_request: SupportRequest, slug: str) -> str:
    if slug == journey.CHECK:
        return reverse("frontdoor:request_check", args=[support_request.pk])
    if slug in ("children", "household"):
        return reverse(f"frontdoor:request_{slug}", args=[support_request.pk])
    return reverse("frontdoor:request_step", args=[support_request.pk, slug])


def _after(request: AuthenticatedHttpRequest, support_request: SupportRequest, slug: str) -> HttpResponse:
    # Changing an answer from check-your-answers goes back there, not through every later page.
    if request.GET.get("return") == journey.CHECK:
        return redirect(_step_url(support_request, journey.CHECK))
    return redirect(_step_url(support_request, journey.next_slug(slug)))


@require_http_methods(["GET", "POST"])
@no_personal_data
def request_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_referrer(request)
    if request.method == "POST":
        support_request = services.request_start(user=request.user)
        return redirect(_step_url(support_request, journey.STEPS[0].slug))
    return render(request, "frontdoor/start.html", {"steps": journey.STEPS})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="request_id")
def request_step(request: AuthenticatedHttpRequest, request_id: int, slug: str) -> HttpResponse:
    step = journey.BY_SLUG.get(slug)
    if step is None or step.form_class is None:
        raise Http404
    support_request = _draft(request, request_id)
    data = request.POST or None
    form: BaseForm
    if issubclass(step.form_class, ModelForm):
        form = step.form_class(data, instance=support_request)
    else:
        harm = _yes_no(support_request.significant_harm_now)
        form = step.form_class(data, initial={"urgency": support_request.urgency, "significant_harm_now": harm})
    if request.method == "POST" and form.is_valid():
        try:
            support_request = services.request_update(
                user=request.user,
                support_request=support_request,
                data=form.cleaned_data,
                version=int(request.POST.get("version", 0)),
            )
        except services.StaleEdit:
            messages.error(request, "This request was changed in another tab or window. Check the answers below.")
            return redirect(request.get_full_path())
        if slug == "harm" and support_request.urgency == Urgency.SAFEGUARDING:
            return redirect("frontdoor:request_harm_now", support_request.pk)
        return _after(request, support_request, slug)
    return render(request, "frontdoor/step.html", _step_context(support_request, step, form))


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _step_context(support_request: SupportRequest, step: journey.Step, form: object) -> dict[str, object]:
    previous = journey.previous_slug(step.slug)
    return {
        "support_request": support_request,
        "step": step,
        "form": form,
        "back_url": _step_url(support_request, previous) if previous else reverse("frontdoor:request_start"),
    }


@require_GET
@personal_data(record_param="request_id")
def request_harm_now(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    support_request = _draft(request, request_id)
    context = {"support_request": support_request, "contact": settings.FRONT_DOOR_CONTACT}
    return render(request, "frontdoor/harm_now.html", context)


@require_GET
@personal_data(record_param="request_id")
def request_people(request: AuthenticatedHttpRequest, request_id: int, kind: str) -> HttpResponse:
    support_request = _draft(request, request_id)
    slug = "children" if kind == "child" else "household"
    context = {
        "support_request": support_request,
        "kind": kind,
        "people": support_request.children if kind == "child" else support_request.adults,
        "step": journey.BY_SLUG[slug],
        "back_url": _step_url(support_request, journey.previous_slug(slug) or "harm"),
        "next_url": _step_url(support_request, journey.next_slug(slug))
        if request.GET.get("return") != journey.CHECK
        else _step_url(support_request, journey.CHECK),
    }
    return render(request, "frontdoor/people.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="request_id")
def request_person(
    request: AuthenticatedHttpRequest, request_id: int, kind: str, person_id: int | None = None
) -> HttpResponse:
    support_request = _draft(request, request_id)
    person = get_object_or_404(support_request.people, pk=person_id) if person_id else None
    if person is not None:
        kind = "child" if person.is_child else "adult"
    form_class = ChildForm if kind == "child" else AdultForm
    form = form_class(request.POST or None, instance=person)
    list_url = reverse(
        "frontdoor:request_children" if kind == "child" else "frontdoor:request_household", args=[request_id]
    )
    if request.method == "POST" and form.is_valid():
        services.request_person_save(
            user=request.user,
            support_request=support_request,
            person=person,
            is_child=kind == "child",
            data=form.cleaned_data,
        )
        return redirect(list_url)
    context = {"support_request": support_request, "form": form, "kind": kind, "person": person, "back_url": list_url}
    return render(request, "frontdoor/person.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="request_id")
def request_person_remove(request: AuthenticatedHttpRequest, request_id: int, person_id: int) -> HttpResponse:
    support_request = _draft(request, request_id)
    person = get_object_or_404(support_request.people, pk=person_id)
    list_url = reverse(
        "frontdoor:request_children" if person.is_child else "frontdoor:request_household", args=[request_id]
    )
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            services.request_person_remove(user=request.user, support_request=support_request, person=person)
            messages.success(request, f"{person.name} has been removed from this request.")
        return redirect(list_url)
    return render(request, "frontdoor/person_remove.html", {"person": person, "back_url": list_url})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="request_id")
def request_check(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    support_request = access_own_request(request=request, request_id=request_id)
    if support_request.status != RequestStatus.DRAFT:
        return redirect("frontdoor:request_sent", support_request.pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.request_submit(user=request.user, support_request=support_request)
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("frontdoor:request_sent", support_request.pk)
    context = {
        "support_request": support_request,
        "quality": check_referral_quality(support_request),
        "missing": services.check_ready_to_submit(support_request),
        "errors": errors,
        "steps": journey.STEPS,
    }
    return render(request, "frontdoor/check.html", context)


@require_GET
@personal_data(record_param="request_id")
def request_sent(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    support_request = access_own_request(request=request, request_id=request_id)
    if support_request.status == RequestStatus.DRAFT:
        return redirect("frontdoor:request_check", support_request.pk)
    sent_feedback = Feedback.objects.filter(request=support_request, sent_at__isnull=False).first()
    if sent_feedback is not None:
        services.feedback_mark_read(user=request.user, feedback=sent_feedback)
    return render(request, "frontdoor/sent.html", {"support_request": support_request, "feedback": sent_feedback})


@require_GET
@personal_data()
def my_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_referrer(request)
    page = access_my_requests(request=request, page_number=request.GET.get("page", 1))
    return render(request, "frontdoor/my_requests.html", {"page": page, "query": ""})


@login_not_required
@require_http_methods(["GET", "POST"])
@no_personal_data
def self_referral(request: HttpRequest) -> HttpResponse:
    """The public form for families (no account). It shows no personal data, so it can be public."""
    form = SelfReferralForm(request.POST or None, initial={"token": uuid.uuid4()})
    if request.method == "POST":
        if not self_referral_allowed(request):
            return render(request, "frontdoor/self_referral_limited.html", status=429)
        if form.is_valid():
            if form.cleaned_data["website"]:
                # A robot filled in the hidden field: look successful, store nothing.
                return redirect("help:self_referral_sent")
            support_request = services.self_referral_submit(data=form.cleaned_data)
            request.session["self_referral_reference"] = support_request.reference
            return redirect("help:self_referral_sent")
    return render(request, "frontdoor/self_referral.html", {"form": form})


@login_not_required
@require_GET
@no_personal_data
def self_referral_sent(request: HttpRequest) -> HttpResponse:
    reference = request.session.get("self_referral_reference", "")
    return render(request, "frontdoor/self_referral_sent.html", {"reference": reference})


@require_GET
@personal_data()
def triage_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    queue_filter = request.GET.get("filter", QueueFilter.ALL)
    if queue_filter not in dict(QueueFilter.CHOICES):
        queue_filter = QueueFilter.ALL
    page = access_triage_queue(request=request, queue_filter=queue_filter, page_number=request.GET.get("page", 1))
    now = timezone.now()
    rows = [(r, request_clock(r)) for r in page.object_list]
    context = {
        "page": page,
        "rows": [(r, clock, clock.rag(now) if clock else "") for r, clock in rows],
        "filters": QueueFilter.CHOICES,
        "current": queue_filter,
        "counts": triage_counts(),
        "query": f"filter={queue_filter}" if queue_filter else "",
    }
    return render(request, "frontdoor/queue.html", context)


@require_GET
@personal_data(record_param="request_id")
def triage_request(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    support_request = access_request_for_triage(request=request, request_id=request_id)
    clock = request_clock(support_request)
    candidates = access_match_candidates(request=request, support_request=support_request)
    histories = person_histories(support_request=support_request)
    context = {
        "escalations": open_escalations(
            subject=Subject.FRONT_DOOR_DECISION, subject_reference=support_request.reference or ""
        ),
        "people": [(p, candidates.get(p.pk, []), histories.get(p.pk)) for p in support_request.people.all()],
        "support_request": support_request,
        "quality": check_referral_quality(support_request),
        "clock": clock,
        "rag": clock.rag(timezone.now()) if clock else "",
    }
    return render(request, "frontdoor/triage_request.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="request_id")
def decide(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    support_request = access_request_for_triage(request=request, request_id=request_id)
    if support_request.status == RequestStatus.DECIDED:
        return redirect("frontdoor:feedback", support_request.pk)
    # Start from the level and indicators the referrer suggested: the worker confirms or changes them.
    initial = {
        "level": support_request.suggested_level_id,
        "indicators": list(support_request.suggested_indicators.all()),
    }
    form = DecisionForm(
        request.POST or None, initial=initial, children=support_request.children, teams=early_help_teams()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_record(
                user=request.user,
                support_request=support_request,
                level=data["level"],
                indicators=list(data["indicators"]),
                needs_identified=data["needs_identified"],
                rationale=data["rationale"],
                consent_position=data["consent_position"],
                consent_note=data["consent_note"],
                outcomes=form.outcome_inputs(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("frontdoor:feedback", support_request.pk)
    return render(request, "frontdoor/decide.html", {"support_request": support_request, "form": form})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="request_id")
def feedback(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    support_request = access_request_for_triage(request=request, request_id=request_id)
    record = get_object_or_404(Feedback, request=support_request)
    form = FeedbackForm(request.POST or None, initial={"text": record.text})
    if request.method == "POST" and form.is_valid():
        services.feedback_send(user=request.user, feedback=record, text=form.cleaned_data["text"])
        messages.success(request, f"Feedback on {support_request.reference} sent to the referrer.")
        return redirect("frontdoor:queue")
    return render(
        request, "frontdoor/feedback.html", {"support_request": support_request, "feedback": record, "form": form}
    )


@require_GET
@personal_data()
def unmet_need(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = access_unmet_need(request=request, page_number=request.GET.get("page", 1))
    return render(request, "frontdoor/unmet_need.html", {"page": page, "query": ""})


def _named_person(request: AuthenticatedHttpRequest, request_id: int, person_id: int) -> RequestPerson:
    support_request = access_request_for_triage(request=request, request_id=request_id)
    return get_object_or_404(support_request.people, pk=person_id)


@require_POST
@personal_data(record_param="request_id")
def match_confirm(request: AuthenticatedHttpRequest, request_id: int, person_id: int) -> HttpResponse:
    named = _named_person(request, request_id, person_id)
    person = get_object_or_404(people_visible(request.user), pk=request.POST.get("person", ""))
    services.request_person_match_confirm(user=request.user, request_person=named, person=person)
    messages.success(request, f"{named.name} is linked to {person.display_name} on the register.")
    return redirect(reverse("frontdoor:triage_request", args=[request_id]) + f"#named-{named.pk}")


@require_POST
@personal_data(record_param="request_id")
def register_person(request: AuthenticatedHttpRequest, request_id: int, person_id: int) -> HttpResponse:
    named = _named_person(request, request_id, person_id)
    try:
        services.request_person_register(user=request.user, request_person=named)
    except ValidationError as error:
        messages.error(request, f"{named.name} could not be added: {' '.join(error.messages)}")
    else:
        messages.success(request, f"{named.name} has been added to the register.")
    return redirect(reverse("frontdoor:triage_request", args=[request_id]) + f"#named-{named.pk}")


@require_GET
@personal_data()
def nfa_reviews(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = access_nfa_reviews(request=request, page_number=request.GET.get("page", 1))
    to_authorise = access_decisions_to_authorise(request=request)
    return render(request, "frontdoor/nfa_reviews.html", {"page": page, "query": "", "to_authorise": to_authorise})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="review_id")
def nfa_review(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    review = access_nfa_review(request=request, review_id=review_id)
    form = NfaReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nfa_review_record(
                user=request.user, review=review, result=form.cleaned_data["result"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error("note", error.messages[0])
        else:
            messages.success(request, f"Review of {review.decision.request.reference} recorded.")
            return redirect("frontdoor:nfa_reviews")
    return render(request, "frontdoor/nfa_review.html", {"review": review, "form": form})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="request_id")
def reconsider(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    """The referrer disagrees with the decision: it becomes an escalation (R1.6, R6.4)."""
    support_request = access_own_request(request=request, request_id=request_id)
    if support_request.status != RequestStatus.DECIDED:
        raise Http404
    form = ReconsiderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        escalation_raise(
            user=request.user,
            subject=Subject.FRONT_DOOR_DECISION,
            subject_reference=support_request.reference or "",
            reason=form.cleaned_data["reason"],
            # The family the decision is about, when known: people working with the family can follow it.
            family=family_for_front_door_reference(support_request.reference or ""),
        )
        messages.success(request, "The front door will look at the decision again and tell you what they decide.")
        return redirect("frontdoor:request_sent", support_request.pk)
    return render(request, "frontdoor/reconsider.html", {"support_request": support_request, "form": form})


@require_POST
@personal_data(record_param="request_id")
def ask_for_information(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    support_request = access_request_for_triage(request=request, request_id=request_id)
    try:
        services.request_ask_for_information(
            user=request.user, support_request=support_request, question=request.POST.get("question", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Request {support_request.reference} is waiting for information from the referrer.")
    return redirect("frontdoor:triage_request", support_request.pk)


@require_GET
@personal_data()
def feedback_to_send(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = access_feedback_to_send(request=request, page_number=request.GET.get("page", 1))
    now = timezone.now()
    rows = [(f, "red" if f.due_at < now else "green") for f in page.object_list]
    return render(request, "frontdoor/feedback_to_send.html", {"page": page, "rows": rows, "query": ""})


@require_POST
@personal_data(record_param="request_id")
def authorise(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    if not request.user.has_perm("frontdoor.authorise_decision"):
        raise Http404
    decision = get_object_or_404(Decision.objects.select_related("request"), request_id=request_id)
    try:
        services.decision_authorise(user=request.user, decision=decision, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Decision on {decision.request.reference} authorised: the referrer can be told.")
    return redirect("frontdoor:nfa_reviews")
