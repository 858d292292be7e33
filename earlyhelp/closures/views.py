"""Pages of closure, the family's feedback, reopening and the follow-up checks. Views are thin: one access
check, one selector or service, then render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import no_personal_data, personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.closures import forms as closure_forms
from earlyhelp.closures import selectors, services
from earlyhelp.closures.models import Closure
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.episodes.services import StaleEdit

CONFLICT = "Someone else changed this closure since you opened it. Check your answers and save again."


def _render(request: AuthenticatedHttpRequest, template: str, access: EpisodeAccess, **extra: Any) -> HttpResponse:
    return render(request, template, episode_context(access, "closure", **extra))


def _write_access(request: AuthenticatedHttpRequest, episode_id: int) -> tuple[EpisodeAccess, Closure | None]:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    return access, selectors.current_closure(access.episode)


def _save(
    request: AuthenticatedHttpRequest, access: EpisodeAccess, form: Form, save: Callable[[Closure], Any]
) -> HttpResponse | None:
    """Start the closure if needed and save the step; None (with the error on the form) if it was refused."""
    try:
        closure = services.closure_start(user=request.user, episode=access.episode)
        save(closure)
    except StaleEdit:
        form.add_error(None, CONFLICT)
    except ValidationError as error:
        form.add_error(None, error)
    else:
        return redirect("closures:closure", access.episode.pk)
    return None


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def closure(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    need = Need.WRITE if request.method == "POST" else Need.CASE
    access = access_episode(request=request, episode_id=episode_id, need=need)
    if request.method == "POST":
        try:
            services.closure_start(user=request.user, episode=access.episode)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("closures:closure", episode_id)
    page = selectors.closure_page(access.episode)
    reading_url = reverse("outcometools:reading_add", args=[episode_id])
    here = reverse("closures:closure", args=[episode_id])
    return _render(
        request,
        "closures/closure.html",
        access,
        page=page,
        can_write=access.relationship.can_write_case,
        can_manage=access.relationship.manages,
        reading_url=f"{reading_url}?stage=closure&next={here}",
        task=selectors.closure_task(access.episode),
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reason(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, current = _write_access(request, episode_id)
    initial = (
        {"reason": current.reason, "reason_detail": current.reason_detail, "version": current.version}
        if current
        else {}
    )
    form = closure_forms.ReasonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(
            request,
            access,
            form,
            lambda c: services.closure_reason_save(
                user=request.user,
                closure=c,
                reason=data["reason"],
                detail=data["reason_detail"],
                loaded_version=form.loaded_version if current else None,
            ),
        )
        if saved:
            return saved
    return _render(request, "closures/reason.html", access, form=form)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def outcomes(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, current = _write_access(request, episode_id)
    needs = list(selectors.live_needs(access.episode))
    form = closure_forms.OutcomesForm(
        request.POST or None, initial=closure_forms.OutcomesForm.initial_for(current), needs=needs
    )
    if request.method == "POST" and needs and form.is_valid():
        version = form.loaded_version if current else None
        saved = _save(
            request,
            access,
            form,
            lambda c: services.closure_outcomes_save(
                user=request.user, closure=c, outcomes=form.to_data(), loaded_version=version
            ),
        )
        if saved:
            return saved
    try:
        needs_url = reverse("needs:list", args=[episode_id])
    except NoReverseMatch:
        needs_url = ""
    return _render(request, "closures/outcomes.html", access, form=form, needs_url=needs_url)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def summary(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, current = _write_access(request, episode_id)
    initial = (
        {"summary": current.summary, "ongoing_support": current.ongoing_support, "version": current.version}
        if current
        else {}
    )
    form = closure_forms.SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(
            request,
            access,
            form,
            lambda c: services.closure_summary_save(
                user=request.user,
                closure=c,
                summary=data["summary"],
                ongoing_support=data["ongoing_support"],
                loaded_version=form.loaded_version if current else None,
            ),
        )
        if saved:
            return saved
    return _render(request, "closures/summary.html", access, form=form)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def check(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, current = _write_access(request, episode_id)
    form = closure_forms.SubmitForm(request.POST or None, initial={"version": current.version if current else None})
    if request.method == "POST" and current is not None and form.is_valid():
        try:
            services.closure_submit(user=request.user, closure=current, loaded_version=form.loaded_version)
        except StaleEdit:
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Closure sent to your manager for approval")
            return redirect("closures:closure", episode_id)
    page = selectors.closure_page(access.episode, current) if current else None
    return _render(request, "closures/check.html", access, form=form, page=page)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def decide(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.MANAGE)
    current = selectors.current_closure(access.episode)
    form = closure_forms.DecisionForm(request.POST or None)
    if request.method == "POST" and current is not None and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.closure_decide(
                user=request.user, closure=current, approve=approve, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if approve:
                # The manager's access is now the read-only period's: the overview, not the whole record.
                messages.success(request, "Closure approved: the episode is closed")
                return redirect("episodes:detail", episode_id)
            messages.success(request, "Closure returned to the lead practitioner")
            return redirect("closures:closure", episode_id)
    page = selectors.closure_page(access.episode, current) if current else None
    return _render(request, "closures/decide.html", access, form=form, page=page)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def feedback_link(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, current = _write_access(request, episode_id)
    form = closure_forms.FeedbackLinkForm(request.POST or None)
    link = ""
    if request.method == "POST" and form.is_valid():
        try:
            closure = current or services.closure_start(user=request.user, episode=access.episode)
            created = services.feedback_link_create(
                user=request.user,
                closure=closure,
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link = created.address
    return _render(
        request, "closures/feedback_link.html", access, form=form, link=link, days=settings.FEEDBACK_LINK_DAYS
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reopen(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = selectors.access_reopen(request=request, episode_id=episode_id)
    form = closure_forms.ReopenForm(request.POST or None)
    if request.method == "POST" and not access.problems and form.is_valid():
        try:
            services.closure_reopen(user=request.user, episode=access.episode, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Episode reopened")
            return redirect("episodes:detail", episode_id)
    return render(request, "closures/reopen.html", {"access": access, "episode": access.episode, "form": form})


@require_GET
@personal_data()
def follow_ups(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = selectors.follow_up_page(request=request, page_number=request.GET.get("page", 1))
    return render(request, "closures/follow_ups.html", {"page": page})


# The family's questionnaire: no account, and no personal data on the page at all.

EXPIRED_TEMPLATE = "closures/feedback_expired.html"


@login_not_required
@require_http_methods(["GET", "POST"])
@no_personal_data
def questionnaire(request: HttpRequest, token: str) -> HttpResponse:
    if selectors.feedback_request_for_token(token) is None:
        return render(request, EXPIRED_TEMPLATE, status=404)
    form = closure_forms.QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_answer(token=token, answers=form.to_answers())
        except services.FeedbackLinkInvalid:
            return render(request, EXPIRED_TEMPLATE, status=404)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("feedback:thanks")
    return render(request, "closures/questionnaire.html", {"form": form})


@login_not_required
@require_GET
@no_personal_data
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "closures/feedback_thanks.html")
