"""A multi-agency case audit in progress, so every quality assurance screen has something real to show.

The service manager leads a programme auditing three of the demo practitioner's families whose consent covers the
school and school nursing. The council's auditor and the partner agencies' auditors (school, school nursing) are
assigned:
- the first case has findings from all three agencies, has been moderated and shared with the practitioner, with
  a recommended action for them;
- the second has two agencies' findings and waits for the third, then moderation;
- the third has been started by the council's auditor.

Everything goes through the services, as the workflow would write it. Nobody is emailed: it is a demo.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from earlyhelp.demo import data
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.organisations.models import Agency
from earlyhelp.quality import services
from earlyhelp.quality.models import AgencyAudit, AnswerKind, AuditTemplate, CaseAudit, Grade, YesPartlyNo
from earlyhelp.quality.selectors import template_sections

EVIDENCE = {
    "outstanding": "Clear throughout the record and it made a visible difference for the child.",
    "good": "Recorded at most visits; the plan reflects it.",
    "requires_improvement": "Mentioned in the assessment but not followed through in the plan or reviews.",
    "inadequate": "Not evident in the record.",
    "yes": "Seen in the case notes and the plan.",
    "partly": "Seen at the assessment, not since.",
    "no": "Not recorded anywhere.",
}


def _answer_all(rng: random.Random, audit: AgencyAudit, *, lean: str, sections: int | None = None) -> AgencyAudit:
    """Answer every question (or the first `sections`), leaning towards the grade `lean`."""
    grades = [g for g in Grade.values if g != "outstanding"]
    for section in template_sections(audit.case.programme.template)[:sections]:
        answers = {}
        for question in section.questions.all():
            if question.answer_kind == AnswerKind.GRADE:
                value = lean if rng.random() < 0.6 else rng.choice(grades)
            else:
                value = rng.choice([YesPartlyNo.YES, YesPartlyNo.YES, YesPartlyNo.PARTLY, YesPartlyNo.NO])
            answers[question.pk] = (str(value), EVIDENCE[str(value)])
        audit = services.audit_section_answer(
            user=audit.auditor, audit=audit, section=section, answers=answers, version=audit.version
        )
    return audit


def _submit(rng: random.Random, audit: AgencyAudit, grade: str, summary: str) -> None:
    audit = _answer_all(rng, audit, lean=grade)
    services.audit_submit(
        user=audit.auditor,
        audit=audit,
        proposed_grade=grade,
        summary=summary,
        social_care_concern=False,
        version=audit.version,
    )


def seed_quality(rng: random.Random, now: datetime) -> int:
    """Returns how many cases were sampled."""
    users = get_user_model().objects
    lead = users.get(email="servicemanager@example.org")
    practitioner = users.get(email="practitioner@example.org")
    council_auditor = users.get(email="auditor@example.org")
    school_auditor = users.get(email=data.SCHOOL_AUDITOR.email)
    health_auditor = users.get(email=data.HEALTH_AUDITOR.email)
    partners = [Agency.objects.get(pk=a.profile.agency_id) for a in (school_auditor, health_auditor)]
    episodes: list[Episode] = []
    for episode in Episode.objects.filter(lead_practitioner=practitioner, status=EpisodeStatus.OPEN).order_by(
        "opened_at"
    ):
        covered = {
            agency.pk
            for agency in partners
            if episode.family.memberships.filter(
                person__consents__withdrawn_on__isnull=True, person__consents__agencies=agency
            ).exists()
        }
        if len(covered) == len(partners):
            episodes.append(episode)
    if not episodes:
        return 0
    today = timezone.localtime(now).date()
    programme = services.programme_create(
        user=lead,
        name="Multi-agency audit: help after six weeks, winter 2026",
        template=AuditTemplate.objects.get(code="early-help-case-audit"),
        window_start=today - timedelta(days=3),
        window_end=today + timedelta(days=25),
        description="Is the help making a difference to the child, and do agencies see the same family?",
    )
    cases: list[CaseAudit] = [
        services.programme_case_add(user=lead, programme=programme, reference=episode.reference)
        for episode in episodes[:3]
    ]
    assigned: dict[int, list[AgencyAudit]] = {}
    for index, case in enumerate(cases):
        auditors = [council_auditor] if index == 2 else [council_auditor, school_auditor, health_auditor]
        assigned[case.pk] = [services.audit_assign(user=lead, case=case, auditor=a) for a in auditors]
    first = cases[0]
    proposals = ("good", "good", "requires_improvement")
    for audit, grade in zip(assigned[first.pk], proposals, strict=True):
        _submit(rng, audit, grade, "The children's views are clear; the plan's impact on attendance is not.")
    first.refresh_from_db()
    services.case_moderate(
        user=lead,
        case=first,
        overall_grade="good",
        notes="School nursing graded the plan lower: its health outcome had no measure. Agreed good overall, "
        "with an action on the plan.",
        needs_social_care=False,
        version=first.version,
    )
    services.action_add(
        user=lead,
        case=first,
        description="Add a measure and a date to the health outcome in the plan, with the school nurse.",
        owner=practitioner,
        due_on=today + timedelta(days=14),
    )
    if len(cases) > 1:
        for audit, grade in zip(assigned[cases[1].pk][:2], ("requires_improvement", "good"), strict=True):
            _submit(rng, audit, grade, "Father not engaged; history considered.")
    if len(cases) > 2:
        _answer_all(rng, assigned[cases[2].pk][0], lean="good", sections=1)
    return len(cases)
