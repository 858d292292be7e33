"""Timeliness section: working-day clocks checked against hand counts over a small, explicit set of records.

English working days in the period: 1 January 2026 (Thursday) is a bank holiday; Good Friday is 3 April and Easter
Monday 6 April 2026. British Summer Time starts on 29 March 2026, so 00:30 on 1 April in London is 23:30 UTC on
31 March.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from typing import Any

import pytest

from earlyhelp.assessments.models import Assessment, AssessmentStatus
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.frontdoor.models import Decision, Feedback, SupportRequest
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.plans.models import Plan, PlanStatus
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.sections import timeliness
from earlyhelp.reporting.tests.support import check_drills, rows, table
from earlyhelp.reviews.models import Review, ReviewStatus
from earlyhelp.thresholds.models import Level
from earlyhelp.timescales import LONDON

Q1 = ReportFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
_refs = itertools.count(1)


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def episode(team, opened: datetime.datetime, allocated: datetime.datetime | None = None) -> Episode:
    return Episode.objects.create(
        reference=f"EP-{next(_refs):05d}",
        family=FamilyFactory(),
        team=team,
        opened_at=opened,
        allocated_at=allocated,
        status=EpisodeStatus.OPEN,
    )


def decided(user, team, received, decided_at, *, sent: datetime.datetime | None = None, feedback: bool = True):
    request = SupportRequest.objects.create(
        source="professional", status="decided", reference=f"R26-T{next(_refs):04d}", submitted_at=received
    )
    level = Level.objects.order_by("-document__version", "number").first()
    assert level is not None
    decision = Decision.objects.create(
        request=request,
        decided_by=user,
        decided_at=decided_at,
        threshold_document=level.document,
        level=level,
        needs_identified=True,
        rationale="Test",
        consent_position="given",
    )
    if feedback:
        Feedback.objects.create(request=request, text="Decided", due_at=decided_at, sent_at=sent)
    ep = episode(team, decided_at)
    ep.source_decision = decision
    ep.save()
    return request


def signed_off(ep, user, when, *, number: int = 1, **extra: Any) -> Assessment:
    return Assessment.objects.create(
        episode=ep,
        number=number,
        status=AssessmentStatus.SIGNED_OFF,
        started_by=user,
        started_at=ep.opened_at,
        signed_off_at=when,
        **extra,
    )


def approved(ep, user, when) -> Plan:
    return Plan.objects.create(
        episode=ep, created_by=user, status=PlanStatus.APPROVED, approved_at=when, first_approved_at=when
    )


def review(ep, number, due, held, completed, *, status=ReviewStatus.COMPLETED, **extra: Any) -> Review:
    return Review.objects.create(
        episode=ep, number=number, due_on=due, held_on=held, completed_at=completed, status=status, **extra
    )


@pytest.fixture
def world(make_user, team, settings):
    settings.ASSESSMENT_TARGET_WORKING_DAYS = 30
    settings.PLAN_TARGET_WORKING_DAYS = 10
    user = make_user()
    other = TeamFactory(agency=team.agency, name="Early Help South")
    # Front door decisions, all but the last in Q1.
    # r1: received Mon 5 Jan 10:00, decided exactly one working day later: in time. Feedback the same day: in time.
    decided(user, team, at(2026, 1, 5, 10), at(2026, 1, 6, 10), sent=at(2026, 1, 6, 15))
    # r2: a minute late; feedback Thu 8 Jan 11:00, due Wed 7 Jan 10:01: late, 2 working days after the decision.
    decided(user, other, at(2026, 1, 5, 10), at(2026, 1, 6, 10, 1), sent=at(2026, 1, 8, 11))
    # r3: received Wed 31 Dec 16:00; 1 Jan is a bank holiday, so due Fri 2 Jan 16:00: decided 15:00, in time.
    # Feedback Mon 5 Jan 09:30, due Mon 5 Jan 15:00: in time, 1 working day after the decision.
    decided(user, team, at(2025, 12, 31, 16), at(2026, 1, 2, 15), sent=at(2026, 1, 5, 9, 30))
    # r4: received Saturday 28 Mar: clock starts Mon 30 Mar 09:00, due Tue 31 Mar 09:00: decided 08:59 on the
    # last day of the period, in time. No feedback drafted at all: not sent.
    decided(user, team, at(2026, 3, 28, 12), at(2026, 3, 31, 8, 59), feedback=False)
    # r6: received Mon 2 Feb 09:00, decided Wed 4 Feb 09:00 (due Tue 3 Feb 09:00): late. Feedback drafted, unsent.
    decided(user, team, at(2026, 2, 2, 9), at(2026, 2, 4, 9))
    # r5: decided 00:10 on 1 April: the day after the period.
    decided(user, team, at(2026, 3, 31, 10), at(2026, 4, 1, 0, 10), sent=at(2026, 4, 1, 9))

    # Assessments and plans.
    # E1: allocated Mon 5 Jan 12:00; 30 working days later is Mon 16 Feb 12:00: signed off then, in target.
    # Plan due 10 working days after the sign-off, Mon 2 Mar 12:00: approved a minute late.
    e1 = episode(team, at(2026, 1, 5, 10), allocated=at(2026, 1, 5, 12))
    signed_off(e1, user, at(2026, 2, 16, 12))
    approved(e1, user, at(2026, 3, 2, 12, 1))
    # E2 (other team): no allocation time, so the clock runs from opening, Mon 5 Jan 10:00: due Mon 16 Feb 10:00;
    # first live sign-off 10:01, late (an archived assessment signed off in January does not count; a
    # re-assessment in March is not counted). Plan approved Wed 18 Feb, due 2 Mar 10:01: in target.
    e2 = episode(other, at(2026, 1, 5, 10))
    signed_off(e2, user, at(2026, 1, 10, 10), number=3, archived_at=at(2026, 1, 11, 10))
    signed_off(e2, user, at(2026, 2, 16, 10, 1))
    signed_off(e2, user, at(2026, 3, 1, 10), number=2)
    approved(e2, user, at(2026, 2, 18, 10))
    # E3: opened Sunday 1 Mar, so the clock starts Mon 2 Mar 09:00 and (with Easter) is due Wed 15 Apr: signed off
    # at 23:00 on the last day of the period, in target.
    e3 = episode(team, at(2026, 3, 1, 10))
    signed_off(e3, user, at(2026, 3, 31, 23))
    # E4: signed off 00:30 on 1 April (the day after); plan approved in December: neither counted.
    e4 = episode(team, at(2026, 1, 5, 10))
    signed_off(e4, user, at(2026, 4, 1, 0, 30))
    approved(e4, user, at(2025, 12, 31, 12))
    # E5: plan approved in the period with no assessment signed off: counted, not in target.
    e5 = episode(team, at(2026, 1, 5, 10))
    approved(e5, user, at(2026, 2, 2, 12))

    # Reviews completed in the period.
    review(e1, 1, datetime.date(2026, 2, 20), datetime.date(2026, 2, 20), at(2026, 2, 21, 10))  # on the due date
    review(e2, 1, datetime.date(2026, 3, 1), datetime.date(2026, 3, 3), at(2026, 3, 3, 16))  # two days late
    # No meeting date: completed 00:30 BST on 31 Mar (23:30 UTC on 30 Mar), due 30 Mar: late in London time.
    review(e1, 2, datetime.date(2026, 3, 30), None, at(2026, 3, 31, 0, 30))
    review(e3, 1, datetime.date(2026, 4, 1), datetime.date(2026, 3, 31), at(2026, 4, 1, 0, 30))  # completed after
    review(e4, 1, datetime.date(2026, 3, 1), None, None, status=ReviewStatus.SCHEDULED)  # not completed
    review(e1, 3, datetime.date(2026, 3, 1), datetime.date(2026, 3, 1), at(2026, 3, 1, 12), archived_at=at(2026, 3, 2))
    return {"team": team, "other": other, "e1": e1, "e2": e2, "e3": e3}


REVIEWS = "Reviews completed (held by the due date)"


def review_episodes(f: ReportFilter) -> set[int]:
    found = timeliness.records(f, "targets", "reviews")
    assert found.model is Episode
    pks = set(found.values_list("pk", flat=True))
    assert found.count() == len(pks)  # each episode once, however many of its reviews count
    return pks


def check_drills_but_reviews(f: ReportFilter, tables) -> None:
    """The reviews row counts reviews and links to their episodes, so its figure can be larger than its list:
    it is checked by hand in each test, and every other row by check_drills."""
    targets = table(tables, "targets")
    assert next(row for row in targets.rows if row.label == REVIEWS).drill == "reviews"
    assert "several reviews" in targets.note
    without = dataclasses.replace(targets, rows=[row for row in targets.rows if row.label != REVIEWS])
    check_drills(timeliness.records, f, [without if t is targets else t for t in tables])


def test_timeliness_matches_hand_counts(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        tables = timeliness.build(Q1)

    decisions = rows(table(tables, "decisions"))
    # r1, r2, r3, r4, r6 decided in Q1 = 5; in time: r1, r3, r4 = 3; late: r2, r6.
    assert decisions["Decisions made in the period"] == [5, 100.0]
    assert decisions["Within 1 working day of receipt"] == [3, 60.0]
    assert decisions["Later than 1 working day"] == [2, 40.0]

    targets = rows(table(tables, "targets"))
    # Assessments: E1 (in), E2 (late), E3 (in) = 3, 2 within.
    assert targets["Assessments signed off (target 30 working days from allocation)"] == [3, 2, pytest.approx(200 / 3)]
    # Plans: E1 (late), E2 (in), E5 (no sign-off: not within) = 3, 1 within.
    assert targets["Plans first approved (target 10 working days from assessment sign-off)"] == [
        3,
        1,
        pytest.approx(100 / 3),
    ]
    # Reviews: E1's first (on time), E2's (late), E1's second (late in London time) = 3, 1 within.
    assert targets["Reviews completed (held by the due date)"] == [3, 1, pytest.approx(100 / 3)]

    feedback = rows(table(tables, "feedback"))
    assert feedback["Requests decided in the period"] == [5, 100.0, None]
    # Sent: r1 (0 working days), r2 (2), r3 (1): median 1.
    assert feedback["Feedback sent"] == [3, 60.0, 1.0]
    assert feedback["Sent within 1 working day of the decision"] == [2, 40.0, None]  # r1, r3
    assert feedback["Not sent yet"] == [2, 40.0, None]  # r4 (no feedback), r6 (unsent)

    # The three reviews belong to two episodes: E1 (two) and E2.
    assert review_episodes(Q1) == {world["e1"].pk, world["e2"].pk}
    check_drills_but_reviews(Q1, tables)


def test_a_team_filter(world, django_assert_max_num_queries):
    f = Q1.shifted(team_id=world["other"].pk)
    with django_assert_max_num_queries(4):
        tables = timeliness.build(f)
    # The other team: r2 (late, feedback late), E2 (assessment late, plan in target, its review late).
    assert rows(table(tables, "decisions"))["Within 1 working day of receipt"] == [0, 0.0]
    assert rows(table(tables, "decisions"))["Decisions made in the period"] == [1, 100.0]
    targets = rows(table(tables, "targets"))
    assert targets["Assessments signed off (target 30 working days from allocation)"] == [1, 0, 0.0]
    assert targets["Plans first approved (target 10 working days from assessment sign-off)"] == [1, 1, 100.0]
    assert targets["Reviews completed (held by the due date)"] == [1, 0, 0.0]
    assert rows(table(tables, "feedback"))["Feedback sent"] == [1, 100.0, 2.0]
    assert review_episodes(f) == {world["e2"].pk}
    check_drills_but_reviews(f, tables)


def test_the_last_day_counts_and_the_next_does_not(world):
    last_day = Q1.shifted(start=datetime.date(2026, 3, 31))
    tables = timeliness.build(last_day)
    assert rows(table(tables, "decisions"))["Decisions made in the period"] == [1, 100.0]  # r4 at 08:59
    targets = rows(table(tables, "targets"))
    assert targets["Assessments signed off (target 30 working days from allocation)"][0] == 1  # E3 at 23:00
    assert targets["Reviews completed (held by the due date)"][0] == 1  # E1's second, 00:30 BST
    assert review_episodes(last_day) == {world["e1"].pk}
    next_day = Q1.shifted(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 1))
    tables = timeliness.build(next_day)
    assert rows(table(tables, "decisions"))["Decisions made in the period"] == [1, 100.0]  # r5
    targets = rows(table(tables, "targets"))
    assert targets["Assessments signed off (target 30 working days from allocation)"][0] == 1  # E4
    assert targets["Reviews completed (held by the due date)"][0] == 1  # E3's
    assert review_episodes(next_day) == {world["e3"].pk}


def test_the_cached_clock_is_add_working_days():
    """The section's cached due time agrees with earlyhelp.timescales at every half hour across Easter, the change
    to summer time and Christmas, in London and UTC alike."""
    from earlyhelp.reporting.sections.timeliness import _due
    from earlyhelp.timescales import add_working_days

    for first in (at(2025, 12, 20), at(2026, 3, 25)):
        for step in range(0, 2 * 24 * 20):
            start = first + datetime.timedelta(minutes=30 * step, seconds=7)
            for days in (0, 1, 10, 30):
                assert _due(start, days) == add_working_days(start, days)
                utc = start.astimezone(datetime.UTC)
                assert _due(utc, days) == add_working_days(utc, days)
