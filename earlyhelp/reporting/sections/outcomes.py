"""Did help make a difference? Outcomes rated at closure for each area of need (the seed report's Table 4 for any
period), distance travelled on the outcome tools, whether families stayed out of services six and twelve months
after closure, and the Supporting Families families eligible and claimed."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from earlyhelp.assessments.models import Assessment, AssessmentStatus
from earlyhelp.closures.models import Closure, ClosureStatus, FollowUpCheck, Improvement, NeedOutcome
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.needs.models import EpisodeNeed
from earlyhelp.outcometools.models import Score, ToolArea
from earlyhelp.plans.models import Plan
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.tables import Column, Row, Table, percent
from earlyhelp.supportingfamilies.models import Claim
from earlyhelp.supportingfamilies.rules import STATUS_LABELS, Facts, NeedFact, Status, claim_status
from earlyhelp.supportingfamilies.selectors import SUSTAINMENT_MONTHS

SLUG = "outcomes"

NEED_CASES = metric(
    "outcomes.need_cases",
    "Closed episodes with the need",
    "Episodes whose closure was approved in the period (the closure's decision date), counted under each area of "
    "need rated at that closure. Closures archived or later reopened, and needs archived, are excluded. An episode "
    "with three needs counts once under each of the three areas.",
    section=SLUG,
)
NEED_IMPROVEMENT = metric(
    "outcomes.need_improvement",
    "Improvement at closure",
    "Of the needs in one area rated at closures approved in the period, the share rated no improvement, some "
    "improvement and significant improvement against the area's descriptors.",
    section=SLUG,
)
DISTANCE_PAIRS = metric(
    "outcomes.distance_pairs",
    "Reading pairs",
    "For episodes closed in the period (the episode's closing date; archived episodes and readings excluded): "
    "for each person and outcome tool, the first reading (earliest date) and the latest reading (latest date) in "
    "the episode, when they are two different readings. A pair counts for a tool area when both readings scored "
    "that area.",
    section=SLUG,
)
DISTANCE_CHANGE = metric(
    "outcomes.distance_change",
    "Distance travelled",
    "The mean of (latest score minus first score) over the reading pairs of a tool area, turned round for tools "
    "where a lower score is better (Graded Care Profile 2), so a positive figure is always an improvement. "
    "Improved: pairs whose change is above zero.",
    section=SLUG,
)
SUSTAINED = metric(
    "outcomes.sustained",
    "Sustained outcomes",
    "Follow-up checks of approved closures completed in the period (the date the check was recorded), six and "
    "twelve months after closure. Nothing found: the check found no new request, no new episode and no step-up to "
    "social care for the family's children (the check's 'came back' answer is no).",
    section=SLUG,
)
SF_ELIGIBLE = metric(
    "outcomes.sf_eligible",
    "Supporting Families: families with enough headlines",
    "Episodes open at any time in the period (opened before its end and not closed before its start; archived "
    "excluded) with live needs under at least SUPPORTING_FAMILIES_MIN_HEADLINES distinct Supporting Families "
    "headline outcomes. Each is shown by its Supporting Families status today, computed by the same rules as the "
    "claims page (a family also needs a lead practitioner, a signed-off assessment and an approved plan to be "
    "eligible).",
    section=SLUG,
)
SF_CLAIMS = metric(
    "outcomes.sf_claims",
    "Supporting Families claims made",
    "Supporting Families claims recorded in the period (the claim date), for the episodes in the team, agency or "
    "locality chosen.",
    section=SLUG,
)


# 1. Outcomes at closure by need (seed report Table 4)


def _rated(f: ReportFilter) -> QuerySet[NeedOutcome]:
    return NeedOutcome.objects.filter(
        closure__status=ClosureStatus.APPROVED,
        closure__decided_at__gte=f.start_at,
        closure__decided_at__lt=f.end_at,
        closure__archived_at__isnull=True,
        closure__reopened_at__isnull=True,
        closure__episode__archived_at__isnull=True,
        need__archived_at__isnull=True,
        **f.episode_scope("closure__episode__"),
    )


def _by_need(f: ReportFilter) -> Table:
    rows_data = (
        _rated(f)
        .values("need__area_id", "need__area__label", "need__area__order")
        .annotate(
            cases=Count("closure__episode", distinct=True),
            rated=Count("pk"),
            none=Count("pk", filter=Q(improvement=Improvement.NONE)),
            some=Count("pk", filter=Q(improvement=Improvement.SOME)),
            significant=Count("pk", filter=Q(improvement=Improvement.SIGNIFICANT)),
        )
        .order_by("need__area__order", "need__area__label")
    )
    rows: list[Row] = []
    totals = {"rated": 0, "none": 0, "some": 0, "significant": 0}
    for item in rows_data:
        for key in totals:
            totals[key] += item[key]
        rows.append(
            Row(
                item["need__area__label"],
                [
                    item["cases"],
                    percent(item["none"], item["rated"]),
                    percent(item["some"], item["rated"]),
                    percent(item["significant"], item["rated"]),
                ],
                drill=f"need:{item['need__area_id']}",
            )
        )
    episodes = _rated(f).values("closure__episode").distinct().count()
    rows.append(
        Row(
            "All needs",
            [
                episodes,
                percent(totals["none"], totals["rated"]),
                percent(totals["some"], totals["rated"]),
                percent(totals["significant"], totals["rated"]),
            ],
            drill="need:all",
            total=True,
        )
    )
    return Table(
        key="by_need",
        title="Outcomes at closure by need",
        row_heading="Area of need",
        columns=[
            Column("Closed episodes"),
            Column("No improvement", "percent"),
            Column("Some improvement", "percent"),
            Column("Significant improvement", "percent"),
        ],
        rows=rows,
        metrics=[NEED_CASES, NEED_IMPROVEMENT],
        chart_column=3,
        note="Percentages are of the needs rated in each area; the total row's episodes count each episode once.",
    )


# 2. Distance travelled


def _closed_in_period(f: ReportFilter) -> QuerySet[Episode]:
    return Episode.objects.filter(
        status=EpisodeStatus.CLOSED,
        closed_at__gte=f.start_at,
        closed_at__lt=f.end_at,
        archived_at__isnull=True,
        **f.episode_scope(),
    )


def _pairs(f: ReportFilter) -> dict[int, list[tuple[int, int]]]:
    """Tool area -> (episode, raw change: latest minus first) for each reading pair counted, in one query."""
    scores = (
        Score.objects.filter(
            reading__episode__in=_closed_in_period(f).values("pk"),
            reading__archived_at__isnull=True,
        )
        .order_by("reading__taken_on", "reading_id")
        .values_list(
            "reading__episode_id",
            "reading__person_id",
            "reading__tool_id",
            "reading_id",
            "area_id",
            "value",
        )
    )
    # (episode, person, tool) -> readings in date order, each {area: value}.
    readings: dict[tuple[int, int, int], dict[int, dict[int, int]]] = defaultdict(dict)
    for episode_id, person_id, tool_id, reading_id, area_id, value in scores:
        readings[(episode_id, person_id, tool_id)].setdefault(reading_id, {})[area_id] = value
    pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (episode_id, _, _), by_reading in readings.items():
        if len(by_reading) < 2:
            continue
        ordered = list(by_reading.values())  # insertion order is date order
        first, latest = ordered[0], ordered[-1]
        for area_id in first.keys() & latest.keys():
            pairs[area_id].append((episode_id, latest[area_id] - first[area_id]))
    return pairs


def _distance(f: ReportFilter) -> Table:
    pairs = _pairs(f)
    areas = (
        ToolArea.objects.filter(pk__in=list(pairs))
        .select_related("tool")
        .order_by("tool__order", "tool__name", "order", "pk")
    )
    rows = []
    for area in areas:
        sign = 1 if area.tool.higher_is_better else -1
        values = [sign * change for _, change in pairs[area.pk]]
        rows.append(
            Row(
                f"{area.tool.name}: {area.label}",
                [len(values), sum(values) / len(values), sum(1 for v in values if v > 0)],
                drill=f"area:{area.pk}",
            )
        )
    return Table(
        key="distance",
        title="Distance travelled",
        row_heading="Outcome tool and area",
        columns=[Column("Reading pairs"), Column("Mean change", "decimal"), Column("Improved")],
        rows=rows,
        metrics=[DISTANCE_PAIRS, DISTANCE_CHANGE],
        chart_column=1,
        note=(
            "A positive mean change is an improvement, whichever way the tool scores. The figures count reading "
            "pairs; the link lists the episodes they were taken in."
        ),
    )


# 3. Sustained outcomes


def _checks(f: ReportFilter, months: int) -> QuerySet[FollowUpCheck]:
    return FollowUpCheck.objects.filter(
        months=months,
        checked_at__gte=f.start_at,
        checked_at__lt=f.end_at,
        episode__archived_at__isnull=True,
        **f.episode_scope("episode__"),
    )


SUSTAIN_MONTHS = (6, 12)


def _sustained(f: ReportFilter) -> Table:
    counts = (
        FollowUpCheck.objects.filter(
            months__in=SUSTAIN_MONTHS,
            checked_at__gte=f.start_at,
            checked_at__lt=f.end_at,
            episode__archived_at__isnull=True,
            **f.episode_scope("episode__"),
        )
        .values("months")
        .annotate(checks=Count("pk"), clear=Count("pk", filter=Q(came_back=False)))
    )
    by_months = {item["months"]: item for item in counts}
    rows = []
    for months in SUSTAIN_MONTHS:
        item = by_months.get(months, {"checks": 0, "clear": 0})
        rows.append(
            Row(
                f"{months} months after closure",
                [item["checks"], item["clear"], percent(item["clear"], item["checks"])],
                drill=f"months:{months}",
            )
        )
    return Table(
        key="sustained",
        title="Sustained outcomes",
        row_heading="Follow-up check",
        columns=[Column("Checks completed"), Column("Nothing found"), Column("Sustained", "percent")],
        rows=rows,
        metrics=[SUSTAINED],
        chart_column=2,
    )


# 4. Supporting Families


def _sf_candidates(f: ReportFilter) -> QuerySet[Episode]:
    return (
        Episode.objects.filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=f.start_at),
            opened_at__lt=f.end_at,
            archived_at__isnull=True,
            **f.episode_scope(),
        )
        .annotate(
            headline_count=Count("needs__area__sf_headline", filter=Q(needs__archived_at__isnull=True), distinct=True)
        )
        .filter(headline_count__gte=settings.SUPPORTING_FAMILIES_MIN_HEADLINES)
    )


def _sf_by_status(f: ReportFilter) -> dict[Status, list[int]]:
    """The candidates by Supporting Families status, by the same facts and rules as the claims page
    (supportingfamilies.selectors.sf_statuses) but read as plain values in a fixed number of queries: building
    the claims page's evidence objects for thousands of episodes would be too slow for a report."""
    candidates = _sf_candidates(f)
    ids = candidates.values("pk")
    episodes = list(candidates.values_list("pk", "status", "lead_practitioner_id"))
    if not episodes:
        return {}
    needs: dict[int, list[tuple[int, str, str | None]]] = defaultdict(list)
    for episode_id, need_id, label, headline in (
        EpisodeNeed.objects.live()
        .filter(episode__in=ids)
        .order_by("area__order", "pk")
        .values_list("episode_id", "pk", "area__label", "area__sf_headline__code")
    ):
        needs[episode_id].append((need_id, label, headline))
    with_children = set(
        EpisodeChild.objects.filter(episode__in=ids, ended_at__isnull=True).values_list("episode_id", flat=True)
    )
    signed_off = set(
        Assessment.objects.live()
        .filter(episode__in=ids, signed_off_at__isnull=False)
        .filter(status__in=[AssessmentStatus.SIGNED_OFF, AssessmentStatus.SUPERSEDED])
        .values_list("episode_id", flat=True)
    )
    approved = set(
        Plan.objects.filter(episode__in=ids, first_approved_at__isnull=False).values_list("episode_id", flat=True)
    )
    closures_qs = Closure.objects.filter(
        episode__in=ids, status=ClosureStatus.APPROVED, reopened_at__isnull=True, archived_at__isnull=True
    )
    closures: dict[int, int] = {}  # episode -> its latest approved closure
    for episode_id, closure_id in closures_qs.order_by("-decided_at", "-pk").values_list("episode_id", "pk"):
        closures.setdefault(episode_id, closure_id)
    ratings = {
        (closure_id, need_id): improvement
        for closure_id, need_id, improvement in NeedOutcome.objects.filter(closure__in=closures_qs).values_list(
            "closure_id", "need_id", "improvement"
        )
    }
    checks = {
        closure_id: (checked_at, came_back)
        for closure_id, checked_at, came_back in FollowUpCheck.objects.filter(
            closure__in=closures_qs, months=SUSTAINMENT_MONTHS
        ).values_list("closure_id", "checked_at", "came_back")
    }
    claimed = set(Claim.objects.filter(episode__in=ids).values_list("episode_id", flat=True))
    by_status: dict[Status, list[int]] = defaultdict(list)
    for pk, status, lead_id in episodes:
        closure = closures.get(pk) if status == EpisodeStatus.CLOSED else None
        checked_at, came_back = checks.get(closure, (None, None)) if closure else (None, None)
        facts = Facts(
            has_children=pk in with_children,
            needs=tuple(
                NeedFact(
                    label=label,
                    headline=headline,
                    improvement=ratings.get((closure, need_id)) if closure else None,
                )
                for need_id, label, headline in needs[pk]
            ),
            assessment_signed_off=pk in signed_off,
            has_lead=lead_id is not None,
            plan_approved=pk in approved,
            closed=closure is not None,
            follow_up_checked=checked_at is not None,
            came_back=came_back,
            claimed=pk in claimed,
        )
        by_status[claim_status(facts).status].append(pk)
    return by_status


