"""The episode overview (task list and practice standards) and allocation. Views are thin: a selector or a
service, then render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes import services
from earlyhelp.episodes.forms_allocation import AllocateLeadForm, AllocateTeamForm, CandidateSearchForm
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import (
    Need,
    access_episode,
    access_episode_to_allocate_team,
    allocation_candidates,
    allocation_teams,
    awaiting_allocation_page,
    episode_overview,
    family_needs,
    non_engagement_for,
)
from earlyhelp.ui.pagination import query_without_page

STALE_MESSAGE = "Someone else changed this since you opened it. Check the allocation and try again."


@require_GET
@personal_data(record_param="episode_id")
def detail(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW)
    overview = episode_overview(user=request.user, access=access)
    context = episode_context(access, "overview", overview=overview, non_engagement=non_engagement_for(access))
    return render(request, "episodes/detail.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def allocate_team(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode_to_allocate_team(request=request, episode_id=episode_id)
    initial = {"team": access.episode.team_id}
    form = AllocateTeamForm(request.POST or None, initial=initial, teams=allocation_teams())
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_allocate_team(user=request.user, episode=access.episode, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{access.episode.reference} allocated to {form.cleaned_data['team'].name}")
            return redirect("episodes:detail", access.episode.pk)
    return render(request, "episodes/allocate_team.html", episode_context(access, "overview", form=form))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def allocate_lead(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.MANAGE)
    episode = access.episode
    search = CandidateSearchForm(request.GET)
    name = search.cleaned_data["name"] if search.is_valid() else ""
    form = AllocateLeadForm(
        request.POST or None, initial={"version": episode.version, "lead": episode.lead_practitioner_id}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.episode_allocate_lead(
                user=request.user,
                episode=episode,
                lead=data["lead"],
                reason=data["reason"],
                loaded_version=data["version"],
            )
        except services.StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ValidationError as error:
            form.add_error("lead", error)
        else:
            messages.success(request, f"{data['lead'].get_full_name()} is now the lead practitioner")
            return redirect("episodes:detail", episode.pk)
    needs = family_needs(episode)
    candidates = allocation_candidates(episode=episode, needs=needs, name=name)
    context = episode_context(access, "overview", form=form, search=search, needs=needs, candidates=candidates)
    return render(request, "episodes/allocate_lead.html", context)


@require_GET
@personal_data()
def awaiting_allocation(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = awaiting_allocation_page(request=request, page_number=request.GET.get("page", 1))
    return render(request, "episodes/awaiting_allocation.html", {"page": page, "query": query_without_page(request)})
