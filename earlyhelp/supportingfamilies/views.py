"""Supporting Families pages (R5.5): the evidence for one episode, the claim, and the list for managers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.supportingfamilies import services
from earlyhelp.supportingfamilies.forms import ClaimForm
from earlyhelp.supportingfamilies.rules import Status
from earlyhelp.supportingfamilies.selectors import SHOWS, Show, ready_page, sf_status
from earlyhelp.ui.pagination import query_without_page


def _episode_page(request: AuthenticatedHttpRequest, access: EpisodeAccess, form: ClaimForm | None) -> HttpResponse:
    sf = sf_status(access.episode)
    can_claim = access.relationship.manages and sf.status == Status.READY_TO_CLAIM
    context = episode_context(access, "needs", sf=sf, form=form or ClaimForm(), can_claim=can_claim)
    return render(request, "supportingfamilies/episode.html", context)


@require_GET
@personal_data(record_param="episode_id")
def episode(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE)
    return _episode_page(request, access, None)


@require_POST
@personal_data(record_param="episode_id")
def claim(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.MANAGE)
    form = ClaimForm(request.POST)
    if form.is_valid():
        try:
            services.claim_record(
                user=request.user,
                episode=access.episode,
                period=form.cleaned_data["period"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Claim recorded")
            return redirect("supportingfamilies:episode", access.episode.pk)
    return _episode_page(request, access, form)


@require_GET
@personal_data()
def ready(request: AuthenticatedHttpRequest) -> HttpResponse:
    show = request.GET.get("show", Show.READY)
    show = show if show in SHOWS else Show.READY
    page = ready_page(request=request, show=show, page_number=request.GET.get("page", 1))
    tabs = [(key, label, key == show) for key, (label, _) in SHOWS.items()]
    context = {"page": page, "show": show, "tabs": tabs, "query": query_without_page(request)}
    return render(request, "supportingfamilies/ready.html", context)
