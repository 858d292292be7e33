"""Pages of the Early Help Assessment. Views are thin: one selector (one access event), then a service, then render.

Section pages save a draft on "Save and come back later", on "Save and continue", and, with JavaScript, on
autosave: the same POST with the header `X-Autosave: 1`, answered 204 with the new version in `X-Assessment-Version`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from earlyhelp.access.decorators import personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.assessments import forms, selectors, services
from earlyhelp.assessments.models import Assessment
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode

CONFLICT = (
    "Someone else changed this assessment since you opened it. Your answers are below and have not been saved: "
    "check them and save again."
)
AUTOSAVE_HEADER = "HTTP_X_AUTOSAVE"
VERSION_HEADER = "X-Assessment-Version"


def _posted(request: AuthenticatedHttpRequest) -> Any:
    """The POST data, bound even when empty (a form of only a button posts nothing but its token)."""
    return request.POST if request.method == "POST" else None


def _overview(episode_id: int) -> HttpResponse:
    return redirect("assessments:overview", episode_id)


def _edit(
    request: AuthenticatedHttpRequest,
    access: EpisodeAccess,
    assessment: Assessment,
    make_form: Callable[..., forms.SectionForm],
    save: Callable[[forms.SectionForm], Assessment],
    template: str,
    **extra: Any,
) -> HttpResponse:
    """The shared life of a section page: show, save a draft, autosave, or report a conflict keeping the answers."""
    episode_id = access.episode.pk
    if not assessment.is_editable:
        messages.info(request, "This assessment is not in progress, so it cannot be changed.")
        return _overview(episode_id)
    autosave = request.headers.get("X-Autosave") == "1"
    if request.method != "POST":
        form = make_form(initial_version=assessment.version)
        return render(
            request, template, episode_context(access, "assessment", form=form, assessment=assessment, **extra)
        )
    data = request.POST.copy()
    form = make_form(data=data, complete=not autosave and "later" not in request.POST)
    if form.is_valid():
        try:
            saved = save(form)
        except services.StaleEdit:
            if autosave:
                return HttpResponse(CONFLICT, status=409, content_type="text/plain")
            data["version"] = str(selectors.current_assessment(episode_id).version)  # type: ignore[union-attr]
            form = make_form(data=data)
            form.is_valid()
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            if autosave:
                return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")
            form.add_error(None, error)
        else:
            if autosave:
                return HttpResponse(status=204, headers={VERSION_HEADER: str(saved.version)})
            if "later" in request.POST:
                messages.success(request, "Your answers have been saved. You can come back to them later.")
            return _overview(episode_id)
    elif autosave:
        return HttpResponse("Check the answers on this page", status=400, content_type="text/plain")
    return render(request, template, episode_context(access, "assessment", form=form, assessment=assessment, **extra))


def _form_args(initial_version: int | None = None, data: Any = None, complete: bool = False) -> dict[str, Any]:
    args: dict[str, Any] = {"data": data, "complete": complete}
    if initial_version is not None:
        args["initial"] = {"version": initial_version}
    return args


@require_GET
@personal_data(record_param="episode_id")
def overview(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, assessment = selectors.access_overview(request=request, episode_id=episode_id)
    if assessment is None:
        return render(request, "assessments/overview.html", episode_context(access, "assessment"))
    if access.partner_only:
        summary = selectors.partner_summary(access, assessment, request.user)
        return render(
            request, "assessments/partner_summary.html", episode_context(access, "assessment", summary=summary)
        )
    data = selectors.assessment_overview(access, assessment)
    return render(request, "assessments/overview.html", episode_context(access, "assessment", overview=data))


@require_POST
@personal_data(record_param="episode_id")
def start(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access = access_episode(request=request, episode_id=episode_id, need=Need.WRITE)
    try:
        services.assessment_start(user=request.user, episode=access.episode)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _overview(episode_id)


@require_GET
@personal_data(record_param="episode_id")
def version(request: AuthenticatedHttpRequest, episode_id: int, number: int) -> HttpResponse:
    access, assessment = selectors.access_assessment(
        request=request, episode_id=episode_id, need=Need.CASE, number=number
    )
    full = selectors.assessment_full(assessment)
    return render(request, "assessments/version.html", episode_context(access, "assessment", full=full))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def child(request: AuthenticatedHttpRequest, episode_id: int, person_id: int) -> HttpResponse:
    s = selectors.access_child_section(request=request, episode_id=episode_id, person_id=person_id, need=Need.WRITE)
    dims = list(selectors.dimensions("CDN"))

    def make_form(**kw: Any) -> forms.ChildForm:
        return forms.ChildForm(person=s.person, section=s.section, dims=dims, ratings=s.ratings, **_form_args(**kw))

    def save(form: forms.SectionForm) -> Assessment:
        assert isinstance(form, forms.ChildForm)
        return services.child_section_save(
            user=request.user,
            assessment=s.assessment,
            person=s.person,
            version=form.loaded_version,
            data=form.cleaned_data,
            ratings=form.ratings(),
        )

    return _edit(request, s.access, s.assessment, make_form, save, "assessments/child.html", person=s.person)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def carer(request: AuthenticatedHttpRequest, episode_id: int, person_id: int) -> HttpResponse:
    s = selectors.access_carer_section(request=request, episode_id=episode_id, person_id=person_id, need=Need.WRITE)
    dims = list(selectors.dimensions("PC"))

    def make_form(**kw: Any) -> forms.CarerForm:
        return forms.CarerForm(
            person=s.carer.person,
            relationship=s.carer.relationship,
            is_male_carer=s.carer.is_male_carer,
            section=s.section,
            dims=dims,
            ratings=s.ratings,
            **_form_args(**kw),
        )

    def save(form: forms.SectionForm) -> Assessment:
        assert isinstance(form, forms.CarerForm)
        return services.carer_section_save(
            user=request.user,
            assessment=s.assessment,
            carer=s.carer,
            version=form.loaded_version,
            data=form.cleaned_data,
            ratings=form.ratings(),
        )

    return _edit(request, s.access, s.assessment, make_form, save, "assessments/carer.html", carer=s.carer)


# The family sections: (form, the assessment fields it edits, page title, dimension group, factors)
FAMILY_SECTIONS: dict[str, tuple[type[forms.SectionForm], tuple[str, ...], str]] = {
    "history": (forms.HistoryForm, ("family_history", "history_reviewed"), "Family history"),
    "family": (forms.FamilyRatingsForm, (), "Family and environment"),
    "strengths": (forms.StrengthsForm, ("family_strengths", "family_needs", "risks"), "Strengths, needs and risks"),
    "analysis": (forms.AnalysisForm, ("analysis",), "Analysis"),
    "factors": (forms.FactorsForm, (), "Factors identified"),
}


def _family_section(request: AuthenticatedHttpRequest, episode_id: int, key: str) -> HttpResponse:
    access, assessment = selectors.access_assessment(request=request, episode_id=episode_id, need=Need.WRITE)
    form_class, fields, title = FAMILY_SECTIONS[key]
    dims = list(selectors.dimensions("FEF")) if key == "family" else []
    ratings = selectors.family_ratings(assessment) if key == "family" else {}

    def make_form(**kw: Any) -> forms.SectionForm:
        args = _form_args(**kw)
        initial = {**forms.family_initial(assessment, *fields), **args.pop("initial", {})}
        if key == "factors":
            initial["factors"] = list(assessment.factors.values_list("pk", flat=True))
        if key == "family":
            return forms.FamilyRatingsForm(dims=dims, ratings=ratings, initial=initial, **args)
        return form_class(initial=initial, **args)

    def save(form: forms.SectionForm) -> Assessment:
        return services.assessment_family_update(
            user=request.user,
            assessment=assessment,
            version=form.loaded_version,
            data={name: form.cleaned_data[name] for name in fields},
            ratings=form.ratings() if isinstance(form, forms.FamilyRatingsForm) else None,
            factors=form.cleaned_data["factors"] if key == "factors" else None,
        )

    groups = selectors.factor_groups() if key == "factors" else []
    return _edit(
        request, access, assessment, make_form, save, f"assessments/{key}.html", page_title=title, factor_groups=groups
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def history(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    return _family_section(request, episode_id, "history")


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def family(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    return _family_section(request, episode_id, "family")


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def strengths(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    return _family_section(request, episode_id, "strengths")


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def analysis(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    return _family_section(request, episode_id, "analysis")


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def factors(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    return _family_section(request, episode_id, "factors")


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def contribute(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, assessment = selectors.access_assessment(request=request, episode_id=episode_id, need=Need.CONTRIBUTE)
    children = selectors.episode_children(episode_id)
    form = forms.ContributionForm(_posted(request), children=children)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_add(
                user=request.user, assessment=assessment, about=form.about_person(), text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your contribution has been added to the assessment.")
            return _overview(episode_id)
    own = assessment.contributions.live().filter(author=request.user).select_related("agency", "about")
    context = episode_context(access, "assessment", form=form, assessment=assessment, own=list(own))
    return render(request, "assessments/contribute.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def submit(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, assessment = selectors.access_assessment(request=request, episode_id=episode_id, need=Need.WRITE)
    form = forms.SubmitForm(_posted(request), initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_submit(user=request.user, assessment=assessment, version=form.loaded_version)
        except services.StaleEdit:
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The assessment has been sent to a manager for sign-off.")
            return _overview(episode_id)
    missing = selectors.missing_sections(assessment) if assessment.is_editable else []
    context = episode_context(access, "assessment", form=form, assessment=assessment, missing=missing)
    return render(request, "assessments/submit.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def sign_off(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, assessment = selectors.access_assessment(request=request, episode_id=episode_id, need=Need.MANAGE)
    form = forms.SignOffForm(_posted(request), initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        decide = (
            services.assessment_sign_off if form.cleaned_data["decision"] == "sign_off" else services.assessment_return
        )
        try:
            decide(
                user=request.user,
                assessment=assessment,
                version=form.loaded_version,
                comment=form.cleaned_data["comment"],
            )
        except services.StaleEdit:
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your decision on the assessment has been recorded.")
            return _overview(episode_id)
    full = selectors.assessment_full(assessment)
    context = episode_context(access, "assessment", form=form, assessment=assessment, full=full)
    return render(request, "assessments/sign_off.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="episode_id")
def reassess(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, assessment = selectors.access_assessment(request=request, episode_id=episode_id, need=Need.WRITE)
    form = forms.ReassessForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_reassess(user=request.user, assessment=assessment, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "A re-assessment has started. The earlier assessment is kept as it was.")
            return _overview(episode_id)
    allowed = selectors.can_reassess(assessment)
    context = episode_context(access, "assessment", form=form, assessment=assessment, allowed=allowed)
    return render(request, "assessments/reassess.html", context)
