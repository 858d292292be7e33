"""Pages of this capability. Views are thin: one selector or service, then render."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import Need, access_episode
from earlyhelp.outcometools import selectors, services
from earlyhelp.outcometools.charts import first_name, tool_short_name
from earlyhelp.outcometools.forms import ReadingForm, ToolChoiceForm
from earlyhelp.outcometools.models import ReadingStage


def _return_query(request: AuthenticatedHttpRequest, episode_id: int) -> dict[str, str]:
    """The optional `stage` to preselect and `next` page to return to (only a path inside this episode),
    carried from choosing the tool to the reading itself: a review links here to record its reading."""
    query = {}
    stage = request.GET.get("stage", "")
    if stage in (ReadingStage.REVIEW, ReadingStage.CLOSURE):
        query["stage"] = stage
    next_url = request.GET.get("next", "")
    inside = f"/episodes/{episode_id}/"
    if (
        next_url.startswith(inside)
        and "//" not in next_url
        and "\\" not in next_url
        and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    ):
        query["next"] = next_url
    return query


@require_GET
@personal_data(record_param="episode_id")
def readings(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE)
    context = episode_context(
        access,
        "tools",
        series=selectors.episode_reading_series(access.episode),
        can_record=access.relationship.can_write_case,
    )
    return render(request, "outcometools/readings.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reading_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    form = ToolChoiceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        url = reverse("outcometools:reading_scores", args=[access.episode.pk, form.cleaned_data["tool"].pk])
        query = _return_query(request, access.episode.pk)
        return redirect(f"{url}?{urlencode(query)}" if query else url)
    return render(request, "outcometools/reading_add.html", episode_context(access, "tools", form=form))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reading_scores(request: AuthenticatedHttpRequest, episode_id: int, tool_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    tool = get_object_or_404(selectors.active_tools(), pk=tool_id)
    people = selectors.reading_people(access.episode, tool)
    back = _return_query(request, access.episode.pk)
    form = ReadingForm(
        request.POST if request.method == "POST" else None,
        tool=tool,
        areas=selectors.tool_areas(tool),
        people=people,
        initial={"token": uuid.uuid4(), "stage": back.get("stage")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = form.reading_data()
            reading = services.reading_record(user=request.user, episode=access.episode, tool=tool, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            stage = reading.get_stage_display().lower()
            messages.success(request, f"{tool_short_name(tool)} {stage} recorded with {first_name(reading.person)}")
            return redirect(back["next"]) if "next" in back else redirect("outcometools:readings", access.episode.pk)
    context = episode_context(access, "tools", form=form, tool=tool, tool_name=tool_short_name(tool), people=people)
    return render(request, "outcometools/reading_scores.html", context)
