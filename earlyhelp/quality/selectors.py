"""Reads for quality assurance. Every page that shows an audit goes through an access_* selector here: it checks
who may see it, answers 404 otherwise, and writes the access event (access-rules.md).

Who sees what:
- the programme's lead: the programme, its sample, every agency's findings, moderation and actions;
- an auditor: their own assignments, and only while the programme's window is open (then 404);
- the lead practitioner and the managers of the episode's team: the moderated findings once shared;
- service managers: the findings across a programme (figures only, no case content) and its export.
Auditors never export.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Consent, Restriction
from earlyhelp.access.policy import can_view_family
from earlyhelp.accounts.models import User
from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.services import access_event_record
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.episodes.selectors import EpisodeAccess, Need, access_episode
from earlyhelp.escalations.rules import confirmation_overdue, latest_overdue_due_date
from earlyhelp.frontdoor.models import ChildOutcome, Decision, Outcome
from earlyhelp.needs.models import EpisodeNeed
from earlyhelp.organisations.models import Agency
from earlyhelp.plans.models import Plan
from earlyhelp.quality import sampling
from earlyhelp.quality.models import (
    AgencyAudit,
    AuditAnswer,
    AuditProgramme,
    AuditQuestion,
    AuditTemplate,
    CaseAudit,
    RecommendedAction,
    SampleRule,
    TemplatePurpose,
)

# Who may run an audit programme (choose the sample, assign auditors, moderate).
PROGRAMME_ROLES = frozenset({roles.TEAM_MANAGER, roles.SERVICE_MANAGER})
# Who may read a programme's findings (figures only) and export the partnership's audit report.
FINDINGS_ROLES = frozenset({roles.SERVICE_MANAGER})
# A threshold audit looks back over the front door's decisions of this many days.
DECISION_LOOKBACK_DAYS = 90
# Cases on one page of a programme: a draw takes at most 100, and a programme can hold several draws.
CASES_PAGE_SIZE = 50

RULES_FOR = {
    TemplatePurpose.CASE: (SampleRule.RANDOM, SampleRule.PLAN_SIX_WEEKS, SampleRule.PARENTAL_RISK),
    TemplatePurpose.THRESHOLD: (SampleRule.RANDOM, SampleRule.NO_FURTHER_ACTION),
}


def can_run_programmes(user: Any) -> bool:
    return bool(roles.user_roles(user) & PROGRAMME_ROLES)


def window_open(programme: AuditProgramme, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return programme.window_start <= today <= programme.window_end


def window_ends_at(programme: AuditProgramme) -> datetime.datetime:
    """The end of the window's last day, local time: when auditors' access ends."""
    midnight = datetime.datetime.combine(programme.window_end + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight)


def window_starts_at(programme: AuditProgramme) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(programme.window_start, datetime.time.min))


# Sampling: the candidates each rule chooses from (sampling.py holds the rules themselves).


def episode_candidates(*, rule: str, on: datetime.date) -> list[int]:
    """Open episodes that qualify under `rule` on the date `on`."""
    open_episodes = Episode.objects.live().exclude(status=EpisodeStatus.CLOSED)
    if rule == SampleRule.RANDOM:
        return list(open_episodes.values_list("pk", flat=True))
    if rule == SampleRule.PLAN_SIX_WEEKS:
        approvals = (
            Plan.objects.live()
            .filter(episode__in=open_episodes, first_approved_at__isnull=False)
            .values_list("episode_id", "first_approved_at")
        )
        return sampling.plans_about_six_weeks({pk: timezone.localdate(at) for pk, at in approvals}, on=on)
    if rule == SampleRule.PARENTAL_RISK:
        risks: dict[int, list[str]] = defaultdict(list)
        for pk, risk in (
            EpisodeNeed.objects.live()
            .filter(episode__in=open_episodes)
            .values_list("episode_id", "area__parental_risk")
        ):
            risks[pk].append(risk)
        return sampling.parental_risk(risks)
    raise ValueError(rule)


def decision_candidates(*, rule: str, on: datetime.date) -> list[int]:
    """Requests decided at the front door in the DECISION_LOOKBACK_DAYS up to `on` that qualify under `rule`."""
    since = on - datetime.timedelta(days=DECISION_LOOKBACK_DAYS)
    decisions = Decision.objects.filter(decided_at__date__gt=since, decided_at__date__lte=on)
    if rule == SampleRule.RANDOM:
        return list(decisions.values_list("request_id", flat=True))
    if rule == SampleRule.NO_FURTHER_ACTION:
        outcomes: dict[int, list[str]] = defaultdict(list)
        for pk, outcome in ChildOutcome.objects.filter(decision__in=decisions).values_list(
            "decision__request_id", "outcome"
        ):
            outcomes[pk].append(outcome)
        return sampling.no_further_action(outcomes, nfa=Outcome.NO_FURTHER_ACTION)
    raise ValueError(rule)


def auditor_candidates() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, groups__name=roles.AUDITOR, profile__isnull=False)
        .select_related("profile__agency")
        .order_by("profile__agency__name", "full_name")
        .distinct()
    )


def consent_covers(*, agency: Agency, family_id: int) -> bool:
    """A partner agency reads a family's record only while a family member's consent covers it (rule 3)."""
    if agency.is_council_early_help:
        return True
    return Consent.objects.filter(
        withdrawn_on__isnull=True, agencies=agency, person__memberships__family_id=family_id
    ).exists()


def restricted_against(*, user: Any, family_id: int | None) -> bool:
    if family_id is None:
        return False
    return Restriction.objects.filter(family_id=family_id).exclude(members=user.pk).exists()


# Pages


def _programmes_led(user: Any) -> QuerySet[AuditProgramme]:
    return AuditProgramme.objects.filter(lead_id=user.pk)


@dataclass(frozen=True)
class QualityHome:
    programmes: Sequence[AuditProgramme]
    assignments: list[AgencyAudit]
    can_run: bool
    can_read_findings: bool


def quality_home(*, user: Any) -> QualityHome:
    """Programmes the user leads and audits assigned to them whose window is open; no case content."""
    today = timezone.localdate()
    # Service managers read every programme's findings, so they see every programme; others the ones they lead.
    listed = AuditProgramme.objects.all() if roles.user_roles(user) & FINDINGS_ROLES else _programmes_led(user)
    programmes = list(
        listed.select_related("template", "lead").annotate(case_count=Count("cases")).order_by("-window_start")
    )
    assignments = list(
        AgencyAudit.objects.filter(
            auditor_id=user.pk, case__programme__window_start__lte=today, case__programme__window_end__gte=today
        )
        .select_related("case__programme", "case__episode", "case__request")
        .order_by("case__programme__window_end", "pk")
    )
    return QualityHome(
        programmes=programmes,
        assignments=assignments,
        can_run=can_run_programmes(user),
        can_read_findings=bool(roles.user_roles(user) & FINDINGS_ROLES),
    )


def access_programme(*, request: HttpRequest, programme_id: int) -> AuditProgramme:
    """The programme's own pages (sample, assignments, moderation): its lead only. Lists the sampled cases, so
    the read is logged with their families."""
    programme = _programmes_led(request.user).select_related("template", "lead").filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    family_ids = [pk for pk in programme.cases.values_list("family_id", flat=True) if pk]
    access_event_record(request=request, action=AccessAction.LIST, record=programme, record_ids=family_ids)
    return programme


def programme_cases(programme: AuditProgramme, *, page_number: str | int | None = None) -> Page[CaseAudit]:
    cases = (
        programme.cases.select_related(
            "family", "episode__team", "episode__lead_practitioner", "request", "reaudit_of"
        )
        .prefetch_related(Prefetch("agency_audits", queryset=AgencyAudit.objects.select_related("agency", "auditor")))
        .order_by("pk")
    )
    return Paginator(cases, CASES_PAGE_SIZE).get_page(page_number)


def access_programme_for_findings(*, request: HttpRequest, programme_id: int, action: AccessAction) -> AuditProgramme:
    """Findings across a programme: figures, no case content. Its lead and service managers; never auditors
    (they hold no programme or findings role), so an auditor cannot export."""
    programme = AuditProgramme.objects.select_related("template", "lead").filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    if programme.lead_id != request.user.pk and not roles.user_roles(request.user) & FINDINGS_ROLES:
        raise Http404
    access_event_record(request=request, action=action, record=programme, query={"findings": programme.pk})
    return programme


class CaseView:
    """What one user may do with one audited case."""

    LEAD = "lead"  # the programme's lead
    FEEDBACK = "feedback"  # the lead practitioner or a manager of the episode's team, once shared


@dataclass(frozen=True)
class CaseAccess:
    case: CaseAudit
    view: str

    @property
    def is_programme_lead(self) -> bool:
        return self.view == CaseView.LEAD


def _case_queryset() -> QuerySet[CaseAudit]:
    return CaseAudit.objects.select_related(
        "programme__template",
        "programme__lead",
        "family",
        "episode__team",
        "episode__lead_practitioner",
        "request__decision",
        "escalation",
        "reaudit_of__programme",
        "moderated_by",
        "responded_by",
    )


def _receives_feedback(user: Any, case: CaseAudit) -> bool:
    """Once the findings are shared: for an episode, its lead practitioner or a manager of its team, who also need a
    relationship to the family now (a practitioner who has moved on does not keep reading audits); for a front door
    decision, the front door worker who made it."""
    if case.shared_at is None:
        return False
    if case.episode is None:
        decision = getattr(case.request, "decision", None)
        return decision is not None and decision.decided_by_id == user.pk and roles.has_role(user, roles.FRONT_DOOR)
    episode = case.episode
    is_lead = episode.lead_practitioner_id == user.pk
    manages = (
        roles.has_role(user, roles.TEAM_MANAGER)
        and episode.team_id is not None
        and getattr(getattr(user, "profile", None), "team_id", None) == episode.team_id
    )
    return (is_lead or manages) and can_view_family(user, episode.family_id)


def can_respond(user: Any, case: CaseAudit) -> bool:
    """The episode's lead practitioner answers the findings once they are shared."""
    return case.shared_at is not None and case.episode is not None and case.episode.lead_practitioner_id == user.pk


