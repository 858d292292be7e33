"""The practice standards section: PS1 to PS12 by team and agency, against hand-computed figures (issue 6, item 5)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.episodes.standards import evaluate, practice_standards, standards_records
from earlyhelp.episodes.tests.test_standards import decision_for
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.models import StandardsEvaluation
from earlyhelp.reporting.sections import standards
from earlyhelp.reporting.services import standards_evaluate
from earlyhelp.reporting.tests.support import rows

Q1 = ReportFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date(year, month, day), datetime.time(hour, minute)))


@pytest.fixture
def world(family, make_user, team, council, consent, school) -> dict[str, Any]:
    """Five episodes around Q1 2026. None has children, an assessment, a plan or oversight, so PS1, PS7 are not due
    yet, PS2 to PS6 and PS8 not met (each opened long before today); PS9 follows the lead, PS10 the family's
    identity records, PS11 consent, PS12 the request.
    """
    team_b = TeamFactory(agency=council, name="Early Help South")
    team_c = TeamFactory(agency=school, name="School pastoral team")
    lead = make_user(roles.PRACTITIONER, team=team)
    consent(family, council)

    def episode(ref: str, team_, opened, closed=None, *, lead_=None, fam=None, decision=None) -> Episode:
        return Episode.objects.create(
            reference=ref,
            family=fam or FamilyFactory(),
            status=EpisodeStatus.CLOSED if closed else EpisodeStatus.OPEN,
            opened_at=opened,
            closed_at=closed,
            team=team_,
            lead_practitioner=lead_,
            source_decision=decision,
        )

    return {
        "team": team,
        "team_b": team_b,
        "team_c": team_c,
        # Team A: the Ashworths (three members, no ethnicity etc. recorded, consent given), with a lead.
        "e1": episode("EH26-R00001", team, at(2025, 12, 1), lead_=lead, fam=family),
        # Team A: opened on the last day of the period (counts), no lead, an empty family (PS10 met), from a
        # request whose referrer was told (PS12 met).
        "e2": episode("EH26-R00002", team, at(2026, 3, 31, 23, 30), at(2026, 4, 10), decision=decision_for(lead)),
        # Team B: opened the day after the period: not counted.
        "e3": episode("EH26-R00003", team_b, at(2026, 4, 1, 0, 0)),
        # Team C (the school): closed the day before the period: not counted.
        "e4": episode("EH26-R00004", team_c, at(2025, 6, 1), at(2025, 12, 31, 23, 59), lead_=lead),
        # Team C: closed on the first day of the period: counted.
        "e5": episode("EH26-R00005", team_c, at(2025, 6, 1), at(2026, 1, 1, 0, 0), lead_=lead),
    }


def test_practice_standards_by_team_agency_and_overall(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        by_team, by_agency, overall = standards.build(Q1)
    # Columns: episodes, evaluated, then PS1..PS12 % met.
    none = None
    assert rows(by_team) == {
        # E1, E2. PS9: E1 only (50%). PS10: E2 only (E1's family has nothing recorded). PS11: E1 only (consent).
        # PS12: E2 met, E1 not due (no request).
        "Early Help North": [2, 2, none, 0.0, 0.0, 0.0, 0.0, 0.0, none, 0.0, 50.0, 50.0, 50.0, 100.0],
        # E5: a lead (PS9), an empty family (PS10), no consent (PS11), no request (PS12 not due).
        "School pastoral team": [1, 1, none, 0.0, 0.0, 0.0, 0.0, 0.0, none, 0.0, 100.0, 100.0, 0.0, none],
        # E1, E2, E5: PS9 2 of 3, PS10 2 of 3, PS11 1 of 3, PS12 1 of 1.
        "Total": [3, 3, none, 0.0, 0.0, 0.0, 0.0, 0.0, none, 0.0, 200 / 3, 200 / 3, 100 / 3, 100.0],
    }
    # The council's only counted team is team A; the school's is team C.
    assert rows(by_agency)["Northshire Early Help"] == rows(by_team)["Early Help North"]
    assert rows(by_agency)["Oakfield Primary School"] == rows(by_team)["School pastoral team"]
    table = rows(overall)
    # Met, not met, not due yet, % met.
    assert table["PS1: Every child seen, and seen alone where age allows"] == [0, 0, 3, None]
    assert table["PS8: Management oversight within the set interval"] == [0, 3, 0, 0.0]
    assert table["PS9: A named lead practitioner known to every Team Around the Family member"] == [2, 1, 0, 200 / 3]
    assert table["PS11: Consent to share information, or the lawful override"] == [1, 2, 0, 100 / 3]
    assert table["PS12: The referrer told the outcome of their request"] == [1, 0, 2, 100.0]
    # Nothing stored yet: all three were evaluated live.
    assert "3 episodes with no stored evaluation (opened since the nightly job ran) were evaluated" in overall.note
    assert "nightly job at" not in overall.note


def test_records_behind_the_figures(world):
    by_team, by_agency, overall = standards.build(Q1)
    for table in (by_team, by_agency, overall):
        for row in table.rows:
            if not row.drill:
                continue
            figure = row.values[0] if table.key != "overall" else row.values[1]
            assert standards.records(Q1, table.key, row.drill).count() == figure, (table.key, row.label)
    failing = standards.records(Q1, "overall", "not_met:PS9")
    assert list(failing) == [world["e2"]]


def test_team_filter(world):
    f = Q1.shifted(team_id=world["team"].pk)
    by_team, _, overall = standards.build(f)
    assert list(rows(by_team)) == ["Early Help North", "Total"]
    assert rows(by_team)["Total"][:2] == [2, 2]
    assert rows(overall)["PS11: Consent to share information, or the lawful override"] == [1, 1, 0, 50.0]


def test_bulk_records_evaluate_as_the_episode_panel(world, django_assert_max_num_queries):
    episodes = list(Episode.objects.select_related("lead_practitioner").order_by("pk"))
    with django_assert_max_num_queries(20):
        records = standards_records(episodes)
    for record in records:
        bulk = [(r.id, r.status, r.detail) for r in evaluate(record)]
        one = [(r.id, r.status, r.detail) for r in practice_standards(record.episode)]
        assert bulk == one


PS9 = "PS9: A named lead practitioner known to every Team Around the Family member"


def test_stored_evaluations_are_used(world):
    assert standards_evaluate(now=at(2026, 5, 1, 2, 30)) == 5
    # The record changes after the nightly run: E5 loses its lead. The report shows PS9 as stored (still met).
    Episode.objects.filter(pk=world["e5"].pk).update(lead_practitioner=None)
    by_team, _, overall = standards.build(Q1)
    assert rows(overall)[PS9] == [2, 1, 0, 200 / 3]
    assert rows(by_team)["Total"][:2] == [3, 3]
    assert "Records as evaluated by the nightly job at 1 May 2026, 02:30." in overall.note
    assert "when the report ran" not in overall.note
    assert list(standards.records(Q1, "overall", "not_met:PS9")) == [world["e2"]]
    # The next run picks the change up.
    standards_evaluate(now=at(2026, 5, 2, 2, 30))
    _, _, overall = standards.build(Q1)
    assert rows(overall)[PS9] == [1, 2, 0, 100 / 3]
    assert "at 2 May 2026, 02:30." in overall.note
    assert set(standards.records(Q1, "overall", "not_met:PS9")) == {world["e2"], world["e5"]}


def test_the_note_gives_the_oldest_evaluation_used(world):
    standards_evaluate(now=at(2026, 5, 1, 2, 30))
    StandardsEvaluation.objects.filter(episode=world["e1"]).update(evaluated_at=at(2026, 4, 30, 2, 30))
    _, _, overall = standards.build(Q1)
    assert "nightly job at 30 April 2026, 02:30." in overall.note


def test_an_episode_without_a_stored_evaluation_is_evaluated_live(world):
    standards_evaluate(now=at(2026, 5, 1, 2, 30))
    StandardsEvaluation.objects.filter(episode=world["e5"]).delete()
    Episode.objects.filter(pk=world["e1"].pk).update(lead_practitioner=None)
    by_team, _, overall = standards.build(Q1)
    # E1 as stored (PS9 met), E5 live (PS9 met: it still has its lead).
    assert rows(overall)[PS9] == [2, 1, 0, 200 / 3]
    assert rows(by_team)["School pastoral team"][:2] == [1, 1]
    assert "1 episode with no stored evaluation (opened since the nightly job ran) was evaluated" in overall.note
    assert "nightly job at 1 May 2026, 02:30." in overall.note
    assert list(standards.records(Q1, "overall", "not_met:PS9")) == [world["e2"]]


def test_too_many_without_a_stored_evaluation_are_not_evaluated_yet(world, monkeypatch):
    monkeypatch.setattr(standards, "MAX_LIVE", 0)
    standards_evaluate(now=at(2026, 5, 1, 2, 30))
    StandardsEvaluation.objects.filter(episode=world["e5"]).delete()
    by_team, _, overall = standards.build(Q1)
    assert rows(by_team)["Total"][:2] == [3, 2]
    assert rows(by_team)["School pastoral team"][:2] == [1, 0]
    assert "1 episode with no stored evaluation (opened since the nightly job ran) is not evaluated yet" in (
        overall.note
    )


def test_standards_evaluate_stores_one_row_per_episode_in_scope(world):
    now = at(2026, 5, 1, 2, 30)
    # Closed more than 400 days ago, and an archived open episode: neither is evaluated.
    old = Episode.objects.create(
        reference="EH24-R00006",
        family=FamilyFactory(),
        status=EpisodeStatus.CLOSED,
        opened_at=at(2024, 1, 1),
        closed_at=at(2025, 3, 1),
        team=world["team"],
    )
    Episode.objects.filter(pk=world["e3"].pk).update(archived_at=now)
    assert standards_evaluate(now=now, batch=2) == 4
    stored = {e.episode_id: e for e in StandardsEvaluation.objects.all()}
    assert set(stored) == {world[k].pk for k in ("e1", "e2", "e4", "e5")}
    assert old.pk not in stored
    first = stored[world["e1"].pk]
    assert first.evaluated_at == now
    assert set(first.results) == set(standards.STANDARDS)
    assert first.results["PS9"] == "met"
    # Idempotent: a second run keeps one row an episode, updated.
    Episode.objects.filter(pk=world["e1"].pk).update(lead_practitioner=None)
    later = at(2026, 5, 2, 2, 30)
    assert standards_evaluate(now=later, batch=3) == 4
    assert StandardsEvaluation.objects.count() == 4
    again = StandardsEvaluation.objects.get(episode=world["e1"])
    assert again.pk == first.pk
    assert again.evaluated_at == later
    assert again.results["PS9"] == "not_met"


def test_the_build_stays_bounded_with_many_episodes(world, django_assert_max_num_queries):
    families = FamilyFactory.create_batch(75)
    Episode.objects.bulk_create(
        Episode(
            reference=f"EH26-B{i:05d}",
            family=families[i],
            status=EpisodeStatus.OPEN,
            opened_at=at(2026, 1, 15),
            team=world["team_b"] if i % 2 else world["team"],
        )
        for i in range(60)
    )
    standards_evaluate(now=at(2026, 5, 1, 2, 30), batch=50)
    Episode.objects.bulk_create(
        Episode(
            reference=f"EH26-L{i:05d}",
            family=families[60 + i],
            status=EpisodeStatus.OPEN,
            opened_at=at(2026, 2, 1),
            team=world["team_c"],
        )
        for i in range(15)
    )
    with django_assert_max_num_queries(30):
        by_team, _, overall = standards.build(Q1)
    # 3 + 60 + 15 open in the period (E3 opened after it); all evaluated, 15 live.
    assert rows(by_team)["Total"][:2] == [78, 78]
    assert "15 episodes with no stored evaluation" in overall.note
