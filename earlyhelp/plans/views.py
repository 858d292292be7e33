"""Pages of the plan (R4.3, R4.4). Views are thin: one access check, one selector or service, then render.

The Team Around the Family pages are in their own module (routed from taf_urls.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.audit.models import AccessAction
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.episodes.services import StaleEdit
from earlyhelp.plans import services
from earlyhelp.plans.forms import ActionForm, ApprovalForm, OutcomeForm, ProgressForm, ViewsForm
from earlyhelp.plans.models import Plan, PlanAction, PlanStatus
from earlyhelp.plans.pdf import render_pdf
from earlyhelp.plans.selectors import (
    OTHER_OWNER,
    action_in_episode,
    action_owners,
    current_children,
    outcome_in_episode,
    plan_for_episode,
    plan_page,
    plan_with_items,
)

F = TypeVar("F", bound=Form)

CONFLICT = "Someone else changed this plan since you opened it. Check your answers below and save again."
ACTION_CONFLICT = "Someone else updated this action since you opened it. Check your answers and save again."
APPROVAL_AGAIN = "Changes need approval again: send the plan to your manager when it is ready."


def _saved(request: AuthenticatedHttpRequest, edit: services.PlanEdit, message: str) -> None:
    messages.success(request, message)
    if edit.approval_reset:
        messages.info(request, APPROVAL_AGAIN)


def _with_version(request: AuthenticatedHttpRequest, version: int) -> QueryDict:
    data: QueryDict = request.POST.copy()
    data["version"] = str(version)
    return data


def _conflict(form_class: type[F], request: AuthenticatedHttpRequest, plan: Plan, **kwargs: Any) -> F:
    """The user's input kept, with the current version so that saving again is a deliberate choice."""
    current = Plan.objects.values_list("version", flat=True).get(pk=plan.pk)
    form = form_class(_with_version(request, current), **kwargs)
    form.is_valid()
    form.add_error(None, CONFLICT)
    return form


def _render(request: AuthenticatedHttpRequest, template: str, access: EpisodeAccess, **extra: Any) -> HttpResponse:
    return render(request, template, episode_context(access, "plan", **extra))


@require_GET
@personal_data(record_param="episode_id")
def plan(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW)
    current = plan_with_items(access.episode)
    page = plan_page(current) if current is not None else None
    can_write = access.relationship.can_write_case
    return _render(request, "plans/plan.html", access, page=page, can_write=can_write)


