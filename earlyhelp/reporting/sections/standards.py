"""Practice standards: how often the record of each team's and each agency's episodes meets PS1 to PS12.

Every episode open at any time in the period is counted; its record is evaluated with the same code as the practice
standards panel on the episode page (`earlyhelp.episodes.standards.evaluate`), as it stands today: a standard is
met, not met, or not due yet (for example reviews before the plan is approved); "not due yet" is left out of the
share met.

Evaluating a record reads its children, contacts, assessment, plan, reviews and oversight: about 2 ms an episode,
so a whole partnership (10,000 episodes) would take 20 seconds. The report therefore evaluates at most
`MAX_EVALUATED` episodes: all of them when there are fewer, otherwise a systematic sample (every k-th episode in
order of id, so each team is represented in proportion to its episodes), loaded in one batch of about twenty
queries. The tables say when the figures come from a sample, and of how many episodes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from earlyhelp.episodes.models import Episode
from earlyhelp.episodes.standards import MET, NOT_MET, NOT_YET, TITLES, evaluate, standards_records
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.tables import Column, Row, Table, Value, percent

SLUG = "standards"
STANDARDS = list(TITLES)
# At most this many records are evaluated per report (see the module docstring); one batch of bulk queries.
MAX_EVALUATED = 500

EPISODES = metric(
    "standards.episodes",
    "Episodes open in the period",
    "Episodes open at any time in the period: opened before the end of the last day of the period and not closed "
    "before its first day, whatever their status (waiting for allocation, open or closed since). Archived "
    "episodes are excluded. Counted against the team that holds the episode today, and that team's agency.",
    section=SLUG,
)
EVALUATED = metric(
    "standards.evaluated",
    "Episodes evaluated",
    f"The episodes open in the period whose records were evaluated against the practice standards: all of them "
    f"when there are at most {MAX_EVALUATED:,}, otherwise a systematic sample of {MAX_EVALUATED:,} (every k-th "
    f"episode in order of id, across the whole report), so each team's share of the sample follows its share of "
    f"the episodes.",
    section=SLUG,
)
MET_SHARE = metric(
    "standards.met_share",
    "Practice standard met (%)",
    "For each practice standard PS1 to PS12, the evaluated episodes whose record meets it as a share of the "
    "evaluated episodes where it applies: met divided by met plus not met. Episodes where the standard is not due "
    "yet (no children in the episode for PS1, reviews before the plan is approved or before the first review date "
    "for PS7, management oversight within its first interval for PS8, an episode not opened from a request for "
    "PS12) are left out. Each standard is computed from the record as it stands on the day the report is run, by "
    "the same rules as the practice standards panel on the episode page; nothing is ticked by hand. Blank when no "
    "evaluated episode is due the standard.",
    section=SLUG,
)
MET_COUNT = metric(
    "standards.met",
    "Practice standard met",
    "The evaluated episodes (open at any time in the period) whose record meets the standard today.",
    section=SLUG,
)
NOT_MET_COUNT = metric(
    "standards.not_met",
    "Practice standard not met",
    "The evaluated episodes (open at any time in the period) whose record does not meet the standard today, "
    "although it is due.",
    section=SLUG,
)
NOT_YET_COUNT = metric(
    "standards.not_yet",
    "Practice standard not due yet",
    "The evaluated episodes (open at any time in the period) where the standard is not due yet today; left out "
    "of the share met.",
    section=SLUG,
)


def episodes_in_scope(f: ReportFilter) -> QuerySet[Episode]:
    """Episodes open at any time in the period, within the chosen locality, team or agency."""
    return Episode.objects.live().filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=f.start_at),
        opened_at__lt=f.end_at,
        **f.episode_scope(),
    )


def sample_ids(ids: list[int], size: int = MAX_EVALUATED) -> list[int]:
    """All the ids when there are at most `size`; otherwise every k-th (k = len/size, fractional), in order."""
    ids = sorted(ids)
    if len(ids) <= size:
        return ids
    step = len(ids) / size
    return [ids[int(i * step)] for i in range(size)]


@dataclass
class Evaluation:
    in_scope: int
    results: list[tuple[Episode, dict[str, str]]]

    @property
    def sampled(self) -> bool:
        return len(self.results) < self.in_scope


def evaluated(f: ReportFilter) -> Evaluation:
    """The episodes evaluated (all, or the sample) with the status of each standard (PS1 to PS12)."""
    ids = list(episodes_in_scope(f).values_list("pk", flat=True))
    chosen = sample_ids(ids)
    episodes = list(
        Episode.objects.filter(pk__in=chosen).select_related("lead_practitioner", "team__agency").order_by("pk")
    )
    results = [
        (record.episode, {result.id: str(result.status) for result in evaluate(record)})
        for record in standards_records(episodes)
    ]
    return Evaluation(in_scope=len(ids), results=results)


@dataclass
class Tally:
    """How many episodes are in scope, and how many evaluated ones met, did not meet and were not due each
    standard."""

    label: str
    drill: str
    episodes: int = 0
    evaluated: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {key: Counter() for key in STANDARDS})

    def add(self, results: dict[str, str]) -> None:
        self.evaluated += 1
        for key, status in results.items():
            self.counts[key][status] += 1

    def share(self, key: str) -> float | None:
        met, not_met = self.counts[key][MET], self.counts[key][NOT_MET]
        return percent(met, met + not_met)


NO_TEAM = "No team"


def _tallies(f: ReportFilter, evaluation: Evaluation) -> tuple[dict[str, Tally], dict[str, Tally], Tally]:
    teams: dict[str, Tally] = {}
    agencies: dict[str, Tally] = {}
    overall = Tally("Total", "", episodes=evaluation.in_scope)
    counts = (
        episodes_in_scope(f)
        .values("team_id", "team__name", "team__agency_id", "team__agency__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in counts:
        for tallies, kind, pk, name in (
            (teams, "team", row["team_id"], row["team__name"]),
            (agencies, "agency", row["team__agency_id"], row["team__agency__name"]),
        ):
            drill = f"{kind}:{pk if pk is not None else 'none'}"
            tallies.setdefault(drill, Tally(name if pk is not None else NO_TEAM, drill)).episodes += row["n"]
    for episode, results in evaluation.results:
        team = episode.team
        teams[f"team:{team.pk if team else 'none'}"].add(results)
        agencies[f"agency:{team.agency_id if team else 'none'}"].add(results)
        overall.add(results)
    return teams, agencies, overall


def _ordered(tallies: dict[str, Tally]) -> list[Tally]:
    # Alphabetical, with episodes that have no team last.
    return sorted(tallies.values(), key=lambda t: (t.drill.endswith(":none"), t.label.lower(), t.drill))


def _sample_note(evaluation: Evaluation) -> str:
    if not evaluation.sampled:
        return "Every episode open in the period was evaluated."
    return (
        f"A systematic sample of {len(evaluation.results):,} of the {evaluation.in_scope:,} episodes open in the "
        f"period was evaluated (every k-th episode in order of id)."
    )


def _by(key: str, title: str, heading: str, tallies: dict[str, Tally], overall: Tally, note: str) -> Table:
    columns = [Column("Episodes"), Column("Evaluated"), *(Column(f"{ps} met", "percent") for ps in STANDARDS)]

    def values(t: Tally) -> list[Value]:
        return [t.episodes, t.evaluated, *(t.share(ps) for ps in STANDARDS)]

    rows = [Row(t.label, values(t), drill=t.drill) for t in _ordered(tallies)]
    rows.append(Row("Total", values(overall), total=True))
    return Table(
        key=key,
        title=title,
        row_heading=heading,
        columns=columns,
        rows=rows,
        metrics=[EPISODES, EVALUATED, MET_SHARE],
        chart_column=None,
        note=note + " " + "; ".join(f"{ps}: {TITLES[ps]}" for ps in STANDARDS) + ".",
    )


def _overall(overall: Tally, note: str) -> Table:
    rows = []
    for ps in STANDARDS:
        counts = overall.counts[ps]
        rows.append(
            Row(
                f"{ps}: {TITLES[ps]}",
                [counts[MET], counts[NOT_MET], counts[NOT_YET], overall.share(ps)],
                drill=f"not_met:{ps}",
            )
        )
    return Table(
        key="overall",
        title="Practice standards overall",
        row_heading="Practice standard",
        columns=[Column("Met"), Column("Not met"), Column("Not due yet"), Column("Met", "percent")],
        rows=rows,
        metrics=[MET_COUNT, NOT_MET_COUNT, NOT_YET_COUNT, MET_SHARE],
        chart_column=3,
        note=note + " The link on each standard lists the evaluated episodes that do not meet it.",
    )


def build(f: ReportFilter) -> list[Table]:
    evaluation = evaluated(f)
    teams, agencies, overall = _tallies(f, evaluation)
    note = _sample_note(evaluation)
    return [
        _by("by_team", "Practice standards met by team", "Team", teams, overall, note),
        _by("by_agency", "Practice standards met by agency", "Agency", agencies, overall, note),
        _overall(overall, note),
    ]


def records(f: ReportFilter, table: str, drill: str) -> QuerySet[Episode]:
    """The episodes behind one row: a team's or agency's episodes open in the period (the Episodes figure), or for
    the overall table the evaluated episodes that do not meet one standard (the Not met figure)."""
    episodes = episodes_in_scope(f)
    kind, _, value = drill.partition(":")
    if table in ("by_team", "by_agency") and kind in ("team", "agency"):
        if value == "none":
            return episodes.filter(team__isnull=True)
        if value.isdigit():
            return episodes.filter(**{"team_id" if kind == "team" else "team__agency_id": int(value)})
    if table == "overall" and kind == "not_met" and value in TITLES:
        failing = [episode.pk for episode, results in evaluated(f).results if results[value] == NOT_MET]
        return episodes.filter(pk__in=failing)
    return episodes.none()


section(
    Section(
        slug=SLUG,
        title="Practice standards",
        summary="How often the record meets PS1 to PS12, by team and by agency",
        build=build,
        records=records,
        order=50,
    )
)
