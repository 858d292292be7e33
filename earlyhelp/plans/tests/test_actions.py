"""Actions: the lead adds them; a Team Around the Family member updates her own, and no one else's."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from earlyhelp.audit.models import AccessEvent
from earlyhelp.plans.models import ActionStatus, PlanAction
from earlyhelp.plans.tests.test_plan import make_case, signed_in


@pytest.fixture
def case(family, make_user, involve, team, school, consent) -> dict[str, Any]:
    return make_case(family, make_user, involve, team, school, consent)


def url(name: str, case: dict[str, Any], **kwargs: int) -> str:
    return reverse(f"plans:{name}", kwargs={"episode_id": case["episode"].pk, **kwargs})


def action_post(case: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    data = {
        "version": case["plan"].version,
        "what": "Weekly check-in at the school clinic",
        "owner": case["nurse"].pk,
        "owner_name": "",
        "due_on_day": "15",
        "due_on_month": "1",
        "due_on_year": "2027",
        "outcomes": [case["plan_outcome"].pk],
    }
    data.update(overrides)
    return data


def test_the_nurse_updates_her_own_action(case):
    nurse = signed_in(case["nurse"])
    action = case["taf_action"]
    page = nurse.get(url("action_update", case, action_id=action.pk))
    assert page.status_code == 200
    assert "Check in with Maisie each week" in page.content.decode()
    response = nurse.post(
        url("action_update", case, action_id=action.pk),
        {"version": action.version, "status": ActionStatus.IN_PROGRESS, "progress_note": "Seen twice, going well"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.progress_note == "Seen twice, going well"
    assert action.updated_by == case["nurse"]
    assert "Seen twice, going well" in nurse.get(url("plan", case)).content.decode()


def test_the_nurse_gets_404_on_the_leads_action(case):
    nurse = signed_in(case["nurse"])
    action = case["lead_action"]
    before = AccessEvent.objects.count()
    assert nurse.get(url("action_update", case, action_id=action.pk)).status_code == 404
    posted = nurse.post(
        url("action_update", case, action_id=action.pk),
        {"version": action.version, "status": ActionStatus.DONE, "progress_note": "Not mine"},
    )
    assert posted.status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    assert action.progress_note == ""
    assert AccessEvent.objects.count() == before
    # Nor may she change the plan itself, even her own action's wording.
    assert nurse.get(url("action_edit", case, action_id=case["taf_action"].pk)).status_code == 404
    assert nurse.get(url("outcome_add", case)).status_code == 404


def test_the_lead_updates_any_action(case):
    lead = signed_in(case["lead"])
    action = case["taf_action"]
    response = lead.post(
        url("action_update", case, action_id=action.pk),
        {"version": action.version, "status": ActionStatus.DONE, "progress_note": ""},
    )
    assert response.status_code == 302
    assert PlanAction.objects.get(pk=action.pk).status == ActionStatus.DONE


def test_a_stale_progress_update_is_refused(case):
    action = case["taf_action"]
    PlanAction.objects.filter(pk=action.pk).update(version=5)
    response = signed_in(case["nurse"]).post(
        url("action_update", case, action_id=action.pk),
        {"version": 1, "status": ActionStatus.DONE, "progress_note": "Finished"},
    )
    assert response.status_code == 200
    assert "Someone else updated this action since you opened it" in response.content.decode()
    assert "Finished" in response.content.decode()
    assert PlanAction.objects.get(pk=action.pk).status == ActionStatus.NOT_STARTED


def test_lead_adds_an_action_owned_by_a_taf_member_serving_an_outcome(case):
    lead = signed_in(case["lead"])
    form = lead.get(url("action_add", case)).content.decode()
    assert "Who will do it" in form
    assert "Someone else" in form
    assert "Which outcomes does it serve?" in form
    assert lead.post(url("action_add", case), action_post(case)).status_code == 302
    action = PlanAction.objects.get(what="Weekly check-in at the school clinic")
    assert action.owner_user == case["nurse"]
    assert list(action.outcomes.all()) == [case["plan_outcome"]]


def test_someone_else_needs_a_name(case):
    lead = signed_in(case["lead"])
    response = lead.post(url("action_add", case), action_post(case, owner="other", owner_name=""))
    assert "Enter who will do it" in response.content.decode()
    assert lead.post(url("action_add", case), action_post(case, owner="other", owner_name="Mum")).status_code == 302
    action = PlanAction.objects.get(what="Weekly check-in at the school clinic")
    assert action.owner_user is None
    assert action.owner_label == "Mum"


def test_an_owner_outside_the_team_is_refused(case):
    response = signed_in(case["lead"]).post(url("action_add", case), action_post(case, owner=case["manager"].pk))
    assert response.status_code == 200
    assert not PlanAction.objects.filter(what="Weekly check-in at the school clinic").exists()


def test_an_outcome_of_another_plan_cannot_be_served(case):
    response = signed_in(case["lead"]).post(url("action_add", case), action_post(case, outcomes=[999999]))
    assert response.status_code == 200
    assert not PlanAction.objects.filter(what="Weekly check-in at the school clinic").exists()
