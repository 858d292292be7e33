"""Who gets help, compared with who lives here: children in requests, in new episodes and with outcomes achieved,
by ethnicity, sex, age band, disability and first language, against the population denominators the partnership
enters (PopulationEstimate); and, for the joint strategic needs assessment, how many families and children live
with parental domestic abuse, mental ill health and substance misuse."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from earlyhelp.closures.models import ClosureStatus, Improvement, NeedOutcome
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.frontdoor.models import RequestPerson, RequestStatus, SupportRequest
from earlyhelp.needs.models import ParentalRisk
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.models import AgeBand, Characteristic, PopulationEstimate
from earlyhelp.reporting.registry import Section, metric, section
from earlyhelp.reporting.tables import Column, Row, Table

SLUG = "equity"
NOT_RECORDED = "Not recorded"
OVER_17 = "over_17"
# The drill value of a characteristic table's "Not recorded" row (no code or age band is spelt this way).
NOT_RECORDED_DRILL = "not_recorded"

REQUEST_CHILDREN = metric(
    "equity.request_children",
    "Children in requests",
    "Distinct children named in requests for support received in the period (the date the front door received "
    "the request; drafts and archived requests excluded). A child matched to the people register counts once "
    "however many requests name them; a child not yet matched counts once per request. Ethnicity, disability and "
    "first language come from the register, so unmatched children are 'Not recorded' for them; sex and date of "
    "birth fall back to what the referrer gave. With a team, agency or locality chosen, only requests that led to "
    "an episode of that team count.",
    section=SLUG,
)
EPISODE_CHILDREN = metric(
    "equity.episode_children",
    "Children in new episodes",
    "Distinct children in episodes opened in the period (the episode's opening date; archived episodes excluded).",
    section=SLUG,
)
IMPROVED_CHILDREN = metric(
    "equity.improved_children",
    "Children whose needs all improved significantly",
    "Distinct children in episodes closed in the period (the episode's closing date) whose approved closure (not "
    "reopened or archived) rated at least one need and rated every need as significant improvement.",
    section=SLUG,
)
POPULATION = metric(
    "equity.population",
    "Population and rate per 10,000",
    "Children aged 0 to 17 in the area with the characteristic, from the population estimates entered by "
    "administrators for the calendar year in which the period ends (none shown when none is entered). The rate is "
    "children in requests (or in new episodes) per 10,000 of that population.",
    section=SLUG,
)
AGE_BAND_DEFINITION = metric(
    "equity.age_band",
    "Age band",
    "Age in whole years on the last day of the period: under 5 (0 to 4), primary (5 to 10), secondary (11 to 15), "
    "post 16 (16 and 17). Children 18 or over by then are shown as '18 or over'; children without a date of birth "
    "(including the unborn) as 'Not recorded'.",
    section=SLUG,
)
RISK_EPISODES = metric(
    "equity.parental_risk_episodes",
    "Episodes with parental risks",
    "Episodes open at any time in the period (opened before its end and not closed before its start; archived "
    "excluded) with a live identified need whose area is marked with the parental risk (domestic abuse, parental "
    "mental ill health, parental substance misuse). 'Any two' counts episodes with needs under at least two of "
    "the three risks, 'all three' episodes with all of them (the 'toxic trio').",
    section=SLUG,
)
RISK_CHILDREN = metric(
    "equity.parental_risk_children",
    "Children living with parental risks",
    "Distinct children in the episodes counted (every child ever added to the episode).",
    section=SLUG,
)


# Periods and people


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age_band(dob: str, on: datetime.date) -> Case:
    """The age band on `on` of a date-of-birth expression: born on or before `on` minus n years is n or older."""
    return Case(
        When(**{f"{dob}__isnull": True}, then=Value("")),
        When(**{f"{dob}__gt": _years_before(on, 5)}, then=Value(AgeBand.UNDER_5.value)),
        When(**{f"{dob}__gt": _years_before(on, 11)}, then=Value(AgeBand.PRIMARY.value)),
        When(**{f"{dob}__gt": _years_before(on, 16)}, then=Value(AgeBand.SECONDARY.value)),
        When(**{f"{dob}__gt": _years_before(on, 18)}, then=Value(AgeBand.POST_16.value)),
        default=Value(OVER_17),
        output_field=CharField(),
    )


def _requests(f: ReportFilter) -> QuerySet[SupportRequest]:
    requests = SupportRequest.objects.filter(
        submitted_at__gte=f.start_at, submitted_at__lt=f.end_at, archived_at__isnull=True
    ).exclude(status=RequestStatus.DRAFT)
    if f.scoped:
        led_to = Episode.objects.filter(archived_at__isnull=True, **f.episode_scope()).values(
            "source_decision__request_id"
        )
        requests = requests.filter(pk__in=led_to)
    return requests


def _request_children(f: ReportFilter) -> QuerySet[RequestPerson]:
    return RequestPerson.objects.filter(is_child=True, request__in=_requests(f).values("pk"))


def _opened(f: ReportFilter) -> QuerySet[Episode]:
    return Episode.objects.filter(
        opened_at__gte=f.start_at, opened_at__lt=f.end_at, archived_at__isnull=True, **f.episode_scope()
    )


def _improved(f: ReportFilter) -> QuerySet[Episode]:
    at_closure = NeedOutcome.objects.filter(
        closure__episode=OuterRef("pk"),
        closure__status=ClosureStatus.APPROVED,
        closure__reopened_at__isnull=True,
        closure__archived_at__isnull=True,
        need__archived_at__isnull=True,
    )
    return Episode.objects.filter(
        Exists(at_closure),
        ~Exists(at_closure.exclude(improvement=Improvement.SIGNIFICANT)),
        status=EpisodeStatus.CLOSED,
        closed_at__gte=f.start_at,
        closed_at__lt=f.end_at,
        archived_at__isnull=True,
        **f.episode_scope(),
    )


# Characteristics: how to read each from a request's child (through matched_person) and from an episode child.


@dataclass(frozen=True)
class Trait:
    characteristic: Characteristic
    title: str
    code_list: str  # the codes.Code list of the row labels; "" for age bands
    # (path to a Person: "person__" or "matched_person__"; the request child's own field prefix or None; period
    # end) -> the value expression.
    value: Callable[[str, bool, datetime.date], Any]


def _code_of(field: str, own: str | None = None) -> Callable[[str, bool, datetime.date], Any]:
    def value(person: str, request: bool, end: datetime.date) -> Any:
        if request and own:
            return Coalesce(F(f"{person}{field}__code"), F(f"{own}__code"), output_field=CharField())
        return F(f"{person}{field}__code")

    return value


def _age(person: str, request: bool, end: datetime.date) -> Any:
    # A request child's date of birth is annotated as dob_value: the register's, or else the referrer's.
    return _age_band("dob_value" if request else f"{person}date_of_birth", end)


TRAITS = (
    Trait(Characteristic.ETHNICITY, "Ethnicity", "ethnicity", _code_of("ethnicity")),
    Trait(Characteristic.SEX, "Sex", "sex", _code_of("sex", own="sex")),
    Trait(Characteristic.AGE_BAND, "Age band", "", _age),
    Trait(Characteristic.DISABILITY, "Disability", "disability", _code_of("disabilities")),
    Trait(Characteristic.FIRST_LANGUAGE, "First language", "language", _code_of("first_language")),
)


def _counts(trait: Trait, f: ReportFilter) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Children per value: in requests, in new episodes, with every need improved significantly."""
    requests = _request_children(f)
    if trait.characteristic == Characteristic.AGE_BAND:
        requests = requests.annotate(dob_value=Coalesce(F("matched_person__date_of_birth"), F("date_of_birth")))
    in_requests = {
        item["v"] or "": item["matched"] + item["unmatched"]
        for item in requests.annotate(v=trait.value("matched_person__", True, f.end))
        .values("v")
        .annotate(
            matched=Count("matched_person", distinct=True),
            unmatched=Count("pk", filter=Q(matched_person__isnull=True), distinct=True),
        )
    }

    def per_value(episodes: QuerySet[Episode]) -> dict[str, int]:
        children = EpisodeChild.objects.filter(episode__in=episodes.values("pk"))
        return {
            item["v"] or "": item["n"]
            for item in children.annotate(v=trait.value("person__", False, f.end))
            .values("v")
            .annotate(n=Count("person", distinct=True))
        }

    return in_requests, per_value(_opened(f)), per_value(_improved(f))


