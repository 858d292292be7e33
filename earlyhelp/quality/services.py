"""Writes for quality assurance (R7): programmes, sampling, auditor assignment, findings, moderation, feedback,
recommended actions, the practitioner's response and re-audit. Each service owns its transaction."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.accounts.models import User
from earlyhelp.core.links import page_link
from earlyhelp.episodes.models import Episode
from earlyhelp.escalations.models import Confirmation, Subject
from earlyhelp.escalations.selectors import family_for_front_door_reference
from earlyhelp.escalations.services import escalation_raise
from earlyhelp.frontdoor.models import SupportRequest
from earlyhelp.organisations.selectors import team_manager_emails
from earlyhelp.people.models import Family
from earlyhelp.quality import sampling
from earlyhelp.quality.models import (
    AgencyAudit,
    AnswerKind,
    AuditAnswer,
    AuditProgramme,
    AuditSection,
    AuditTemplate,
    CaseAudit,
    Grade,
    RecommendedAction,
    SampleRule,
    TemplatePurpose,
    YesPartlyNo,
)
from earlyhelp.quality.selectors import (
    RULES_FOR,
    action_owner_candidates,
    can_run_programmes,
    consent_covers,
    decision_candidates,
    episode_candidates,
    grades_differ,
    overdue_actions,
    restricted_against,
    window_ends_at,
    window_open,
    window_starts_at,
)

CONFLICT = "Someone else changed this audit while you were editing it. Check their changes, then try again."


def _email_on_commit(subject: str, body: str, recipients: list[str]) -> None:
    to = sorted({address for address in recipients if address})
    if to:
        transaction.on_commit(lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=to))


def _require_lead(user: User, programme: AuditProgramme) -> None:
    if programme.lead_id != user.pk:
        raise PermissionDenied


@transaction.atomic
def programme_create(
    *,
    user: User,
    name: str,
    template: AuditTemplate,
    window_start: datetime.date,
    window_end: datetime.date,
    description: str = "",
) -> AuditProgramme:
    if not can_run_programmes(user):
        raise PermissionDenied
    if template.is_archived:
        raise ValidationError({"template": "Choose a template in use"})
    if window_end < window_start:
        raise ValidationError({"window_end": "The audit window must end on or after the day it starts"})
    if window_end < timezone.localdate():
        raise ValidationError({"window_end": "The audit window must end today or in the future"})
    # A double submit sets up one programme: the lead's row serialises their requests.
    User.objects.select_for_update().filter(pk=user.pk).first()
    same = {"name": name.strip(), "template": template, "window_start": window_start, "window_end": window_end}
    existing = AuditProgramme.objects.filter(lead=user, **same).first()
    if existing is not None:
        return existing
    return AuditProgramme.objects.create(description=description.strip(), lead=user, **same)


def _add_case(
    *,
    programme: AuditProgramme,
    user: User,
    rule: str,
    episode: Episode | None = None,
    request: SupportRequest | None = None,
    seed: int | None = None,
    reaudit_of: CaseAudit | None = None,
) -> CaseAudit:
    family: Family | None
    if episode is not None:
        family = episode.family
    else:
        assert request is not None
        family = family_for_front_door_reference(request.reference or "")
    return CaseAudit.objects.create(
        programme=programme,
        family=family,
        episode=episode,
        request=request,
        rule=rule,
        sample_seed=seed,
        chosen_by=user,
        reaudit_of=reaudit_of,
    )


@transaction.atomic
def programme_sample(
    *,
    user: User,
    programme: AuditProgramme,
    rule: str,
    size: int,
    seed: int | None = None,
    on: datetime.date | None = None,
) -> list[CaseAudit]:
    """Add up to `size` cases chosen by `rule` (random within it) that are not in the programme yet.

    A draw already made in this programme with the same rule and seed is not made again (a double submit, or the
    page sent twice): its cases are returned instead."""
    _require_lead(user, programme)
    AuditProgramme.objects.select_for_update().filter(pk=programme.pk).first()
    if seed is not None:
        drawn = list(programme.cases.filter(rule=rule, sample_seed=seed).order_by("pk"))
        if drawn:
            return drawn
    purpose = programme.template.purpose
    if rule not in RULES_FOR[TemplatePurpose(purpose)]:
        raise ValidationError({"rule": "Choose a rule that fits this audit template"})
    if size < 1:
        raise ValidationError({"size": "Enter how many cases to sample, 1 or more"})
    on = on or timezone.localdate()
    seed = seed if seed is not None else secrets.randbelow(2**31)
    if purpose == TemplatePurpose.CASE:
        taken = set(programme.cases.exclude(episode=None).values_list("episode_id", flat=True))
        pool = [pk for pk in episode_candidates(rule=rule, on=on) if pk not in taken]
        chosen = sampling.draw(pool, size=size, seed=seed)
        episodes = Episode.objects.select_related("family").in_bulk(chosen)
        return [_add_case(programme=programme, user=user, rule=rule, episode=episodes[pk], seed=seed) for pk in chosen]
    taken = set(programme.cases.exclude(request=None).values_list("request_id", flat=True))
    pool = [pk for pk in decision_candidates(rule=rule, on=on) if pk not in taken]
    chosen = sampling.draw(pool, size=size, seed=seed)
    requests = SupportRequest.objects.in_bulk(chosen)
    return [_add_case(programme=programme, user=user, rule=rule, request=requests[pk], seed=seed) for pk in chosen]


def _case_by_reference(programme: AuditProgramme, reference: str) -> tuple[Episode | None, SupportRequest | None]:
    reference = reference.strip().upper()
    if programme.template.purpose == TemplatePurpose.CASE:
        episode = Episode.objects.live().select_related("family").filter(reference__iexact=reference).first()
        if episode is None:
            raise ValidationError({"reference": "No episode has that reference. Check it and try again"})
        return episode, None
    request = SupportRequest.objects.filter(reference__iexact=reference, decision__isnull=False).first()
    if request is None:
        raise ValidationError({"reference": "No decided request has that reference. Check it and try again"})
    return None, request


@transaction.atomic
def programme_case_add(*, user: User, programme: AuditProgramme, reference: str) -> CaseAudit:
    """Choose a case by hand, by its episode reference (case audit) or request reference (threshold audit)."""
    _require_lead(user, programme)
    episode, request = _case_by_reference(programme, reference)
    existing = programme.cases.filter(episode=episode, request=request).first()
    if existing is not None:
        raise ValidationError({"reference": f"That case is already in this programme as {existing.reference}"})
    return _add_case(programme=programme, user=user, rule=SampleRule.BY_HAND, episode=episode, request=request)


@transaction.atomic
def case_reaudit(*, user: User, case: CaseAudit, programme: AuditProgramme) -> CaseAudit:
    """Audit the same case again in a later programme, linked to the first audit."""
    _require_lead(user, programme)
    if programme.pk == case.programme_id or programme.template.purpose != case.programme.template.purpose:
        raise ValidationError({"programme": "Choose a later programme with the same kind of audit"})
    if programme.cases.filter(episode=case.episode, request=case.request).exists():
        raise ValidationError({"programme": "That case is already in the programme you chose"})
    return _add_case(
        programme=programme,
        user=user,
        rule=SampleRule.BY_HAND,
        episode=case.episode,
        request=case.request,
        reaudit_of=case,
    )


@transaction.atomic
def audit_assign(*, user: User, case: CaseAudit, auditor: User) -> AgencyAudit:
    """Give an auditor read-only access to exactly this case until the window closes (access-rules.md), through
    an audit involvement ending with the window and no read-only period after it."""
    programme = case.programme
    _require_lead(user, programme)
    if not roles.has_role(auditor, roles.AUDITOR) or not auditor.is_active:
        raise ValidationError({"auditor": "Choose someone who holds the auditor role"})
    profile = getattr(auditor, "profile", None)
    if profile is None:
        raise ValidationError({"auditor": "The auditor needs an agency before they can audit"})
    if programme.window_end < timezone.localdate():
        raise ValidationError({"auditor": "The audit window has closed"})
    existing = case.agency_audits.filter(auditor=auditor).first()
    if existing is not None:
        return existing
    if case.episode is None and not profile.agency.is_council_early_help:
        raise ValidationError(
            {
                "auditor": "Front door decisions are audited inside the council's early help service: "
                "choose a council auditor"
            }
        )
    if case.family_id is not None and not consent_covers(agency=profile.agency, family_id=case.family_id):
        raise ValidationError(
            {
                "auditor": f"No family member's consent covers {profile.agency.name}, "
                "so their auditor cannot read this case"
            }
        )
    if restricted_against(user=auditor, family_id=case.family_id):
        raise ValidationError(
            {"auditor": "This family's record is restricted and the auditor is not on its access list"}
        )
    involvement = None
    if case.episode is not None:
        involvement = Involvement.objects.create(
            family_id=case.episode.family_id,
            user=auditor,
            kind=InvolvementKind.AUDIT,
            started_at=max(timezone.now(), window_starts_at(programme)),
            ended_at=window_ends_at(programme),
            read_only_until=window_ends_at(programme),
            source=f"quality.caseaudit:{case.pk}",
            reason=f"Audit {case.reference} in {programme.name}",
            created_by=user,
        )
    audit = AgencyAudit.objects.create(
        case=case, auditor=auditor, agency=profile.agency, involvement=involvement, assigned_by=user
    )
    _email_on_commit(
        f"A case to audit: {case.reference}",
        f"You have been asked to audit case {case.reference} for {programme.name}. You can read the case until the "
        f"end of {programme.window_end:%-d %B %Y}.\n\n{page_link('quality:audit', audit.pk)}",
        [auditor.email],
    )
    return audit


def _locked_audit(audit: AgencyAudit, user: User, version: int) -> AgencyAudit:
    locked = AgencyAudit.objects.select_for_update(of=("self",)).select_related("case__programme").get(pk=audit.pk)
    if locked.auditor_id != user.pk:
        raise PermissionDenied
    if not window_open(locked.case.programme):
        raise ValidationError("The audit window has closed")
    if locked.submitted_at is not None:
        raise ValidationError("These findings have been sent to the programme's lead and can no longer be changed")
    if locked.version != version:
        raise ValidationError(CONFLICT)
    return locked


ALLOWED_VALUES = {AnswerKind.GRADE: set(Grade.values), AnswerKind.YES_PARTLY_NO: set(YesPartlyNo.values)}


@transaction.atomic
def audit_section_answer(
    *, user: User, audit: AgencyAudit, section: AuditSection, answers: Mapping[int, tuple[str, str]], version: int
) -> AgencyAudit:
    """Save the answers to one section: question id -> (value, evidence). Every question needs both."""
    locked = _locked_audit(audit, user, version)
    if section.template_id != locked.case.programme.template_id:
        raise PermissionDenied
    errors: dict[str, str] = {}
    for question in section.questions.all():
        value, evidence = answers.get(question.pk, ("", ""))
        if value not in ALLOWED_VALUES[AnswerKind(question.answer_kind)]:
            errors[f"q{question.pk}_value"] = "Select an answer"
        if not evidence.strip():
            errors[f"q{question.pk}_evidence"] = "Enter the evidence for your answer"
    if errors:
        raise ValidationError(errors)
    for question in section.questions.all():
        value, evidence = answers[question.pk]
        AuditAnswer.objects.update_or_create(
            agency_audit=locked, question=question, defaults={"value": value, "evidence": evidence.strip()}
        )
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    return locked


@transaction.atomic
def audit_submit(
    *, user: User, audit: AgencyAudit, proposed_grade: str, summary: str, social_care_concern: bool, version: int
) -> AgencyAudit:
    locked = _locked_audit(audit, user, version)
    template = locked.case.programme.template
    questions = set(template.sections.values_list("questions__pk", flat=True)) - {None}
    unanswered = questions - set(locked.answers.values_list("question_id", flat=True))
    if unanswered:
        raise ValidationError(f"Answer every question before you send your findings: {len(unanswered)} left")
    errors = {}
    if proposed_grade not in Grade.values:
        errors["proposed_grade"] = "Select the overall grade you propose"
    if not summary.strip():
        errors["summary"] = "Enter a summary of your findings"
    if errors:
        raise ValidationError(errors)
    locked.proposed_grade = proposed_grade
    locked.summary = summary.strip()
    locked.social_care_concern = social_care_concern
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save()
    programme = locked.case.programme
    _email_on_commit(
        f"Audit findings sent: {locked.case.reference}",
        f"{locked.agency} has sent its findings on {locked.case.reference} for {programme.name}."
        + (" The auditor thinks the case may need children's social care now." if social_care_concern else "")
        + f"\n\n{page_link('quality:case', locked.case_id)}",
        [programme.lead.email],
    )
    return locked


def _feedback_recipients(case: CaseAudit) -> list[str]:
    episode = case.episode
    if episode is None:
        # A threshold audit goes to the front door worker who made the decision.
        decision = getattr(case.request, "decision", None)
        return [decision.decided_by.email] if decision is not None else []
    lead = [episode.lead_practitioner.email] if episode.lead_practitioner else []
    return lead + team_manager_emails(episode.team_id)


@transaction.atomic
def case_moderate(
    *,
    user: User,
    case: CaseAudit,
    overall_grade: str,
    notes: str,
    needs_social_care: bool,
    escalation_reason: str = "",
    version: int,
) -> CaseAudit:
    """Agree the overall grade from the agencies' findings, escalate a case that needs social care now, and share
    the findings with the lead practitioner and their manager."""
    locked = (
        CaseAudit.objects.select_for_update(of=("self",))
        .select_related("programme", "episode__family")
        .get(pk=case.pk)
    )
    _require_lead(user, locked.programme)
    if locked.version != version:
        raise ValidationError(CONFLICT)
    if locked.moderated_at is not None:
        raise ValidationError("This case has already been moderated")
    if not locked.agency_audits.filter(submitted_at__isnull=False).exists():
        raise ValidationError("Wait for at least one agency's findings before moderating")
    errors = {}
    if overall_grade not in Grade.values:
        errors["overall_grade"] = "Select the overall grade agreed"
    if grades_differ(locked) and not notes.strip():
        errors["notes"] = "The agencies proposed different grades: enter how the grade was agreed"
    if needs_social_care and not escalation_reason.strip():
        errors["escalation_reason"] = "Enter why the case needs children's social care now"
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if needs_social_care:
        locked.escalation = escalation_raise(
            user=user,
            subject=Subject.AUDIT_FINDING,
            subject_reference=locked.reference,
            reason=escalation_reason,
            family=locked.family,
        )
    locked.overall_grade = overall_grade
    locked.moderation_notes = notes.strip()
    locked.needs_social_care = needs_social_care
    locked.moderated_by = user
    locked.moderated_at = now
    audited = locked.episode or locked.request
    if audited is not None:
        locked.shared_at = now
        _email_on_commit(
            f"Case audit findings: {audited}",
            f"The audit of {audited} in {locked.programme.name} is complete: overall "
            f"{Grade(overall_grade).label.lower()}. Read the findings, the recommended actions and respond here:\n\n"
            f"{page_link('quality:case', locked.pk)}",
            _feedback_recipients(locked),
        )
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def action_add(
    *, user: User, case: CaseAudit, description: str, owner: User, due_on: datetime.date
) -> RecommendedAction:
    _require_lead(user, case.programme)
    errors = {}
    if not description.strip():
        errors["description"] = "Enter what should be done"
    if not action_owner_candidates(case).filter(pk=owner.pk).exists():
        errors["owner"] = "Choose the lead practitioner, a manager of the team, or yourself"
    if due_on < timezone.localdate():
        errors["due_on"] = "The date the action is due must be today or in the future"
    if errors:
        raise ValidationError(errors)
    CaseAudit.objects.select_for_update(of=("self",)).filter(pk=case.pk).first()
    same = {"case": case, "description": description.strip(), "owner": owner, "due_on": due_on}
    existing = RecommendedAction.objects.filter(**same).first()
    if existing is not None:
        # The same action sent twice is agreed once.
        return existing
    action = RecommendedAction.objects.create(agreed_by=user, **same)
    _email_on_commit(
        f"An audit action for you: {case.reference}",
        f"The audit {case.reference} recommends: {action.description}\nDue by {due_on:%-d %B %Y}.\n\n"
        f"{page_link('quality:case', case.pk)}",
        [owner.email],
    )
    return action


@transaction.atomic
def action_confirm(*, user: User, action: RecommendedAction, confirmation: str) -> RecommendedAction:
    locked = (
        RecommendedAction.objects.select_for_update(of=("self",)).select_related("case__programme").get(pk=action.pk)
    )
    if user.pk not in (locked.owner_id, locked.case.programme.lead_id):
        raise PermissionDenied
    if confirmation not in Confirmation.values:
        raise ValidationError({"confirmation": "Select whether it was done"})
    locked.confirmation = confirmation
    locked.confirmed_by = user
    locked.confirmed_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def audit_actions_notify_overdue(*, today: datetime.date) -> int:
    """Email the owner and the programme lead of each overdue recommended action, once per action. Returns how many
    were notified. No personal detail: the audit's reference and a link."""
    due = list(
        overdue_actions(today=today)
        .filter(overdue_notified_at__isnull=True)
        .select_related("owner", "case__programme__lead")
        .select_for_update(of=("self",))
    )
    for action in due:
        case = action.case
        people = (action.owner, case.programme.lead)
        _email_on_commit(
            f"An audit action is overdue: {case.reference}",
            f"An action recommended by the audit {case.reference} was due by {action.due_on:%-d %B %Y} and nobody "
            f"has said whether it was done. Open the audit to confirm it:\n\n"
            f"{page_link('quality:case', case.pk)}",
            [person.email for person in people if person.is_active],
        )
    RecommendedAction.objects.filter(pk__in=[action.pk for action in due]).update(overdue_notified_at=timezone.now())
    return len(due)


@transaction.atomic
def case_respond(*, user: User, case: CaseAudit, response: str, version: int) -> CaseAudit:
    """The lead practitioner's written response to the findings."""
    locked = CaseAudit.objects.select_for_update(of=("self",)).select_related("episode", "programme").get(pk=case.pk)
    if locked.shared_at is None or locked.episode is None or locked.episode.lead_practitioner_id != user.pk:
        raise PermissionDenied
    if locked.version != version:
        raise ValidationError(CONFLICT)
    if not response.strip():
        raise ValidationError({"response": "Enter your response to the findings"})
    locked.practitioner_response = response.strip()
    locked.responded_by = user
    locked.responded_at = timezone.now()
    locked.version += 1
    locked.save()
    _email_on_commit(
        f"Response to audit {locked.reference}",
        f"{user.get_full_name() or user.email} has responded to the audit of {locked.episode.reference}.\n\n"
        f"{page_link('quality:case', locked.pk)}",
        [locked.programme.lead.email],
    )
    return locked
