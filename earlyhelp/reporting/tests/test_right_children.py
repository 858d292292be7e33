"""The right children section: step-ups after early help, and social care's decisions sending families back to
early help. Expected figures are counted by hand from the fixtures (comments say why)."""

from __future__ import annotations

import pytest

from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory
from earlyhelp.reporting.sections import right_children
from earlyhelp.reporting.tests.support import rows, table
from earlyhelp.reporting.tests.test_flow import Q1, at, decided, make_episode, step_up
from earlyhelp.transitions.models import SocialCareDecision, StepUpStatus

ACCEPTED = SocialCareDecision.ACCEPTED_FOR_ASSESSMENT
BACK = SocialCareDecision.BACK_TO_EARLY_HELP


@pytest.fixture
def north(council):
    return TeamFactory(agency=council, name="Early Help North")


@pytest.fixture
def south(council):
    return TeamFactory(agency=council, name="Early Help South")


@pytest.fixture
def worker(make_user):
    return make_user("front_door")


def test_episodes_followed_by_a_step_up(worker, north, south, django_assert_max_num_queries):
    # The 12 months to 31 March 2026 start on 1 April 2025.
    ep1 = make_episode(at(2025, 1, 10), team=north, closed=at(2025, 5, 1))
    step_up(ep1, at(2025, 3, 1), worker, **decided(ACCEPTED, at(2025, 3, 10)))  # stepped up and taken on
    ep2 = make_episode(at(2025, 6, 1), team=north, closed=at(2026, 3, 31, 22, 0))  # closed on the last day
    family3 = FamilyFactory()
    ep3 = make_episode(at(2024, 12, 1), team=south, closed=at(2025, 8, 1), family=family3)
    ep3b = make_episode(at(2025, 9, 1), team=south, family=family3)
    step_up(ep3b, at(2025, 11, 1), worker)  # from the later episode, within 365 days of ep3 opening; waiting
    make_episode(at(2025, 5, 1), team=north, closed=at(2026, 4, 1, 0, 30))  # closed the day after: not counted
    ep5 = make_episode(at(2024, 1, 1), team=south, closed=at(2025, 6, 1))
    step_up(ep5, at(2024, 6, 1), worker, status=StepUpStatus.WITHDRAWN)  # withdrawn: does not count
    step_up(ep5, at(2025, 2, 1), worker, **decided(ACCEPTED, at(2025, 2, 5)))  # more than 365 days after opening

    with django_assert_max_num_queries(6):
        tables = right_children.build(Q1)
    got = rows(table(tables, "step_up_after_help"))
    # Closed in the window: ep1, ep2, ep3, ep5. Stepped up: ep1, ep3. Taken on: ep1.
    assert got == {
        "Followed by a step-up within 12 months of opening": [2, 50.0],
        "… taken on by social care": [1, 25.0],
        "Episodes closed": [4, 100.0],
    }
    assert set(right_children.records(Q1, "step_up_after_help", "stepped_up")) == {ep1, ep3}
    assert right_children.records(Q1, "step_up_after_help", "closed").count() == 4
    assert list(right_children.records(Q1, "step_up_after_help", "taken_on")) == [ep1]
    assert ep2.pk

    # Team North: ep1 and ep2 closed; ep1 stepped up and taken on.
    scoped = rows(table(right_children.build(Q1.shifted(team_id=north.pk)), "step_up_after_help"))
    assert scoped["Episodes closed"][0] == 2
    assert scoped["Followed by a step-up within 12 months of opening"][0] == 1
    assert scoped["… taken on by social care"][0] == 1


def test_social_care_sending_families_back_to_early_help(worker, north, south):
    a = make_episode(at(2025, 10, 1), team=north)
    step_up(a, at(2026, 1, 20), worker, **decided(ACCEPTED, at(2026, 2, 1)))
    b = make_episode(at(2025, 10, 1), team=south)  # still open: early help carries on
    step_up(b, at(2026, 3, 20), worker, **decided(BACK, at(2026, 3, 31, 23, 30)))
    c = make_episode(at(2025, 10, 1), team=north, closed=at(2026, 1, 15))  # closed before, nothing after
    step_up(c, at(2026, 1, 10), worker, **decided(BACK, at(2026, 1, 20)))
    family_d = FamilyFactory()
    d = make_episode(at(2025, 10, 1), team=north, closed=at(2026, 1, 25), family=family_d)
    step_up(d, at(2026, 1, 20), worker, **decided(BACK, at(2026, 2, 1)))
    make_episode(at(2026, 3, 1), team=north, family=family_d)  # a new episode after the decision
    e = make_episode(at(2025, 10, 1), team=north)
    step_up(e, at(2026, 3, 25), worker, **decided(BACK, at(2026, 4, 1, 0, 10)))  # decided the day after
    g = make_episode(at(2025, 10, 1), team=south)
    step_up(g, at(2025, 12, 1), worker, **decided(SocialCareDecision.STRATEGY_DISCUSSION, at(2025, 12, 31, 23)))

    tables = right_children.build(Q1)
    decisions = rows(table(tables, "social_care_decisions"))
    # In the period: a (accepted), b, c, d (back to early help).
    assert decisions["Accepted for a social work assessment"] == [1, 25.0]
    assert decisions["Strategy discussion (section 47)"] == [0, 0.0]
    assert decisions["Back to early help, with advice"] == [3, 75.0]
    assert decisions["Total"] == [4, 100.0]
    helped = rows(table(tables, "help_after_nfa"))
    # b's episode carried on, d's family had a new episode; c had none.
    assert helped["Early help in place after the decision"] == [2, 200 / 3]
    assert helped["No early help episode after the decision"] == [1, 100 / 3]
    assert helped["Total"] == [3, 100.0]
    assert set(right_children.records(Q1, "help_after_nfa", "helped")) == {b, d}
    assert list(right_children.records(Q1, "help_after_nfa", "none")) == [c]
    assert right_children.records(Q1, "social_care_decisions", "all").count() == 4
    assert not right_children.records(Q1, "social_care_decisions", "nonsense").exists()

    # Team North: a, c, d.
    scoped = right_children.build(Q1.shifted(team_id=north.pk))
    assert rows(table(scoped, "social_care_decisions"))["Total"][0] == 3
    assert rows(table(scoped, "help_after_nfa"))["Early help in place after the decision"][0] == 1
    assert rows(table(scoped, "help_after_nfa"))["No early help episode after the decision"][0] == 1
