"""Pages of the Team Around the Family (R4.1, R4.2). Every member sees the team, the lead practitioner and the
meetings; only the lead practitioner and managers (Need.WRITE) invite, end memberships and record meetings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import Need, access_episode
from earlyhelp.plans import taf_selectors as selectors
from earlyhelp.plans import taf_services as services
from earlyhelp.plans.taf_forms import PractitionerSearchForm, TafInviteForm, TafMeetingForm, TafMemberAddForm


def _to_taf(episode_id: int) -> HttpResponse:
    return redirect("plans:taf", episode_id=episode_id)


@require_GET
@personal_data(record_param="episode_id")
def taf(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW)
    overview = selectors.taf_overview(access.episode)
    return render(request, "plans/taf.html", episode_context(access, "taf", overview=overview))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def taf_invite(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    query = (request.POST if request.method == "POST" else request.GET).get("q", "")
    candidates = selectors.invitable_practitioners(episode=access.episode, query=query)
    form = TafInviteForm(request.POST or None, candidates=candidates, initial={"q": query})
    if request.method == "POST" and form.is_valid():
        try:
            member = services.taf_member_invite(
                user=request.user,
                episode=access.episode,
                invitee=form.cleaned_data["invitee"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{member.name} has been invited and sent an email")
            return _to_taf(episode_id)
    found = list(candidates)
    uncovered = selectors.agencies_without_consent(
        family_id=access.episode.family_id, agencies=[user.profile.agency for user in found]
    )
    search = PractitionerSearchForm(initial={"q": query}, auto_id="search_%s")
    context = {"search": search, "form": form, "query": query}
    context |= {"candidates": found, "uncovered_agencies": uncovered}
    return render(request, "plans/taf_invite.html", episode_context(access, "taf", **context))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def taf_member_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    form = TafMemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.taf_member_add(user=request.user, episode=access.episode, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{member.name} has been added to the Team Around the Family")
            return _to_taf(episode_id)
    return render(request, "plans/taf_member_add.html", episode_context(access, "taf", form=form))


@require_POST
@personal_data(record_param="episode_id")
def taf_member_end(request: AuthenticatedHttpRequest, episode_id: int, member_id: int) -> HttpResponse:
    member = selectors.taf_member_for_episode(episode_id=episode_id, member_id=member_id)
    access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=member)
    try:
        services.taf_member_end(user=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{member.name}'s membership has ended")
    return _to_taf(episode_id)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def taf_meeting_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    people = selectors.meeting_people(access.episode)
    form = TafMeetingForm(request.POST or None, members=people.members, children=people.children, adults=people.adults)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.taf_meeting_record(
                user=request.user,
                episode=access.episode,
                held_on=data["held_on"],
                location=data["location"],
                attendance=form.attendance(),
                participation=form.participation(),
                decisions=data["decisions"],
                minutes=data["minutes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The meeting has been recorded")
            return redirect("plans:taf_meeting", episode_id=episode_id, meeting_id=meeting.pk)
    return render(request, "plans/taf_meeting_add.html", episode_context(access, "taf", form=form))


@require_GET
@personal_data(record_param="episode_id")
def taf_meeting(request: AuthenticatedHttpRequest, episode_id: int, meeting_id: int) -> HttpResponse:
    meeting = selectors.taf_meeting_for_episode(episode_id=episode_id, meeting_id=meeting_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW, record=meeting)
    detail = selectors.taf_meeting_detail(meeting)
    return render(request, "plans/taf_meeting.html", episode_context(access, "taf", detail=detail))
