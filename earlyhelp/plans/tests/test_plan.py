"""The plan page and its editing: per child outcomes and actions, optimistic locking, approval."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.plans.models import Plan, PlanAction, PlanOutcome, PlanStatus


def signed_in(user: Any) -> Client:
    """A browser of its own for each user, so two people can edit at once."""
    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
    browser = Client()
    browser.force_login(user)
    return browser


def make_case(family: Any, make_user: Any, involve: Any, team: Any, school: Any, consent: Any) -> dict[str, Any]:
    lead = make_user(roles.PRACTITIONER, email="lead@example.test")
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    manager = make_user(roles.TEAM_MANAGER, team=team)
    nurse = make_user(roles.PRACTITIONER, agency=school, email="nurse@example.test")
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "manager": manager, "nurse": nurse}


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    return make_case(family, make_user, involve, team, school, consent)


def url(name: str, case: dict[str, Any], **kwargs: int) -> str:
    return reverse(f"plans:{name}", kwargs={"episode_id": case["episode"].pk, **kwargs})


def outcome_post(case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    data = {
        "version": case["plan"].version,
        "child": case["noah"].pk,
        "what_must_change": "Noah sleeps through the night in his own bed",
        "measure": "Nights a week in his own bed, from mum's diary",
        "baseline": "1 night a week",
        "target": "6 nights a week",
        "target_date_day": "28",
        "target_date_month": "2",
        "target_date_year": "2027",
        "family_words": "Noah sleeps well in his own bed",
    }
    data.update(overrides)
    return data


def test_plan_page_shows_each_child_outcomes_actions_and_flags(case):
    plan = case["plan"]
    PlanOutcome.objects.create(plan=plan, what_must_change="The home is warm", measure="Heating on")
    PlanAction.objects.create(plan=plan, what="Apply for a hardship grant", owner_name="Mum")
    response = signed_in(case["lead"]).get(url("plan", case))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Maisie goes to school every day" in html
    assert "Check in with Maisie each week" in html
    assert "Noah Ashworth" in html
    assert "There is no outcome for Noah Ashworth" in html
    assert "Not about a named child" in html
    assert "The home is warm" in html
    assert "Actions not linked to an outcome" in html
    assert "Apply for a hardship grant" in html
    assert "SMART check" in html
    assert "is not about a named child" in html


def test_a_partner_reads_the_plan_and_may_update_only_her_own_action(case):
    response = signed_in(case["nurse"]).get(url("plan", case))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Maisie goes to school every day" in html
    assert "Add an outcome" not in html
    assert "SMART check" not in html
    assert "family-copy" not in html
    assert url("action_update", case, action_id=case["taf_action"].pk) in html
    assert url("action_update", case, action_id=case["lead_action"].pk) not in html
    assert f'href="{url("action_edit", case, action_id=case["taf_action"].pk)}"' not in html


def test_plan_page_queries_do_not_grow_with_the_plan(case):
    browser = signed_in(case["lead"])
    browser.get(url("plan", case))
    with CaptureQueriesContext(connection) as small:
        assert browser.get(url("plan", case)).status_code == 200
    plan = case["plan"]
    for n in range(8):
        outcome = PlanOutcome.objects.create(
            plan=plan, child=case["noah"] if n % 2 else None, what_must_change=f"Outcome {n}", measure="m"
        )
        for owner in (case["lead"], case["nurse"]):
            action = PlanAction.objects.create(plan=plan, what=f"Action {n}", owner_user=owner)
            action.outcomes.add(outcome, case["plan_outcome"])
        PlanAction.objects.create(plan=plan, what=f"Loose action {n}", owner_name="Dad")
    with CaptureQueriesContext(connection) as large:
        response = browser.get(url("plan", case))
    assert response.status_code == 200
    assert "Loose action 7" in response.content.decode()
    assert len(large) <= len(small), [q["sql"] for q in large.captured_queries]


def test_starting_the_plan_twice_makes_one_plan(case):
    Plan.objects.filter(pk=case["plan"].pk).delete()
    browser = signed_in(case["lead"])
    assert "Start the plan" in browser.get(url("plan", case)).content.decode()
    for _ in range(2):
        assert browser.post(url("plan_start", case)).status_code == 302
    assert Plan.objects.filter(episode=case["episode"]).count() == 1
    assert ChronologyEntry.objects.filter(kind=ChronologyKind.PLAN, summary="Plan started").count() == 1


def test_lead_adds_an_outcome_for_a_child(case):
    browser = signed_in(case["lead"])
    form = browser.get(url("outcome_add", case) + f"?child={case['noah'].pk}").content.decode()
    assert "Which child is this outcome for?" in form
    assert "Noah Ashworth" in form
    response = browser.post(url("outcome_add", case), outcome_post(case))
    assert response.status_code == 302
    outcome = PlanOutcome.objects.get(what_must_change__startswith="Noah sleeps")
    assert outcome.child == case["noah"]
    assert outcome.target_date == datetime.date(2027, 2, 28)
    case["plan"].refresh_from_db()
    assert case["plan"].version == 2


def test_a_double_submitted_outcome_is_saved_once(case):
    browser = signed_in(case["lead"])
    data = outcome_post(case)
    browser.post(url("outcome_add", case), data)
    second = browser.post(url("outcome_add", case), data)
    assert second.status_code == 200
    assert PlanOutcome.objects.filter(what_must_change__startswith="Noah sleeps").count() == 1


def test_outcome_form_errors_are_shown(case):
    response = signed_in(case["lead"]).post(
        url("outcome_add", case), outcome_post(case, what_must_change="", target_date_month="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter what must change" in html
    assert "Target date must include a month" in html


def test_two_people_editing_the_plan_at_once_get_a_conflict_and_keep_their_input(case):
    lead, manager = signed_in(case["lead"]), signed_in(case["manager"])
    outcome = case["plan_outcome"]
    edit_url = url("outcome_edit", case, outcome_id=outcome.pk)
    assert lead.get(edit_url).status_code == 200
    assert manager.get(edit_url).status_code == 200
    loaded = case["plan"].version
    first = manager.post(
        edit_url,
        outcome_post(
            case,
            version=loaded,
            child=case["maisie"].pk,
            what_must_change="Maisie goes to school every day",
            target="97%",
        ),
    )
    assert first.status_code == 302
    second = lead.post(
        edit_url,
        outcome_post(case, version=loaded, child=case["maisie"].pk, what_must_change="Maisie is on time each day"),
    )
    html = second.content.decode()
    assert second.status_code == 200
    assert "Someone else changed this plan since you opened it" in html
    assert "Maisie is on time each day" in html  # what the lead typed is kept
    outcome.refresh_from_db()
    assert outcome.what_must_change == "Maisie goes to school every day"
    assert outcome.target == "97%"
    # Saving again, having seen the conflict, is a deliberate choice and succeeds.
    again = lead.post(
        edit_url,
        outcome_post(
            case,
            version=Plan.objects.get(pk=case["plan"].pk).version,
            child=case["maisie"].pk,
            what_must_change="Maisie is on time each day",
        ),
    )
    assert again.status_code == 302


def test_views_edit_conflicts_with_an_action_edit(case):
    lead, manager = signed_in(case["lead"]), signed_in(case["manager"])
    loaded = case["plan"].version
    action_url = url("action_edit", case, action_id=case["lead_action"].pk)
    manager.post(
        action_url,
        {
            "version": loaded,
            "what": "Parenting course place",
            "owner": case["lead"].pk,
            "due_on_day": "1",
            "due_on_month": "3",
            "due_on_year": "2027",
            "outcomes": [case["plan_outcome"].pk],
        },
    )
    response = lead.post(
        url("views_edit", case),
        {"version": loaded, "child_views": "Maisie wants to walk to school", "family_views": ""},
    )
    assert "Someone else changed this plan since you opened it" in response.content.decode()
    assert "Maisie wants to walk to school" in response.content.decode()
    assert Plan.objects.get(pk=case["plan"].pk).child_views == ""


def complete_the_plan(case: dict[str, Any]) -> None:
    PlanAction.objects.filter(pk=case["lead_action"].pk).update(due_on=datetime.date(2027, 2, 1))
    PlanOutcome.objects.create(
        plan=case["plan"],
        child=case["noah"],
        what_must_change="Noah sleeps in his own bed",
        measure="Diary",
        target="6 nights",
        target_date=datetime.date(2027, 2, 28),
    ).actions.add(case["lead_action"])


def test_submit_is_refused_while_the_smart_check_finds_problems(case):
    browser = signed_in(case["lead"])
    response = browser.post(url("plan_submit", case), follow=True)
    html = response.content.decode()
    assert "Fix the 2 problems in the SMART check first" in html
    assert "There is no outcome for Noah Ashworth" in html
    assert Plan.objects.get(pk=case["plan"].pk).status == PlanStatus.DRAFT


def test_submit_approve_and_chronology(case):
    complete_the_plan(case)
    lead, manager = signed_in(case["lead"]), signed_in(case["manager"])
    assert lead.post(url("plan_submit", case)).status_code == 302
    assert Plan.objects.get(pk=case["plan"].pk).status == PlanStatus.SUBMITTED
    assert lead.get(url("plan_approve", case)).status_code == 404  # only the manager approves
    page = manager.get(url("plan_approve", case))
    assert "Do you approve this plan?" in page.content.decode()
    refused = manager.post(url("plan_approve", case), {"decision": "return", "comment": ""})
    assert "Enter what needs to change" in refused.content.decode()
    assert manager.post(url("plan_approve", case), {"decision": "approve", "comment": "Good plan"}).status_code == 302
    plan = Plan.objects.get(pk=case["plan"].pk)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_by == case["manager"]
    assert plan.first_approved_at is not None
    assert plan.approval_comment == "Good plan"
    summaries = set(ChronologyEntry.objects.filter(kind=ChronologyKind.PLAN).values_list("summary", flat=True))
    assert {"Plan sent for manager approval", "Plan approved by the manager: Good plan"} <= summaries


def test_a_manager_returns_the_plan_with_a_comment(case):
    complete_the_plan(case)
    signed_in(case["lead"]).post(url("plan_submit", case))
    manager = signed_in(case["manager"])
    manager.post(url("plan_approve", case), {"decision": "return", "comment": "Add Noah's voice"})
    plan = Plan.objects.get(pk=case["plan"].pk)
    assert plan.status == PlanStatus.DRAFT
    assert plan.approval_comment == "Add Noah's voice"


def test_changing_an_approved_plan_needs_approval_again(case):
    Plan.objects.filter(pk=case["plan"].pk).update(status=PlanStatus.APPROVED)
    browser = signed_in(case["lead"])
    response = browser.post(
        url("views_edit", case), {"version": case["plan"].version, "child_views": "Noah likes it", "family_views": ""}
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=case["plan"].pk).status == PlanStatus.DRAFT
    assert "Changes need approval again" in browser.get(url("plan", case)).content.decode()


def test_archiving_an_outcome_keeps_it_in_the_database(case):
    outcome = case["plan_outcome"]
    browser = signed_in(case["lead"])
    response = browser.post(url("outcome_archive", case, outcome_id=outcome.pk), {"version": case["plan"].version})
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.is_archived
    html = browser.get(url("plan", case)).content.decode()
    assert "Maisie goes to school every day" not in html
    assert "Actions not linked to an outcome" in html
    assert browser.get(url("outcome_edit", case, outcome_id=outcome.pk)).status_code == 404


def test_archiving_an_action_with_a_stale_version_is_refused(case):
    action = case["lead_action"]
    browser = signed_in(case["lead"])
    response = browser.post(url("action_archive", case, action_id=action.pk), {"version": 99}, follow=True)
    assert "Someone else changed this plan since you opened it" in response.content.decode()
    action.refresh_from_db()
    assert not action.is_archived


def test_records_of_another_episode_answer_404(case, family):
    wrong = reverse(
        "plans:outcome_edit", kwargs={"episode_id": case["episode"].pk + 1000, "outcome_id": case["plan_outcome"].pk}
    )
    assert signed_in(case["lead"]).get(wrong).status_code == 404
