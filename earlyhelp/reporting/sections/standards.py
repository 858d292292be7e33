"""Practice standards: how often the record of each team's and each agency's episodes meets PS1 to PS12.

Every episode open at any time in the period is counted; its record is evaluated with the same code as the practice
standards panel on the episode page (`earlyhelp.episodes.standards.evaluate`): a standard is met, not met, or not
due yet (for example reviews before the plan is approved); "not due yet" is left out of the share met.

Evaluating a record reads its children, contacts, assessment, plan, reviews and oversight: about 2 ms an episode,
so a whole partnership (10,000 episodes) would take 20 seconds. The report therefore reads the evaluation the
nightly job stores for each episode (`earlyhelp.reporting.services.standards_evaluate`, run by `run_daily_jobs`, one
`StandardsEvaluation` an episode). Episodes opened since the job ran have none: they are evaluated when the report
runs, in one batch of about twenty queries, when there are at most `MAX_LIVE` of them, and otherwise counted as not
evaluated yet. The tables say when the stored evaluations were made and how many were evaluated live.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import dateformat, timezone

from earlyhelp.episodes.models import Episode
from earlyhelp.episodes.standards import MET, NOT_MET, NOT_YET, TITLES, evaluate, standards_records
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.tables import Column, Row, Table, Value, percent

SLUG = "standards"
STANDARDS = list(TITLES)
# At most this many records without a stored evaluation are evaluated when the report runs (see the module
# docstring); one batch of bulk queries. Beyond that they are counted as not evaluated yet.
MAX_LIVE = 300

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
    f"The episodes open in the period whose records were evaluated against the practice standards: as evaluated "
    f"by the nightly job (which evaluates every episode open, waiting for allocation or closed within the last "
    f"400 days) at the time the table note gives; episodes opened since (with no stored evaluation) are evaluated "
    f"when the report runs, when there are at most {MAX_LIVE:,} of them, and otherwise counted in Episodes but "
    f"not here until the next nightly run.",
    section=SLUG,
)
MET_SHARE = metric(
    "standards.met_share",
    "Practice standard met (%)",
    "For each practice standard PS1 to PS12, the evaluated episodes whose record meets it as a share of the "
    "evaluated episodes where it applies: met divided by met plus not met. Episodes where the standard is not due "
    "yet (no children in the episode for PS1, reviews before the plan is approved or before the first review date "
    "for PS7, management oversight within its first interval for PS8, an episode not opened from a request for "
    "PS12) are left out. Each standard is computed from the record as evaluated by the nightly job at the time the "
    "table note gives (episodes opened since are evaluated when the report runs), by the same rules as the "
    "practice standards panel on the episode page; nothing is ticked by hand. Blank when no evaluated episode is "
    "due the standard.",
    section=SLUG,
)
MET_COUNT = metric(
    "standards.met",
    "Practice standard met",
    "The evaluated episodes (open at any time in the period) whose record met the standard when evaluated by the "
    "nightly job (episodes opened since: when the report runs).",
    section=SLUG,
)
NOT_MET_COUNT = metric(
    "standards.not_met",
    "Practice standard not met",
    "The evaluated episodes (open at any time in the period) whose record did not meet the standard, although it "
    "was due, when evaluated by the nightly job (episodes opened since: when the report runs).",
    section=SLUG,
)
NOT_YET_COUNT = metric(
    "standards.not_yet",
    "Practice standard not due yet",
    "The evaluated episodes (open at any time in the period) where the standard was not due yet when evaluated by "
    "the nightly job (episodes opened since: when the report runs); left out of the share met.",
    section=SLUG,
)


def episodes_in_scope(f: ReportFilter) -> QuerySet[Episode]:
    """Episodes open at any time in the period, within the chosen locality, team or agency."""
    return Episode.objects.live().filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=f.start_at),
        opened_at__lt=f.end_at,
        **f.episode_scope(),
    )


@dataclass
class Evaluated:
    """One evaluated episode: its id, its team and agency today, and the status of each standard."""

    episode_id: int
    team_id: int | None
    agency_id: int | None
    results: dict[str, str]


@dataclass
class Evaluation:
    in_scope: int
    results: list[Evaluated]
    # The oldest stored evaluation used (None when none was), and how many episodes without one were evaluated
    # when the report ran, or left unevaluated (more than MAX_LIVE).
    evaluated_at: datetime | None = None
    live: int = 0
    pending: int = 0


def evaluated(f: ReportFilter) -> Evaluation:
    """The episodes evaluated with the status of each standard (PS1 to PS12): the stored evaluation of each episode
    in scope that has one, and a live evaluation of the others when there are at most `MAX_LIVE`."""
    rows = list(
        episodes_in_scope(f)
        .order_by("pk")
        .values_list(
            "pk",
            "team_id",
            "team__agency_id",
            "standards_evaluation__results",
            "standards_evaluation__evaluated_at",
        )
    )
    results = []
    missing: dict[int, tuple[int | None, int | None]] = {}
    oldest: datetime | None = None
    for pk, team_id, agency_id, stored, at in rows:
        if at is None:
            missing[pk] = (team_id, agency_id)
            continue
        results.append(Evaluated(pk, team_id, agency_id, stored))
        oldest = at if oldest is None or at < oldest else oldest
    evaluation = Evaluation(in_scope=len(rows), results=results, evaluated_at=oldest)
    if len(missing) > MAX_LIVE:
        evaluation.pending = len(missing)
    elif missing:
        episodes = list(Episode.objects.filter(pk__in=missing).select_related("lead_practitioner").order_by("pk"))
        for record in standards_records(episodes):
            pk = record.episode.pk
            statuses = {result.id: str(result.status) for result in evaluate(record)}
            results.append(Evaluated(pk, *missing[pk], statuses))
        evaluation.live = len(episodes)
        results.sort(key=lambda e: e.episode_id)
    return evaluation


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
            if key in self.counts:
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
    for e in evaluation.results:
        teams[f"team:{e.team_id if e.team_id is not None else 'none'}"].add(e.results)
        agencies[f"agency:{e.agency_id if e.agency_id is not None else 'none'}"].add(e.results)
        overall.add(e.results)
    return teams, agencies, overall


def _ordered(tallies: dict[str, Tally]) -> list[Tally]:
    # Alphabetical, with episodes that have no team last.
    return sorted(tallies.values(), key=lambda t: (t.drill.endswith(":none"), t.label.lower(), t.drill))


def _episodes(n: int) -> str:
    return f"{n:,} episode{'' if n == 1 else 's'}"


def _note(evaluation: Evaluation) -> str:
    """When the evaluations were made, and how many episodes were evaluated live or not at all."""
    if not evaluation.in_scope:
        return "No episode was open in the period."
    parts = []
    if evaluation.evaluated_at is not None:
        when = dateformat.format(timezone.localtime(evaluation.evaluated_at), "j F Y, H:i")
        parts.append(f"Records as evaluated by the nightly job at {when}.")
    if evaluation.live:
        parts.append(
            f"{_episodes(evaluation.live)} with no stored evaluation (opened since the nightly job ran) "
            f"{'was' if evaluation.live == 1 else 'were'} evaluated when the report ran."
        )
    if evaluation.pending:
        parts.append(
            f"{_episodes(evaluation.pending)} with no stored evaluation (opened since the nightly job ran) "
            f"{'is' if evaluation.pending == 1 else 'are'} not evaluated yet: counted in Episodes, not in Evaluated."
        )
    return " ".join(parts)


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
    note = _note(evaluation)
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
        failing = [e.episode_id for e in evaluated(f).results if e.results.get(value) == NOT_MET]
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