def access_case_audit(
    *, request: HttpRequest, case_id: int, lead_only: bool = False, to_respond: bool = False
) -> CaseAccess:
    """An audited case: its programme's lead, or (once shared) the lead practitioner and the team's managers;
    `lead_only` for the lead's working pages, `to_respond` for the lead practitioner's response."""
    case = _case_queryset().filter(pk=case_id).first()
    if case is None:
        raise Http404
    if to_respond:
        if not (can_respond(request.user, case) and _receives_feedback(request.user, case)):
            raise Http404
        view = CaseView.FEEDBACK
    elif case.programme.lead_id == request.user.pk:
        view = CaseView.LEAD
    elif not lead_only and _receives_feedback(request.user, case):
        view = CaseView.FEEDBACK
    else:
        raise Http404
    if restricted_against(user=request.user, family_id=case.family_id):
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=case, family_id=case.family_id)
    return CaseAccess(case=case, view=view)


def access_agency_audit(*, request: HttpRequest, agency_audit_id: int) -> AgencyAudit:
    """An auditor's own findings on a case, only while the programme's window is open: afterwards 404."""
    audit = (
        AgencyAudit.objects.select_related(
            "case__programme__template", "case__episode__team", "case__request", "case__family", "agency"
        )
        .filter(pk=agency_audit_id, auditor_id=request.user.pk)
        .first()
    )
    if audit is None or not window_open(audit.case.programme) or not roles.has_role(request.user, roles.AUDITOR):
        raise Http404
    case = audit.case
    if case.episode is not None and not can_view_family(request.user, case.episode.family_id):
        # Consent withdrawn, a restriction added, or the involvement ended: the policy decides, as for any read.
        raise Http404
    if restricted_against(user=request.user, family_id=case.family_id):
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=audit, family_id=case.family_id)
    return audit


