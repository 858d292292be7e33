"""Timeliness: whether the front door decides within one working day, whether assessments, plans and reviews meet
the partnership's local targets (the same targets the manager dashboard measures against), and whether referrers
are told what happened, and how soon.

Timescales count English working days, bank holidays included (earlyhelp.timescales). The working-day arithmetic
runs in Python over the few timestamps of the records in the period, fetched in one query per table, never one
query per record.
"""

from __future__ import annotations

import datetime
import functools
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Min, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from earlyhelp.episodes.models import Episode
from earlyhelp.frontdoor.models import SupportRequest
from earlyhelp.plans.models import Plan
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.sections.demand import decisions_made
from earlyhelp.reporting.tables import Column, Row, Table, percent
from earlyhelp.reviews.models import Review, ReviewStatus
from earlyhelp.timescales import LONDON, add_working_days, is_working_day, working_days_between
from earlyhelp.timescales.working_days import CLOCK_STARTS_AT

SLUG = "timeliness"
# The front door's clock (R1.12) and the referrer's feedback (R1.6): one working day each.
DECISION_WORKING_DAYS = 1
FEEDBACK_WORKING_DAYS = 1

DECISIONS = metric(
    "timeliness.decisions",
    "Front-door decisions made",
    "Decisions made by the front door in the period (Decision.decided_at on or between the first and last day) on "
    "requests that are not archived; one per request. With a locality, team or agency filter, only decisions that "
    "opened an episode held by that team.",
    section=SLUG,
)
DECIDED_IN_TIME = metric(
    "timeliness.decided_in_time",
    "Decided within one working day",
    "Decisions made in the period (as timeliness.decisions) made no later than one English working day after the "
    "front door received the request (SupportRequest.submitted_at): by the same clock time on the next working "
    "day; a request received on a weekend or bank holiday starts its clock at 09:00 on the next working day (R1.12). "
    "The percentage is of all decisions made in the period.",
    section=SLUG,
)
ASSESSMENTS_IN_TARGET = metric(
    "timeliness.assessments_in_target",
    "Assessments signed off within the local target",
    "Episodes whose first assessment was signed off by a manager in the period (the earliest "
    "Assessment.signed_off_at of the episode's assessments that are not archived, on or between the first and last "
    "day); within target when it was signed off within ASSESSMENT_TARGET_WORKING_DAYS English working days "
    "(30 unless the partnership sets otherwise) of the clock start: allocation to the team (Episode.allocated_at), "
    "or the episode's opening (Episode.opened_at) if it has no allocation time. Re-assessments are not counted. "
    "The target is the manager dashboard's. Archived episodes are excluded.",
    section=SLUG,
)
PLANS_IN_TARGET = metric(
    "timeliness.plans_in_target",
    "Plans approved within the local target",
    "Plans first approved by a manager in the period (Plan.first_approved_at on or between the first and last day; "
    "one plan per episode); within target when approved within PLAN_TARGET_WORKING_DAYS English working days "
    "(10 unless the partnership sets otherwise) of the clock start: the first sign-off of an assessment in the "
    "episode (earliest Assessment.signed_off_at). A plan approved with no assessment signed off is not within "
    "target. The target is the manager dashboard's. Archived plans and episodes are excluded.",
    section=SLUG,
)
REVIEWS_IN_TARGET = metric(
    "timeliness.reviews_in_target",
    "Reviews held by their due date",
    "Reviews completed in the period (Review.completed_at on or between the first and last day, status completed); "
    "within target when held (Review.held_on, or the date completed if no meeting date was recorded) on or before "
    "the date it was due (Review.due_on). The clock start is the plan's first approval for the first review and "
    "the date the previous review was held for each later one; reviews are due REVIEW_INTERVAL_DAYS calendar days "
    "later (42 unless the partnership sets otherwise), as on the manager dashboard. Each review counts, so an "
    "episode can count twice. Archived reviews and episodes are excluded.",
    section=SLUG,
)
FEEDBACK_SENT = metric(
    "timeliness.feedback_sent",
    "Feedback to referrers",
    "For requests decided in the period (as timeliness.decisions): whether the feedback to the referrer "
    "(Feedback.sent_at) has been sent, at any time up to when the report is run; sent within one working day when "
    "sent no later than one English working day after the decision (Decision.decided_at: the same clock time on the "
    "next working day, or 09:00 the working day after a weekend or bank holiday decision), as the front door's "
    "feedback clock. Median working days: the median of the number of English working days from the UK date of the "
    "decision to the UK date the feedback was sent, over feedback sent (0 = sent the same day). 'Not sent yet': "
    "no feedback sent by the time the report is run. Percentages are of requests decided in the period.",
    section=SLUG,
)


