"""Flow: how families move between early help and children's social care (step-ups and step-downs), how often
children come back to the front door soon after a decision or after help ended, children asked about again and
again without ever being assessed, and children with an identified need and no help in place (R1.7, R1.8)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from earlyhelp.assessments.models import Assessment
from earlyhelp.episodes.models import Episode, EpisodeChild
from earlyhelp.frontdoor.models import ChildOutcome, Outcome, RequestPerson, RequestStatus, SupportRequest
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.tables import Column, Row, Table, percent
from earlyhelp.transitions.models import SocialCareDecision, StepDown, StepUp, StepUpStatus

SLUG = "flow"
YEAR = datetime.timedelta(days=365)


def year_before(moment: datetime.datetime) -> datetime.datetime:
    """The same local time a calendar year earlier (29 February becomes 28 February)."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    day = 28 if (local.month, local.day) == (2, 29) else local.day
    return timezone.make_aware(local.replace(year=local.year - 1, day=day))


STEP_UPS = metric(
    "flow.step_ups",
    "Step-ups sent",
    "Step-ups to children's social care sent in the period (the date the step-up was sent), by social care's "
    "decision as recorded now: accepted for a social work assessment, strategy discussion, back to early help; "
    "'waiting' when sent or received and not yet decided; 'withdrawn' when the lead withdrew it. Archived "
    "step-ups are excluded. Team, agency and locality filters apply through the episode stepped up. The records "
    "behind a row are the episodes stepped up.",
    section=SLUG,
)
STEP_DOWNS = metric(
    "flow.step_downs",
    "Step-downs recorded",
    "Step-downs from children's social care recorded by the front door in the period (the date recorded), split "
    "by whether the step-down is linked to an earlier step-up from early help. Archived step-downs are excluded. "
    "Team, agency and locality filters apply through the episode opened or joined for the step-down.",
    section=SLUG,
)
REQUESTS_RECEIVED = metric(
    "flow.requests_received",
    "Requests received",
    "Requests for support submitted to the front door in the period (the date submitted). Drafts and archived "
    "requests are excluded. Team, agency and locality filters apply through the team of the episode the "
    "request's decision opened.",
    section=SLUG,
)
AFTER_DECISION = metric(
    "flow.after_decision",
    "New requests within 12 months of a decision",
    "Requests received in the period naming a child (as a child, matched to the register) who was named in an "
    "earlier request that the front door decided in the 365 days before this request was submitted. Children "
    "not yet matched to the register cannot be recognised and do not count.",
    section=SLUG,
)
AFTER_CLOSURE = metric(
    "flow.after_closure",
    "New requests within 12 months of a closure",
    "Requests received in the period naming a child (matched to the register) who was a child in an episode of "
    "early help closed in the 365 days before this request was submitted. Archived episodes are excluded.",
    section=SLUG,
)
REPEAT_WITHOUT_ASSESSMENT = metric(
    "flow.repeat_without_assessment",
    "Repeat requests without an assessment",
    "Children (matched to the register) named as a child in two or more requests submitted in the 12 months to "
    "the end of the period, for whom no early help assessment was started (any assessment not archived, started "
    "before the end of the period) in an episode they were part of that was open at any time in those 12 months. "
    "The requests column counts those children's requests in the 12 months; the records behind the row are those "
    "requests. Drafts and archived requests are excluded.",
    section=SLUG,
)
UNMET_NEED = metric(
    "flow.unmet_need",
    "Identified need, no help in place",
    "Children whose request was decided in the period (the decision date) with 'a need has been identified', "
    "whose outcome was no further action and for whom no offer of help was recorded: the same definition as the "
    "front door's 'Identified need, no help in place' list. No further action means no episode opened and no "
    "service signposted (those are other outcomes). By the level of need of the decision. The requests column "
    "counts the requests naming those children; the records behind a row are those requests.",
    section=SLUG,
)