def _table_key(trait: Trait) -> str:
    return f"by_{trait.characteristic.value}"


def _known(trait: Trait, labels: dict[str, dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """The values with a row of their own, value -> label: the active codes (or the age bands), and "18 or over"
    for age bands. Any other value, or none, is "Not recorded"."""
    ages = {band.value: band.label for band in AgeBand}
    known = labels.get(trait.code_list, {}) if trait.code_list else ages
    extra = {OVER_17: "18 or over"} if trait.characteristic == Characteristic.AGE_BAND else {}
    return known, extra


def _opened_with(trait: Trait, f: ReportFilter, value: str) -> QuerySet[Episode]:
    """The episodes behind a row's "children in new episodes": those opened in the period with at least one child
    having the value (read as the figure reads it); NOT_RECORDED_DRILL for the "Not recorded" row."""
    labels: dict[str, dict[str, str]] = {}
    if trait.code_list:
        labels[trait.code_list] = dict(
            Code.objects.filter(list_name=trait.code_list, active=True).values_list("code", "label")
        )
    known, extra = _known(trait, labels)
    children = EpisodeChild.objects.filter(episode__in=_opened(f).values("pk")).annotate(
        v=trait.value("person__", False, f.end)
    )
    if value == NOT_RECORDED_DRILL:
        children = children.filter(Q(v__isnull=True) | ~Q(v__in=[*known, *extra]))
    elif value in known or value in extra:
        children = children.filter(v=value)
    else:
        return Episode.objects.none()
    return Episode.objects.filter(pk__in=children.values("episode_id"))


def _rate(children: int, population: int | None) -> float | None:
    return None if not population else 10_000 * children / population


def _trait_table(
    trait: Trait, f: ReportFilter, labels: dict[str, dict[str, str]], populations: dict[tuple[str, str], int]
) -> Table:
    in_requests, opened, improved = _counts(trait, f)
    key = _table_key(trait)
    known, extra = _known(trait, labels)
    rows = []
    seen = set(in_requests) | set(opened) | set(improved)
    for value, label in [*known.items(), *extra.items()]:
        population = populations.get((trait.characteristic.value, value))
        if value not in seen and population is None:
            continue
        r, o = in_requests.get(value, 0), opened.get(value, 0)
        rows.append(
            Row(
                label,
                [r, _rate(r, population), o, _rate(o, population), improved.get(value, 0), population],
                drill=f"{key}:{value}",
            )
        )
    # Codes no longer in the list (made inactive) and no value at all both count as not recorded.
    unknown = [v for v in seen if v not in known and v not in extra]
    rows.append(
        Row(
            NOT_RECORDED,
            [
                sum(in_requests.get(v, 0) for v in unknown),
                None,
                sum(opened.get(v, 0) for v in unknown),
                None,
                sum(improved.get(v, 0) for v in unknown),
                None,
            ],
            drill=f"{key}:{NOT_RECORDED_DRILL}",
        )
    )
    metrics = [REQUEST_CHILDREN, EPISODE_CHILDREN, IMPROVED_CHILDREN, POPULATION]
    if trait.characteristic == Characteristic.AGE_BAND:
        metrics.append(AGE_BAND_DEFINITION)
    note = (
        "The figures count children; the link lists the episodes opened in the period with those children "
        "(requests are counted in the first column but listed under Demand)."
    )
    if trait.characteristic == Characteristic.DISABILITY:
        note = f"A child with more than one disability is counted under each. {note}"
    return Table(
        key=key,
        title=f"Children by {trait.title.lower()}",
        row_heading=trait.title,
        columns=[
            Column("Children in requests"),
            Column("Requests per 10,000", "decimal"),
            Column("Children in new episodes"),
            Column("New episodes per 10,000", "decimal"),
            Column("Children whose needs all improved significantly"),
            Column("Population 0 to 17"),
        ],
        rows=rows,
        metrics=metrics,
        chart_column=1 if populations else 0,
        note=note,
    )


# Parental risks (JSNA)

RISKS = (ParentalRisk.DOMESTIC_ABUSE, ParentalRisk.MENTAL_HEALTH, ParentalRisk.SUBSTANCE_MISUSE)


def _risk_episodes(f: ReportFilter, key: str) -> QuerySet[Episode]:
    episodes = Episode.objects.filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=f.start_at),
        opened_at__lt=f.end_at,
        archived_at__isnull=True,
        **f.episode_scope(),
    )
    live_risk = Q(needs__archived_at__isnull=True, needs__area__parental_risk__in=[r.value for r in RISKS])
    if key in {r.value for r in RISKS}:
        return episodes.filter(needs__archived_at__isnull=True, needs__area__parental_risk=key).distinct()
    at_least = {"two": 2, "three": 3}.get(key)
    if at_least is None:
        return episodes.none()
    return episodes.filter(
        pk__in=episodes.annotate(risks=Count("needs__area__parental_risk", filter=live_risk, distinct=True))
        .filter(risks__gte=at_least)
        .values("pk")
    )


