"""Demand: who asks the front door for help, for which children, at what level of need, and what the requests
led to; with the caseload of episodes open at the end of the period and the episodes opened in it. Tables 1 to 3
of the seed report (cases open at the end of a quarter and new referrals; referrals by source; by age band) are
reproducible for any period.

Requests are counted from the moment the front door received them (`SupportRequest.submitted_at`, the start of its
one-working-day clock); drafts never submitted are not requests. A locality, team or agency filter counts a request
by the team of the episode it led to (see filters.py): a request that led to no episode is counted only unfiltered.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate

from earlyhelp.codes.lists import REFERRAL_SOURCE
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import Episode
from earlyhelp.frontdoor.models import ChildOutcome, Decision, Outcome, RequestPerson, RequestStatus, SupportRequest
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.tables import Column, Row, Table, percent
from earlyhelp.thresholds.models import Level

SLUG = "demand"

EPISODES_OPEN = metric(
    "demand.episodes_open",
    "Episodes open at period end",
    "Episodes of early help or family help open at the end of the last day of the period: opened (Episode.opened_at) "
    "before the end of the period and not closed (Episode.closed_at empty or after the end of the period), whether "
    "or not a lead practitioner has been allocated yet. Archived episodes are excluded. Filters by the team holding "
    "the episode. The seed report's 'cases open at the end of the quarter'.",
    section=SLUG,
)
EPISODES_NEW = metric(
    "demand.episodes_new",
    "New episodes",
    "Episodes opened in the period (Episode.opened_at on or between the first and last day), from a front-door "
    "decision or a step-down alike. Archived episodes are excluded. Filters by the team holding the episode.",
    section=SLUG,
)
REQUESTS = metric(
    "demand.requests",
    "Requests received",
    "Requests for support received by the front door in the period: submitted (SupportRequest.submitted_at, the "
    "moment the front door's clock starts) on or between the first and last day, whatever happened to them since "
    "(withdrawn requests included). A request naming three children counts once. Drafts never submitted and archived "
    "requests are excluded. With a locality, team or agency filter, only requests that led to an episode held by "
    "that team are counted. The seed report's 'new referrals'.",
    section=SLUG,
)
BY_SOURCE = metric(
    "demand.requests_by_source",
    "Requests by referral source",
    "Requests received (as demand.requests) by the CIN census referral source recorded on the request "
    "(SupportRequest.referral_source, the official 'referral_source' code list); 'Not recorded' when none was "
    "recorded. Each request counts under one source; the percentage is of all requests received.",
    section=SLUG,
)
CHILDREN_BY_AGE = metric(
    "demand.children_by_age",
    "Children in requests by age band",
    "Children named in requests received in the period (RequestPerson marked as a child, on a request counted by "
    "demand.requests); a child named in two requests counts twice. Age is in whole years on the date the request "
    "was received (UK date of SupportRequest.submitted_at), from the date of birth the referrer gave; a birthday on "
    "29 February is reached on 1 March in other years. Bands, by age rather than school year: Under 5 = aged 0 to 4 "
    "(and unborn children, with only an expected date of birth); Primary = 5 to 10; Secondary = 11 to 15; Post 16 = "
    "16 and over; Age not known = no date of birth and no expected date of birth. The percentage is of all children "
    "counted.",
    section=SLUG,
)
BY_LEVEL = metric(
    "demand.requests_by_level",
    "Requests by level of need",
    "Requests decided in the period (Decision.decided_at on or between the first and last day), by the level of "
    "need in the partnership's threshold document that the front door decided applied (Decision.level; levels with "
    "the same number in different versions of the document are counted together, under the newest version's "
    "name); the percentage is of all requests decided in the period. 'Not yet decided': requests received in the "
    "period (as demand.requests) with no decision by the end of the period, other than withdrawn ones.",
    section=SLUG,
)
DECISIONS = metric(
    "demand.decisions",
    "Decisions made",
    "Front-door decisions made in the period (Decision.decided_at on or between the first and last day) on "
    "requests that are not archived; one decision per request. With a locality, team or agency filter, only "
    "decisions that opened an episode held by that team.",
    section=SLUG,
)
LED_TO = metric(
    "demand.led_to",
    "What requests led to",
    "Decisions made in the period (as demand.decisions) by the outcome decided for the children in the request "
    "(ChildOutcome.outcome). One request can end in early help for one child and advice for another: a decision "
    "counts once under each different outcome it gave, so the rows can add up to more than the total. The "
    "percentage is of all decisions made in the period. 'No outcome recorded': decisions with no outcome for any "
    "child.",
    section=SLUG,
)

AGE_BANDS = [
    ("under_5", "Under 5"),
    ("primary", "Primary (5 to 10)"),
    ("secondary", "Secondary (11 to 15)"),
    ("post_16", "Post 16 (16 and over)"),
    ("unknown", "Age not known"),
]
NOT_RECORDED = "none"
NOT_DECIDED = "not-decided"
NO_OUTCOME = "no-outcome"
AGE_PREFIX = "age-"
ANY_CHILD = "children"


# Querysets: one per population, shared by build() and records() so a drill lists exactly what was counted.


def episodes(f: ReportFilter) -> QuerySet[Episode]:
    return Episode.objects.live().filter(**f.episode_scope())


def open_at_end(f: ReportFilter) -> Q:
    return Q(opened_at__lt=f.end_at) & (Q(closed_at__isnull=True) | Q(closed_at__gte=f.end_at))


def opened_in(f: ReportFilter) -> Q:
    return Q(opened_at__gte=f.start_at, opened_at__lt=f.end_at)


def _scoped_episodes(f: ReportFilter) -> QuerySet[Episode]:
    """The live episodes of the locality, team or agency chosen that came from a front-door decision."""
    return Episode.objects.live().filter(source_decision__isnull=False, **f.episode_scope())


def requests_received(f: ReportFilter) -> QuerySet[SupportRequest]:
    qs = (
        SupportRequest.objects.live()
        .exclude(status=RequestStatus.DRAFT)
        .filter(submitted_at__gte=f.start_at, submitted_at__lt=f.end_at)
    )
    if f.scoped:
        # An uncorrelated IN (computed once) rather than EXISTS per request: SQLite plans it far better.
        qs = qs.filter(pk__in=_scoped_episodes(f).values("source_decision__request_id"))
    return qs


def decisions_made(f: ReportFilter) -> QuerySet[Decision]:
    qs = Decision.objects.filter(
        request__archived_at__isnull=True, decided_at__gte=f.start_at, decided_at__lt=f.end_at
    )
    if f.scoped:
        qs = qs.filter(pk__in=_scoped_episodes(f).values("source_decision_id"))
    return qs


def not_yet_decided(f: ReportFilter) -> QuerySet[SupportRequest]:
    decided_by_end = Decision.objects.filter(request=OuterRef("pk"), decided_at__lt=f.end_at)
    return requests_received(f).exclude(status=RequestStatus.WITHDRAWN).filter(~Exists(decided_by_end))


def _requests_of(decisions: QuerySet[Decision]) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(pk__in=decisions.values("request_id"))


# Tables


def _overview(f: ReportFilter) -> Table:
    counts = episodes(f).aggregate(open=Count("pk", filter=open_at_end(f)), new=Count("pk", filter=opened_in(f)))
    received = requests_received(f).count()
    return Table(
        key="overview",
        title="Overview",
        row_heading="Measure",
        columns=[Column("Number")],
        rows=[
            Row("Episodes open at the end of the period", [counts["open"]], drill="open"),
            Row("New episodes opened in the period", [counts["new"]], drill="new"),
            Row("Requests received in the period", [received], drill="requests"),
        ],
        metrics=[EPISODES_OPEN, EPISODES_NEW, REQUESTS],
        chart_column=None,
    )


def _by_source(f: ReportFilter) -> Table:
    counts: dict[int | None, int] = {
        row["referral_source"]: row["n"]
        for row in requests_received(f).order_by().values("referral_source").annotate(n=Count("pk"))
    }
    total = sum(counts.values())
    codes = Code.objects.filter(list_name=REFERRAL_SOURCE).filter(Q(active=True) | Q(pk__in=[k for k in counts if k]))
    rows = [
        Row(
            f"{code.code} {code.label}",
            [counts.get(code.pk, 0), percent(counts.get(code.pk, 0), total)],
            drill=f"source-{code.code}",
        )
        for code in codes.order_by("order", "code")
    ]
    none = counts.get(None, 0)
    rows.append(Row("Not recorded", [none, percent(none, total)], drill=f"source-{NOT_RECORDED}"))
    rows.append(Row("Total", [total, percent(total, total)], drill="requests", total=True))
    return Table(
        key="by_source",
        title="Requests by referral source",
        row_heading="Referral source (CIN census)",
        columns=[Column("Requests"), Column("% of requests", "percent")],
        rows=rows,
        metrics=[BY_SOURCE, REQUESTS],
    )


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day`; someone born on 29 February reaches their birthday on 1 March in other years."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(born: datetime.date | None, unborn: bool, received_on: datetime.date) -> str:
    if born is None:
        return "under_5" if unborn else "unknown"
    age = age_on(born, received_on)
    if age < 5:
        return "under_5"
    if age < 11:
        return "primary"
    if age < 16:
        return "secondary"
    return "post_16"


def children_in_requests(f: ReportFilter) -> QuerySet[RequestPerson]:
    return RequestPerson.objects.filter(is_child=True, request__in=requests_received(f))


def _unborn() -> ExpressionWrapper:
    return ExpressionWrapper(Q(expected_date_of_birth__isnull=False), output_field=BooleanField())


def _age_counts(f: ReportFilter) -> dict[str, int]:
    """Children counted in the database by (UK date received, date of birth, unborn); each group is then put in
    its band. One query; the groups are at most one per distinct pair of dates."""
    groups = (
        children_in_requests(f)
        .order_by()
        .values_list(TruncDate("request__submitted_at"), "date_of_birth", _unborn())
        .annotate(n=Count("pk"))
    )
    counts: dict[str, int] = dict.fromkeys((key for key, _ in AGE_BANDS), 0)
    for received_on, born, unborn, n in groups:
        counts[age_band(born, bool(unborn), received_on)] += n
    return counts


def requests_naming_band(f: ReportFilter, band: str) -> QuerySet[SupportRequest]:
    """Requests received that name at least one child in `band`, by the same band logic as the figure: the
    children's (request, UK date received, date of birth, unborn) in one query, banded in Python. The period is
    bounded, so the list of matching requests is too."""
    ids = {
        request_id
        for request_id, received_on, born, unborn in children_in_requests(f)
        .order_by()
        .values_list("request_id", TruncDate("request__submitted_at"), "date_of_birth", _unborn())
        .distinct()
        if age_band(born, bool(unborn), received_on) == band
    }
    return requests_received(f).filter(pk__in=ids)


def _by_age(f: ReportFilter) -> Table:
    counts = _age_counts(f)
    total = sum(counts.values())
    rows = [
        Row(label, [counts.get(key, 0), percent(counts.get(key, 0), total)], drill=f"{AGE_PREFIX}{key}")
        for key, label in AGE_BANDS
    ]
    rows.append(Row("Total children", [total, percent(total, total)], drill=ANY_CHILD, total=True))
    return Table(
        key="by_age",
        title="Children in requests by age band",
        row_heading="Age band (age on the date received)",
        columns=[Column("Children"), Column("% of children", "percent")],
        rows=rows,
        metrics=[CHILDREN_BY_AGE],
        note="The figures count children, not requests: a request naming two children in a band counts twice in "
        "the figure. The link lists the requests naming them, each once, so it can be shorter than the figure.",
    )


def _by_level(f: ReportFilter) -> Table:
    counts = {
        row["level__number"]: row["n"]
        for row in decisions_made(f).order_by().values("level__number").annotate(n=Count("pk"))
    }
    names: dict[int, str] = {}
    for number, name in (
        Level.objects.filter(number__in=list(counts))
        .order_by("number", "-document__version")
        .values_list("number", "name")
    ):
        names.setdefault(number, name)
    total = sum(counts.values())
    rows = [
        Row(
            f"Level {number}: {names[number]}",
            [counts[number], percent(counts[number], total)],
            drill=f"level-{number}",
        )
        for number in sorted(counts)
    ]
    waiting = not_yet_decided(f).count()
    rows.append(Row("Not yet decided", [waiting, None], drill=NOT_DECIDED))
    rows.append(Row("Total decided", [total, percent(total, total)], drill="decided", total=True))
    return Table(
        key="by_level",
        title="Requests by level of need",
        row_heading="Level of need (front-door decision)",
        columns=[Column("Requests"), Column("% of decided", "percent")],
        rows=rows,
        metrics=[BY_LEVEL, DECISIONS],
    )


def _led_to(f: ReportFilter) -> Table:
    decisions = decisions_made(f)
    counts = {
        row["outcome"]: row["n"]
        for row in ChildOutcome.objects.filter(decision__in=decisions)
        .order_by()
        .values("outcome")
        .annotate(n=Count("decision", distinct=True))
    }
    totals = decisions.aggregate(
        total=Count("pk"), none=Count("pk", filter=~Exists(ChildOutcome.objects.filter(decision=OuterRef("pk"))))
    )
    total = totals["total"]
    rows = [
        Row(str(label), [counts.get(value, 0), percent(counts.get(value, 0), total)], drill=f"outcome-{value}")
        for value, label in Outcome.choices
    ]
    rows.append(Row("No outcome recorded", [totals["none"], percent(totals["none"], total)], drill=NO_OUTCOME))
    rows.append(Row("Decisions made", [total, percent(total, total)], drill="decided", total=True))
    return Table(
        key="led_to",
        title="What requests led to",
        row_heading="Outcome decided",
        columns=[Column("Decisions"), Column("% of decisions", "percent")],
        rows=rows,
        metrics=[LED_TO, DECISIONS],
    )


def build(f: ReportFilter) -> list[Table]:
    return [_overview(f), _by_source(f), _by_age(f), _by_level(f), _led_to(f)]


def records(f: ReportFilter, table: str, drill: str) -> QuerySet[Any]:
    """The episodes or requests behind one row of one table; nothing for a row without records."""
    if table == "overview" and drill == "open":
        return episodes(f).filter(open_at_end(f))
    if table == "overview" and drill == "new":
        return episodes(f).filter(opened_in(f))
    if table in ("overview", "by_source") and drill == "requests":
        return requests_received(f)
    if table == "by_source" and drill.startswith("source-"):
        code = drill.removeprefix("source-")
        if code == NOT_RECORDED:
            return requests_received(f).filter(referral_source__isnull=True)
        return requests_received(f).filter(referral_source__list_name=REFERRAL_SOURCE, referral_source__code=code)
    if table == "by_age" and drill == ANY_CHILD:
        return requests_received(f).filter(pk__in=children_in_requests(f).values("request_id"))
    if table == "by_age" and drill.startswith(AGE_PREFIX):
        band = drill.removeprefix(AGE_PREFIX)
        if band not in dict(AGE_BANDS):
            return SupportRequest.objects.none()
        return requests_naming_band(f, band)
    if table in ("by_level", "led_to") and drill == "decided":
        return _requests_of(decisions_made(f))
    if table == "by_level" and drill == NOT_DECIDED:
        return not_yet_decided(f)
    if table == "by_level" and drill.startswith("level-"):
        number = drill.removeprefix("level-")
        if not number.isdigit():
            return SupportRequest.objects.none()
        return _requests_of(decisions_made(f).filter(level__number=int(number)))
    if table == "led_to" and drill == NO_OUTCOME:
        return _requests_of(decisions_made(f).filter(~Exists(ChildOutcome.objects.filter(decision=OuterRef("pk")))))
    if table == "led_to" and drill.startswith("outcome-"):
        outcome = drill.removeprefix("outcome-")
        return _requests_of(
            decisions_made(f).filter(Exists(ChildOutcome.objects.filter(decision=OuterRef("pk"), outcome=outcome)))
        )
    return SupportRequest.objects.none()


section(
    Section(
        slug=SLUG,
        title="Demand",
        summary="Who asks for help, for whom, at what level of need, and what it leads to",
        build=build,
        records=records,
        order=10,
    )
)