def _claims(f: ReportFilter) -> QuerySet[Claim]:
    return Claim.objects.filter(
        claimed_at__gte=f.start_at,
        claimed_at__lt=f.end_at,
        episode__archived_at__isnull=True,
        **f.episode_scope("episode__"),
    )


def _supporting_families(f: ReportFilter) -> Table:
    by_status = _sf_by_status(f)
    total = sum(len(ids) for ids in by_status.values())
    rows = [
        Row(
            f"Open in the period with needs under {settings.SUPPORTING_FAMILIES_MIN_HEADLINES} or more headlines",
            [total],
            drill="sf:all",
            total=True,
        )
    ]
    rows += [
        Row(f"… {STATUS_LABELS[status]}", [len(by_status.get(status, []))], drill=f"sf:{status.value}")
        for status in Status
    ]
    rows.append(Row("Claims made in the period", [_claims(f).count()], drill="claims"))
    return Table(
        key="supporting_families",
        title="Supporting Families",
        row_heading="Families (episodes)",
        columns=[Column("Episodes")],
        rows=rows,
        metrics=[SF_ELIGIBLE, SF_CLAIMS],
        chart_column=None,
        note="Status is as the record stands today, by the Supporting Families rules.",
    )


def build(f: ReportFilter) -> list[Table]:
    return [_by_need(f), _distance(f), _sustained(f), _supporting_families(f)]


