"""Quality assurance pages (R7). Views are thin: one selector, one service, render."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from earlyhelp.access.decorators import no_personal_data, personal_data
from earlyhelp.accounts.types import AuthenticatedHttpRequest
from earlyhelp.episodes.navigation import episode_context
from earlyhelp.quality import services
from earlyhelp.quality.forms import (
    ActionForm,
    AssignForm,
    CaseByHandForm,
    ConfirmForm,
    ModerateForm,
    ProgrammeForm,
    ReauditForm,
    RespondForm,
    SampleForm,
    SectionForm,
    SubmitForm,
)
from earlyhelp.quality.models import TemplatePurpose
from earlyhelp.quality.selectors import (
    RULES_FOR,
    access_action,
    access_agency_audit,
    access_case_audit,
    access_episode_audits,
    access_programme,
    action_owner_candidates,
    answers_by_question,
    auditor_candidates,
    can_respond,
    can_run_programmes,
    case_actions,
    case_findings,
    grades_differ,
    later_programmes,
    programme_cases,
    quality_home,
    section_statuses,
    template_sections,
)


@require_GET
@no_personal_data
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Programmes the user leads (names and counts) and the audits assigned to them: no case content."""
    return render(request, "quality/home.html", {"home": quality_home(user=request.user)})


@require_http_methods(["GET", "POST"])
@no_personal_data
def programme_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_run_programmes(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Audit programme set up. Now choose the cases.")
            return redirect("quality:programme", programme.pk)
    context = {"form": form, "heading": "Set up an audit programme", "button": "Continue"}
    return render(request, "quality/programme_new.html", context)


@require_GET
@personal_data(record_param="programme_id")
def programme_detail(request: AuthenticatedHttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request=request, programme_id=programme_id)
    page = programme_cases(programme, page_number=request.GET.get("page"))
    return render(request, "quality/programme.html", {"programme": programme, "page": page})


@require_http_methods(["GET", "POST"])
@personal_data(record_param="programme_id")
def programme_sample(request: AuthenticatedHttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request=request, programme_id=programme_id)
    # The seed is chosen when the page is shown, so sending the page twice repeats one draw instead of making two.
    form = SampleForm(
        request.POST or None,
        rules=RULES_FOR[TemplatePurpose(programme.template.purpose)],
        initial={"seed": secrets.randbelow(2**31)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            chosen = services.programme_sample(user=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if chosen:
                messages.success(
                    request, f"{len(chosen)} {'case' if len(chosen) == 1 else 'cases'} added to the sample."
                )
            else:
                messages.info(request, "No more cases fit that rule today.")
            return redirect("quality:programme", programme.pk)
    context = {"programme": programme, "form": form, "heading": "Choose cases by a rule", "button": "Choose cases"}
    return render(request, "quality/programme_sample.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="programme_id")
def programme_case_add(request: AuthenticatedHttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request=request, programme_id=programme_id)
    form = CaseByHandForm(request.POST or None)
    is_case = programme.template.purpose == TemplatePurpose.CASE
    form.fields["reference"].help_text = (
        "The episode's reference, for example EH26-00012"
        if is_case
        else "The request's reference, for example R26-000123"
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.programme_case_add(user=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{case.reference} added to the sample.")
            return redirect("quality:programme", programme.pk)
    context = {"programme": programme, "form": form, "heading": "Add a case by hand", "button": "Add case"}
    return render(request, "quality/programme_case_add.html", context)


@require_GET
@personal_data(record_param="case_id")
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """The programme lead's working page for a case, and the findings the lead practitioner and manager receive."""
    access = access_case_audit(request=request, case_id=case_id)
    case = access.case
    audits, sections = case_findings(case)
    actions, overdue_ids = case_actions(case, today=timezone.localdate())
    context = {
        "access": access,
        "case": case,
        "audits": audits,
        "sections": sections,
        "submitted": [audit for audit in audits if audit.submitted_at],
        "actions": actions,
        "overdue_action_ids": overdue_ids,
        "can_respond": can_respond(request.user, case),
    }
    return render(request, "quality/case.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="case_id")
def case_assign(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case_audit(request=request, case_id=case_id, lead_only=True).case
    assigned = case.agency_audits.values_list("auditor_id", flat=True)
    form = AssignForm(request.POST or None, auditors=auditor_candidates().exclude(pk__in=assigned))
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.audit_assign(user=request.user, case=case, auditor=form.cleaned_data["auditor"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{audit.auditor.get_full_name()} ({audit.agency}) will audit {case.reference}.")
            return redirect("quality:case", case.pk)
    return render(request, "quality/case_form.html", _case_form(case, form, "Assign an auditor", "Assign auditor"))


def _case_form(case: Any, form: forms.Form, heading: str, button: str, **extra: Any) -> dict[str, Any]:
    return {"case": case, "form": form, "heading": heading, "button": button, **extra}


@require_http_methods(["GET", "POST"])
@personal_data(record_param="case_id")
def case_moderate(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case_audit(request=request, case_id=case_id, lead_only=True).case
    if case.moderated_at is not None:
        return redirect("quality:case", case.pk)
    form = ModerateForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_moderate(
                user=request.user,
                case=case,
                overall_grade=data["overall_grade"],
                notes=data["notes"],
                needs_social_care=data["needs_social_care"] == "yes",
                escalation_reason=data["escalation_reason"],
                version=data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Moderation recorded. The findings have gone to the lead practitioner and their manager."
            )
            return redirect("quality:case", case.pk)
    audits, _ = case_findings(case)
    extra = {"audits": [a for a in audits if a.submitted_at], "grades_differ": grades_differ(case)}
    return render(
        request,
        "quality/moderate.html",
        _case_form(case, form, "Agree the overall grade", "Record moderation", **extra),
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="case_id")
def action_add(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case_audit(request=request, case_id=case_id, lead_only=True).case
    form = ActionForm(request.POST or None, owners=action_owner_candidates(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Action agreed. Its owner has been told.")
            return redirect("quality:case", case.pk)
    return render(request, "quality/case_form.html", _case_form(case, form, "Recommend an action", "Agree action"))


@require_http_methods(["GET", "POST"])
@personal_data(record_param="action_id")
def action_confirm(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    action = access_action(request=request, action_id=action_id)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.action_confirm(user=request.user, action=action, **form.cleaned_data)
        messages.success(request, "Thank you. The action is confirmed.")
        return redirect("quality:case", action.case_id)
    context = _case_form(action.case, form, "Was the action done?", "Confirm", action=action)
    return render(request, "quality/case_form.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="case_id")
def case_respond(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case_audit(request=request, case_id=case_id, to_respond=True).case
    form = RespondForm(request.POST or None, initial={"version": case.version, "response": case.practitioner_response})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_respond(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your response has been sent to the programme's lead.")
            return redirect("quality:case", case.pk)
    return render(
        request, "quality/case_form.html", _case_form(case, form, "Respond to the findings", "Send response")
    )


@require_http_methods(["GET", "POST"])
@personal_data(record_param="case_id")
def case_reaudit(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case_audit(request=request, case_id=case_id, lead_only=True).case
    programmes = later_programmes(user=request.user, case=case)
    form = ReauditForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            again = services.case_reaudit(user=request.user, case=case, programme=form.cleaned_data["programme"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The case will be audited again as {again.reference}.")
            return redirect("quality:case", again.pk)
    context = _case_form(
        case, form, "Audit this case again", "Add to programme", no_programmes=not programmes.exists()
    )
    return render(request, "quality/case_form.html", context)


# The auditor's pages


@require_GET
@personal_data(record_param="agency_audit_id")
def audit_tasks(request: AuthenticatedHttpRequest, agency_audit_id: int) -> HttpResponse:
    audit = access_agency_audit(request=request, agency_audit_id=agency_audit_id)
    statuses = section_statuses(audit)
    context = {
        "audit": audit,
        "case": audit.case,
        "statuses": statuses,
        "complete": all(s.answered == s.total for s in statuses),
    }
    return render(request, "quality/audit.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="agency_audit_id")
def audit_section(request: AuthenticatedHttpRequest, agency_audit_id: int, order: int) -> HttpResponse:
    audit = access_agency_audit(request=request, agency_audit_id=agency_audit_id)
    sections = template_sections(audit.case.programme.template)
    section = next((s for s in sections if s.order == order), None)
    if section is None:
        raise Http404
    if audit.submitted_at is not None:
        return redirect("quality:audit", audit.pk)
    saved = answers_by_question(audit)
    initial: dict[str, Any] = {"version": audit.version}
    for question_id, answer in saved.items():
        initial[f"q{question_id}_value"] = answer.value
        initial[f"q{question_id}_evidence"] = answer.evidence
    form = SectionForm(request.POST or None, section=section, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_section_answer(
                user=request.user,
                audit=audit,
                section=section,
                answers=form.answers(),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            later = [s for s in sections if s.order > order]
            if later and "save_and_return" not in request.POST:
                return redirect("quality:audit_section", audit.pk, later[0].order)
            return redirect("quality:audit", audit.pk)
    context = {"audit": audit, "case": audit.case, "section": section, "form": form}
    return render(request, "quality/audit_section.html", context)


@require_http_methods(["GET", "POST"])
@personal_data(record_param="agency_audit_id")
def audit_submit(request: AuthenticatedHttpRequest, agency_audit_id: int) -> HttpResponse:
    audit = access_agency_audit(request=request, agency_audit_id=agency_audit_id)
    if audit.submitted_at is not None:
        return redirect("quality:audit", audit.pk)
    form = SubmitForm(request.POST or None, initial={"version": audit.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.audit_submit(
                user=request.user,
                audit=audit,
                proposed_grade=data["proposed_grade"],
                summary=data["summary"],
                social_care_concern=data["social_care_concern"] == "yes",
                version=data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your findings have been sent to the programme's lead. Thank you.")
            return redirect("quality:home")
    saved = answers_by_question(audit)
    sections = [
        (section, [(question, saved.get(question.pk)) for question in section.questions.all()])
        for section in template_sections(audit.case.programme.template)
    ]
    return render(
        request, "quality/audit_submit.html", {"audit": audit, "case": audit.case, "sections": sections, "form": form}
    )


@require_GET
@personal_data(record_param="episode_id")
def episode_audits(request: AuthenticatedHttpRequest, episode_id: int) -> HttpResponse:
    access, audits = access_episode_audits(request=request, episode_id=episode_id)
    context = episode_context(access, "audits", audits=audits)
    return render(request, "quality/episode_audits.html", context)
