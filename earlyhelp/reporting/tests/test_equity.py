"""The equity and need section, against figures worked out by hand from small fixtures."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import IntegrityError

from earlyhelp.access import roles
from earlyhelp.closures.models import Closure, ClosureStatus, NeedOutcome
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.frontdoor.models import Decision, RequestPerson, SupportRequest
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory, PersonFactory
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.models import PopulationEstimate
from earlyhelp.reporting.sections import equity
from earlyhelp.reporting.tests.support import rows
from earlyhelp.thresholds.models import Level
from earlyhelp.timescales import LONDON

Q1 = ReportFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def code(list_name: str, value: str) -> Code:
    return Code.objects.get(list_name=list_name, code=value)


def person(ethnicity: str | None, sex: str, born: datetime.date, language: str | None, disabilities: list[str]):
    found = PersonFactory(
        ethnicity=code("ethnicity", ethnicity) if ethnicity else None,
        sex=code("sex", sex),
        date_of_birth=born,
        first_language=code("language", language) if language else None,
    )
    found.disabilities.set([code("disability", d) for d in disabilities])
    return found


def request(ref: str, when: datetime.datetime, *children: Any) -> SupportRequest:
    req = SupportRequest.objects.create(source="professional", status="new", reference=ref, submitted_at=when)
    for child in children:
        extra = child if isinstance(child, dict) else {"matched_person": child}
        RequestPerson.objects.create(request=req, is_child=True, first_name="C", last_name="T", **extra)
    return req


def decide(req: SupportRequest, user: Any) -> Decision:
    level = Level.objects.order_by("-document__version", "number").first()
    assert level is not None
    return Decision.objects.create(
        request=req,
        decided_by=user,
        decided_at=req.submitted_at,
        threshold_document=level.document,
        level=level,
        needs_identified=True,
        rationale="Test",
        consent_position="given",
    )


def make_episode(ref, team, opened, closed=None, children=(), needs=(), decision=None) -> Episode:
    episode = Episode.objects.create(
        reference=ref,
        family=FamilyFactory(),
        team=team,
        opened_at=opened,
        closed_at=closed,
        status=EpisodeStatus.CLOSED if closed else EpisodeStatus.OPEN,
        source_decision=decision,
    )
    for child in children:
        EpisodeChild.objects.create(episode=episode, person=child, added_at=opened)
    return episode


def need(episode: Episode, area: str, user: Any, archived: bool = False) -> EpisodeNeed:
    return EpisodeNeed.objects.create(
        episode=episode,
        area=NeedArea.objects.get(code=area),
        description=area,
        identified_at=episode.opened_at,
        identified_by=user,
        archived_at=episode.opened_at if archived else None,
    )


def close(episode: Episode, user: Any, ratings: dict[str, str]) -> None:
    closure = Closure.objects.create(
        episode=episode,
        status=ClosureStatus.APPROVED,
        requested_by=user,
        decided_by=user,
        decided_at=episode.closed_at,
    )
    for area, improvement in ratings.items():
        NeedOutcome.objects.create(
            closure=closure, need=need(episode, area, user), improvement=improvement, evidence="x"
        )


@pytest.fixture
def world(team, council, make_user) -> dict[str, Any]:
    user = make_user(roles.TEAM_MANAGER, team=team)
    other = TeamFactory(agency=council, name="Early Help South")
    # On 31 March 2026: p1 is 4 (5 the day after), p2 is 10 that day, p3 is 16.
    p1 = person("WBRI", "F", datetime.date(2021, 4, 1), "eng", ["MOB"])
    p2 = person("WBRI", "M", datetime.date(2016, 3, 31), "pol", ["NONE"])
    p3 = person(None, "F", datetime.date(2010, 1, 1), None, [])

    # Requests: r1 at the last minute of the quarter names p1, p2 and a child not yet matched (a boy of 13 by the
    # referrer's account); r2 names p1 again; r3 (the day after) names p3.
    request(
        "R-1", at(2026, 3, 31, 23, 59), p1, p2, {"sex": code("sex", "M"), "date_of_birth": datetime.date(2012, 6, 1)}
    )
    r2 = request("R-2", at(2026, 2, 1), p1)
    request("R-3", at(2026, 4, 1), p3)

    # Episodes opened in the quarter: e1 (p1, p3; closed with every need significantly improved), e2 at the last
    # hour (p2, the other team). e3 opened the day after; e4 opened before and closed with some improvement.
    e1 = make_episode("E-1", team, at(2026, 1, 10), at(2026, 3, 15), [p1, p3], decision=decide(r2, user))
    close(e1, user, {"N06": "significant", "N08": "significant"})  # N08: domestic abuse
    need(e1, "N09", user, archived=True)  # recorded in error: not a substance misuse episode
    e2 = make_episode("E-2", other, at(2026, 3, 31, 22), None, [p2])
    for area in ("N08", "N09", "N10"):  # all three parental risks
        need(e2, area, user)
    e3 = make_episode("E-3", team, at(2026, 4, 1), None, [p2])
    need(e3, "N08", user)
    e4 = make_episode("E-4", team, at(2025, 10, 1), at(2026, 2, 1), [p2])
    close(e4, user, {"N06": "significant", "N10": "some"})  # N10: parental mental health

    PopulationEstimate.objects.create(characteristic="ethnicity", value="WBRI", population=20000, year=2026)
    PopulationEstimate.objects.create(characteristic="ethnicity", value="WBRI", population=1, year=2025)
    PopulationEstimate.objects.create(characteristic="sex", value="F", population=10000, year=2026)
    PopulationEstimate.objects.create(characteristic="age_band", value="under_5", population=5000, year=2026)
    PopulationEstimate.objects.create(characteristic="ethnicity", value="WIRI", population=300, year=2026)
    return {"team": team, "other": other}


@pytest.mark.django_db
def test_equity_for_the_whole_partnership(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        tables = {table.key: table for table in equity.build(Q1)}

    # Requests: p1 (twice, counted once), p2 and the unmatched child = 3. New episodes: e1 (p1, p3), e2 (p2).
    # Improved: e1 (p1, p3). Rates: 2 / 20,000 x 10,000 = 1.0.
    assert rows(tables["by_ethnicity"]) == {
        "White British": [2, 1.0, 2, 1.0, 1, 20000],
        "White Irish": [0, 0.0, 0, 0.0, 0, 300],  # a population entered, nobody counted
        "Not recorded": [1, None, 1, None, 1, None],
    }
    # The unmatched child's sex comes from the request.
    assert rows(tables["by_sex"]) == {
        "Male": [2, None, 1, None, 0, None],
        "Female": [1, 1.0, 2, 2.0, 2, 10000],
        "Not recorded": [0, None, 0, None, 0, None],
    }
    ages = rows(tables["by_age_band"])
    assert ages["Under 5"] == [1, 2.0, 1, 2.0, 1, 5000]  # p1, 4 on the last day of the quarter
    assert ages["Primary (5 to 10)"] == [1, None, 1, None, 0, None]  # p2
    assert ages["Secondary (11 to 15)"] == [1, None, 0, None, 0, None]  # the unmatched child, 13
    assert ages["Post 16 (16 and 17)"] == [0, None, 1, None, 1, None]  # p3
    assert "18 or over" not in ages
    assert rows(tables["by_disability"]) == {
        "No disability": [1, None, 1, None, 0, None],
        "Mobility": [1, None, 1, None, 1, None],
        "Not recorded": [1, None, 1, None, 1, None],
    }
    assert rows(tables["by_first_language"]) == {
        "English": [1, None, 1, None, 1, None],
        "Polish": [1, None, 1, None, 0, None],
        "Not recorded": [1, None, 1, None, 1, None],
    }

    # Open in the quarter: e1 (domestic abuse), e2 (all three), e4 (mental health); e3 opened on 1 April.
    assert rows(tables["parental_risks"]) == {
        "Domestic abuse": [2, 3],  # e1, e2: p1, p3, p2
        "Parental mental ill health": [2, 1],  # e2, e4: p2 in both
        "Parental substance misuse": [1, 1],  # e2 (e1's was archived)
        "Any two of the three": [1, 1],
        "All three (the 'toxic trio')": [1, 1],
    }


@pytest.mark.django_db
def test_records_behind_the_parental_risks(world):
    assert set(equity.records(Q1, "parental_risks", "risk:domestic_abuse").values_list("reference", flat=True)) == {
        "E-1",
        "E-2",
    }
    assert equity.records(Q1, "parental_risks", "risk:mental_health").count() == 2
    assert list(equity.records(Q1, "parental_risks", "risk:three").values_list("reference", flat=True)) == ["E-2"]
    assert equity.records(Q1, "parental_risks", "risk:nonsense").count() == 0


@pytest.mark.django_db
def test_a_team_sees_its_own_requests_and_episodes(world):
    f = Q1.shifted(team_id=world["team"].pk)
    tables = {table.key: table for table in equity.build(f)}
    # Only r2 led to an episode of the team (e1): p1. New episodes: e1 (p1, p3), both improved.
    assert rows(tables["by_ethnicity"])["White British"] == [1, 0.5, 1, 0.5, 1, 20000]
    assert rows(tables["by_ethnicity"])["Not recorded"] == [0, None, 1, None, 1, None]
    assert rows(tables["parental_risks"]) == {
        "Domestic abuse": [1, 2],  # e1
        "Parental mental ill health": [1, 1],  # e4
        "Parental substance misuse": [0, 0],
        "Any two of the three": [0, 0],
        "All three (the 'toxic trio')": [0, 0],
    }
    assert equity.records(f, "parental_risks", "risk:domestic_abuse").count() == 1


@pytest.mark.django_db
def test_without_population_estimates_there_are_no_rates(world):
    PopulationEstimate.objects.all().delete()
    tables = {table.key: table for table in equity.build(Q1)}
    assert rows(tables["by_ethnicity"])["White British"] == [2, None, 2, None, 1, None]
    assert "White Irish" not in rows(tables["by_ethnicity"])


@pytest.mark.django_db
def test_one_estimate_per_value_and_year():
    PopulationEstimate.objects.create(characteristic="sex", value="M", population=1, year=2026)
    with pytest.raises(IntegrityError):
        PopulationEstimate.objects.create(characteristic="sex", value="M", population=2, year=2026)


def episode_pks(*references: str) -> set[int]:
    return set(Episode.objects.filter(reference__in=references).values_list("pk", flat=True))


def drilled(f: ReportFilter, table: str, drill: str) -> set[int]:
    return set(equity.records(f, table, drill).values_list("pk", flat=True))


@pytest.mark.django_db
def test_records_behind_the_characteristics(world, django_assert_max_num_queries):
    tables = {table.key: table for table in equity.build(Q1)}
    # Every row of a characteristic table links to its records.
    for key in ("by_ethnicity", "by_sex", "by_age_band", "by_disability", "by_first_language"):
        assert all(row.drill for row in tables[key].rows), key
        assert "episodes opened in the period" in tables[key].note
    drills = {row.label: row.drill for row in tables["by_sex"].rows}
    assert drills == {"Male": "by_sex:M", "Female": "by_sex:F", "Not recorded": "by_sex:not_recorded"}

    # Opened in the quarter: e1 (p1, p3) and e2 (p2); e3 opened on 1 April and e4 before the quarter.
    expected = {
        ("by_ethnicity", "WBRI"): {"E-1", "E-2"},  # p1, p2
        ("by_ethnicity", "WIRI"): set(),
        ("by_ethnicity", "not_recorded"): {"E-1"},  # p3
        ("by_sex", "M"): {"E-2"},  # p2
        ("by_sex", "F"): {"E-1"},  # p1, p3
        ("by_sex", "not_recorded"): set(),
        ("by_age_band", "under_5"): {"E-1"},  # p1
        ("by_age_band", "primary"): {"E-2"},  # p2
        ("by_age_band", "secondary"): set(),  # only the unmatched child of a request
        ("by_age_band", "post_16"): {"E-1"},  # p3
        ("by_age_band", "not_recorded"): set(),
        ("by_disability", "NONE"): {"E-2"},  # p2
        ("by_disability", "MOB"): {"E-1"},  # p1
        ("by_disability", "not_recorded"): {"E-1"},  # p3, with no disability recorded
        ("by_first_language", "eng"): {"E-1"},  # p1
        ("by_first_language", "pol"): {"E-2"},  # p2
        ("by_first_language", "not_recorded"): {"E-1"},  # p3
    }
    for (table, value), references in expected.items():
        want = episode_pks(*references)
        with django_assert_max_num_queries(2):  # the active codes, then the episodes
            assert drilled(Q1, table, f"{table}:{value}") == want, (table, value)
    # Those are the rows' own drills; anything else lists nothing.
    shown = {(t.key, row.drill) for t in tables.values() for row in t.rows}
    assert {(table, f"{table}:{value}") for table, value in expected} <= shown
    assert drilled(Q1, "by_sex", "by_sex:X") == set()
    assert drilled(Q1, "by_sex", "by_ethnicity:WBRI") == set()
    assert drilled(Q1, "by_ethnicity", "nonsense") == set()


@pytest.mark.django_db
def test_records_behind_the_characteristics_for_a_team(world):
    f = Q1.shifted(team_id=world["team"].pk)
    # The team's episode opened in the quarter: e1 (p1, p3).
    assert drilled(f, "by_ethnicity", "by_ethnicity:WBRI") == episode_pks("E-1")
    assert drilled(f, "by_ethnicity", "by_ethnicity:not_recorded") == episode_pks("E-1")
    assert drilled(f, "by_sex", "by_sex:M") == set()


@pytest.mark.django_db
def test_an_inactive_code_is_not_recorded_and_so_are_its_records(world):
    Code.objects.filter(list_name="language", code="pol").update(active=False)
    tables = {table.key: table for table in equity.build(Q1)}
    assert rows(tables["by_first_language"])["Not recorded"] == [2, None, 2, None, 1, None]  # p2, p3
    assert "by_first_language:pol" not in {row.drill for row in tables["by_first_language"].rows}
    assert drilled(Q1, "by_first_language", "by_first_language:not_recorded") == episode_pks("E-1", "E-2")
    assert drilled(Q1, "by_first_language", "by_first_language:pol") == set()
