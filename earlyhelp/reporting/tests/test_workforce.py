"""The workforce section: caseloads, supervision and training coverage. Expected figures are counted by hand from
the fixtures (comments say why)."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from earlyhelp.episodes.models import Allocation
from earlyhelp.organisations.models import PractitionerProfile, TrainingCourse, TrainingRecord
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.oversight.models import Supervision
from earlyhelp.reporting.sections import workforce
from earlyhelp.reporting.tests.support import rows, table
from earlyhelp.reporting.tests.test_flow import Q1, at, make_episode

EARLY_HELP = TrainingCourse.EARLY_HELP
THRESHOLDS = TrainingCourse.THRESHOLDS


@pytest.fixture
def north(council):
    return TeamFactory(agency=council, name="North")


@pytest.fixture
def south(council):
    return TeamFactory(agency=council, name="South")


@pytest.fixture
def staff(make_user, north, south, school):
    p1 = make_user("practitioner", team=north)
    p2 = make_user("team_manager", team=north)
    p3 = make_user("practitioner", team=south)
    referrer = make_user("referrer", team=north)
    gone = make_user("practitioner", team=north)
    gone.is_active = False
    gone.save()
    teacher = make_user("referrer", agency=school)
    PractitionerProfile.objects.filter(user=p1).update(caseload_limit=2)
    PractitionerProfile.objects.filter(user=p2).update(caseload_limit=5)
    return {"p1": p1, "p2": p2, "p3": p3, "referrer": referrer, "gone": gone, "teacher": teacher}


def allocate(lead, team, by, allocated, *, ended=None, opened=None, closed=None):
    episode = make_episode(opened or allocated, team=team, closed=closed, lead=lead)
    Allocation.objects.create(
        episode=episode, team=team, lead_practitioner=lead, allocated_by=by, allocated_at=allocated, ended_at=ended
    )
    return episode


def supervise(practitioner, by, day, **extra):
    return Supervision.objects.create(practitioner=practitioner, supervisor=by, held_on=day, **extra)


@override_settings(SUPERVISION_INTERVAL_DAYS=30)
def test_caseloads_and_supervision(staff, north, south, django_assert_max_num_queries):
    p1, p2, p3, boss = staff["p1"], staff["p2"], staff["p3"], staff["p2"]
    # p1: A open (counts), B reallocated before the end (not), C allocated on the last day (counts),
    # D allocated the day after (not), E closed before the end (not): 2, at their limit of 2.
    allocate(p1, north, boss, at(2026, 1, 5))
    allocate(p1, north, boss, at(2025, 12, 1), ended=at(2026, 2, 1))
    allocate(p1, north, boss, at(2026, 3, 31, 23, 0))
    allocate(p1, north, boss, at(2026, 4, 1, 9, 0))
    allocate(p1, north, boss, at(2025, 11, 1), closed=at(2026, 3, 1))
    # p2: F closed after the period ends, so open at its end: 1 of 5. The inactive user's episode is not counted.
    allocate(p2, north, boss, at(2025, 10, 1), closed=at(2026, 4, 2))
    allocate(staff["gone"], north, boss, at(2025, 10, 1))

    # Supervision: p1 on 10 January and on the last day (the archived one and the one after do not count);
    # p2 last on 1 December (120 days before 31 March); p3 never.
    supervise(p1, boss, datetime.date(2026, 1, 10))
    supervise(p1, boss, datetime.date(2026, 3, 31))
    supervise(p1, boss, datetime.date(2026, 4, 1))
    supervise(p1, boss, datetime.date(2026, 2, 15), archived_at=at(2026, 2, 16))
    supervise(p2, boss, datetime.date(2025, 12, 1))

    with django_assert_max_num_queries(4):
        tables = workforce.build(Q1)
    north_label, south_label = "North (Northshire Early Help)", "South (Northshire Early Help)"
    caseloads = rows(table(tables, "caseloads"))
    assert caseloads == {
        # p1 and p2: 3 episodes, limits 2 and 5, p1 at their limit.
        north_label: [2, 3, 1.5, 3.5, 1, 50.0],
        south_label: [1, 0, 0.0, 20.0, 0, 0.0],
        "All practitioners": [3, 3, 1.0, 9.0, 1, 100 / 3],
    }
    supervision = rows(table(tables, "supervision"))
    assert supervision == {
        # p1 twice (0 days since the last), p2 none in the period (120 days since the last, overdue).
        north_label: [2, 2, 1.0, 1, 60.0, 1],
        south_label: [1, 0, 0.0, 1, None, 1],
        "All practitioners": [3, 2, 2 / 3, 2, 60.0, 2],
    }

    scoped = workforce.build(Q1.shifted(team_id=north.pk))
    assert list(rows(table(scoped, "caseloads"))) == [north_label, "All practitioners"]
    assert rows(table(scoped, "caseloads"))["All practitioners"][:2] == [2, 3]
    assert p3.pk


def test_training_coverage_by_agency(staff, north, council, school):
    p1, p2, p3 = staff["p1"], staff["p2"], staff["p3"]

    def record(course, day, user=None, name="", agency=council, **extra):
        return TrainingRecord.objects.create(
            user=user, name=name, agency=agency, course=course, completed_on=day, **extra
        )

    record(EARLY_HELP, datetime.date(2025, 6, 1), p1)
    record(THRESHOLDS, datetime.date(2026, 3, 31), p1)  # the last day counts
    record(EARLY_HELP, datetime.date(2026, 4, 1), p2)  # the day after does not
    record(THRESHOLDS, datetime.date(2026, 2, 1), staff["referrer"])
    record(EARLY_HELP, datetime.date(2026, 1, 5), staff["teacher"], agency=school)
    record(EARLY_HELP, datetime.date(2025, 5, 1), name="Jo Bloggs", agency=school)
    record(THRESHOLDS, datetime.date(2025, 5, 2), name="Jo Bloggs", agency=school)  # the same person
    record(EARLY_HELP, datetime.date(2025, 5, 1), name="Old Record", agency=school, archived_at=at(2025, 6, 1))
    record(EARLY_HELP, datetime.date(2025, 5, 1), p3, archived_at=at(2025, 6, 1))

    got = rows(table(workforce.build(Q1), "training"))
    assert got == {
        # p1, p2, p3 and the referrer (the inactive user is left out): p1 early help; p1 and the referrer
        # thresholds; in the period p1's thresholds and the referrer's.
        "Northshire Early Help": [4, 1, 25.0, 2, 50.0, 0, 2],
        # The teacher, trained in the period; Jo Bloggs has no account.
        "Oakfield Primary School": [1, 1, 100.0, 0, 0.0, 1, 1],
        "All agencies": [5, 2, 40.0, 2, 40.0, 1, 3],
    }

    # Team North: p1, p2 and the referrer; the school's staff have no team.
    scoped = rows(table(workforce.build(Q1.shifted(team_id=north.pk)), "training"))
    assert scoped == {
        "Northshire Early Help": [3, 1, 100 / 3, 2, 200 / 3, 0, 2],
        "All agencies": [3, 1, 100 / 3, 2, 200 / 3, 0, 2],
    }
