"""Pages of this capability. Views are thin: one selector or service, then render."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import Need, access_episode


@require_GET
@personal_data(record_param="episode_id")
def overview(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW)
    return render(request, "assessments/overview.html", episode_context(access, "assessment"))
