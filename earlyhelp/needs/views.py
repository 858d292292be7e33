"""Pages of identified needs (R5.3): one access check, a selector or service, then render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.models import EpisodeStatus
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.episodes.services import StaleEdit
from earlyhelp.needs import selectors, services
from earlyhelp.needs.forms import ArchiveForm, NeedForm
from earlyhelp.supportingfamilies.selectors import sf_status

CONFLICT = "Someone else changed this need since you opened it. Check it and try again."


def _render(request: AuthenticatedHttpRequest, template: str, access: EpisodeAccess, **extra: Any) -> HttpResponse:
    return render(request, template, episode_context(access, "needs", **extra))


@require_GET
@personal_data(record_param="episode_id")
def needs_list(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE)
    sf = sf_status(access.episode)
    can_write = access.relationship.can_write_case and access.episode.status != EpisodeStatus.CLOSED
    return _render(request, "needs/list.html", access, sf=sf, can_write=can_write)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def need_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    areas = selectors.active_areas()
    recorded = {need.area_id for need in selectors.episode_needs(access.episode)}
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        areas=areas,
        recorded=recorded,
        children=selectors.current_children(access.episode),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.need_record(
                user=request.user,
                episode=access.episode,
                area=form.chosen_area,
                children=form.chosen_children,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{form.chosen_area.label} recorded")
            return redirect("needs:list", access.episode.pk)
    suggestions = selectors.suggested_areas(access.episode, areas, recorded)
    return _render(request, "needs/add.html", access, form=form, suggestions=suggestions)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def need_archive(request: AuthenticatedHttpRequest, episode_id: int, need_id: int) -> HttpResponse:
    need = selectors.need_in_episode(episode_id=episode_id, need_id=need_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=need)
    form = ArchiveForm(request.POST if request.method == "POST" else None, initial={"version": need.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.need_archive(
                user=request.user,
                need=need,
                reason=form.cleaned_data["reason"],
                loaded_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            messages.error(request, CONFLICT)
            return redirect("needs:list", access.episode.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{need.area.label} archived")
            return redirect("needs:list", access.episode.pk)
    return _render(request, "needs/archive.html", access, form=form, need=need)