def access_episode_audits(*, request: HttpRequest, episode_id: int) -> tuple[EpisodeAccess, list[CaseAudit]]:
    """The shared audits of an episode, for whoever reads the whole case; auditors read the case, not other audits
    of it."""
    access = access_episode(request=request, episode_id=episode_id, need=Need.CASE)
    if access.relationship.audit_only:
        raise Http404
    audits = list(
        CaseAudit.objects.filter(episode_id=episode_id, shared_at__isnull=False)
        .select_related("programme__template")
        .order_by("-shared_at")
    )
    return access, audits


def overdue_actions(*, today: datetime.date) -> QuerySet[RecommendedAction]:
    """Recommended actions overdue today, by the rule for an escalation's agreed action (rules.confirmation_overdue,
    as a query)."""
    cutoff = latest_overdue_due_date(today, settings.ESCALATION_CONFIRM_WORKING_DAYS)
    return RecommendedAction.objects.filter(confirmation="", due_on__lte=cutoff)


def case_actions(case: CaseAudit, *, today: datetime.date) -> tuple[list[RecommendedAction], set[int]]:
    """A case's recommended actions, and which of them are overdue today."""
    actions = list(case.actions.select_related("owner"))
    return actions, {a.pk for a in actions if confirmation_overdue(a.due_on, a.confirmation, today)}


