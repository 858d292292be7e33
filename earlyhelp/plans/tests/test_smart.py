"""The SMART check (R4.3, PS6): outcomes for a named child with a measure, a target and a date; actions that
serve an outcome, with an owner and a date; an outcome for every child in the episode."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from earlyhelp.episodes.models import EpisodeChild
from earlyhelp.plans.models import PlanAction, PlanOutcome
from earlyhelp.plans.selectors import plan_with_items
from earlyhelp.plans.smart import check_smart
from earlyhelp.plans.tests.test_plan import make_case


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    return make_case(family, make_user, involve, team, school, consent)


def problems(case: dict[str, Any]) -> list[tuple[str, str]]:
    plan = plan_with_items(case["episode"])
    assert plan is not None
    return [(p.code, p.href) for p in check_smart(plan)]


def edit(name: str, case: dict[str, Any], **kwargs: int) -> str:
    return reverse(f"plans:{name}", kwargs={"episode_id": case["episode"].pk, **kwargs})


def test_the_case_plan_lacks_a_date_for_the_lead_action_and_an_outcome_for_noah(case):
    assert problems(case) == [
        ("action_no_date", edit("action_edit", case, action_id=case["lead_action"].pk)),
        ("child_no_outcome", f"{edit('outcome_add', case)}?child={case['noah'].pk}"),
    ]


def test_an_outcome_without_child_measure_target_or_date_is_flagged_on_each(case):
    vague = PlanOutcome.objects.create(plan=case["plan"], what_must_change="Things get better")
    href = edit("outcome_edit", case, outcome_id=vague.pk)
    found = [code for code, link in problems(case) if link == href]
    assert found == ["outcome_no_child", "outcome_no_measure", "outcome_no_target", "outcome_no_date"]


def test_an_action_serving_no_outcome_with_no_owner_and_no_date_is_flagged(case):
    loose = PlanAction.objects.create(plan=case["plan"], what="Mum to try harder")
    href = edit("action_edit", case, action_id=loose.pk)
    assert [code for code, link in problems(case) if link == href] == [
        "action_no_outcome",
        "action_no_owner",
        "action_no_date",
    ]


def test_an_action_named_in_words_has_an_owner(case):
    PlanAction.objects.filter(pk=case["lead_action"].pk).update(
        owner_user=None, owner_name="Mum", due_on=datetime.date(2027, 1, 1)
    )
    assert [code for code, _ in problems(case)] == ["child_no_outcome"]


def test_an_action_whose_only_outcome_is_archived_serves_no_outcome(case):
    PlanOutcome.objects.filter(pk=case["plan_outcome"].pk).update(archived_at=timezone.now())
    codes = [code for code, _ in problems(case)]
    assert codes.count("action_no_outcome") == 2
    assert "child_no_outcome" in codes
    assert codes.count("child_no_outcome") == 2


def test_archived_items_and_children_no_longer_in_the_episode_are_not_checked(case):
    PlanAction.objects.create(plan=case["plan"], what="Old idea", archived_at=timezone.now())
    EpisodeChild.objects.filter(episode=case["episode"], person=case["noah"]).update(ended_at=timezone.now())
    PlanAction.objects.filter(pk=case["lead_action"].pk).update(due_on=datetime.date(2027, 2, 1))
    assert problems(case) == []


def test_a_complete_plan_passes(case):
    PlanAction.objects.filter(pk=case["lead_action"].pk).update(due_on=datetime.date(2027, 2, 1))
    outcome = PlanOutcome.objects.create(
        plan=case["plan"],
        child=case["noah"],
        what_must_change="Noah sleeps in his own bed",
        measure="Diary",
        target="6 nights a week",
        target_date=datetime.date(2027, 2, 28),
    )
    case["lead_action"].outcomes.add(outcome)
    assert problems(case) == []


def test_the_check_reads_only_what_was_prefetched(case, django_assert_num_queries):
    plan = plan_with_items(case["episode"])
    assert plan is not None
    with django_assert_num_queries(0):
        check_smart(plan)
