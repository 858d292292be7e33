"""Pages of reviews (R5.1, PS7). Views are thin: one access check, one selector or service, then render."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.episodes.services import StaleEdit
from earlyhelp.outcometools.selectors import episode_reading_series
from earlyhelp.reviews import selectors, services
from earlyhelp.reviews.forms import DecisionForm, OutcomeRatingForm, ReviewForm
from earlyhelp.reviews.models import Review, ReviewDecision, ReviewStatus
from earlyhelp.ui.pagination import query_without_page
from earlyhelp.ui.templatetags.govuk import govuk_error_summary

CONFLICT = "Someone else changed this review since you opened it. Check your answers below and save again."
DRAFT = "draft"


def _render(request: AuthenticatedHttpRequest, template: str, access: EpisodeAccess, **extra: Any) -> HttpResponse:
    return render(request, template, episode_context(access, "reviews", **extra))


@require_GET
@personal_data(record_param="episode_id")
def review_list(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.VIEW)
    summary = selectors.review_summary(access.episode)
    # Outcome tool readings are part of the whole case record, not a partner's share (access-rules.md).
    series = [] if access.partner_only else episode_reading_series(access.episode)
    return _render(
        request,
        "reviews/list.html",
        access,
        summary=summary,
        pending=selectors.pending_review(access.episode),
        completed=selectors.completed_reviews(access.episode),
        series=series,
        can_write=access.relationship.can_write_case,
    )


def _with_version(request: AuthenticatedHttpRequest, version: int) -> QueryDict:
    data: QueryDict = request.POST.copy()
    data["version"] = str(version)
    return data


def _reading_link(access: EpisodeAccess, review: Review) -> str:
    here = reverse("reviews:record", args=[access.episode.pk, review.pk])
    base = reverse("outcometools:reading_add", args=[access.episode.pk])
    return f"{base}?{urlencode({'stage': 'review', 'next': here})}"


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def review_record(request: AuthenticatedHttpRequest, episode_id: int, review_id: int) -> HttpResponse:
    review = selectors.review_in_episode(episode_id=episode_id, review_id=review_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=review)
    if review.status == ReviewStatus.COMPLETED:
        return redirect("reviews:decide", episode_id, review.pk)
    rows = selectors.review_outcome_rows(review)
    meetings = selectors.episode_meetings(access.episode)
    posted = request.POST if request.method == "POST" else None
    complete = posted is not None and posted.get("action") != DRAFT
    form = ReviewForm(posted, initial=ReviewForm.initial_for(review), meetings=meetings, complete=complete)
    outcome_forms = [
        OutcomeRatingForm(
            posted, outcome=row.outcome, initial=OutcomeRatingForm.initial_for(row.rating), complete=complete
        )
        for row in rows
    ]
    if posted is not None and all([form.is_valid(), *[f.is_valid() for f in outcome_forms]]):
        data = services.ReviewData(
            held_on=form.cleaned_data["held_on"],
            meeting_id=form.meeting_id,
            child_views=form.cleaned_data["child_views"],
            family_views=form.cleaned_data["family_views"],
            ratings={f.outcome.pk: f.rating() for f in outcome_forms},
        )
        try:
            services.review_save(user=request.user, review=review, data=data, loaded_version=form.loaded_version)
        except StaleEdit:
            current = Review.objects.values_list("version", flat=True).get(pk=review.pk)
            form = ReviewForm(_with_version(request, current), meetings=meetings, complete=complete)
            form.is_valid()
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not complete:
                messages.success(request, f"Review {review.number} saved as a draft")
                return redirect("reviews:list", episode_id)
            return redirect("reviews:decide", episode_id, review.pk)
    return _render(
        request,
        "reviews/record.html",
        access,
        review=review,
        form=form,
        outcome_forms=outcome_forms,
        errors=govuk_error_summary(form, *outcome_forms)["errors"],
        readings=selectors.readings_since_last_review(review),
        reading_link=_reading_link(access, review),
    )


NEXT_STEPS = {
    ReviewDecision.STEP_UP: ("transitions:step_up_new", "Request a step-up to children's social care"),
    ReviewDecision.CLOSE: ("closures:closure", "Start closing the episode"),
    ReviewDecision.AMEND_PLAN: ("plans:plan", "Go to the plan to change it"),
}


def _next_step(episode_id: int, review: Review) -> tuple[str, str] | None:
    """Where a completed review's decision leads (a link, if that page exists), and the link's text."""
    if review.status != ReviewStatus.COMPLETED or review.decision not in NEXT_STEPS:
        return None
    name, text = NEXT_STEPS[ReviewDecision(review.decision)]
    try:
        return reverse(name, args=[episode_id]), text
    except NoReverseMatch:
        return None


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def review_decide(request: AuthenticatedHttpRequest, episode_id: int, review_id: int) -> HttpResponse:
    review = selectors.review_in_episode(episode_id=episode_id, review_id=review_id)
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE, record=review)
    review.episode = access.episode
    form = DecisionForm(request.POST if request.method == "POST" else None, initial={"version": review.version})
    if request.method == "POST" and review.status != ReviewStatus.COMPLETED and form.is_valid():
        try:
            review = services.review_complete(
                user=request.user,
                review=review,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["decision_reason"],
                loaded_version=form.loaded_version,
            )
        except StaleEdit:
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Review {review.number} completed")
            return redirect("reviews:decide", episode_id, review.pk)
    missing = [] if review.status == ReviewStatus.COMPLETED else selectors.review_missing(review)
    return _render(
        request,
        "reviews/decide.html",
        access,
        review=review,
        form=form,
        rows=selectors.review_outcome_rows(review),
        missing=missing,
        readings=selectors.readings_since_last_review(review),
        next_step=_next_step(episode_id, review),
    )


@require_GET
@personal_data()
def reviews_overdue(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = selectors.access_reviews_due_page(request=request, page_number=request.GET.get("page", 1))
    return render(request, "reviews/overdue.html", {"page": page, "query": query_without_page(request)})