def _parental_risks(f: ReportFilter) -> Table:
    rows = []
    for key, label in [
        *((r.value, r.label) for r in RISKS),
        ("two", "Any two of the three"),
        ("three", "All three (the 'toxic trio')"),
    ]:
        episodes = _risk_episodes(f, key)
        children = EpisodeChild.objects.filter(episode__in=episodes.values("pk")).values("person").distinct().count()
        rows.append(Row(label, [episodes.count(), children], drill=f"risk:{key}"))
    return Table(
        key="parental_risks",
        title="Parental risks (JSNA)",
        row_heading="Parental risk",
        columns=[Column("Episodes"), Column("Children")],
        rows=rows,
        metrics=[RISK_EPISODES, RISK_CHILDREN],
        chart_column=1,
    )


def build(f: ReportFilter) -> list[Table]:
    labels: dict[str, dict[str, str]] = {}
    for code in Code.objects.filter(list_name__in=[t.code_list for t in TRAITS if t.code_list], active=True).order_by(
        "list_name", "order", "label"
    ):
        labels.setdefault(code.list_name, {})[code.code] = code.label
    populations = {
        (p.characteristic, p.value): p.population for p in PopulationEstimate.objects.filter(year=f.end.year)
    }
    return [*(_trait_table(trait, f, labels, populations) for trait in TRAITS), _parental_risks(f)]


def records(f: ReportFilter, table: str, drill: str) -> QuerySet[Any]:
    """The episodes behind a row: of the parental risks table, or (for the children in new episodes) of a
    characteristic table."""
    kind, _, value = drill.partition(":")
    if table == "parental_risks" and kind == "risk":
        return _risk_episodes(f, value)
    trait = next((t for t in TRAITS if _table_key(t) == table), None)
    if trait is not None and kind == table:
        return _opened_with(trait, f, value)
    return Episode.objects.none()


section(
    Section(
        slug=SLUG,
        title="Equity and need",
        summary="Who gets help compared with who lives here, and parental risks for the needs assessment",
        build=build,
        records=records,
        order=60,
    )
)
