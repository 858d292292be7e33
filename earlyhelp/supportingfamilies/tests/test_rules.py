"""The Supporting Families rules, exhaustively (no database)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from earlyhelp.supportingfamilies.rules import Facts, NeedFact, Status, claim_status, eligible

DUE = datetime.date(2027, 5, 1)
THREE = (
    NeedFact("School attendance", "SF01", "significant"),
    NeedFact("Exposure to domestic abuse", "SF08", "significant"),
    NeedFact("Housing", "SF09", "significant"),
)


def facts(**changes) -> Facts:
    base = Facts(
        has_children=True,
        needs=THREE,
        assessment_signed_off=True,
        has_lead=True,
        plan_approved=True,
        closed=True,
        follow_up_due=DUE,
        follow_up_checked=True,
        came_back=False,
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (set(), False),
        ({"SF01"}, False),
        ({"SF01", "SF08"}, False),
        ({"SF01", "SF08", "SF09"}, True),
        ({"SF01", "SF02", "SF03", "SF04"}, True),
        ({"SF01", "SF08", ""}, False),
    ],
)
def test_eligible_needs_three_distinct_headlines(codes, expected):
    assert eligible(codes) is expected


def test_the_minimum_is_a_setting(settings):
    settings.SUPPORTING_FAMILIES_MIN_HEADLINES = 2
    assert eligible({"SF01", "SF08"})


def test_two_needs_under_one_headline_count_once():
    needs = (
        NeedFact("Child's relationships at school", "SF01", "significant"),
        NeedFact("School attendance", "SF01", "significant"),
        NeedFact("Housing", "SF09", "significant"),
    )
    result = claim_status(facts(needs=needs))
    assert result.status == Status.NOT_ELIGIBLE
    assert result.headlines == {"SF01", "SF09"}
    assert "2 headline outcomes" in result.reasons[0]


def test_a_need_without_a_headline_does_not_count():
    needs = (*THREE[:2], NeedFact("Something local", None, "significant"))
    assert claim_status(facts(needs=needs)).status == Status.NOT_ELIGIBLE


def test_ready_to_claim():
    result = claim_status(facts())
    assert result.status == Status.READY_TO_CLAIM
    assert result.headlines == {"SF01", "SF08", "SF09"}
    assert result.status.label == "Ready to claim"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"has_children": False}, "no dependent children"),
        ({"has_lead": False}, "No lead practitioner"),
        ({"assessment_signed_off": False}, "assessment is not signed off"),
        ({"plan_approved": False}, "plan is not approved"),
        ({"needs": THREE[:2]}, "at least 3 are needed"),
        ({"needs": ()}, "0 headline outcomes"),
    ],
)
def test_not_eligible_says_why(change, reason):
    result = claim_status(facts(**change))
    assert result.status == Status.NOT_ELIGIBLE
    assert len(result.reasons) == 1
    assert reason in result.reasons[0]


def test_not_eligible_lists_every_reason():
    result = claim_status(facts(has_children=False, has_lead=False, plan_approved=False, needs=()))
    assert len(result.reasons) == 4


def test_eligible_while_the_episode_is_open():
    result = claim_status(facts(closed=False, follow_up_checked=False, came_back=None))
    assert result.status == Status.ELIGIBLE_IN_PROGRESS


@pytest.mark.parametrize("improvement", ["none", "some", None])
def test_every_need_must_improve_significantly(improvement):
    needs = (*THREE[:2], NeedFact("Housing", "SF09", improvement))
    result = claim_status(facts(needs=needs))
    assert result.status == Status.OUTCOMES_NOT_MET
    assert result.needs_not_met == ("Housing",)


def test_outcomes_not_met_names_every_need():
    needs = tuple(dataclasses.replace(need, improvement="some") for need in THREE)
    assert len(claim_status(facts(needs=needs)).needs_not_met) == 3


def test_awaiting_sustainment_until_the_six_month_check():
    result = claim_status(facts(follow_up_checked=False, came_back=None))
    assert result.status == Status.AWAITING_SUSTAINMENT
    assert result.due_on == DUE


def test_not_sustained_when_the_family_came_back():
    assert claim_status(facts(came_back=True)).status == Status.NOT_SUSTAINED


def test_outcomes_are_checked_before_sustainment():
    needs = (*THREE[:2], NeedFact("Housing", "SF09", "some"))
    assert claim_status(facts(needs=needs, came_back=True)).status == Status.OUTCOMES_NOT_MET


def test_claimed_wins():
    assert claim_status(facts(claimed=True)).status == Status.CLAIMED
    assert claim_status(facts(claimed=True, has_lead=False)).status == Status.CLAIMED
