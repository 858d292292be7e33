"""Workforce: is there the capacity and the skill to give early help well (R6.2, R6.7, R8.6, R10)? Caseloads
against each practitioner's limit, how often practitioners are supervised, and who across the partnership has had
early help and thresholds training. The rows are about staff, not families: there are no records behind them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from earlyhelp.access import roles
from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import Allocation
from earlyhelp.organisations.models import PractitionerProfile, TrainingCourse, TrainingRecord
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.tables import Column, Row, Table, percent

SLUG = "workforce"

PRACTITIONERS = metric(
    "workforce.practitioners",
    "Practitioners",
    "Active users with a practitioner profile who can lead an episode (the practitioner or team manager role), "
    "by the team on their profile ('No team' when none). Team, agency and locality filters apply to the profile's "
    "team and agency.",
    section=SLUG,
)
CASELOAD = metric(
    "workforce.caseload",
    "Caseload at period end",
    "Episodes a practitioner led at the end of the period: their allocation as lead practitioner had started and "
    "not ended, and the episode was open (opened, not closed, not archived). 'At or over their limit' compares "
    "each practitioner's caseload with the caseload limit on their profile.",
    section=SLUG,
)
SUPERVISION = metric(
    "workforce.supervision",
    "Supervision",
    "Supervision sessions held with each practitioner in the period (the date held; archived records excluded); "
    "practitioners with none in the period; and, for those supervised at least once by the end of the period, "
    "the average number of days from their last supervision to the end of the period. 'Overdue at period end': "
    f"no supervision at all, or the last more than SUPERVISION_INTERVAL_DAYS (now {settings.SUPERVISION_INTERVAL_DAYS}"
    ") days before the end of the period.",
    section=SLUG,
)
TRAINING = metric(
    "workforce.training",
    "Training coverage",
    "Everyone with an active account and a profile in each agency, and how many of them have a training record "
    "(not archived) for each course completed on or before the end of the period: early help (assessment, lead "
    "practitioner, Team Around the Family) and thresholds of need. 'Partner staff without an account' counts "
    "the named people without an account with such a record, by the agency on the record (not filtered by team "
    "or locality, which they have none of). 'Completed in the period' counts training records completed in the "
    "period.",
    section=SLUG,
)


def _can_lead() -> Exists:
    return Exists(
        User.groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name__in=[roles.PRACTITIONER, roles.TEAM_MANAGER]
        )
    )


def _profiles(f: ReportFilter) -> QuerySet[PractitionerProfile]:
    profiles = PractitionerProfile.objects.filter(user__is_active=True)
    if f.team_id is not None:
        profiles = profiles.filter(team_id=f.team_id)
    if f.agency_id is not None:
        profiles = profiles.filter(agency_id=f.agency_id)
    if f.area_id is not None:
        profiles = profiles.filter(team__area_id=f.area_id)
    return profiles


def _team_label(row: dict[str, Any]) -> str:
    if row["team_id"] is None:
        return "No team"
    return f"{row['team__name']} ({row['team__agency__name']})"


def _practitioners(f: ReportFilter) -> list[dict[str, Any]]:
    """One row per practitioner who can lead, with caseload, limit and supervision figures: one query."""
    end = f.end_at
    caseload = (
        Allocation.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gte=end),
            Q(episode__closed_at__isnull=True) | Q(episode__closed_at__gte=end),
            lead_practitioner_id=OuterRef("user_id"),
            allocated_at__lt=end,
            episode__archived_at__isnull=True,
            episode__opened_at__lt=end,
        )
        .values("lead_practitioner_id")
        .annotate(n=Count("episode_id", distinct=True))
        .values("n")
    )
    return list(
        _profiles(f)
        .filter(_can_lead())
        .annotate(
            caseload=Coalesce(Subquery(caseload, output_field=IntegerField()), Value(0)),
            supervisions=Count(
                "user__supervisions",
                filter=Q(
                    user__supervisions__archived_at__isnull=True,
                    user__supervisions__held_on__gte=f.start,
                    user__supervisions__held_on__lte=f.end,
                ),
            ),
            last_supervision=Max(
                "user__supervisions__held_on",
                filter=Q(user__supervisions__archived_at__isnull=True, user__supervisions__held_on__lte=f.end),
            ),
        )
        .values(
            "pk",
            "team_id",
            "team__name",
            "team__agency__name",
            "caseload_limit",
            "caseload",
            "supervisions",
            "last_supervision",
        )
    )


def _by_team(practitioners: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in practitioners:
        groups[_team_label(row)].append(row)
    return sorted(groups.items(), key=lambda item: (item[0] == "No team", item[0]))


def _caseload_values(people: list[dict[str, Any]]) -> list[Any]:
    n = len(people)
    led = sum(p["caseload"] for p in people)
    over = sum(1 for p in people if p["caseload"] >= p["caseload_limit"])
    limits = sum(p["caseload_limit"] for p in people)
    return [
        n,
        led,
        led / n if n else None,
        limits / n if n else None,
        over,
        percent(over, n),
    ]


def _caseload_table(practitioners: list[dict[str, Any]]) -> Table:
    rows = [Row(label, _caseload_values(people)) for label, people in _by_team(practitioners)]
    rows.append(Row("All practitioners", _caseload_values(practitioners), total=True))
    return Table(
        key="caseloads",
        title="Caseloads at the end of the period, by team",
        row_heading="Team",
        columns=[
            Column("Practitioners"),
            Column("Episodes led"),
            Column("Average caseload", "decimal"),
            Column("Average caseload limit", "decimal"),
            Column("At or over their limit"),
            Column("Share at or over their limit", "percent"),
        ],
        rows=rows,
        metrics=[PRACTITIONERS, CASELOAD],
        chart_column=2,
    )


def _supervision_values(people: list[dict[str, Any]], f: ReportFilter) -> list[Any]:
    n = len(people)
    held = sum(p["supervisions"] for p in people)
    without = sum(1 for p in people if p["supervisions"] == 0)
    gaps = [(f.end - p["last_supervision"]).days for p in people if p["last_supervision"] is not None]
    overdue = sum(
        1
        for p in people
        if p["last_supervision"] is None or (f.end - p["last_supervision"]).days > settings.SUPERVISION_INTERVAL_DAYS
    )
    return [
        n,
        held,
        held / n if n else None,
        without,
        sum(gaps) / len(gaps) if gaps else None,
        overdue,
    ]


def _supervision_table(practitioners: list[dict[str, Any]], f: ReportFilter) -> Table:
    rows = [Row(label, _supervision_values(people, f)) for label, people in _by_team(practitioners)]
    rows.append(Row("All practitioners", _supervision_values(practitioners, f), total=True))
    return Table(
        key="supervision",
        title="Supervision of practitioners in the period, by team",
        row_heading="Team",
        columns=[
            Column("Practitioners"),
            Column("Supervisions held"),
            Column("Average per practitioner", "decimal"),
            Column("Not supervised in the period"),
            Column("Average days since last supervision", "days"),
            Column("Overdue at period end"),
        ],
        rows=rows,
        metrics=[PRACTITIONERS, SUPERVISION],
        chart_column=2,
    )


def _trained(course: str, f: ReportFilter) -> Exists:
    return Exists(
        TrainingRecord.objects.filter(
            user_id=OuterRef("user_id"), course=course, archived_at__isnull=True, completed_on__lte=f.end
        )
    )


def _training_table(f: ReportFilter) -> Table:
    staff = (
        _profiles(f)
        .values("agency_id", "agency__name")
        .annotate(
            people=Count("pk"),
            early_help=Count("pk", filter=_trained(TrainingCourse.EARLY_HELP, f)),
            thresholds=Count("pk", filter=_trained(TrainingCourse.THRESHOLDS, f)),
        )
        .order_by("agency__name")
    )
    records = TrainingRecord.objects.filter(archived_at__isnull=True)
    if f.agency_id is not None:
        records = records.filter(agency_id=f.agency_id)
    if f.team_id is not None or f.area_id is not None:
        # Trained in the period: people with a profile in the team or locality; partner staff have none.
        records = records.filter(user__profile__in=_profiles(f))
    per_agency = {
        row["agency_id"]: row
        for row in records.values("agency_id", "agency__name").annotate(
            unnamed=Count(
                "name",
                filter=Q(user__isnull=True, completed_on__lte=f.end),
                distinct=True,
            ),
            in_period=Count("pk", filter=Q(completed_on__gte=f.start, completed_on__lte=f.end)),
        )
    }
    agencies: dict[int, dict[str, Any]] = {}
    for row in staff:
        agencies[row["agency_id"]] = {**row, "unnamed": 0, "in_period": 0}
    for agency_id, row in per_agency.items():
        target = agencies.setdefault(
            agency_id,
            {"agency__name": row["agency__name"], "people": 0, "early_help": 0, "thresholds": 0},
        )
        target["unnamed"] = row["unnamed"]
        target["in_period"] = row["in_period"]

    def values(row: dict[str, Any]) -> list[Any]:
        return [
            row["people"],
            row["early_help"],
            percent(row["early_help"], row["people"]),
            row["thresholds"],
            percent(row["thresholds"], row["people"]),
            row["unnamed"],
            row["in_period"],
        ]

    ordered = sorted(agencies.values(), key=lambda r: r["agency__name"])
    rows = [Row(row["agency__name"], values(row)) for row in ordered]
    keys = ("people", "early_help", "thresholds", "unnamed", "in_period")
    totals = {key: sum(row[key] for row in ordered) for key in keys}
    rows.append(Row("All agencies", values(totals), total=True))
    return Table(
        key="training",
        title="Early help and thresholds training, by agency",
        row_heading="Agency",
        columns=[
            Column("People with an account"),
            Column("With early help training"),
            Column("Share with early help training", "percent"),
            Column("With thresholds training"),
            Column("Share with thresholds training", "percent"),
            Column("Partner staff without an account, trained"),
            Column("Courses completed in the period"),
        ],
        rows=rows,
        metrics=[TRAINING],
        chart_column=2,
    )


def build(f: ReportFilter) -> list[Table]:
    practitioners = _practitioners(f)
    return [_caseload_table(practitioners), _supervision_table(practitioners, f), _training_table(f)]


section(
    Section(
        slug=SLUG,
        title="Workforce",
        summary="Caseloads, supervision, and who has had early help and thresholds training",
        build=build,
        records=None,
        order=90,
    )
)
