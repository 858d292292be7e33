"""The flow section: step-ups, step-downs, re-referrals, repeat requests without an assessment, unmet need.

Every expected figure is counted by hand from the fixtures below (the comments say why)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.utils import timezone

from earlyhelp.assessments.models import Assessment
from earlyhelp.episodes.models import Episode, EpisodeChild, EpisodeStatus
from earlyhelp.frontdoor.models import (
    ChildOutcome,
    ConsentPosition,
    Decision,
    Outcome,
    RequestPerson,
    RequestStatus,
    SupportRequest,
)
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory, PersonFactory
from earlyhelp.reporting.filters import ReportFilter
from earlyhelp.reporting.sections import flow
from earlyhelp.reporting.tests.support import rows, table
from earlyhelp.thresholds.models import Level
from earlyhelp.transitions.models import SocialCareDecision, StepDown, StepUp, StepUpStatus

Q1 = ReportFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
_numbers = itertools.count(1)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))  # noqa: DTZ001 (local time)


def level(number: int) -> Level:
    return Level.objects.get(document__version=1, number=number)


def make_request(submitted: datetime.datetime | None, *children: Any, **extra: Any) -> SupportRequest:
    """A request naming `children`: a Person (matched to the register) or None (not matched yet)."""
    n = next(_numbers)
    request = SupportRequest.objects.create(
        reference=None if submitted is None else f"R-{n}",
        source="professional",
        status=RequestStatus.DRAFT if submitted is None else RequestStatus.NEW,
        submitted_at=submitted,
        **extra,
    )
    for child in children:
        RequestPerson.objects.create(
            request=request, is_child=True, first_name="Child", last_name=str(n), matched_person=child
        )
    return request


def decide(
    request: SupportRequest,
    decided: datetime.datetime,
    user: Any,
    *,
    number: int = 2,
    needs: bool = True,
    outcome: str = Outcome.NO_FURTHER_ACTION,
    offer: str = "",
) -> Decision:
    chosen = level(number)
    decision = Decision.objects.create(
        request=request,
        decided_by=user,
        decided_at=decided,
        threshold_document=chosen.document,
        level=chosen,
        needs_identified=needs,
        rationale="Reasons",
        consent_position=ConsentPosition.GIVEN,
    )
    for child in request.people.all():
        ChildOutcome.objects.create(decision=decision, child=child, outcome=outcome, offer_of_help=offer)
    return decision


def make_episode(
    opened: datetime.datetime,
    *,
    team: Any = None,
    closed: datetime.datetime | None = None,
    children: tuple[Any, ...] = (),
    source_decision: Decision | None = None,
    family: Any = None,
    lead: Any = None,
) -> Episode:
    episode = Episode.objects.create(
        reference=f"EH-{next(_numbers)}",
        family=family or FamilyFactory(),
        opened_at=opened,
        closed_at=closed,
        status=EpisodeStatus.CLOSED if closed else EpisodeStatus.OPEN,
        team=team,
        source_decision=source_decision,
        lead_practitioner=lead,
    )
    for child in children:
        EpisodeChild.objects.create(episode=episode, person=child, added_at=opened)
    return episode


def step_up(episode: Episode, sent: datetime.datetime, user: Any, **extra: Any) -> StepUp:
    return StepUp.objects.create(
        reference=f"SU-{next(_numbers)}",
        episode=episode,
        reasons="Risk rising",
        risks="Risks",
        requested_by=user,
        sent_at=sent,
        **extra,
    )


def decided(decision: str, when: datetime.datetime) -> dict[str, Any]:
    return {"status": StepUpStatus.DECIDED, "decision": decision, "decided_at": when}


def step_down(episode: Episode, recorded: datetime.datetime, user: Any, **extra: Any) -> StepDown:
    assert episode.team is not None
    return StepDown.objects.create(
        reference=f"SD-{next(_numbers)}",
        family=episode.family,
        episode=episode,
        social_care_history="History",
        risks="Risks",
        what_worked="Worked",
        social_worker="A social worker",
        team=episode.team,
        handover_meeting_on=recorded.date(),
        handover_attendees="Everyone",
        consent_reconfirmed_on=recorded.date(),
        consent_how="written",
        consent_given_by=PersonFactory(),
        recorded_by=user,
        recorded_at=recorded,
        **extra,
    )


@pytest.fixture
def north(council):
    return TeamFactory(agency=council, name="Early Help North")


@pytest.fixture
def south(council):
    return TeamFactory(agency=council, name="Early Help South")


@pytest.fixture
def worker(make_user):
    return make_user("front_door")


def test_step_ups_and_step_downs_in_the_period(worker, north, south, django_assert_max_num_queries):
    e1 = make_episode(at(2025, 9, 1), team=north)
    e2 = make_episode(at(2025, 9, 1), team=south)
    e3 = make_episode(at(2025, 9, 1), team=north)
    e4 = make_episode(at(2025, 9, 1), team=south)
    # In the period: su1 at 23:30 on the last day, su2, su3 (waiting), su7 (withdrawn).
    accepted = decided(SocialCareDecision.ACCEPTED_FOR_ASSESSMENT, at(2026, 4, 2))
    step_up(e1, at(2026, 3, 31, 23, 30), worker, **accepted)
    su2 = step_up(e2, at(2026, 2, 10), worker, **decided(SocialCareDecision.BACK_TO_EARLY_HELP, at(2026, 2, 12)))
    step_up(e3, at(2026, 1, 15), worker)
    step_up(e4, at(2026, 3, 5), worker, status=StepUpStatus.WITHDRAWN, withdrawn_at=at(2026, 3, 6))
    # Not in the period: the first instant after it, the last minute before it, and an archived one.
    step_up(e3, at(2026, 4, 1, 0, 0), worker)
    step_up(e1, at(2025, 12, 31, 23, 59), worker)
    step_up(e2, at(2026, 3, 2), worker, archived_at=at(2026, 3, 3))

    e5 = make_episode(at(2026, 2, 1), team=north)
    e6 = make_episode(at(2026, 4, 1), team=north)
    step_down(e2, at(2026, 3, 31, 23, 0), worker, step_up=su2)  # last day, linked to a step-up
    step_down(e5, at(2026, 2, 1), worker)  # not linked
    step_down(e6, at(2026, 4, 1, 9), worker)  # the day after: not counted

    with django_assert_max_num_queries(8):
        tables = flow.build(Q1)
    ups = rows(table(tables, "step_ups"))
    assert ups["Accepted for a social work assessment"][0] == 1
    assert ups["Strategy discussion (section 47)"][0] == 0
    assert ups["Back to early help, with advice"][0] == 1
    assert ups["Waiting for social care's decision"][0] == 1
    assert ups["Withdrawn"][0] == 1
    # su1, su2, su3 and su7: four step-ups, so each single one is 25%.
    assert ups["Total"] == [4, 100.0]
    assert ups["Withdrawn"][1] == 25.0
    downs = rows(table(tables, "step_downs"))
    assert downs == {"After a step-up from early help": [1], "Not linked to a step-up": [1], "Total": [2]}

    assert flow.records(Q1, "step_ups", "all").count() == 4
    assert set(flow.records(Q1, "step_ups", "waiting")) == {e3}
    assert set(flow.records(Q1, "step_downs", "linked")) == {e2}

    # Team North: e1's accepted step-up and e3's waiting one; e5's step-down.
    north_only = flow.build(Q1.shifted(team_id=north.pk))
    ups = rows(table(north_only, "step_ups"))
    assert ups["Total"][0] == 2
    assert ups["Accepted for a social work assessment"][0] == 1
    assert ups["Back to early help, with advice"][0] == 0
    assert rows(table(north_only, "step_downs"))["Total"] == [2 - 1]
    assert flow.records(Q1.shifted(team_id=north.pk), "step_ups", "all").count() == 2


def test_requests_soon_after_a_decision_or_a_closure(worker, north):
    a, b, c = PersonFactory(), PersonFactory(), PersonFactory()
    # A: decided 1 June 2025, named again 1 February 2026 (within 365 days).
    r0 = make_request(at(2025, 5, 30), a)
    decide(r0, at(2025, 6, 1), worker)
    r1 = make_request(at(2026, 2, 1), a)
    d1 = decide(r1, at(2026, 2, 2), worker, number=3, outcome=Outcome.EARLY_HELP)
    make_episode(at(2026, 2, 2), team=north, children=(a,), source_decision=d1)
    # B: decided more than 365 days before; a child in an episode closed 1 October 2025; named late on the last day.
    old = make_request(at(2024, 11, 30), b)
    decide(old, at(2024, 12, 1), worker)
    make_episode(at(2025, 3, 1), closed=at(2025, 10, 1), children=(b,))
    r2 = make_request(at(2026, 3, 31, 22, 0), b)
    # C: nothing before; and a child not yet matched to the register.
    make_request(at(2026, 1, 10), c, None)
    # Not counted: the day after the period, a draft, an archived request.
    make_request(at(2026, 4, 1, 0, 0), a)
    make_request(None, a)
    make_request(at(2026, 2, 5), a, archived_at=at(2026, 2, 6))

    tables = flow.build(Q1)
    got = rows(table(tables, "rereferrals"))
    # Received: r1, r2 and C's request = 3; r1 after a decision; r2 after a closure.
    assert got["Requests received"][0] == 3
    assert got["Within 12 months of a front-door decision"] == [1, 100 / 3]
    assert got["Within 12 months of an episode closing"] == [1, 100 / 3]
    assert list(flow.records(Q1, "rereferrals", "after_decision")) == [r1]
    assert list(flow.records(Q1, "rereferrals", "after_closure")) == [r2]
    assert flow.records(Q1, "rereferrals", "received").count() == 3

    # Team North: only r1 opened an episode there.
    scoped = rows(table(flow.build(Q1.shifted(team_id=north.pk)), "rereferrals"))
    assert scoped["Requests received"][0] == 1
    assert scoped["Within 12 months of a front-door decision"][0] == 1
    assert scoped["Within 12 months of an episode closing"][0] == 0


def test_repeat_requests_without_an_assessment(worker):
    a, b, c = PersonFactory(), PersonFactory(), PersonFactory()
    # The 12 months to 31 March 2026 start on 1 April 2025.
    r_a1 = make_request(at(2025, 5, 30), a)
    r_a2 = make_request(at(2026, 3, 31, 23, 0), a)
    make_request(at(2026, 4, 1, 0, 0), a)  # after the period
    # B: one request in the window, one before it.
    make_request(at(2025, 3, 31), b)
    make_request(at(2026, 1, 10), b)
    # C: two requests, but assessed in an episode open in the window.
    make_request(at(2025, 9, 1), c)
    make_request(at(2026, 1, 10), c)
    assessed = make_episode(at(2025, 9, 2), children=(c,))
    Assessment.objects.create(episode=assessed, started_by=worker, started_at=at(2025, 10, 1))

    got = rows(table(flow.build(Q1), "repeat_without_assessment"))
    # Only A: one child, two requests in the window.
    assert got == {"Two or more requests, no assessment": [1, 2]}
    assert set(flow.records(Q1, "repeat_without_assessment", "repeat")) == {r_a1, r_a2}


def test_identified_need_no_help_in_place(worker):
    b, c = PersonFactory(), PersonFactory()
    # C's request (level 2): need identified, no further action, no offer.
    r4 = make_request(at(2026, 1, 9), c)
    decide(r4, at(2026, 1, 11), worker)
    # B and an unmatched child, decided late on the last day: two children, one request.
    r2 = make_request(at(2026, 3, 30), b, None)
    decide(r2, at(2026, 3, 31, 23, 0), worker)
    # Not counted: early help; an offer of help; no need identified; decided the day after the period.
    decide(make_request(at(2026, 2, 1), PersonFactory()), at(2026, 2, 2), worker, outcome=Outcome.EARLY_HELP)
    decide(make_request(at(2026, 2, 14), PersonFactory()), at(2026, 2, 15), worker, offer="Parenting group")
    decide(make_request(at(2026, 2, 14), PersonFactory()), at(2026, 2, 15), worker, needs=False)
    decide(make_request(at(2026, 3, 30), PersonFactory()), at(2026, 4, 1, 0, 30), worker)
    # Level 3: one child.
    r9 = make_request(at(2026, 3, 1), PersonFactory())
    decide(r9, at(2026, 3, 2), worker, number=3)

    got = rows(table(flow.build(Q1), "unmet_need"))
    assert got == {
        f"Level 2: {level(2).name}": [3, 2],
        f"Level 3: {level(3).name}": [1, 1],
        "Total": [4, 3],
    }
    assert set(flow.records(Q1, "unmet_need", "level-2")) == {r4, r2}
    assert flow.records(Q1, "unmet_need", "all").count() == 3
    assert not flow.records(Q1, "unmet_need", "nonsense").exists()
