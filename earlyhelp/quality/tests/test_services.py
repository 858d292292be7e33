"""The quality assurance workflow (R7, ADR 0011): programmes, auditor assignment, answering and sending findings,
moderation with escalation and feedback, recommended actions, the practitioner's response and re-audit."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.access.policy import can_view_family
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.escalations.models import Confirmation, Escalation, Subject
from earlyhelp.frontdoor.models import ChildOutcome, Decision, Outcome
from earlyhelp.frontdoor.tests.factories import RequestChildFactory, SupportRequestFactory
from earlyhelp.quality.models import (
    AgencyAudit,
    AnswerKind,
    AuditAnswer,
    AuditProgramme,
    AuditTemplate,
    Grade,
    SampleRule,
)
from earlyhelp.quality.selectors import CaseView, access_case_audit
from earlyhelp.quality.services import (
    CONFLICT,
    action_add,
    action_confirm,
    audit_actions_notify_overdue,
    audit_assign,
    audit_section_answer,
    audit_submit,
    case_moderate,
    case_reaudit,
    case_respond,
    programme_case_add,
    programme_create,
)
from earlyhelp.thresholds.selectors import threshold_current

CASE_TEMPLATE = "early-help-case-audit"
THRESHOLD_TEMPLATE = "front-door-threshold-audit"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def make_programme(lead, *, code: str = CASE_TEMPLATE, start: int = -3, end: int = 14, name: str = "Autumn audit"):
    return AuditProgramme.objects.create(
        name=name,
        template=AuditTemplate.objects.get(code=code),
        window_start=days(start),
        window_end=days(end),
        lead=lead,
    )


def value_for(question) -> str:
    return Grade.GOOD if question.answer_kind == AnswerKind.GRADE else "yes"


def answer_section(audit: AgencyAudit, user, section) -> AgencyAudit:
    answers = {q.pk: (value_for(q), "Read the plan and the notes") for q in section.questions.all()}
    return audit_section_answer(user=user, audit=audit, section=section, answers=answers, version=audit.version)


def answer_everything(audit: AgencyAudit, user) -> AgencyAudit:
    for section in audit.case.programme.template.sections.order_by("order"):
        audit = answer_section(audit, user, section)
    return audit


def submit(audit: AgencyAudit, user, grade: str = Grade.GOOD, *, concern: bool = False) -> AgencyAudit:
    audit = answer_everything(audit, user)
    return audit_submit(
        user=user,
        audit=audit,
        proposed_grade=grade,
        summary="Help is making a difference",
        social_care_concern=concern,
        version=audit.version,
    )


@pytest.fixture
def qa(family, team, make_user, involve, school):
    """An open episode for the Ashworths led by a practitioner in the manager's team, sampled into a programme led
    by a service manager who has no relationship to the family, with a council auditor to assign."""
    practitioner = make_user(roles.PRACTITIONER, team=team)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    involve(family, user=practitioner, kind=InvolvementKind.LEAD_PRACTITIONER)
    now = timezone.now()
    episode = Episode.objects.create(
        reference="EH26-Q00001",
        family=family,
        status=EpisodeStatus.OPEN,
        opened_at=now - datetime.timedelta(days=60),
        team=team,
        lead_practitioner=practitioner,
        allocated_at=now,
    )
    lead = make_user(roles.SERVICE_MANAGER)
    programme = make_programme(lead)
    case = programme_case_add(user=lead, programme=programme, reference=episode.reference)
    return SimpleNamespace(
        family=family,
        episode=episode,
        practitioner=practitioner,
        manager=manager,
        lead=lead,
        programme=programme,
        case=case,
        auditor=make_user(roles.AUDITOR),
        school_auditor=make_user(roles.AUDITOR, agency=school),
        school=school,
    )


def decided_request(user, reference: str = "R26-Q0001"):
    request = SupportRequestFactory(status="decided", reference=reference, created_by=user)
    level = threshold_current().levels.first()
    decision = Decision.objects.create(
        request=request,
        decided_by=user,
        decided_at=timezone.now(),
        threshold_document=level.document,
        level=level,
        needs_identified=False,
        rationale="Test",
        consent_position="given",
    )
    ChildOutcome.objects.create(
        decision=decision, child=RequestChildFactory(request=request), outcome=Outcome.NO_FURTHER_ACTION
    )
    return request


# programme_create


@pytest.mark.django_db
def test_a_manager_creates_a_programme_they_lead(make_user):
    manager = make_user(roles.TEAM_MANAGER)
    template = AuditTemplate.objects.get(code=CASE_TEMPLATE)
    created = programme_create(
        user=manager, name="  Winter audit ", template=template, window_start=days(0), window_end=days(10)
    )
    assert (created.lead, created.name, created.template) == (manager, "Winter audit", template)
    # The same form sent twice sets up one programme.
    again = programme_create(
        user=manager, name="Winter audit", template=template, window_start=days(0), window_end=days(10)
    )
    assert again == created
    assert AuditProgramme.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.PRACTITIONER, roles.AUDITOR])
def test_a_programme_needs_a_manager(make_user, role):
    with pytest.raises(PermissionDenied):
        programme_create(
            user=make_user(role),
            name="Audit",
            template=AuditTemplate.objects.get(code=CASE_TEMPLATE),
            window_start=days(0),
            window_end=days(10),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "end"), [(5, 4), (-10, -1)])
def test_the_window_must_be_ordered_and_not_over(make_user, start, end):
    """A window ending before it starts, or already over, is refused on the end date."""
    with pytest.raises(ValidationError) as refused:
        programme_create(
            user=make_user(roles.SERVICE_MANAGER),
            name="Audit",
            template=AuditTemplate.objects.get(code=CASE_TEMPLATE),
            window_start=days(start),
            window_end=days(end),
        )
    assert "window_end" in refused.value.error_dict


# audit_assign


@pytest.mark.django_db
def test_assigning_makes_an_audit_involvement_ending_with_the_window(qa):
    """The auditor's access is an audit involvement that ends at the end of the window's last day, with no
    read-only tail."""
    audit = audit_assign(user=qa.lead, case=qa.case, auditor=qa.auditor)
    involvement = audit.involvement
    end_of_last_day = timezone.make_aware(
        datetime.datetime.combine(qa.programme.window_end + datetime.timedelta(days=1), datetime.time.min)
    )
    assert (involvement.kind, involvement.user, involvement.family) == (InvolvementKind.AUDIT, qa.auditor, qa.family)
    assert involvement.ended_at == involvement.read_only_until == end_of_last_day
    assert involvement.started_at <= timezone.now()
    assert audit.agency == qa.auditor.profile.agency
    assert can_view_family(qa.auditor, qa.family.pk)


@pytest.mark.django_db
def test_assigning_twice_changes_nothing(qa):
    first = audit_assign(user=qa.lead, case=qa.case, auditor=qa.auditor)
    again = audit_assign(user=qa.lead, case=qa.case, auditor=qa.auditor)
    assert first.pk == again.pk
    assert AgencyAudit.objects.filter(case=qa.case).count() == 1
    assert Involvement.objects.filter(user=qa.auditor, kind=InvolvementKind.AUDIT).count() == 1


@pytest.mark.django_db
def test_only_the_lead_assigns(qa, make_user):
    with pytest.raises(PermissionDenied):
        audit_assign(user=make_user(roles.SERVICE_MANAGER), case=qa.case, auditor=qa.auditor)


@pytest.mark.django_db
def test_only_an_auditor_can_be_assigned(qa):
    with pytest.raises(ValidationError) as refused:
        audit_assign(user=qa.lead, case=qa.case, auditor=qa.practitioner)
    assert "auditor" in refused.value.error_dict
    assert not Involvement.objects.filter(user=qa.practitioner, kind=InvolvementKind.AUDIT).exists()


@pytest.mark.django_db
def test_a_partner_auditor_needs_a_consent_covering_their_agency(qa, consent):
    """Rule 3 holds for auditors: no consent covering the school, no assignment; with it, assigned."""
    with pytest.raises(ValidationError) as refused:
        audit_assign(user=qa.lead, case=qa.case, auditor=qa.school_auditor)
    assert "auditor" in refused.value.error_dict
    assert not Involvement.objects.filter(user=qa.school_auditor).exists()
    consent(qa.family, qa.school)
    audit = audit_assign(user=qa.lead, case=qa.case, auditor=qa.school_auditor)
    assert audit.agency == qa.school
    assert can_view_family(qa.school_auditor, qa.family.pk)


@pytest.mark.django_db
def test_a_withdrawn_consent_does_not_count(qa, consent):
    consent(qa.family, qa.school, withdrawn_on=days(-1))
    with pytest.raises(ValidationError):
        audit_assign(user=qa.lead, case=qa.case, auditor=qa.school_auditor)


@pytest.mark.django_db
def test_threshold_cases_are_audited_by_council_auditors_only(qa):
    """A front door decision is audited inside the council: a council auditor is assigned (no involvement, as
    there is no episode), a partner auditor is refused."""
    threshold = make_programme(qa.lead, code=THRESHOLD_TEMPLATE, name="Front door audit")
    case = programme_case_add(user=qa.lead, programme=threshold, reference=decided_request(qa.lead).reference)
    audit = audit_assign(user=qa.lead, case=case, auditor=qa.auditor)
    assert audit.involvement is None
    with pytest.raises(ValidationError) as refused:
        audit_assign(user=qa.lead, case=case, auditor=qa.school_auditor)
    assert "auditor" in refused.value.error_dict


@pytest.mark.django_db
def test_no_assignment_after_the_window(qa):
    AuditProgramme.objects.filter(pk=qa.programme.pk).update(window_start=days(-20), window_end=days(-1))
    qa.case.programme.refresh_from_db()
    with pytest.raises(ValidationError):
        audit_assign(user=qa.lead, case=qa.case, auditor=qa.auditor)


# audit_section_answer and audit_submit


@pytest.fixture
def assigned(qa):
    qa.audit = audit_assign(user=qa.lead, case=qa.case, auditor=qa.auditor)
    qa.section = qa.programme.template.sections.order_by("order").first()
    qa.questions = list(qa.section.questions.all())
    return qa


@pytest.mark.django_db
def test_every_question_needs_an_answer_and_evidence(assigned):
    """Errors are keyed by question, one for the answer and one for the evidence."""
    first, *rest = assigned.questions
    answers = {first.pk: (value_for(first), "   ")}
    with pytest.raises(ValidationError) as refused:
        audit_section_answer(
            user=assigned.auditor, audit=assigned.audit, section=assigned.section, answers=answers, version=1
        )
    errors = refused.value.error_dict
    assert f"q{first.pk}_evidence" in errors
    assert f"q{first.pk}_value" not in errors
    for question in rest:
        assert {f"q{question.pk}_value", f"q{question.pk}_evidence"} <= set(errors)
    assert not AuditAnswer.objects.exists()


@pytest.mark.django_db
def test_an_answer_must_fit_the_question_kind(assigned):
    answers = {
        q.pk: ("yes" if q.answer_kind == AnswerKind.GRADE else Grade.GOOD, "Evidence") for q in assigned.questions
    }
    with pytest.raises(ValidationError) as refused:
        audit_section_answer(
            user=assigned.auditor, audit=assigned.audit, section=assigned.section, answers=answers, version=1
        )
    assert set(refused.value.error_dict) == {f"q{q.pk}_value" for q in assigned.questions}


@pytest.mark.django_db
def test_answers_are_saved_and_the_version_moves_on(assigned):
    saved = answer_section(assigned.audit, assigned.auditor, assigned.section)
    assert saved.version == 2
    assert AuditAnswer.objects.filter(agency_audit=assigned.audit).count() == len(assigned.questions)


@pytest.mark.django_db
def test_a_stale_version_is_a_conflict(assigned):
    answer_section(assigned.audit, assigned.auditor, assigned.section)
    answers = {q.pk: (value_for(q), "Changed my mind") for q in assigned.questions}
    with pytest.raises(ValidationError) as refused:
        audit_section_answer(
            user=assigned.auditor, audit=assigned.audit, section=assigned.section, answers=answers, version=1
        )
    assert refused.value.messages == [CONFLICT]


@pytest.mark.django_db
def test_only_the_assigned_auditor_answers(assigned, make_user):
    for other in (make_user(roles.AUDITOR), assigned.lead):
        with pytest.raises(PermissionDenied):
            answer_section(assigned.audit, other, assigned.section)


@pytest.mark.django_db
def test_no_answers_after_the_window_closes(assigned):
    AuditProgramme.objects.filter(pk=assigned.programme.pk).update(window_start=days(-20), window_end=days(-1))
    with pytest.raises(ValidationError) as refused:
        answer_section(assigned.audit, assigned.auditor, assigned.section)
    assert "window has closed" in refused.value.messages[0]


@pytest.mark.django_db
def test_findings_are_sent_only_when_every_question_is_answered(assigned):
    audit = answer_section(assigned.audit, assigned.auditor, assigned.section)
    with pytest.raises(ValidationError) as refused:
        audit_submit(
            user=assigned.auditor,
            audit=audit,
            proposed_grade=Grade.GOOD,
            summary="Summary",
            social_care_concern=False,
            version=audit.version,
        )
    assert "Answer every question" in refused.value.messages[0]
    audit.refresh_from_db()
    assert audit.submitted_at is None
    sent = submit(audit, assigned.auditor, Grade.REQUIRES_IMPROVEMENT)
    sent.refresh_from_db()
    assert sent.submitted_at is not None
    assert (sent.proposed_grade, sent.summary) == (Grade.REQUIRES_IMPROVEMENT, "Help is making a difference")


@pytest.mark.django_db
def test_sent_findings_can_no_longer_change(assigned):
    sent = submit(assigned.audit, assigned.auditor)
    with pytest.raises(ValidationError):
        answer_section(sent, assigned.auditor, assigned.section)


# case_moderate


@pytest.mark.django_db
def test_moderation_waits_for_findings(assigned):
    with pytest.raises(ValidationError) as refused:
        case_moderate(
            user=assigned.lead,
            case=assigned.case,
            overall_grade=Grade.GOOD,
            notes="",
            needs_social_care=False,
            version=1,
        )
    assert "Wait for at least one" in refused.value.messages[0]


@pytest.mark.django_db
def test_only_the_lead_moderates(assigned, make_user):
    submit(assigned.audit, assigned.auditor)
    with pytest.raises(PermissionDenied):
        case_moderate(
            user=make_user(roles.SERVICE_MANAGER),
            case=assigned.case,
            overall_grade=Grade.GOOD,
            notes="",
            needs_social_care=False,
            version=1,
        )


@pytest.mark.django_db
def test_agencies_proposing_different_grades_need_notes(assigned, consent):
    consent(assigned.family, assigned.school)
    school_audit = audit_assign(user=assigned.lead, case=assigned.case, auditor=assigned.school_auditor)
    submit(assigned.audit, assigned.auditor, Grade.GOOD)
    submit(school_audit, assigned.school_auditor, Grade.REQUIRES_IMPROVEMENT)
    with pytest.raises(ValidationError) as refused:
        case_moderate(
            user=assigned.lead,
            case=assigned.case,
            overall_grade=Grade.GOOD,
            notes=" ",
            needs_social_care=False,
            version=1,
        )
    assert set(refused.value.error_dict) == {"notes"}
    moderated = case_moderate(
        user=assigned.lead,
        case=assigned.case,
        overall_grade=Grade.REQUIRES_IMPROVEMENT,
        notes="Agreed at the audit group",
        needs_social_care=False,
        version=1,
    )
    assert (moderated.overall_grade, moderated.moderation_notes) == (
        Grade.REQUIRES_IMPROVEMENT,
        "Agreed at the audit group",
    )


@pytest.mark.django_db
def test_a_social_care_finding_needs_a_reason(assigned):
    submit(assigned.audit, assigned.auditor, concern=True)
    with pytest.raises(ValidationError) as refused:
        case_moderate(
            user=assigned.lead,
            case=assigned.case,
            overall_grade=Grade.INADEQUATE,
            notes="",
            needs_social_care=True,
            version=1,
        )
    assert set(refused.value.error_dict) == {"escalation_reason"}
    assert not Escalation.objects.exists()


@pytest.mark.django_db
def test_a_social_care_finding_is_escalated_about_the_family(assigned):
    """The lead escalates the audited family's case although they cannot see the family's record themselves."""
    assert not can_view_family(assigned.lead, assigned.family.pk)
    submit(assigned.audit, assigned.auditor, Grade.INADEQUATE, concern=True)
    moderated = case_moderate(
        user=assigned.lead,
        case=assigned.case,
        overall_grade=Grade.INADEQUATE,
        notes="",
        needs_social_care=True,
        escalation_reason="Risk from a new partner has not been assessed",
        version=1,
    )
    escalation = Escalation.objects.get()
    assert moderated.escalation == escalation
    assert moderated.needs_social_care is True
    assert (escalation.subject, escalation.family, escalation.subject_reference, escalation.raised_by) == (
        Subject.AUDIT_FINDING,
        assigned.family,
        assigned.case.reference,
        assigned.lead,
    )


@pytest.mark.django_db
def test_moderation_shares_the_findings_with_the_practitioner_and_manager(
    assigned, mailoutbox, django_capture_on_commit_callbacks
):
    submit(assigned.audit, assigned.auditor)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderated = case_moderate(
            user=assigned.lead,
            case=assigned.case,
            overall_grade=Grade.GOOD,
            notes="",
            needs_social_care=False,
            version=1,
        )
    assert moderated.shared_at is not None
    assert (moderated.moderated_by, moderated.version) == (assigned.lead, 2)
    [message] = mailoutbox
    assert message.subject == f"Case audit findings: {assigned.episode.reference}"
    assert sorted(message.to) == sorted([assigned.practitioner.email, assigned.manager.email])
    with pytest.raises(ValidationError):
        case_moderate(
            user=assigned.lead,
            case=assigned.case,
            overall_grade=Grade.GOOD,
            notes="",
            needs_social_care=False,
            version=2,
        )


@pytest.fixture
def shared(assigned):
    submit(assigned.audit, assigned.auditor)
    assigned.case = case_moderate(
        user=assigned.lead, case=assigned.case, overall_grade=Grade.GOOD, notes="", needs_social_care=False, version=1
    )
    return assigned


# action_add and action_confirm


@pytest.mark.django_db
def test_an_action_owner_must_be_a_candidate(shared, make_user):
    """The lead practitioner, a manager of the team, or the lead themselves; nobody else."""
    for owner in (shared.practitioner, shared.manager, shared.lead):
        action = action_add(user=shared.lead, case=shared.case, description="Visit", owner=owner, due_on=days(7))
        assert action.owner == owner
    with pytest.raises(ValidationError) as refused:
        action_add(
            user=shared.lead,
            case=shared.case,
            description="Visit",
            owner=make_user(roles.PRACTITIONER),
            due_on=days(7),
        )
    assert set(refused.value.error_dict) == {"owner"}


@pytest.mark.django_db
def test_the_same_action_sent_twice_is_agreed_once(shared):
    first = action_add(user=shared.lead, case=shared.case, description="Visit", owner=shared.lead, due_on=days(7))
    again = action_add(user=shared.lead, case=shared.case, description="Visit ", owner=shared.lead, due_on=days(7))
    assert again == first
    assert shared.case.actions.count() == 1


@pytest.mark.django_db
def test_an_action_needs_a_description_and_a_date_to_come(shared):
    with pytest.raises(ValidationError) as refused:
        action_add(user=shared.lead, case=shared.case, description=" ", owner=shared.practitioner, due_on=days(-1))
    assert set(refused.value.error_dict) == {"description", "due_on"}


@pytest.mark.django_db
def test_only_the_lead_adds_actions(shared):
    with pytest.raises(PermissionDenied):
        action_add(
            user=shared.manager, case=shared.case, description="Visit", owner=shared.practitioner, due_on=days(7)
        )


@pytest.mark.django_db
def test_the_owner_or_the_lead_confirms_an_action(shared):
    action = action_add(
        user=shared.lead, case=shared.case, description="Visit", owner=shared.practitioner, due_on=days(7)
    )
    done = action_confirm(user=shared.practitioner, action=action, confirmation=Confirmation.DONE)
    assert (done.confirmation, done.confirmed_by) == (Confirmation.DONE, shared.practitioner)
    again = action_confirm(user=shared.lead, action=action, confirmation=Confirmation.NOT_DONE)
    assert (again.confirmation, again.confirmed_by) == (Confirmation.NOT_DONE, shared.lead)
    for other in (shared.manager, shared.auditor):
        with pytest.raises(PermissionDenied):
            action_confirm(user=other, action=action, confirmation=Confirmation.DONE)
    with pytest.raises(ValidationError):
        action_confirm(user=shared.practitioner, action=action, confirmation="maybe")


@pytest.mark.django_db
def test_an_overdue_action_is_chased_once_with_its_owner_and_the_lead(shared, django_capture_on_commit_callbacks):
    """Overdue by the escalation's rule for an agreed action (not confirmed ESCALATION_CONFIRM_WORKING_DAYS working
    days after its date): the daily sweep emails the owner and the programme lead, once. An action confirmed, inside
    the grace period or not yet due is left alone."""
    late = action_add(
        user=shared.lead, case=shared.case, description="Visit", owner=shared.practitioner, due_on=days(3)
    )
    done = action_add(
        user=shared.lead, case=shared.case, description="Call", owner=shared.practitioner, due_on=days(3)
    )
    action_confirm(user=shared.practitioner, action=done, confirmation=Confirmation.DONE)
    action_add(user=shared.lead, case=shared.case, description="Plan", owner=shared.manager, due_on=days(30))
    mail.outbox.clear()
    assert audit_actions_notify_overdue(today=days(4)) == 0, "a day after its date is inside the grace period"
    with django_capture_on_commit_callbacks(execute=True):
        assert audit_actions_notify_overdue(today=days(13)) == 1
    [email] = mail.outbox
    assert sorted(email.to) == sorted([shared.practitioner.email, shared.lead.email])
    assert shared.case.reference in email.subject
    assert f"{settings.SITE_URL}/quality/cases/{shared.case.pk}/" in email.body, "a full address, not a path"
    late.refresh_from_db()
    assert late.overdue_notified_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert audit_actions_notify_overdue(today=days(45)) == 1, "the later action, and not the first again"
    assert len(mail.outbox) == 2


# case_respond


@pytest.mark.django_db
def test_no_response_before_the_findings_are_shared(assigned):
    with pytest.raises(PermissionDenied):
        case_respond(user=assigned.practitioner, case=assigned.case, response="Thanks", version=1)


@pytest.mark.django_db
def test_only_the_lead_practitioner_responds(shared):
    for other in (shared.manager, shared.lead, shared.auditor):
        with pytest.raises(PermissionDenied):
            case_respond(user=other, case=shared.case, response="Thanks", version=shared.case.version)
    with pytest.raises(ValidationError):
        case_respond(user=shared.practitioner, case=shared.case, response=" ", version=shared.case.version)
    with pytest.raises(ValidationError) as conflict:
        case_respond(user=shared.practitioner, case=shared.case, response="Thanks", version=1)
    assert conflict.value.messages == [CONFLICT]
    responded = case_respond(
        user=shared.practitioner, case=shared.case, response=" We agree ", version=shared.case.version
    )
    assert (responded.practitioner_response, responded.responded_by) == ("We agree", shared.practitioner)
    assert responded.responded_at is not None


# case_reaudit


@pytest.mark.django_db
def test_a_reaudit_in_a_later_programme_links_the_first(shared):
    later = make_programme(shared.lead, start=20, end=40, name="Spring audit")
    reaudit = case_reaudit(user=shared.lead, case=shared.case, programme=later)
    assert (reaudit.programme, reaudit.episode, reaudit.reaudit_of, reaudit.rule) == (
        later,
        shared.episode,
        shared.case,
        SampleRule.BY_HAND,
    )
    with pytest.raises(ValidationError) as twice:
        case_reaudit(user=shared.lead, case=shared.case, programme=later)
    assert "programme" in twice.value.error_dict


@pytest.mark.django_db
def test_a_reaudit_needs_another_programme_of_the_same_kind(shared, make_user):
    with pytest.raises(ValidationError) as same:
        case_reaudit(user=shared.lead, case=shared.case, programme=shared.programme)
    assert "programme" in same.value.error_dict
    threshold = make_programme(shared.lead, code=THRESHOLD_TEMPLATE, name="Front door audit")
    with pytest.raises(ValidationError):
        case_reaudit(user=shared.lead, case=shared.case, programme=threshold)
    someone_elses = make_programme(make_user(roles.TEAM_MANAGER), name="Their audit")
    with pytest.raises(PermissionDenied):
        case_reaudit(user=shared.lead, case=shared.case, programme=someone_elses)


@pytest.mark.django_db
def test_a_threshold_audit_goes_to_the_front_door_worker_who_decided(
    qa, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    """No lead practitioner for a front door decision: the worker who decided receives the moderated findings and
    can read them; another front door worker cannot."""
    decider = make_user(roles.FRONT_DOOR)
    threshold = make_programme(qa.lead, code=THRESHOLD_TEMPLATE, name="Front door audit")
    case = programme_case_add(user=qa.lead, programme=threshold, reference=decided_request(decider).reference)
    audit = audit_assign(user=qa.lead, case=case, auditor=qa.auditor)
    submit(audit, qa.auditor)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderated = case_moderate(
            user=qa.lead, case=case, overall_grade=Grade.GOOD, notes="", needs_social_care=False, version=1
        )
    assert moderated.shared_at is not None
    assert [m.to for m in mailoutbox] == [[decider.email]]
    request = RequestFactory().get("/quality/")
    request.user = decider
    assert access_case_audit(request=request, case_id=case.pk).view == CaseView.FEEDBACK
    request.user = make_user(roles.FRONT_DOOR)
    with pytest.raises(Http404):
        access_case_audit(request=request, case_id=case.pk)