def _live_requests() -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(archived_at__isnull=True, submitted_at__isnull=False).exclude(
        status=RequestStatus.DRAFT
    )


def _scope_requests(requests: QuerySet[SupportRequest], f: ReportFilter) -> QuerySet[SupportRequest]:
    """Requests are counted by the team of the episode their decision opened (filters.py)."""
    if not f.scoped:
        return requests
    led_to = Episode.objects.filter(
        source_decision__request_id=OuterRef("pk"), archived_at__isnull=True, **f.episode_scope()
    )
    return requests.filter(Exists(led_to))


def _in_period(f: ReportFilter, field: str) -> dict[str, Any]:
    return {f"{field}__gte": f.start_at, f"{field}__lt": f.end_at}


# Step-ups and step-downs -------------------------------------------------------------------------------------


WAITING = [StepUpStatus.SENT, StepUpStatus.RECEIVED]


def _step_ups(f: ReportFilter) -> QuerySet[StepUp]:
    return StepUp.objects.filter(archived_at__isnull=True, **_in_period(f, "sent_at"), **f.episode_scope("episode__"))


def _step_up_rows() -> list[tuple[str, str, Q]]:
    rows = [
        (value, label, Q(status=StepUpStatus.DECIDED, decision=value)) for value, label in SocialCareDecision.choices
    ]
    rows.append(("waiting", "Waiting for social care's decision", Q(status__in=WAITING)))
    rows.append(("withdrawn", "Withdrawn", Q(status=StepUpStatus.WITHDRAWN)))
    return rows


def _step_up_table(f: ReportFilter) -> Table:
    rows = _step_up_rows()
    counts = _step_ups(f).aggregate(
        total=Count("pk"), **{key: Count("pk", filter=condition) for key, _, condition in rows}
    )
    total = counts["total"]
    return Table(
        key="step_ups",
        title="Step-ups to children's social care sent in the period",
        row_heading="Social care's decision",
        columns=[Column("Step-ups"), Column("Share", "percent")],
        rows=[
            *(Row(label, [counts[key], percent(counts[key], total)], drill=key) for key, label, _ in rows),
            Row("Total", [total, percent(total, total)], drill="all", total=True),
        ],
        metrics=[STEP_UPS],
        note="An episode stepped up twice in the period is listed once in its records.",
    )


def _step_downs(f: ReportFilter) -> QuerySet[StepDown]:
    return StepDown.objects.filter(
        archived_at__isnull=True, **_in_period(f, "recorded_at"), **f.episode_scope("episode__")
    )


def _step_down_table(f: ReportFilter) -> Table:
    counts = _step_downs(f).aggregate(
        total=Count("pk"),
        linked=Count("pk", filter=Q(step_up__isnull=False)),
        unlinked=Count("pk", filter=Q(step_up__isnull=True)),
    )
    return Table(
        key="step_downs",
        title="Step-downs from children's social care recorded in the period",
        row_heading="Step-down",
        columns=[Column("Step-downs")],
        rows=[
            Row("After a step-up from early help", [counts["linked"]], drill="linked"),
            Row("Not linked to a step-up", [counts["unlinked"]], drill="unlinked"),
            Row("Total", [counts["total"]], drill="all", total=True),
        ],
        metrics=[STEP_DOWNS],
    )


# Re-referrals ----------------------------------------------------------------------------------------------


def _named_again_after_decision() -> Exists:
    """The request names a child who was named in an earlier request decided in the 365 days before it."""
    earlier = RequestPerson.objects.filter(
        matched_person_id=OuterRef("matched_person_id"),
        request__archived_at__isnull=True,
        request__decision__decided_at__lt=OuterRef(OuterRef("submitted_at")),
        request__decision__decided_at__gte=OuterRef(OuterRef("submitted_at")) - YEAR,
    )
    named = RequestPerson.objects.filter(request_id=OuterRef("pk"), is_child=True, matched_person__isnull=False)
    return Exists(named.filter(Exists(earlier)))