def access_action(*, request: HttpRequest, action_id: int) -> RecommendedAction:
    """An agreed action: its owner or the programme's lead says whether it was done."""
    action = (
        RecommendedAction.objects.select_related("case__programme", "case__family", "case__episode", "owner")
        .filter(pk=action_id)
        .first()
    )
    if action is None or request.user.pk not in (action.owner_id, action.case.programme.lead_id):
        raise Http404
    access_event_record(request=request, action=AccessAction.VIEW, record=action, family_id=action.case.family_id)
    return action


# The audit form


@dataclass(frozen=True)
class SectionStatus:
    order: int
    title: str
    answered: int
    total: int

    @property
    def status(self) -> str:
        if self.answered == 0:
            return "Not started"
        return "Completed" if self.answered == self.total else "In progress"


def template_sections(template: AuditTemplate) -> list[Any]:
    return list(template.sections.prefetch_related("questions").order_by("order"))


def answers_by_question(audit: AgencyAudit) -> dict[int, AuditAnswer]:
    return {answer.question_id: answer for answer in audit.answers.all()}


def section_statuses(audit: AgencyAudit) -> list[SectionStatus]:
    answered = set(audit.answers.values_list("question_id", flat=True))
    return [
        SectionStatus(
            order=section.order,
            title=section.title,
            answered=sum(1 for q in section.questions.all() if q.pk in answered),
            total=len(section.questions.all()),
        )
        for section in template_sections(audit.case.programme.template)
    ]


@dataclass(frozen=True)
class QuestionFindings:
    question: AuditQuestion
    answers: list[tuple[AgencyAudit, AuditAnswer | None]]

    @property
    def agencies_differ(self) -> bool:
        values = {answer.value for _, answer in self.answers if answer is not None}
        return len(values) > 1


def case_findings(case: CaseAudit) -> tuple[list[AgencyAudit], list[tuple[Any, list[QuestionFindings]]]]:
    """Every agency's answer to every question, side by side, section by section (a fixed number of queries)."""
    audits = list(case.agency_audits.select_related("agency", "auditor").order_by("agency__name", "pk"))
    answers = {
        (answer.agency_audit_id, answer.question_id): answer
        for answer in AuditAnswer.objects.filter(agency_audit__case=case)
    }
    sections = []
    for section in template_sections(case.programme.template):
        rows = [
            QuestionFindings(question=q, answers=[(a, answers.get((a.pk, q.pk))) for a in audits])
            for q in section.questions.all()
        ]
        sections.append((section, rows))
    return audits, sections


def grades_differ(case: CaseAudit) -> bool:
    grades = set(
        case.agency_audits.filter(submitted_at__isnull=False)
        .exclude(proposed_grade="")
        .values_list("proposed_grade", flat=True)
    )
    return len(grades) > 1


def action_owner_candidates(case: CaseAudit) -> QuerySet[User]:
    """Who can own a recommended action: the episode's lead practitioner and the managers of its team, and the
    programme's lead."""
    condition = Q(pk=case.programme.lead_id)
    if case.episode is not None:
        if case.episode.lead_practitioner_id:
            condition |= Q(pk=case.episode.lead_practitioner_id)
        if case.episode.team_id:
            condition |= Q(groups__name=roles.TEAM_MANAGER, profile__team_id=case.episode.team_id)
    return User.objects.filter(condition, is_active=True).order_by("full_name").distinct()


def later_programmes(*, user: Any, case: CaseAudit) -> QuerySet[AuditProgramme]:
    """Programmes a case can be re-audited in: led by this user, same purpose, window not yet over."""
    return (
        _programmes_led(user)
        .filter(template__purpose=case.programme.template.purpose, window_end__gte=timezone.localdate())
        .exclude(pk=case.programme_id)
    )
