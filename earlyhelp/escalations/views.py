"""Escalation and professional disagreement (R6.4). Views are thin: one selector, one service, render."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.escalations import services
from earlyhelp.escalations.forms import ActionForm, ConfirmForm, MoveForm, RaiseForm, ResolveForm
from earlyhelp.escalations.selectors import (
    SECTIONS,
    Can,
    Section,
    access_escalation,
    access_escalation_list,
    access_raise_page,
    handler_candidates,
    next_stages,
    owner_candidates,
)
from earlyhelp.ui.pagination import query_without_page


def _errors_to_form(form: forms.Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _family_id(value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@require_GET
@personal_data()
def escalation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    section = request.GET.get("section", Section.RAISED)
    page = access_escalation_list(request=request, section=section, page_number=request.GET.get("page", 1))
    section = section if section in SECTIONS else Section.RAISED
    context = {"page": page, "section": section, "sections": SECTIONS, "query": query_without_page(request)}
    return render(request, "escalations/list.html", context)


@require_http_methods(["GET", "POST"])
@personal_data()
def escalation_raise(request: AuthenticatedHttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    family = access_raise_page(request=request, family_id=_family_id(source.get("family")))
    initial = {"subject": request.GET.get("subject", ""), "subject_reference": request.GET.get("reference", "")}
    form = RaiseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            escalation = services.escalation_raise_as(user=request.user, family=family, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Escalation raised. You will hear back when someone takes it on.")
            return redirect("escalations:detail", escalation.pk)
    return render(request, "escalations/raise.html", {"form": form, "family": family})


@require_GET
@personal_data(record_param="escalation_id")
def escalation_detail(request: AuthenticatedHttpRequest, escalation_id: int) -> HttpResponse:
    access = access_escalation(request=request, escalation_id=escalation_id)
    return render(request, "escalations/detail.html", {"access": access, "escalation": access.escalation})


@require_POST
@personal_data(record_param="escalation_id")
def escalation_take(request: AuthenticatedHttpRequest, escalation_id: int) -> HttpResponse:
    access = access_escalation(request=request, escalation_id=escalation_id, can=Can.TAKE)
    try:
        services.escalation_take(user=request.user, escalation=access.escalation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You are now handling this escalation.")
    return redirect("escalations:detail", escalation_id)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="escalation_id")
def escalation_move(request: AuthenticatedHttpRequest, escalation_id: int) -> HttpResponse:
    access = access_escalation(request=request, escalation_id=escalation_id, can=Can.MOVE)
    escalation = access.escalation
    form = MoveForm(
        request.POST or None,
        initial={"from_stage": escalation.stage},
        stages=next_stages(escalation),
        handlers=handler_candidates(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_move(user=request.user, escalation=escalation, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Escalation moved to the next stage.")
            return redirect("escalations:detail", escalation_id)
    return render(
        request,
        "escalations/move.html",
        {"form": form, "escalation": escalation, "heading": "Move to the next stage", "button": "Move it on"},
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="escalation_id")
def action_add(request: AuthenticatedHttpRequest, escalation_id: int) -> HttpResponse:
    access = access_escalation(request=request, escalation_id=escalation_id, can=Can.ADD_ACTION)
    form = ActionForm(request.POST or None, initial={"token": uuid.uuid4()}, owners=owner_candidates())
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_action_add(user=request.user, escalation=access.escalation, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Agreed action added.")
            return redirect("escalations:detail", escalation_id)
    return render(
        request,
        "escalations/action_add.html",
        {"form": form, "escalation": access.escalation, "heading": "Add an agreed action", "button": "Add the action"},
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="escalation_id")
def action_confirm(request: AuthenticatedHttpRequest, escalation_id: int, action_id: int) -> HttpResponse:
    access = access_escalation(request=request, escalation_id=escalation_id, can=Can.CONFIRM)
    action = next((a for a in access.actions if a.pk == action_id), None)
    if action is None:
        raise Http404
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_action_confirm(user=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Thank you: the answer is recorded.")
            return redirect("escalations:detail", escalation_id)
    context: dict[str, Any] = {
        "form": form,
        "escalation": access.escalation,
        "action": action,
        "heading": "Was it done?",
        "button": "Save the answer",
    }
    return render(request, "escalations/action_confirm.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="escalation_id")
def escalation_resolve(request: AuthenticatedHttpRequest, escalation_id: int) -> HttpResponse:
    access = access_escalation(request=request, escalation_id=escalation_id, can=Can.RESOLVE)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_resolve(user=request.user, escalation=access.escalation, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Escalation resolved.")
            return redirect("escalations:detail", escalation_id)
    context = {
        "form": form,
        "escalation": access.escalation,
        "unconfirmed": access.unconfirmed_actions,
        "heading": "Resolve the escalation",
        "button": "Resolve",
    }
    return render(request, "escalations/resolve.html", context)