def _named_again_after_closure() -> Exists:
    closed = EpisodeChild.objects.filter(
        person_id=OuterRef("matched_person_id"),
        episode__archived_at__isnull=True,
        episode__closed_at__lt=OuterRef(OuterRef("submitted_at")),
        episode__closed_at__gte=OuterRef(OuterRef("submitted_at")) - YEAR,
    )
    named = RequestPerson.objects.filter(request_id=OuterRef("pk"), is_child=True, matched_person__isnull=False)
    return Exists(named.filter(Exists(closed)))


def _received(f: ReportFilter) -> QuerySet[SupportRequest]:
    return _scope_requests(_live_requests().filter(**_in_period(f, "submitted_at")), f)


def _rereferral_table(f: ReportFilter) -> Table:
    counts = _received(f).aggregate(
        total=Count("pk"),
        after_decision=Count("pk", filter=_named_again_after_decision()),
        after_closure=Count("pk", filter=_named_again_after_closure()),
    )
    total = counts["total"]
    return Table(
        key="rereferrals",
        title="New requests soon after a decision or a closure",
        row_heading="Requests received in the period",
        columns=[Column("Requests"), Column("Share of requests received", "percent")],
        rows=[
            Row(
                "Within 12 months of a front-door decision",
                [counts["after_decision"], percent(counts["after_decision"], total)],
                drill="after_decision",
            ),
            Row(
                "Within 12 months of an episode closing",
                [counts["after_closure"], percent(counts["after_closure"], total)],
                drill="after_closure",
            ),
            Row("Requests received", [total, percent(total, total)], drill="received", total=True),
        ],
        metrics=[REQUESTS_RECEIVED, AFTER_DECISION, AFTER_CLOSURE],
        chart_column=1,
    )


# Repeat requests without an assessment ---------------------------------------------------------------------


def _year_to_end(f: ReportFilter) -> tuple[datetime.datetime, datetime.datetime]:
    return year_before(f.end_at), f.end_at


def _repeat_children(f: ReportFilter) -> QuerySet[Any]:
    """One row per child (matched_person_id) named in 2+ requests in the 12 months to period end, unassessed."""
    start, end = _year_to_end(f)
    window = _scope_requests(_live_requests().filter(submitted_at__gte=start, submitted_at__lt=end), f)
    assessed = Assessment.objects.filter(
        Q(episode__closed_at__isnull=True) | Q(episode__closed_at__gte=start),
        archived_at__isnull=True,
        started_at__lt=end,
        episode__archived_at__isnull=True,
        episode__episode_children__person_id=OuterRef("matched_person_id"),
    )
    return (
        RequestPerson.objects.filter(is_child=True, matched_person__isnull=False, request__in=window)
        .filter(~Exists(assessed))
        .values("matched_person_id")
        .annotate(requests=Count("request_id", distinct=True))
        .filter(requests__gte=2)
    )


def _repeat_requests(f: ReportFilter) -> QuerySet[SupportRequest]:
    start, end = _year_to_end(f)
    children = _repeat_children(f).values("matched_person_id")
    window = _scope_requests(_live_requests().filter(submitted_at__gte=start, submitted_at__lt=end), f)
    return window.filter(
        Exists(RequestPerson.objects.filter(request_id=OuterRef("pk"), is_child=True, matched_person_id__in=children))
    )


def _repeat_table(f: ReportFilter) -> Table:
    children = _repeat_children(f).count()
    requests = _repeat_requests(f).count()
    return Table(
        key="repeat_without_assessment",
        title="Children asked about repeatedly without an assessment (12 months to the end of the period)",
        row_heading="Children",
        columns=[Column("Children"), Column("Requests")],
        rows=[Row("Two or more requests, no assessment", [children, requests], drill="repeat")],
        metrics=[REPEAT_WITHOUT_ASSESSMENT],
        chart_column=None,
        note="The records behind the row are the requests.",
    )


# Identified need, no help in place -------------------------------------------------------------------------