@dataclass
class _Decided:
    """The decisions in a period, with the facts the working-day clocks need."""

    request_ids: list[int] = field(default_factory=list)
    in_time: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    sent_in_time: list[int] = field(default_factory=list)
    sent_working_days: list[int] = field(default_factory=list)


@functools.lru_cache(maxsize=4096)
def _due_date(day: datetime.date, working_days: int) -> datetime.date:
    """The UK date a clock started on `day` is due: add_working_days, once per distinct day."""
    return add_working_days(datetime.datetime.combine(day, CLOCK_STARTS_AT, tzinfo=LONDON), working_days).date()


def _due(start: datetime.datetime, working_days: int) -> datetime.datetime:
    """Exactly `add_working_days(start, working_days)`, with the day arithmetic cached by UK date: a year of
    records shares a few hundred distinct days, so this saves most of the time on a large period."""
    local = start.astimezone(LONDON)
    day = local.date()
    begins = local.time() if is_working_day(day) else CLOCK_STARTS_AT
    return datetime.datetime.combine(_due_date(day, working_days), begins, tzinfo=LONDON)


def _local(value: datetime.datetime) -> datetime.date:
    return timezone.localdate(value)


def _decided(f: ReportFilter) -> _Decided:
    """One query: each decision's request, receipt, decision and feedback times."""
    facts = _Decided()
    rows = decisions_made(f).values_list(
        "request_id", "request__submitted_at", "decided_at", "request__feedback__sent_at"
    )
    for request_id, received, decided, sent in rows:
        facts.request_ids.append(request_id)
        if received is not None and decided <= _due(received, DECISION_WORKING_DAYS):
            facts.in_time.append(request_id)
        if sent is not None:
            facts.sent.append(request_id)
            facts.sent_working_days.append(working_days_between(_local(decided), _local(sent)))
            if sent <= _due(decided, FEEDBACK_WORKING_DAYS):
                facts.sent_in_time.append(request_id)
    return facts


def _in_period(f: ReportFilter, name: str) -> dict[str, datetime.datetime]:
    return {f"{name}__gte": f.start_at, f"{name}__lt": f.end_at}


def assessments_signed_off(f: ReportFilter) -> QuerySet[Any]:
    """Episodes whose first assessment was signed off in the period, annotated with `first_sign_off`."""
    return (
        Episode.objects.live()
        .filter(**f.episode_scope())
        .annotate(first_sign_off=Min("assessments__signed_off_at", filter=Q(assessments__archived_at__isnull=True)))
        .filter(**_in_period(f, "first_sign_off"))
    )


def plans_approved(f: ReportFilter) -> QuerySet[Any]:
    """Plans first approved in the period, annotated with their episode's first assessment sign-off."""
    return (
        Plan.objects.live()
        .filter(
            episode__archived_at__isnull=True, **f.episode_scope("episode__"), **_in_period(f, "first_approved_at")
        )
        .annotate(
            first_sign_off=Min(
                "episode__assessments__signed_off_at", filter=Q(episode__assessments__archived_at__isnull=True)
            )
        )
    )


def reviews_completed(f: ReportFilter) -> QuerySet[Review]:
    return Review.objects.live().filter(
        status=ReviewStatus.COMPLETED,
        episode__archived_at__isnull=True,
        **f.episode_scope("episode__"),
        **_in_period(f, "completed_at"),
    )


def _assessments_in_target(f: ReportFilter) -> tuple[list[int], list[int]]:
    target = settings.ASSESSMENT_TARGET_WORKING_DAYS
    counted, in_target = [], []
    for pk, signed_off, allocated, opened in assessments_signed_off(f).values_list(
        "pk", "first_sign_off", "allocated_at", "opened_at"
    ):
        counted.append(pk)
        if signed_off <= _due(allocated or opened, target):
            in_target.append(pk)
    return counted, in_target


def _plans_in_target(f: ReportFilter) -> tuple[list[int], list[int]]:
    target = settings.PLAN_TARGET_WORKING_DAYS
    counted, in_target = [], []
    for episode_id, approved, signed_off in plans_approved(f).values_list(
        "episode_id", "first_approved_at", "first_sign_off"
    ):
        counted.append(episode_id)
        if signed_off is not None and approved <= _due(signed_off, target):
            in_target.append(episode_id)
    return counted, in_target


def _reviews_in_target(f: ReportFilter) -> dict[str, int]:
    held = Coalesce("held_on", TruncDate("completed_at"))
    return (
        reviews_completed(f)
        .annotate(held=held)
        .aggregate(n=Count("pk"), within=Count("pk", filter=Q(held__lte=F("due_on"))))
    )


def _share(part: Iterable[Any], whole: Iterable[Any]) -> list[Any]:
    n, m = len(list(part)), len(list(whole))
    return [n, percent(n, m)]


