"""Right children: does early help reach the families it should, at the right time (R8.2)? Two signs: families
whose early help was followed within a year by a step-up to children's social care (help came too late, or was
the wrong help), and social care decisions that send a family back to early help instead of taking the case on
(did early help then carry on or start)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from earlyhelp.episodes.models import Episode
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.sections.flow import year_before
from earlyhelp.reporting.tables import Column, Row, Table, percent
from earlyhelp.transitions.models import SocialCareDecision, StepUp, StepUpStatus

SLUG = "right-children"
YEAR = datetime.timedelta(days=365)
TAKEN_ON = [SocialCareDecision.ACCEPTED_FOR_ASSESSMENT, SocialCareDecision.STRATEGY_DISCUSSION]

CLOSED = metric(
    "right_children.closed",
    "Episodes closed in the 12 months to period end",
    "Episodes of early help closed (the closure date) in the 12 months up to the end of the period. Archived "
    "episodes are excluded. Team, agency and locality filters apply to the episode's team.",
    section=SLUG,
)
STEPPED_UP = metric(
    "right_children.stepped_up",
    "Followed by a step-up within 12 months of opening",
    "Of the episodes closed in the 12 months to period end: those whose family had a step-up to children's "
    "social care sent (from this or a later episode) on or after the day the episode opened and within 365 days "
    "of it, and before the end of the period. Withdrawn and archived step-ups do not count. 'Taken on by social "
    "care' counts those where such a step-up was decided before the end of the period as accepted for a social "
    "work assessment or a strategy discussion.",
    section=SLUG,
)
SOCIAL_CARE_DECISIONS = metric(
    "right_children.social_care_decisions",
    "Social care decisions on step-ups",
    "Step-ups decided by children's social care in the period (the date of social care's decision), by the "
    "decision. 'Back to early help, with advice' is social care's no further action routed to early help: it is "
    "the only social care decision the system records (a front-door referral to social care has no recorded "
    "social care outcome). Archived step-ups are excluded; filters apply through the episode stepped up. The "
    "records behind a row are the episodes stepped up.",
    section=SLUG,
)
HELP_AFTER = metric(
    "right_children.help_after",
    "Early help in place after social care's no further action",
    "Of the step-ups social care sent back to early help in the period: those whose family had an episode of "
    "early help open at the moment of the decision (the episode stepped up carrying on) or opened after it, before "
    "the end of the period. Archived episodes are excluded.",
    section=SLUG,
)


# Step-ups after early help ---------------------------------------------------------------------------------


def _closed(f: ReportFilter) -> QuerySet[Episode]:
    return Episode.objects.filter(
        archived_at__isnull=True,
        closed_at__gte=year_before(f.end_at),
        closed_at__lt=f.end_at,
        **f.episode_scope(),
    )


def _stepped_up(f: ReportFilter, *, taken_on: bool = False) -> Exists:
    step_ups = StepUp.objects.filter(
        archived_at__isnull=True,
        episode__family_id=OuterRef("family_id"),
        sent_at__gte=OuterRef("opened_at"),
        sent_at__lt=OuterRef("opened_at") + YEAR,
    ).filter(sent_at__lt=f.end_at)
    if taken_on:
        step_ups = step_ups.filter(status=StepUpStatus.DECIDED, decision__in=TAKEN_ON, decided_at__lt=f.end_at)
    else:
        step_ups = step_ups.exclude(status=StepUpStatus.WITHDRAWN)
    return Exists(step_ups)


def _after_help_table(f: ReportFilter) -> Table:
    counts = _closed(f).aggregate(
        closed=Count("pk"),
        stepped_up=Count("pk", filter=_stepped_up(f)),
        taken_on=Count("pk", filter=_stepped_up(f, taken_on=True)),
    )
    closed = counts["closed"]
    return Table(
        key="step_up_after_help",
        title="Episodes closed in the 12 months to the end of the period, and step-ups to social care",
        row_heading="Episodes",
        columns=[Column("Episodes"), Column("Share of closed episodes", "percent")],
        rows=[
            Row(
                "Followed by a step-up within 12 months of opening",
                [counts["stepped_up"], percent(counts["stepped_up"], closed)],
                drill="stepped_up",
            ),
            Row(
                "… taken on by social care",
                [counts["taken_on"], percent(counts["taken_on"], closed)],
                drill="taken_on",
            ),
            Row("Episodes closed", [closed, percent(closed, closed)], drill="closed", total=True),
        ],
        metrics=[CLOSED, STEPPED_UP],
        chart_column=1,
    )


# Social care's decisions -----------------------------------------------------------------------------------


def _decided(f: ReportFilter) -> QuerySet[StepUp]:
    return StepUp.objects.filter(
        archived_at__isnull=True,
        status=StepUpStatus.DECIDED,
        decided_at__gte=f.start_at,
        decided_at__lt=f.end_at,
        **f.episode_scope("episode__"),
    )


def _help_after(f: ReportFilter) -> Exists:
    return Exists(
        Episode.objects.filter(
            Q(closed_at__isnull=True) | Q(closed_at__gt=OuterRef("decided_at")),
            archived_at__isnull=True,
            family_id=OuterRef("episode__family_id"),
            opened_at__lt=f.end_at,
        )
    )


def _back_to_early_help(f: ReportFilter) -> QuerySet[StepUp]:
    return _decided(f).filter(decision=SocialCareDecision.BACK_TO_EARLY_HELP)


def _decisions_table(f: ReportFilter) -> Table:
    counts = _decided(f).aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(decision=value)) for value in SocialCareDecision.values}
    )
    total = counts["total"]
    return Table(
        key="social_care_decisions",
        title="Social care's decisions on step-ups made in the period",
        row_heading="Social care's decision",
        columns=[Column("Step-ups"), Column("Share", "percent")],
        rows=[
            *(
                Row(label, [counts[value], percent(counts[value], total)], drill=value)
                for value, label in SocialCareDecision.choices
            ),
            Row("Total", [total, percent(total, total)], drill="all", total=True),
        ],
        metrics=[SOCIAL_CARE_DECISIONS],
        note="An episode stepped up twice is listed once in its records.",
    )


def _help_table(f: ReportFilter) -> Table:
    counts = _back_to_early_help(f).aggregate(total=Count("pk"), helped=Count("pk", filter=_help_after(f)))
    total, helped = counts["total"], counts["helped"]
    without = total - helped
    return Table(
        key="help_after_nfa",
        title="Sent back to early help by social care: was early help in place afterwards?",
        row_heading="Step-ups sent back to early help",
        columns=[Column("Step-ups"), Column("Share", "percent")],
        rows=[
            Row("Early help in place after the decision", [helped, percent(helped, total)], drill="helped"),
            Row("No early help episode after the decision", [without, percent(without, total)], drill="none"),
            Row("Total", [total, percent(total, total)], drill="all", total=True),
        ],
        metrics=[SOCIAL_CARE_DECISIONS, HELP_AFTER],
    )


def build(f: ReportFilter) -> list[Table]:
    return [_after_help_table(f), _decisions_table(f), _help_table(f)]


def _episodes_of(step_ups: QuerySet[StepUp]) -> QuerySet[Episode]:
    return Episode.objects.filter(pk__in=step_ups.values("episode_id"))


def records(f: ReportFilter, table: str, drill: str) -> QuerySet[Any]:
    """The episodes behind one row of one table."""
    if table == "step_up_after_help":
        closed = _closed(f)
        return {
            "closed": closed,
            "stepped_up": closed.filter(_stepped_up(f)),
            "taken_on": closed.filter(_stepped_up(f, taken_on=True)),
        }.get(drill, Episode.objects.none())
    if table == "social_care_decisions":
        if drill == "all":
            return _episodes_of(_decided(f))
        if drill in SocialCareDecision.values:
            return _episodes_of(_decided(f).filter(decision=drill))
        return Episode.objects.none()
    if table == "help_after_nfa":
        back = _back_to_early_help(f)
        chosen = {"all": back, "helped": back.filter(_help_after(f)), "none": back.filter(~_help_after(f))}.get(drill)
        return Episode.objects.none() if chosen is None else _episodes_of(chosen)
    return Episode.objects.none()


section(
    Section(
        slug=SLUG,
        title="Right children",
        summary="Whether early help reaches families before social care is needed, and what follows social care's "
        "no further action",
        build=build,
        records=records,
        order=70,
    )
)
