"""Findings across an audit programme (R7, ADR 0011): figures only, no case content.

`programme_findings` rolls a programme up into report tables (`reporting.tables.Table`) that the findings page,
the PDF audit report and the XLSX download all show. It runs a fixed number of queries whatever the size of the
programme: each query fetches plain values, and the counting happens here.

What counts:
- answers only from agency audits that were sent (`submitted_at` set); drafts never count;
- agreed grades only from moderated cases (`moderated_at` set);
- themes and questions in template order (section order, then question order; a theme where it first appears).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.safestring import SafeString

from earlyhelp.escalations.models import Confirmation
from earlyhelp.escalations.rules import confirmation_overdue
from earlyhelp.quality.models import (
    AgencyAudit,
    AnswerKind,
    AuditAnswer,
    AuditProgramme,
    AuditQuestion,
    CaseAudit,
    Grade,
    RecommendedAction,
    YesPartlyNo,
)
from earlyhelp.reporting.charts import bar_chart_svg
from earlyhelp.reporting.tables import Column, Row, Table, percent

GRADES: tuple[Grade, ...] = (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)
GOOD_OR_BETTER = frozenset({Grade.OUTSTANDING.value, Grade.GOOD.value})
YPN: tuple[YesPartlyNo, ...] = (YesPartlyNo.YES, YesPartlyNo.PARTLY, YesPartlyNo.NO)


@dataclass(frozen=True)
class _Question:
    pk: int
    label: str
    kind: str
    theme: str


@dataclass(frozen=True)
class ShownTable:
    """A table with its chart, for the page and the PDF."""

    table: Table
    chart: SafeString | None


def with_charts(tables: Sequence[Table]) -> list[ShownTable]:
    return [ShownTable(table=table, chart=bar_chart_svg(table)) for table in tables]


def _questions(programme: AuditProgramme) -> list[_Question]:
    rows = (
        AuditQuestion.objects.filter(section__template_id=programme.template_id)
        .order_by("section__order", "order", "pk")
        .values_list("pk", "section__order", "order", "text", "answer_kind", "theme")
    )
    return [
        _Question(pk=pk, label=f"{section_order}.{order} {text}", kind=kind, theme=theme)
        for pk, section_order, order, text, kind, theme in rows
    ]


def _themes(questions: Sequence[_Question], kind: str) -> list[str]:
    # dict keeps first appearance order.
    return list(dict.fromkeys(q.theme for q in questions if q.kind == kind))


def programme_findings(programme: AuditProgramme, *, today: datetime.date | None = None) -> list[Table]:
    """The programme's findings as report tables: summary, overall grades, graded and yes/partly/no themes,
    each question, and the agencies taking part. Five queries, whatever the programme's size."""
    today = today or timezone.localdate()

    questions = _questions(programme)
    cases = list(
        CaseAudit.objects.filter(programme=programme).values_list(
            "pk", "overall_grade", "moderated_at", "needs_social_care", "responded_at"
        )
    )
    agency_audits = list(
        AgencyAudit.objects.filter(case__programme=programme, submitted_at__isnull=False).values_list(
            "case_id", "agency_id", "agency__name", "proposed_grade"
        )
    )
    answer_counts: dict[int, Counter[str]] = defaultdict(Counter)
    for question_id, value, n in (
        AuditAnswer.objects.filter(agency_audit__case__programme=programme, agency_audit__submitted_at__isnull=False)
        .values("question_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("question_id", "value", "n")
    ):
        answer_counts[question_id][value] += n
    actions = list(RecommendedAction.objects.filter(case__programme=programme).values_list("due_on", "confirmation"))

    # The agreed grade of each moderated case.
    agreed = {pk: grade for pk, grade, moderated_at, _, _ in cases if moderated_at is not None}

    return [
        _summary(cases, agency_audits, actions, today),
        _overall(agreed),
        _graded_themes(questions, answer_counts),
        _ypn_themes(questions, answer_counts),
        _questions_table(questions, answer_counts),
        _agencies(agency_audits, agreed),
    ]


def _summary(
    cases: Sequence[tuple[int, str, datetime.datetime | None, bool, datetime.datetime | None]],
    agency_audits: Sequence[tuple[int, int, str, str]],
    actions: Sequence[tuple[datetime.date, str]],
    today: datetime.date,
) -> Table:
    figures = [
        ("Cases sampled", len(cases)),
        ("Agency audits sent", len(agency_audits)),
        ("Cases moderated", sum(1 for case in cases if case[2] is not None)),
        ("Cases escalated to children's social care", sum(1 for case in cases if case[3])),
        ("Recommended actions agreed", len(actions)),
        ("Actions confirmed done", sum(1 for _, confirmation in actions if confirmation == Confirmation.DONE)),
        (
            "Actions overdue",
            sum(1 for due_on, confirmation in actions if confirmation_overdue(due_on, confirmation, today)),
        ),
        ("Practitioner responses", sum(1 for case in cases if case[4] is not None)),
    ]
    return Table(
        key="summary",
        title="The programme in figures",
        row_heading="Measure",
        columns=[Column("Number")],
        rows=[Row(label=label, values=[value]) for label, value in figures],
        chart_column=None,
        note=(
            "Agency audits count once sent to the lead. An action is overdue when nobody has said whether it was "
            f"done {settings.ESCALATION_CONFIRM_WORKING_DAYS} working days after its due date, counted on "
            f"{today.day} {today:%B %Y}."
        ),
    )


def _overall(agreed: dict[int, str]) -> Table:
    counts = Counter(agreed.values())
    moderated = len(agreed)
    return Table(
        key="overall",
        title="Overall grade agreed at moderation",
        row_heading="Overall grade",
        columns=[Column("Cases"), Column("Share of moderated cases", "percent")],
        rows=[Row(label=grade.label, values=[counts[grade], percent(counts[grade], moderated)]) for grade in GRADES],
        chart_column=0,
        note=f"Only cases the programme's lead has moderated: {moderated} so far.",
    )


def _graded_themes(questions: Sequence[_Question], answer_counts: dict[int, Counter[str]]) -> Table:
    rows = []
    for theme in _themes(questions, AnswerKind.GRADE):
        counts: Counter[str] = Counter()
        for q in questions:
            if q.kind == AnswerKind.GRADE and q.theme == theme:
                counts.update(answer_counts.get(q.pk, Counter()))
        total = sum(counts[grade] for grade in GRADES)
        good = sum(counts[grade] for grade in GOOD_OR_BETTER)
        rows.append(Row(label=theme, values=[*(counts[grade] for grade in GRADES), total, percent(good, total)]))
    return Table(
        key="graded_themes",
        title="Graded questions, by theme",
        row_heading="Theme",
        columns=[*(Column(grade.label) for grade in GRADES), Column("Answers"), Column("Good or better", "percent")],
        rows=rows,
        chart_column=len(GRADES) + 1,
        note="Every agency's answer counts, from audits sent to the lead. Good or better is outstanding or good.",
    )


def _ypn_themes(questions: Sequence[_Question], answer_counts: dict[int, Counter[str]]) -> Table:
    rows = []
    for theme in _themes(questions, AnswerKind.YES_PARTLY_NO):
        counts: Counter[str] = Counter()
        for q in questions:
            if q.kind == AnswerKind.YES_PARTLY_NO and q.theme == theme:
                counts.update(answer_counts.get(q.pk, Counter()))
        total = sum(counts[value] for value in YPN)
        rows.append(
            Row(
                label=theme, values=[*(counts[value] for value in YPN), total, percent(counts[YesPartlyNo.YES], total)]
            )
        )
    return Table(
        key="ypn_themes",
        title="Yes, partly or no questions, by theme",
        row_heading="Theme",
        columns=[*(Column(value.label) for value in YPN), Column("Answers"), Column("Yes", "percent")],
        rows=rows,
        chart_column=len(YPN) + 1,
        note="Every agency's answer counts, from audits sent to the lead.",
    )


def _questions_table(questions: Sequence[_Question], answer_counts: dict[int, Counter[str]]) -> Table:
    rows = []
    for q in questions:
        counts = answer_counts.get(q.pk, Counter())
        if q.kind == AnswerKind.GRADE:
            total = sum(counts[grade] for grade in GRADES)
            best = sum(counts[grade] for grade in GOOD_OR_BETTER)
            worst = counts[Grade.INADEQUATE]
        else:
            total = sum(counts[value] for value in YPN)
            best = counts[YesPartlyNo.YES]
            worst = counts[YesPartlyNo.NO]
        rows.append(Row(label=q.label, values=[total, percent(best, total), percent(worst, total)]))
    return Table(
        key="questions",
        title="Each question",
        row_heading="Question",
        columns=[
            Column("Answers"),
            Column("Good or better, or yes", "percent"),
            Column("Inadequate, or no", "percent"),
        ],
        rows=rows,
        chart_column=None,
        note="Numbered by section and question. Graded questions count outstanding or good, and inadequate; the "
        "others count yes, and no.",
    )


def _agencies(agency_audits: Sequence[tuple[int, int, str, str]], agreed: dict[int, str]) -> Table:
    names: dict[int, str] = {}
    audited: Counter[int] = Counter()
    compared: Counter[int] = Counter()
    matched: Counter[int] = Counter()
    for case_id, agency_id, agency_name, proposed in agency_audits:
        names[agency_id] = agency_name
        audited[agency_id] += 1
        agreed_grade = agreed.get(case_id)
        if proposed and agreed_grade:
            compared[agency_id] += 1
            matched[agency_id] += int(proposed == agreed_grade)
    rows = [
        Row(label=name, values=[audited[pk], matched[pk], percent(matched[pk], compared[pk])])
        for pk, name in sorted(names.items(), key=lambda item: (item[1].lower(), item[0]))
    ]
    return Table(
        key="agencies",
        title="Agencies taking part",
        row_heading="Agency",
        columns=[
            Column("Cases audited"),
            Column("Proposed grade matched the agreed grade"),
            Column("Share matched", "percent"),
        ],
        rows=rows,
        chart_column=None,
        note="Cases audited counts the audits each agency sent. The share matched is of the moderated cases where "
        "the agency proposed a grade.",
    )