def _decisions_table(facts: _Decided) -> Table:
    total = len(facts.request_ids)
    late = total - len(facts.in_time)
    return Table(
        key="decisions",
        title="Front door decisions",
        row_heading="Decisions",
        columns=[Column("Decisions"), Column("% of decisions", "percent")],
        rows=[
            Row("Decisions made in the period", [total, percent(total, total)], drill="decided", total=True),
            Row("Within 1 working day of receipt", _share(facts.in_time, facts.request_ids), drill="in-time"),
            Row("Later than 1 working day", [late, percent(late, total)], drill="late"),
        ],
        metrics=[DECISIONS, DECIDED_IN_TIME],
    )


def _targets_table(f: ReportFilter) -> Table:
    assessed, assessed_in = _assessments_in_target(f)
    planned, planned_in = _plans_in_target(f)
    reviews = _reviews_in_target(f)
    return Table(
        key="targets",
        title="Assessments, plans and reviews within local targets",
        row_heading="Stage",
        columns=[Column("Number"), Column("Within target"), Column("% within target", "percent")],
        rows=[
            Row(
                f"Assessments signed off (target {settings.ASSESSMENT_TARGET_WORKING_DAYS} working days from "
                "allocation)",
                [len(assessed), len(assessed_in), percent(len(assessed_in), len(assessed))],
                drill="assessments",
            ),
            Row(
                f"Plans first approved (target {settings.PLAN_TARGET_WORKING_DAYS} working days from assessment "
                "sign-off)",
                [len(planned), len(planned_in), percent(len(planned_in), len(planned))],
                drill="plans",
            ),
            Row(
                "Reviews completed (held by the due date)",
                [reviews["n"], reviews["within"], percent(reviews["within"], reviews["n"])],
                drill="reviews",
            ),
        ],
        metrics=[ASSESSMENTS_IN_TARGET, PLANS_IN_TARGET, REVIEWS_IN_TARGET],
        chart_column=2,
        note="Each row's records are the episodes counted in its first column. Reviews are counted one by one and "
        "one episode can have several reviews, so the reviews row lists the episodes of the reviews counted, each "
        "once: the list can be shorter than the figure.",
    )


def _feedback_table(facts: _Decided) -> Table:
    total = len(facts.request_ids)
    not_sent = total - len(facts.sent)
    median = float(statistics.median(facts.sent_working_days)) if facts.sent_working_days else None
    return Table(
        key="feedback",
        title="Feedback to referrers",
        row_heading="Requests decided in the period",
        columns=[Column("Requests"), Column("% of decided", "percent"), Column("Median working days", "days")],
        rows=[
            Row("Requests decided in the period", [total, percent(total, total), None], drill="decided", total=True),
            Row("Feedback sent", [*_share(facts.sent, facts.request_ids), median], drill="sent"),
            Row(
                "Sent within 1 working day of the decision",
                [*_share(facts.sent_in_time, facts.request_ids), None],
                drill="sent-in-time",
            ),
            Row("Not sent yet", [not_sent, percent(not_sent, total), None], drill="not-sent"),
        ],
        metrics=[FEEDBACK_SENT, DECISIONS],
    )


def build(f: ReportFilter) -> list[Table]:
    facts = _decided(f)
    return [_decisions_table(facts), _targets_table(f), _feedback_table(facts)]


def records(f: ReportFilter, table: str, drill: str) -> QuerySet[Any]:
    """The requests or episodes behind one row of one table; nothing for a row without records."""
    if table in ("decisions", "feedback"):
        requests = SupportRequest.objects.filter(pk__in=decisions_made(f).values("request_id"))
        if drill == "decided":
            return requests
        if table == "decisions" and drill in ("in-time", "late"):
            in_time = _decided(f).in_time
            return requests.filter(pk__in=in_time) if drill == "in-time" else requests.exclude(pk__in=in_time)
        if table == "feedback" and drill == "sent":
            return requests.filter(feedback__sent_at__isnull=False)
        if table == "feedback" and drill == "not-sent":
            return requests.exclude(feedback__sent_at__isnull=False)
        if table == "feedback" and drill == "sent-in-time":
            return requests.filter(pk__in=_decided(f).sent_in_time)
    if table == "targets" and drill == "assessments":
        return Episode.objects.filter(pk__in=_assessments_in_target(f)[0])
    if table == "targets" and drill == "plans":
        return Episode.objects.filter(pk__in=_plans_in_target(f)[0])
    if table == "targets" and drill == "reviews":
        return Episode.objects.filter(pk__in=reviews_completed(f).values("episode_id"))
    return SupportRequest.objects.none()


section(
    Section(
        slug=SLUG,
        title="Timeliness",
        summary="Decisions within a working day, assessments, plans and reviews within local targets, and feedback "
        "to referrers",
        build=build,
        records=records,
        order=20,
    )
)
