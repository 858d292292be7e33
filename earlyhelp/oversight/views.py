"""Management oversight on the child's file, supervision, and the manager dashboard."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import Need, access_episode
from earlyhelp.oversight import selectors, services
from earlyhelp.oversight.forms import OversightForm, SupervisionForm


@require_GET
@personal_data(record_param="episode_id")
def episode(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE)
    oversight = selectors.episode_oversight(access.episode)
    can_add = access.relationship.manages
    context = episode_context(access, "oversight", oversight=oversight, can_add=can_add)
    return render(request, "oversight/episode.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def entry_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.MANAGE)
    children = [
        ec.person for ec in access.episode.episode_children.filter(ended_at__isnull=True).select_related("person")
    ]
    form = OversightForm(request.POST or None, children=children, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.oversight_record(
                user=request.user,
                episode=access.episode,
                children=form.chosen_children(),
                plan_effectiveness=data["plan_effectiveness"],
                child_circumstances=data["child_circumstances"],
                decisions=data["decisions"],
                actions=data["actions"],
                token=data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Management oversight recorded")
            return redirect("oversight:episode", episode_id)
    return render(request, "oversight/entry_add.html", episode_context(access, "oversight", form=form))


@require_GET
@personal_data()
def supervisions(request: AuthenticatedHttpRequest) -> HttpResponse:
    listing = selectors.access_supervision_list(request=request)
    return render(request, "oversight/supervisions.html", {"listing": listing})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="user_id")
def supervision_add(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    practitioner, episodes = selectors.access_supervision_add(request=request, user_id=user_id)
    initial = {"token": uuid.uuid4(), "held_on": timezone.localdate(), "reflective": "yes"}
    form = SupervisionForm(request.POST or None, episodes=episodes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            supervision = services.supervision_record(
                user=request.user,
                practitioner=practitioner,
                held_on=data["held_on"],
                reflective=data["reflective"] == "yes",
                wellbeing=data["wellbeing"],
                reflection=data["reflection"],
                development=data["development"],
                next_due_on=data["next_due_on"],
                cases=[services.CaseDiscussion(e, text, decided) for e, text, decided in form.discussions()],
                token=data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Supervision recorded")
            return redirect("oversight:supervision_detail", supervision.pk)
    return render(request, "oversight/supervision_add.html", {"form": form, "practitioner": practitioner})


@require_GET
@personal_data(record_param="supervision_id")
def supervision_detail(request: AuthenticatedHttpRequest, supervision_id: int) -> HttpResponse:
    supervision = selectors.access_supervision(request=request, supervision_id=supervision_id)
    cases = selectors.supervision_cases(supervision)
    return render(request, "oversight/supervision_detail.html", {"supervision": supervision, "cases": cases})


@require_GET
@personal_data()
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    board = selectors.access_dashboard(request=request, team_id=request.GET.get("team"))
    return render(request, "oversight/dashboard.html", {"board": board})