def records(f: ReportFilter, table: str, drill: str) -> QuerySet[Any]:
    """The episodes behind one row of one table."""
    kind, _, value = drill.partition(":")
    if table == "by_need" and kind == "need":
        rated = _rated(f)
        if value != "all":
            if not value.isdigit():
                return Episode.objects.none()
            rated = rated.filter(need__area_id=int(value))
        return Episode.objects.filter(pk__in=rated.values("closure__episode_id"))
    if table == "distance" and kind == "area" and value.isdigit():
        return Episode.objects.filter(pk__in=sorted({episode_id for episode_id, _ in _pairs(f).get(int(value), [])}))
    if table == "sustained" and kind == "months" and value.isdigit() and int(value) in SUSTAIN_MONTHS:
        return Episode.objects.filter(pk__in=_checks(f, int(value)).values("episode_id"))
    if table == "supporting_families":
        if kind == "claims":
            return Episode.objects.filter(pk__in=_claims(f).values("episode_id"))
        if kind == "sf" and value == "all":
            return Episode.objects.filter(pk__in=_sf_candidates(f).values("pk"))
        if kind == "sf" and value in {s.value for s in Status}:
            return Episode.objects.filter(pk__in=_sf_by_status(f).get(Status(value), []))
    return Episode.objects.none()


section(
    Section(
        slug=SLUG,
        title="Outcomes",
        summary="Whether help made a difference, and whether it lasted",
        build=build,
        records=records,
        order=40,
    )
)