def unmet_need_outcomes() -> QuerySet[ChildOutcome]:
    """The front door's definition (frontdoor.selectors.access_unmet_need, R1.7), without its permission check."""
    return ChildOutcome.objects.filter(
        outcome=Outcome.NO_FURTHER_ACTION, decision__needs_identified=True, offer_of_help=""
    )


def _unmet(f: ReportFilter) -> QuerySet[ChildOutcome]:
    outcomes = unmet_need_outcomes().filter(
        decision__request__archived_at__isnull=True, **_in_period(f, "decision__decided_at")
    )
    if f.scoped:
        outcomes = outcomes.filter(decision__request__in=_scope_requests(_live_requests(), f))
    return outcomes


def _unmet_table(f: ReportFilter) -> Table:
    # Levels are grouped by number: a new version of the threshold document keeps the numbers.
    grouped = (
        _unmet(f)
        .values("decision__level__number")
        .annotate(
            name=Max("decision__level__name"),
            children=Count("pk"),
            requests=Count("decision__request_id", distinct=True),
        )
        .order_by("decision__level__number")
    )
    rows = [
        Row(
            f"Level {row['decision__level__number']}: {row['name']}",
            [row["children"], row["requests"]],
            drill=f"level-{row['decision__level__number']}",
        )
        for row in grouped
    ]
    totals = _unmet(f).aggregate(children=Count("pk"), requests=Count("decision__request_id", distinct=True))
    rows.append(Row("Total", [totals["children"], totals["requests"]], drill="all", total=True))
    return Table(
        key="unmet_need",
        title="Identified need, no help in place: decisions in the period",
        row_heading="Level of need",
        columns=[Column("Children"), Column("Requests")],
        rows=rows,
        metrics=[UNMET_NEED],
        note=(
            "The records behind a row are the requests. These requests opened no episode, so they belong to no team: "
            "with a team, agency or locality filter the table is empty."
        ),
    )


def build(f: ReportFilter) -> list[Table]:
    return [_step_up_table(f), _step_down_table(f), _rereferral_table(f), _repeat_table(f), _unmet_table(f)]


def records(f: ReportFilter, table: str, drill: str) -> QuerySet[Any]:
    """The episodes or requests behind one row of one table."""
    if table == "step_ups":
        conditions = {key: condition for key, _, condition in _step_up_rows()}
        if drill == "all":
            step_ups = _step_ups(f)
        elif drill in conditions:
            step_ups = _step_ups(f).filter(conditions[drill])
        else:
            return Episode.objects.none()
        return Episode.objects.filter(pk__in=step_ups.values("episode_id"))
    if table == "step_downs":
        step_downs = {
            "all": _step_downs(f),
            "linked": _step_downs(f).filter(step_up__isnull=False),
            "unlinked": _step_downs(f).filter(step_up__isnull=True),
        }.get(drill)
        if step_downs is None:
            return Episode.objects.none()
        return Episode.objects.filter(pk__in=step_downs.values("episode_id"))
    if table == "rereferrals":
        received = _received(f)
        if drill == "received":
            return received
        if drill == "after_decision":
            return received.filter(_named_again_after_decision())
        if drill == "after_closure":
            return received.filter(_named_again_after_closure())
        return SupportRequest.objects.none()
    if table == "repeat_without_assessment" and drill == "repeat":
        return _repeat_requests(f)
    if table == "unmet_need":
        outcomes = _unmet(f)
        if drill.startswith("level-") and drill.removeprefix("level-").isdigit():
            outcomes = outcomes.filter(decision__level__number=int(drill.removeprefix("level-")))
        elif drill != "all":
            return SupportRequest.objects.none()
        return SupportRequest.objects.filter(pk__in=outcomes.values("decision__request_id"))
    return Episode.objects.none()


section(
    Section(
        slug=SLUG,
        title="Flow",
        summary="Step-ups and step-downs, children coming back, repeat requests and unmet need",
        build=build,
        records=records,
        order=30,
    )
)
