"""Pages of step-up and step-down (R6.3). Views are thin: one access check, one selector or service, then render.

Long journeys keep the answers in the session between the form and the check-your-answers page, so nothing typed
is lost when the user goes back to change an answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.transitions import selectors, services
from earlyhelp.transitions.forms import DecisionForm, StepDownForm, StepUpForm
from earlyhelp.transitions.models import StepUpStatus

SECTION = "transitions"


def _draft_key(kind: str, record_id: int) -> str:
    return f"transitions:{kind}:{record_id}"


def _keep_draft(request: AuthenticatedHttpRequest, key: str) -> None:
    request.session[key] = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}


def _draft(request: AuthenticatedHttpRequest, key: str) -> QueryDict | None:
    stored = request.session.get(key)
    if not stored:
        return None
    data = QueryDict(mutable=True)
    for name, values in stored.items():
        data.setlist(name, values)
    return data


def _render(request: AuthenticatedHttpRequest, template: str, access: EpisodeAccess, **extra: Any) -> HttpResponse:
    return render(request, template, episode_context(access, SECTION, **extra))


def _closure_url(episode_id: int) -> str | None:
    try:
        return reverse("closures:closure", args=[episode_id])
    except NoReverseMatch:
        return None


@require_GET
@personal_data(record_param="episode_id")
def episode(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE)
    transitions = selectors.episode_transitions(access.episode)
    can_step_up = selectors.can_request_step_up(access.episode, access.relationship, transitions)
    return _render(request, "transitions/episode.html", access, transitions=transitions, can_step_up=can_step_up)


def _step_up_children(access: EpisodeAccess) -> list[Any]:
    return selectors.episode_children(access.episode)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def step_up_new(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    waiting = selectors.open_step_up(access.episode)
    key = _draft_key("step_up", episode_id)
    data = request.POST if request.method == "POST" else _draft(request, key)
    form = StepUpForm(data, children=_step_up_children(access))
    if request.method == "POST" and waiting is None and form.is_valid():
        _keep_draft(request, key)
        return redirect("transitions:step_up_check", episode_id)
    return _render(request, "transitions/step_up_form.html", access, form=form, waiting=waiting)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def step_up_check(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    key = _draft_key("step_up", episode_id)
    data = _draft(request, key)
    form = StepUpForm(data, children=_step_up_children(access))
    if data is None or not form.is_valid():
        waiting = selectors.open_step_up(access.episode)
        if waiting is not None and request.method == "POST":
            return redirect("transitions:step_up_detail", waiting.pk)  # sent already: a double submit
        return redirect("transitions:step_up_new", episode_id)
    if request.method == "POST":
        try:
            step_up = services.step_up_request(user=request.user, episode=access.episode, **form.service_data())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            request.session.pop(key, None)
            messages.success(request, f"Step-up {step_up.reference} sent to children's social care")
            return redirect("transitions:step_up_detail", step_up.pk)
    return _render(request, "transitions/step_up_check.html", access, form=form)


@require_GET
@personal_data()
def step_ups(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = selectors.step_ups_waiting_page(request=request, page_number=request.GET.get("page", 1))
    return render(request, "transitions/step_ups.html", {"page": page})


def _detail(request: AuthenticatedHttpRequest, access: selectors.StepUpAccess, form: DecisionForm | None) -> Any:
    step_up = access.step_up
    closure_url = _closure_url(step_up.episode_id) if services.step_up_hands_to_social_care(step_up) else None
    return {
        "access": access,
        "step_up": step_up,
        "timeline": selectors.step_up_timeline(step_up),
        "form": form,
        "closure_url": closure_url,
        "hands_over": services.step_up_hands_to_social_care(step_up),
    }


@require_GET
@personal_data(record_param="step_up_id")
def step_up_detail(request: AuthenticatedHttpRequest, step_up_id: int) -> HttpResponse:
    access = selectors.access_step_up(request=request, step_up_id=step_up_id)
    return render(request, "transitions/step_up_detail.html", _detail(request, access, None))


@require_POST
@personal_data(record_param="step_up_id")
def step_up_receive(request: AuthenticatedHttpRequest, step_up_id: int) -> HttpResponse:
    access = selectors.access_step_up(request=request, step_up_id=step_up_id, front_door_only=True)
    try:
        services.step_up_receive(user=request.user, step_up=access.step_up)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Marked as received")
    return redirect("transitions:step_up_detail", step_up_id)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="step_up_id")
def step_up_decide(request: AuthenticatedHttpRequest, step_up_id: int) -> HttpResponse:
    access = selectors.access_step_up(request=request, step_up_id=step_up_id, front_door_only=True)
    form = DecisionForm(request.POST or None)
    if access.step_up.status == StepUpStatus.DECIDED and request.method == "GET":
        return redirect("transitions:step_up_detail", step_up_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_up_decide(user=request.user, step_up=access.step_up, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "Decision recorded. The lead practitioner has been told.")
            return redirect("transitions:step_up_detail", step_up_id)
    return render(request, "transitions/step_up_decide.html", _detail(request, access, form))


@require_POST
@personal_data(record_param="step_up_id")
def step_up_withdraw(request: AuthenticatedHttpRequest, step_up_id: int) -> HttpResponse:
    access = selectors.access_step_up(request=request, step_up_id=step_up_id, writers_only=True)
    try:
        services.step_up_withdraw(user=request.user, step_up=access.step_up)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Step-up withdrawn")
    return redirect("transitions:step_up_detail", step_up_id)


def _step_down_form(start: selectors.StepDownStart, data: QueryDict | None, **kwargs: Any) -> StepDownForm:
    return StepDownForm(
        data, children=start.children, adults=start.adults, teams=start.teams, step_ups=start.step_ups, **kwargs
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="family_id")
def step_down_new(request: AuthenticatedHttpRequest, family_id: int) -> HttpResponse:
    start = selectors.access_family_for_step_down(request=request, family_id=family_id)
    key = _draft_key("step_down", family_id)
    data = request.POST if request.method == "POST" else _draft(request, key)
    form = _step_down_form(start, data, initial={"step_up": request.GET.get("step_up")})
    if request.method == "POST" and form.is_valid():
        _keep_draft(request, key)
        return redirect("transitions:step_down_check", family_id)
    return render(request, "transitions/step_down_form.html", {"form": form, "family": start.family})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="family_id")
def step_down_check(request: AuthenticatedHttpRequest, family_id: int) -> HttpResponse:
    start = selectors.access_family_for_step_down(request=request, family_id=family_id)
    key = _draft_key("step_down", family_id)
    data = _draft(request, key)
    form = _step_down_form(start, data)
    if data is None or not form.is_valid():
        return redirect("transitions:step_down_new", family_id)
    if request.method == "POST":
        try:
            step_down = services.step_down_record(user=request.user, family=start.family, **form.service_data())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            request.session.pop(key, None)
            messages.success(request, f"Step-down {step_down.reference} recorded")
            return redirect("transitions:step_down_detail", step_down.pk)
    return render(request, "transitions/step_down_check.html", {"form": form, "family": start.family})


@require_GET
@personal_data(record_param="step_down_id")
def step_down_detail(request: AuthenticatedHttpRequest, step_down_id: int) -> HttpResponse:
    step_down = selectors.access_step_down(request=request, step_down_id=step_down_id)
    return render(
        request,
        "transitions/step_down_detail.html",
        {"step_down": step_down, "timeline": selectors.step_down_timeline(step_down)},
    )
