"""The outcomes section, against figures worked out by hand from small fixtures."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from earlyhelp.access import roles
from earlyhelp.closures.models import Closure, ClosureStatus, FollowUpCheck, NeedOutcome
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.outcometools.models import OutcomeTool, Reading, Score, ToolArea
from earlyhelp.people.tests.factories import FamilyFactory, PersonFactory
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.sections import outcomes
from earlyhelp.reporting.tables import Table
from earlyhelp.reporting.tests.support import rows
from earlyhelp.supportingfamilies.models import Claim
from earlyhelp.supportingfamilies.selectors import sf_statuses
from earlyhelp.supportingfamilies.tests.helpers import make_eligible
from earlyhelp.timescales import LONDON

Q1 = ReportFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def make_episode(ref: str, team: Any, opened: datetime.datetime, closed: datetime.datetime | None = None, **kw: Any):
    return Episode.objects.create(
        reference=ref,
        family=FamilyFactory(),
        team=team,
        opened_at=opened,
        status=EpisodeStatus.CLOSED if closed else EpisodeStatus.OPEN,
        closed_at=closed,
        **kw,
    )


def add_need(episode: Episode, code: str, user: Any) -> EpisodeNeed:
    return EpisodeNeed.objects.create(
        episode=episode,
        area=NeedArea.objects.get(code=code),
        description=code,
        identified_at=episode.opened_at,
        identified_by=user,
    )


def approve(episode: Episode, user: Any, decided: datetime.datetime, ratings: dict[str, str]) -> Closure:
    closure = Closure.objects.create(
        episode=episode, status=ClosureStatus.APPROVED, requested_by=user, decided_by=user, decided_at=decided
    )
    for code, improvement in ratings.items():
        NeedOutcome.objects.create(
            closure=closure, need=add_need(episode, code, user), improvement=improvement, evidence="x"
        )
    return closure


def read(episode: Episode, person: Any, tool: str, on: datetime.date, user: Any, **scores: int) -> Reading:
    reading = Reading.objects.create(
        episode=episode,
        person=person,
        tool=OutcomeTool.objects.get(code=tool),
        stage="review",
        taken_on=on,
        recorded_by=user,
    )
    for area_code, value in scores.items():
        area = ToolArea.objects.get(tool=reading.tool, code=area_code.replace("_", "."))
        Score.objects.create(reading=reading, area=area, value=value)
    return reading


def label(tool: str, area: str) -> str:
    found = ToolArea.objects.select_related("tool").get(tool__code=tool, code=area)
    return f"{found.tool.name}: {found.label}"


def by_key(tables: list[Table]) -> dict[str, Table]:
    return {table.key: table for table in tables}


@pytest.fixture
def world(team, council, make_user) -> dict[str, Any]:
    user = make_user(roles.TEAM_MANAGER, team=team)
    other = TeamFactory(agency=council, name="Early Help South")
    # Table 1: three closures approved in the quarter, one the day after it.
    a = make_episode("EH-A", team, at(2025, 10, 1), at(2026, 3, 31, 23, 59))
    approve(a, user, at(2026, 3, 31, 23, 59), {"N06": "significant", "N08": "some"})  # the last minute counts
    b = make_episode("EH-B", team, at(2025, 10, 1), at(2026, 2, 10))
    approve(b, user, at(2026, 2, 10), {"N06": "none", "N12": "significant"})
    c = make_episode("EH-C", other, at(2025, 10, 1), at(2026, 1, 15))
    approve(c, user, at(2026, 1, 15), {"N06": "significant"})
    d = make_episode("EH-D", team, at(2025, 10, 1), at(2026, 4, 1))
    approve(d, user, at(2026, 4, 1), {"N06": "significant"})  # the day after: not counted

    # Distance travelled: two children of A, and a reading in D (closed after the quarter) that is left out.
    maisie, noah = PersonFactory(), PersonFactory()
    read(a, maisie, "FAMILY_STAR_PLUS", datetime.date(2025, 11, 1), user, FSP01=3, FSP02=5)
    read(a, maisie, "FAMILY_STAR_PLUS", datetime.date(2026, 1, 10), user, FSP01=5)
    read(a, maisie, "FAMILY_STAR_PLUS", datetime.date(2026, 3, 20), user, FSP01=7, FSP02=4)
    read(a, noah, "FAMILY_STAR_PLUS", datetime.date(2025, 11, 1), user, FSP01=6)
    read(a, noah, "FAMILY_STAR_PLUS", datetime.date(2026, 3, 20), user, FSP01=6)
    read(a, maisie, "GCP2", datetime.date(2025, 11, 1), user, GCP2_PHYSICAL=4)
    read(a, maisie, "GCP2", datetime.date(2026, 3, 1), user, GCP2_PHYSICAL=2)
    read(a, noah, "MY_STAR", datetime.date(2026, 3, 1), user, MS01=3)  # one reading: no pair
    read(d, noah, "FAMILY_STAR_PLUS", datetime.date(2025, 11, 1), user, FSP01=1)
    read(d, noah, "FAMILY_STAR_PLUS", datetime.date(2026, 3, 30), user, FSP01=10)

    # Sustained outcomes: checks of older closures.
    for ref, team_of, checks in [
        ("EH-E", team, [(6, at(2026, 1, 5), False)]),
        ("EH-G", team, [(6, at(2026, 3, 31, 23, 30), True)]),
        ("EH-F", other, [(12, at(2026, 2, 1), False), (6, at(2025, 8, 1), False)]),
        ("EH-K", team, [(6, at(2026, 4, 1), False)]),  # the day after
    ]:
        episode = make_episode(ref, team_of, at(2024, 6, 1), at(2025, 2, 1))
        closure = approve(episode, user, at(2025, 2, 1), {})
        for months, checked, came_back in checks:
            FollowUpCheck.objects.create(
                closure=closure,
                episode=episode,
                months=months,
                due_on=datetime.date(2025, 8, 1),
                checked_at=checked,
                came_back=came_back,
            )

    # Supporting Families: H open and eligible, I closed and claimed, J opened after the quarter.
    h = make_episode("EH-H", team, at(2025, 12, 1), lead_practitioner=user)
    EpisodeChild.objects.create(episode=h, person=PersonFactory(), added_at=h.opened_at)
    make_eligible(h, user)
    i = make_episode("EH-I", team, at(2025, 6, 1), at(2026, 2, 1))
    j = make_episode("EH-J", other, at(2026, 4, 1))
    for episode in (h, i, j):
        for code in ("N06", "N08", "N12"):  # SF01, SF08, SF09
            add_need(episode, code, user)
    Claim.objects.create(episode=i, period="2025-26 Q4", claimed_by=user, claimed_at=at(2026, 3, 1))
    return {"team": team, "other": other}


@pytest.mark.django_db
def test_outcomes_for_the_whole_partnership(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        tables = by_key(outcomes.build(Q1))

    need = rows(tables["by_need"])
    # School attendance: rated at A, B and C (not D, approved on 1 April): significant, none, significant.
    assert need["School attendance"] == [3, pytest.approx(100 / 3), 0.0, pytest.approx(200 / 3)]
    assert need["Exposure to domestic abuse"] == [1, 0.0, 100.0, 0.0]
    assert need["Housing"] == [1, 0.0, 0.0, 100.0]
    # Five ratings in three episodes: one none, one some, three significant.
    assert need["All needs"] == [3, 20.0, 20.0, 60.0]

    distance = rows(tables["distance"])
    # Maisie 3 -> 7 (+4), Noah 6 -> 6 (0): two pairs, mean +2, one improved. Maisie's review is in between.
    assert distance[label("FAMILY_STAR_PLUS", "FSP01")] == [2, 2.0, 1]
    # Maisie 5 -> 4.
    assert distance[label("FAMILY_STAR_PLUS", "FSP02")] == [1, -1.0, 0]
    # Graded Care Profile 2 grades 1 as best: 4 -> 2 is an improvement of 2.
    assert distance[label("GCP2", "GCP2.PHYSICAL")] == [1, 2.0, 1]
    # My Star has one reading and D closed after the quarter: nothing else.
    assert len(distance) == 3

    # 6 months: E (clear) and G (came back at 23:30 on the last day); K was checked on 1 April.
    # 12 months: F (clear).
    assert rows(tables["sustained"]) == {
        "6 months after closure": [2, 1, 50.0],
        "12 months after closure": [1, 1, 100.0],
    }

    sf = rows(tables["supporting_families"])
    assert sf["Open in the period with needs under 3 or more headlines"] == [2]  # H and I, not J
    assert sf["… Eligible: work in progress"] == [1]  # H
    assert sf["… Claimed"] == [1]  # I
    assert sf["… Not eligible"] == [0]
    assert sf["Claims made in the period"] == [1]


@pytest.mark.django_db
def test_records_behind_the_figures(world):
    n06 = NeedArea.objects.get(code="N06")
    assert set(outcomes.records(Q1, "by_need", f"need:{n06.pk}").values_list("reference", flat=True)) == {
        "EH-A",
        "EH-B",
        "EH-C",
    }
    assert outcomes.records(Q1, "by_need", "need:all").count() == 3
    assert set(outcomes.records(Q1, "sustained", "months:6").values_list("reference", flat=True)) == {"EH-E", "EH-G"}
    assert outcomes.records(Q1, "sustained", "months:12").count() == 1
    assert outcomes.records(Q1, "supporting_families", "sf:all").count() == 2
    assert list(outcomes.records(Q1, "supporting_families", "sf:claimed").values_list("reference", flat=True)) == [
        "EH-I"
    ]
    assert outcomes.records(Q1, "supporting_families", "claims").count() == 1
    assert outcomes.records(Q1, "by_need", "nonsense").count() == 0


@pytest.mark.django_db
def test_the_status_counts_agree_with_the_claims_page(world):
    by_status = outcomes._sf_by_status(Q1)
    candidates = Episode.objects.filter(reference__in=["EH-H", "EH-I"])
    expected = {pk: sf.status for pk, sf in sf_statuses(candidates).items()}
    assert {pk: status for status, ids in by_status.items() for pk in ids} == expected


@pytest.mark.django_db
def test_a_team_sees_its_own_episodes(world, django_assert_max_num_queries):
    f = Q1.shifted(team_id=world["team"].pk)
    with django_assert_max_num_queries(20):
        tables = by_key(outcomes.build(f))
    need = rows(tables["by_need"])
    # C belongs to the other team: A (significant) and B (none) remain.
    assert need["School attendance"] == [2, 50.0, 0.0, 50.0]
    assert need["All needs"] == [2, 25.0, 25.0, 50.0]
    assert rows(tables["sustained"])["12 months after closure"] == [0, 0, None]
    assert outcomes.records(f, "by_need", f"need:{NeedArea.objects.get(code='N06').pk}").count() == 2

    south = by_key(outcomes.build(Q1.shifted(team_id=world["other"].pk)))
    assert rows(south["supporting_families"])["Claims made in the period"] == [0]
    assert rows(south["sustained"])["12 months after closure"] == [1, 1, 100.0]


def area_drill(tool: str, area: str) -> str:
    return f"area:{ToolArea.objects.get(tool__code=tool, code=area).pk}"


def episode_pks(*references: str) -> set[int]:
    return set(Episode.objects.filter(reference__in=references).values_list("pk", flat=True))


@pytest.mark.django_db
def test_records_behind_the_distance_travelled(world, team, make_user, django_assert_max_num_queries):
    user = make_user(roles.TEAM_MANAGER, team=team)
    b, c = Episode.objects.get(reference="EH-B"), Episode.objects.get(reference="EH-C")
    # B (closed in the quarter): a pair on Family Star Plus area 1 only. C: one reading, and a second archived.
    child = PersonFactory()
    read(b, child, "FAMILY_STAR_PLUS", datetime.date(2025, 11, 1), user, FSP01=2, FSP02=3)
    read(b, child, "FAMILY_STAR_PLUS", datetime.date(2026, 2, 1), user, FSP01=5)
    read(c, child, "FAMILY_STAR_PLUS", datetime.date(2025, 11, 1), user, FSP01=2)
    archived = read(c, child, "FAMILY_STAR_PLUS", datetime.date(2026, 1, 1), user, FSP01=8)
    archived.archived_at = at(2026, 1, 2)
    archived.save()

    table = by_key(outcomes.build(Q1))["distance"]
    distance = rows(table)
    # A: Maisie +4, Noah 0; B: +3.
    assert distance[label("FAMILY_STAR_PLUS", "FSP01")] == [3, pytest.approx(7 / 3), 2]
    assert all(row.drill.startswith("area:") for row in table.rows)

    expected = {
        ("FAMILY_STAR_PLUS", "FSP01"): {"EH-A", "EH-B"},  # not C (one live reading) nor D (closed after)
        ("FAMILY_STAR_PLUS", "FSP02"): {"EH-A"},  # B's latest reading did not score it
        ("GCP2", "GCP2.PHYSICAL"): {"EH-A"},
        ("MY_STAR", "MS01"): set(),  # one reading: no pair, and no row
    }
    for (tool, area), references in expected.items():
        want, drill = episode_pks(*references), area_drill(tool, area)
        with django_assert_max_num_queries(2):  # the scores, then the episodes
            found = set(outcomes.records(Q1, "distance", drill).values_list("pk", flat=True))
        assert found == want, (tool, area)
    assert {row.drill for row in table.rows} == {area_drill(t, a) for (t, a), refs in expected.items() if refs}

    # A team: A and B are the team's, C the other's.
    south = Q1.shifted(team_id=world["other"].pk)
    assert outcomes.records(south, "distance", area_drill("FAMILY_STAR_PLUS", "FSP01")).count() == 0
    north = Q1.shifted(team_id=world["team"].pk)
    found = set(
        outcomes.records(north, "distance", area_drill("FAMILY_STAR_PLUS", "FSP01")).values_list("pk", flat=True)
    )
    assert found == episode_pks("EH-A", "EH-B")
    assert outcomes.records(Q1, "distance", "area:nonsense").count() == 0