@require_POST
@personal_data(record_param="episode_id")
def plan_start(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    services.plan_start(user=request.user, episode=access.episode)
    return redirect("plans:plan", episode_id)


def _outcome_form(
    request: AuthenticatedHttpRequest, access: EpisodeAccess, outcome_id: int | None = None
) -> HttpResponse:
    current = plan_for_episode(access.episode)
    outcome = outcome_in_episode(episode_id=access.episode.pk, outcome_id=outcome_id) if outcome_id else None
    children = current_children(access.episode)
    if outcome is not None:
        initial = OutcomeForm.initial_for(outcome)
    else:
        initial = {"version": current.version, "child": request.GET.get("child")}
    form = OutcomeForm(request.POST or None, initial=initial, children=children)
    if request.method == "POST" and form.is_valid():
        try:
            edit = services.outcome_save(
                user=request.user,
                plan=current,
                data=form.to_data(),
                outcome=outcome,
                loaded_version=form.loaded_version,
            )
        except StaleEdit:
            form = _conflict(OutcomeForm, request, current, children=children)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _saved(request, edit, "Outcome saved")
            return redirect("plans:plan", access.episode.pk)
    return _render(request, "plans/outcome_form.html", access, form=form, outcome=outcome, plan=current)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def outcome_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    return _outcome_form(request, access)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def outcome_edit(request: AuthenticatedHttpRequest, episode_id: int, outcome_id: int) -> HttpResponse:
    outcome = outcome_in_episode(episode_id=episode_id, outcome_id=outcome_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=outcome)
    return _outcome_form(request, access, outcome_id)


@require_POST
@personal_data(record_param="episode_id")
def outcome_archive(request: AuthenticatedHttpRequest, episode_id: int, outcome_id: int) -> HttpResponse:
    outcome = outcome_in_episode(episode_id=episode_id, outcome_id=outcome_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=outcome)
    return _archive(
        request,
        access,
        lambda version: services.outcome_archive(
            user=request.user, plan=outcome.plan, outcome=outcome, loaded_version=version
        ),
        edit_url=reverse("plans:outcome_edit", args=[access.episode.pk, outcome.pk]),
        message="Outcome archived",
    )


def _archive(
    request: AuthenticatedHttpRequest,
    access: EpisodeAccess,
    archive: Callable[[int | None], Any],
    *,
    edit_url: str,
    message: str,
) -> HttpResponse:
    """Archive an outcome or an action with the plan version the user saw; a stale version goes back to the edit
    page with the conflict message."""
    form = ViewsForm(request.POST)
    form.is_valid()
    try:
        edit = archive(form.loaded_version)
    except StaleEdit:
        messages.error(request, CONFLICT)
        return redirect(edit_url)
    _saved(request, edit, message)
    return redirect("plans:plan", access.episode.pk)


def _action_form(request: AuthenticatedHttpRequest, access: EpisodeAccess, action: PlanAction | None) -> HttpResponse:
    current = plan_with_items(access.episode)
    if current is None:
        raise Http404
    kwargs = {"owners": action_owners(access.episode), "outcomes": list(current.outcomes.all())}
    initial: dict[str, Any] = {"version": current.version}
    if action is not None:
        initial.update(
            what=action.what,
            owner=str(action.owner_user_id) if action.owner_user_id else OTHER_OWNER,
            owner_name=action.owner_name,
            due_on=action.due_on,
            outcomes=[str(o.pk) for o in action.outcomes.all()],
        )
    form = ActionForm(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            edit = services.action_save(
                user=request.user, plan=current, data=form.to_data(), action=action, loaded_version=form.loaded_version
            )
        except StaleEdit:
            form = _conflict(ActionForm, request, current, **kwargs)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _saved(request, edit, "Action saved")
            return redirect("plans:plan", access.episode.pk)
    return _render(request, "plans/action_form.html", access, form=form, action=action, plan=current)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def action_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    return _action_form(request, access, None)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def action_edit(request: AuthenticatedHttpRequest, episode_id: int, action_id: int) -> HttpResponse:
    action = action_in_episode(episode_id=episode_id, action_id=action_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=action)
    return _action_form(request, access, action)


@require_POST
@personal_data(record_param="episode_id")
def action_archive(request: AuthenticatedHttpRequest, episode_id: int, action_id: int) -> HttpResponse:
    action = action_in_episode(episode_id=episode_id, action_id=action_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=action)
    return _archive(
        request,
        access,
        lambda version: services.action_archive(
            user=request.user, plan=action.plan, action=action, loaded_version=version
        ),
        edit_url=reverse("plans:action_edit", args=[access.episode.pk, action.pk]),
        message="Action archived",
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def action_update(request: AuthenticatedHttpRequest, episode_id: int, action_id: int) -> HttpResponse:
    """A Team Around the Family member updates their own action; the lead and managers update any."""
    action = action_in_episode(episode_id=episode_id, action_id=action_id)
    # Someone else's action needs the right to write the case: a partner gets 404, with no access event.
    need = Need.CONTRIBUTE if action.owner_user_id == request.user.pk else Need.WRITE
    access = access_episode(request=request, episode_id=episode_id, need=need, record=action)
    initial = {"version": action.version, "status": action.status, "progress_note": action.progress_note}
    form = ProgressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_progress(
                user=request.user,
                action=action,
                status=form.cleaned_data["status"],
                progress_note=form.cleaned_data["progress_note"],
                loaded_version=form.loaded_version,
            )
        except StaleEdit:
            current = PlanAction.objects.values_list("version", flat=True).get(pk=action.pk)
            form = ProgressForm(_with_version(request, current))
            form.is_valid()
            form.add_error(None, ACTION_CONFLICT)
        else:
            messages.success(request, "Action updated")
            return redirect("plans:plan", access.episode.pk)
    return _render(request, "plans/action_update.html", access, form=form, action=action)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def views_edit(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    current = plan_for_episode(access.episode)
    initial = {"version": current.version, "child_views": current.child_views, "family_views": current.family_views}
    form = ViewsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edit = services.plan_views_save(
                user=request.user,
                plan=current,
                child_views=form.cleaned_data["child_views"],
                family_views=form.cleaned_data["family_views"],
                loaded_version=form.loaded_version,
            )
        except StaleEdit:
            form = _conflict(ViewsForm, request, current)
        else:
            _saved(request, edit, "Views saved")
            return redirect("plans:plan", access.episode.pk)
    return _render(request, "plans/plan_views.html", access, form=form, plan=current)


@require_POST
@personal_data(record_param="episode_id")
def plan_submit(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    try:
        services.plan_submit(user=request.user, plan=plan_for_episode(access.episode))
    except ValidationError as error:
        count = len(error.messages)
        messages.error(request, f"Fix the {count} problem{'s' if count != 1 else ''} in the SMART check first")
    else:
        messages.success(request, "Plan sent to your manager for approval")
    return redirect("plans:plan", episode_id)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def plan_approve(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.MANAGE)
    current = plan_with_items(access.episode)
    if current is None:
        raise Http404
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and current.status == PlanStatus.SUBMITTED and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.plan_approve(
                user=request.user, plan=current, approve=approve, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Plan approved" if approve else "Plan returned to the lead practitioner")
            return redirect("plans:plan", episode_id)
    return _render(request, "plans/plan_approve.html", access, form=form, page=plan_page(current))


def _family_copy_context(access: EpisodeAccess, *, pdf: bool) -> dict[str, Any]:
    current = plan_with_items(access.episode)
    if current is None:
        raise Http404
    return {"episode": access.episode, "page": plan_page(current), "pdf": pdf}


@require_GET
@personal_data(record_param="episode_id")
def family_copy(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    """The family's copy of the plan to print: plain words, large type, nothing of the professional analysis."""
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE, action=AccessAction.PRINT)
    return render(request, "plans/family_copy.html", _family_copy_context(access, pdf=False))


@require_GET
@personal_data(record_param="episode_id")
def family_copy_pdf(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE, action=AccessAction.DOWNLOAD)
    html = render_to_string("plans/family_copy.html", _family_copy_context(access, pdf=True), request=request)
    pdf = render_pdf(html=html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{access.episode.reference}.pdf"'
    return response
