"""Pages of this capability. Views are thin: one selector or service, then render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import Need, access_episode
from earlyhelp.outcometools import selectors, services
from earlyhelp.outcometools.charts import first_name, tool_short_name
from earlyhelp.outcometools.forms import ReadingForm, ToolChoiceForm


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
        return redirect("outcometools:reading_scores", access.episode.pk, form.cleaned_data["tool"].pk)
    return render(request, "outcometools/reading_add.html", episode_context(access, "tools", form=form))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reading_scores(request: AuthenticatedHttpRequest, episode_id: int, tool_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    tool = get_object_or_404(selectors.active_tools(), pk=tool_id)
    people = selectors.reading_people(access.episode, tool)
    form = ReadingForm(
        request.POST if request.method == "POST" else None,
        tool=tool,
        areas=selectors.tool_areas(tool),
        people=people,
        initial={"token": uuid.uuid4()},
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
            return redirect("outcometools:readings", access.episode.pk)
    context = episode_context(access, "tools", form=form, tool=tool, tool_name=tool_short_name(tool), people=people)
    return render(request, "outcometools/reading_scores.html", context)
