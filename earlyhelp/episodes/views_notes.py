"""Contacts and case notes, attachments, the chronology and non-engagement (issue 4). Views are thin: one
selector or service, then render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes import services
from earlyhelp.episodes.forms_notes import (
    AttachmentForm,
    ChronologyFilterForm,
    NoteForm,
    ReevaluationDecisionForm,
    ReevaluationRequestForm,
)
from earlyhelp.episodes.models import ChronologyKind, Visibility
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import (
    Need,
    access_attachment,
    access_episode,
    access_note,
    access_reevaluation_for_decision,
    access_reevaluations_waiting,
    chronology_page,
    episode_children,
    non_engagement_for,
    note_page,
)
from earlyhelp.ui.pagination import query_without_page


@require_GET
@personal_data(record_param="episode_id")
def notes(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW)
    page = note_page(user=request.user, access=access, page_number=request.GET.get("page", 1))
    context = episode_context(
        access, "notes", page=page, query=query_without_page(request), non_engagement=non_engagement_for(access)
    )
    return render(request, "episodes/notes.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def note_add(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CONTRIBUTE)
    initial = {"token": uuid.uuid4(), "happened_on": timezone.localdate(), "visibility": Visibility.SHARED}
    form = NoteForm(request.POST or None, request.FILES or None, initial=initial, children=episode_children(access))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = services.contact_record(
                user=request.user,
                episode=access.episode,
                kind=data["kind"],
                outcome=data["outcome"],
                happened_at=data["happened_at"],
                summary=data["summary"],
                who_was_there=data["who_was_there"],
                children_seen=form.children_seen(),
                significant=data["significant"],
                visibility=data["visibility"],
                interpreter_used=form.interpreter(),
                token=data["token"],
            )
            if data["file"]:
                services.attachment_add(user=request.user, contact=contact, upload=data["file"], token=data["token"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"{contact.get_kind_display()} recorded.")
            return redirect("episodes:note_detail", episode_id, contact.pk)
    return render(request, "episodes/note_add.html", episode_context(access, "notes", form=form))


@require_GET
@personal_data(record_param="episode_id")
def note_detail(request: AuthenticatedHttpRequest, episode_id: int, contact_id: int) -> HttpResponse:
    access, contact = access_note(request=request, episode_id=episode_id, contact_id=contact_id)
    return render(request, "episodes/note_detail.html", episode_context(access, "notes", contact=contact))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def attachment_add(request: AuthenticatedHttpRequest, episode_id: int, contact_id: int) -> HttpResponse:
    access, contact = access_note(
        request=request, episode_id=episode_id, contact_id=contact_id, open_need=Need.CONTRIBUTE, case_need=Need.WRITE
    )
    form = AttachmentForm(request.POST or None, request.FILES or None, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                user=request.user, contact=contact, upload=form.cleaned_data["file"], token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            form.add_error("file", error.messages[0])
        else:
            messages.success(request, "Document attached.")
            return redirect("episodes:note_detail", episode_id, contact.pk)
    context = episode_context(access, "notes", contact=contact, form=form)
    return render(request, "episodes/note_attachment_add.html", context)


@require_GET
@personal_data(record_param="episode_id")
def attachment_download(request: AuthenticatedHttpRequest, episode_id: int, attachment_id: int) -> HttpResponseBase:
    attachment = access_attachment(request=request, episode_id=episode_id, attachment_id=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@personal_data(record_param="episode_id")
def chronology(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE)
    form = ChronologyFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    if form.errors:
        form = ChronologyFilterForm()  # an unknown kind shows everything
    page = chronology_page(user=request.user, access=access, kind=kind, page_number=request.GET.get("page", 1))
    context = episode_context(
        access, "chronology", page=page, form=form, query=query_without_page(request), kinds=ChronologyKind
    )
    return render(request, "episodes/chronology.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reevaluation_request(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    form = ReevaluationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reevaluation_request(
                user=request.user, episode=access.episode, what_was_tried=form.cleaned_data["what_was_tried"]
            )
        except ValidationError as error:
            form.add_error("what_was_tried", error.messages[0])
        else:
            messages.success(request, "The front door has been asked to re-evaluate the family.")
            return redirect("episodes:notes", episode_id)
    context = episode_context(access, "notes", form=form, non_engagement=non_engagement_for(access))
    return render(request, "episodes/reevaluation_request.html", context)


@require_GET
@personal_data()
def reevaluations(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = access_reevaluations_waiting(request=request, page_number=request.GET.get("page", 1))
    return render(request, "episodes/reevaluations.html", {"page": page, "query": query_without_page(request)})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reevaluation_decide(request: AuthenticatedHttpRequest, episode_id: int, reevaluation_id: int) -> HttpResponse:
    access, reevaluation = access_reevaluation_for_decision(
        request=request, episode_id=episode_id, reevaluation_id=reevaluation_id
    )
    form = ReevaluationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reevaluation_decide(user=request.user, reevaluation=reevaluation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, f"Re-evaluation of {access.episode.reference} recorded.")
            return redirect("episodes:reevaluations")
    context = episode_context(
        access, "overview", reevaluation=reevaluation, form=form, non_engagement=non_engagement_for(access)
    )
    return render(request, "episodes/reevaluation_decide.html", context)
