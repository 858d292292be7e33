"""Demand section: every figure checked against a hand count of a small, explicit set of records."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest

from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.frontdoor.models import ChildOutcome, Decision, RequestPerson, SupportRequest
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.sections import demand
from earlyhelp.reporting.tests.support import check_drills, rows, table
from earlyhelp.thresholds.models import Level
from earlyhelp.timescales import LONDON

# Quarter 1 of 2026. British Summer Time starts on 29 March 2026, so 00:10 on 1 April in London is 23:10 UTC on
# 31 March: a boundary that a UTC-based count would get wrong.
Q1 = ReportFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
_refs = itertools.count(1)


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def code(value: str) -> Code:
    return Code.objects.get(list_name="referral_source", code=value)


def request(when: datetime.datetime | None, *, source: str | None = None, status: str = "new", **extra: Any):
    return SupportRequest.objects.create(
        source="professional",
        status=status,
        reference=None if status == "draft" else f"R26-T{next(_refs):04d}",
        submitted_at=when,
        referral_source=code(source) if source else None,
        **extra,
    )


def child(req, born: datetime.date | None, **extra: Any) -> RequestPerson:
    return RequestPerson.objects.create(
        request=req, is_child=True, first_name="C", last_name="T", date_of_birth=born, **extra
    )


def decide(req, user, when: datetime.datetime, level_number: int, outcomes: list[str]) -> Decision:
    level = Level.objects.filter(number=level_number).order_by("-document__version").first()
    assert level is not None
    decision = Decision.objects.create(
        request=req,
        decided_by=user,
        decided_at=when,
        threshold_document=level.document,
        level=level,
        needs_identified=True,
        rationale="Test",
        consent_position="given",
    )
    # The outcomes go to the children already named in the request, in turn.
    for person, outcome in zip(req.people.filter(is_child=True).order_by("pk"), outcomes, strict=False):
        ChildOutcome.objects.create(decision=decision, child=person, outcome=outcome)
    return decision


def episode(team, opened: datetime.datetime, closed: datetime.datetime | None = None, decision=None, **extra: Any):
    return Episode.objects.create(
        reference=f"EP-{next(_refs):05d}",
        family=FamilyFactory(),
        team=team,
        opened_at=opened,
        closed_at=closed,
        status=EpisodeStatus.CLOSED if closed else EpisodeStatus.OPEN,
        source_decision=decision,
        **extra,
    )


@pytest.fixture
def world(make_user, team):
    """Requests and episodes around Q1 2026, counted by hand in the tests below."""
    user = make_user()
    other = TeamFactory(agency=team.agency, name="Early Help South")
    # Requests received in Q1: a, b, c, d, e (e at 23:30 on the last day). Outside: before, after, draft, archived.
    a = request(at(2026, 1, 5, 10), source="2A")  # schools
    b = request(at(2026, 2, 10, 11), source="2A")
    c = request(at(2026, 3, 2, 9), source="1C")  # self
    d = request(at(2026, 3, 20, 15))  # no source recorded
    e = request(at(2026, 3, 31, 23, 30), source="2A")
    before = request(at(2025, 12, 31, 23, 59), source="2A")
    request(at(2026, 4, 1, 0, 10), source="2A")  # the day after (BST): not counted
    request(None, status="draft")
    request(at(2026, 2, 1, 10), source="2A", archived_at=at(2026, 2, 2, 10))
    withdrawn = request(at(2026, 3, 25, 10), source="1C", status="withdrawn")
    # Children named, age on the date received.
    child(a, datetime.date(2022, 1, 5))  # 4 on 5 Jan 2026 (birthday the same day: 4): Under 5
    child(a, datetime.date(2021, 1, 5))  # 5 on that day exactly: Primary
    child(b, datetime.date(2015, 2, 11))  # 10 on 10 Feb 2026 (11 the next day): Primary
    child(b, datetime.date(2015, 2, 10))  # 11 that day: Secondary
    child(c, datetime.date(2010, 3, 3))  # 15 on 2 Mar 2026: Secondary
    child(c, datetime.date(2010, 3, 2))  # 16: Post 16
    child(d, None, expected_date_of_birth=datetime.date(2026, 6, 1))  # unborn: Under 5
    child(d, None)  # Age not known
    RequestPerson.objects.create(request=d, is_child=False, first_name="M", last_name="T")  # an adult: not counted
    child(before, datetime.date(2020, 1, 1))  # request outside the period: not counted
    # Decisions in Q1: on before (Level 2, early help), a (Level 2, early help + advice), b (Level 3, social care),
    # e (at 23:45 on the last day, Level 1, no outcome recorded). c is decided after the period; d never.
    d_before = decide(before, user, at(2026, 1, 2, 10), 2, ["early_help"])
    d_a = decide(a, user, at(2026, 1, 6, 10), 2, ["early_help", "advice"])
    decide(b, user, at(2026, 2, 11, 10), 3, ["social_care"])
    decide(e, user, at(2026, 3, 31, 23, 45), 1, [])
    decide(c, user, at(2026, 4, 1, 0, 30), 2, ["advice"])  # after the period
    # Episodes.
    episode(team, at(2025, 11, 1), decision=None)  # open throughout: open at end
    episode(team, at(2025, 10, 1), closed=at(2026, 2, 1))  # closed in Q1: not open at end
    episode(team, at(2026, 1, 3), decision=d_before)  # new, open at end
    episode(other, at(2026, 1, 7), decision=d_a)  # new, other team, open at end
    episode(team, at(2026, 3, 31, 23, 50), closed=at(2026, 4, 1, 0, 30))  # new on the last day; closed after: open
    episode(team, at(2026, 4, 1, 0, 5))  # opened the day after: neither
    episode(team, at(2025, 9, 1), archived_at=at(2026, 1, 1))  # archived: never counted
    return {"team": team, "other": other, "withdrawn": withdrawn, "a": a, "b": b, "c": c, "d": d, "e": e}


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def check_age_drills(f: ReportFilter, tables, expected: dict[str, set[int]]) -> None:
    """The by_age figures count children, not requests, so check_drills cannot compare counts: each band's link
    lists exactly the requests expected by hand, and every row of the table has a link."""
    by_age = table(tables, "by_age")
    assert {row.drill for row in by_age.rows} == set(expected)
    assert "requests naming them" in by_age.note
    for drill, wanted in expected.items():
        found = demand.records(f, "by_age", drill)
        assert found.model is SupportRequest
        assert pks(found) == wanted, drill
        assert found.count() == len(wanted), drill  # each request once


def other_tables(tables, key: str):
    return [t for t in tables if t.key != key]


def test_demand_tables_match_hand_counts(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        tables = demand.build(Q1)

    overview = rows(table(tables, "overview"))
    # Open at end: the Nov 2025 one, the two opened in January, the last-day one (closed after the period) = 4.
    assert overview["Episodes open at the end of the period"] == [4]
    # New: 3 Jan, 7 Jan, 31 Mar 23:50 = 3 (1 April 00:05 is the next day).
    assert overview["New episodes opened in the period"] == [3]
    # Received: a, b, c, d, e and the withdrawn one = 6 (not the 31 Dec, 1 April, draft or archived ones).
    assert overview["Requests received in the period"] == [6]

    by_source = table(tables, "by_source")
    source = rows(by_source)
    # Schools: a, b, e = 3 of 6; self: c and the withdrawn one = 2; d has none.
    assert source["2A SCHOOLS"] == [3, 50.0]
    assert source["1C INDIVIDUAL – self"][0] == 2
    assert source["Not recorded"][0] == 1
    assert source["Total"] == [6, 100.0]
    assert by_source.rows[-1].total
    # Every active code of the official list has a row, even with no requests.
    assert len(by_source.rows) == Code.objects.filter(list_name="referral_source", active=True).count() + 2

    age = rows(table(tables, "by_age"))
    # 8 children named in a, b, c, d (the adult and the child in the December request are not counted).
    assert age["Under 5"] == [2, 25.0]  # the 4-year-old and the unborn baby
    assert age["Primary (5 to 10)"] == [2, 25.0]  # 5 exactly, 10 the day before turning 11
    assert age["Secondary (11 to 15)"] == [2, 25.0]  # 11 that day, 15 the day before turning 16
    assert age["Post 16 (16 and over)"] == [1, 12.5]
    assert age["Age not known"] == [1, 12.5]
    assert age["Total children"] == [8, 100.0]

    level = rows(table(tables, "by_level"))
    names = dict(Level.objects.order_by("-document__version").values_list("number", "name")[:4])
    # Decided in Q1: before's and a's at Level 2, b's at Level 3, e's at Level 1 = 4 (c's decision is after).
    assert level[f"Level 2: {names[2]}"] == [2, 50.0]
    assert level[f"Level 3: {names[3]}"] == [1, 25.0]
    assert level[f"Level 1: {names[1]}"] == [1, 25.0]
    # Received in Q1 and undecided at the end: c (decided 1 April) and d; the withdrawn one is not waiting.
    assert level["Not yet decided"] == [2, None]
    assert level["Total decided"] == [4, 100.0]

    led_to = rows(table(tables, "led_to"))
    # 4 decisions: early help for before's and a's (2), advice for a's (1), social care for b's (1), none for e's.
    assert led_to["An early help episode"] == [2, 50.0]
    assert led_to["Information and advice, or signposting to a service"] == [1, 25.0]
    assert led_to["Referral to children's social care"] == [1, 25.0]
    assert led_to["No further action"] == [0, 0.0]
    assert led_to["No outcome recorded"] == [1, 25.0]
    assert led_to["Decisions made"] == [4, 100.0]

    # The children counted above, by the requests naming them: a request is listed once in each band it names a
    # child in, and requests naming no child (e, the withdrawn one) in none.
    w = world
    check_age_drills(
        Q1,
        tables,
        {
            "age-under_5": {w["a"].pk, w["d"].pk},
            "age-primary": {w["a"].pk, w["b"].pk},
            "age-secondary": {w["b"].pk, w["c"].pk},
            "age-post_16": {w["c"].pk},
            "age-unknown": {w["d"].pk},
            "children": {w["a"].pk, w["b"].pk, w["c"].pk, w["d"].pk},
        },
    )
    check_drills(demand.records, Q1, other_tables(tables, "by_age"))


def test_a_request_naming_two_children_in_a_band_is_listed_once(world):
    # A twin of a's 4-year-old, and a second unborn baby in d: Under 5 now counts 4 children in 2 requests.
    child(world["a"], datetime.date(2022, 1, 5))
    child(world["d"], None, expected_date_of_birth=datetime.date(2026, 6, 1))
    assert rows(table(demand.build(Q1), "by_age"))["Under 5"] == [4, 40.0]
    found = demand.records(Q1, "by_age", "age-under_5")
    assert pks(found) == {world["a"].pk, world["d"].pk}
    assert found.count() == 2
    # A band that does not exist lists nothing.
    assert not demand.records(Q1, "by_age", "age-over_90").exists()


def test_the_last_day_counts_and_the_next_does_not(world):
    last_day = Q1.shifted(start=datetime.date(2026, 3, 31))
    overview = rows(table(demand.build(last_day), "overview"))
    # Received on 31 March: only e (23:30); the 00:10 BST request on 1 April is 23:10 UTC on 31 March: not counted.
    assert overview["Requests received in the period"] == [1]
    assert overview["New episodes opened in the period"] == [1]  # 23:50 on 31 March
    next_day = Q1.shifted(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 1))
    overview = rows(table(demand.build(next_day), "overview"))
    assert overview["Requests received in the period"] == [1]
    assert overview["New episodes opened in the period"] == [1]


def test_a_team_filter_counts_requests_by_the_team_of_their_episode(world, django_assert_max_num_queries):
    f = Q1.shifted(team_id=world["other"].pk)
    with django_assert_max_num_queries(10):
        tables = demand.build(f)
    overview = rows(table(tables, "overview"))
    # The other team holds one episode (opened 7 Jan from a's decision): open at end and new.
    assert overview["Episodes open at the end of the period"] == [1]
    assert overview["New episodes opened in the period"] == [1]
    # Only request a led to that team's episode.
    assert overview["Requests received in the period"] == [1]
    assert rows(table(tables, "by_source"))["2A SCHOOLS"] == [1, 100.0]
    assert rows(table(tables, "by_age"))["Total children"] == [2, 100.0]  # a names two children
    assert rows(table(tables, "led_to"))["Decisions made"] == [1, 100.0]
    # a names a 4-year-old and a 5-year-old; the other teams' requests are not listed.
    a = {world["a"].pk}
    check_age_drills(
        f,
        tables,
        {
            "age-under_5": a,
            "age-primary": a,
            "age-secondary": set(),
            "age-post_16": set(),
            "age-unknown": set(),
            "children": a,
        },
    )
    check_drills(demand.records, f, other_tables(tables, "by_age"))


def test_age_in_whole_years_and_the_29_february_birthday():
    leap = datetime.date(2012, 2, 29)
    assert demand.age_on(leap, datetime.date(2017, 2, 28)) == 4  # not 5 until 1 March in a non-leap year
    assert demand.age_on(leap, datetime.date(2017, 3, 1)) == 5
    assert demand.age_on(leap, datetime.date(2016, 2, 29)) == 4
    assert demand.age_band(leap, False, datetime.date(2017, 2, 28)) == "under_5"
    assert demand.age_band(leap, False, datetime.date(2017, 3, 1)) == "primary"
    assert demand.age_band(None, True, datetime.date(2017, 3, 1)) == "under_5"
    assert demand.age_band(None, False, datetime.date(2017, 3, 1)) == "unknown"
