"""Step-down from children's social care: a handover, consent re-confirmed, an episode opened (R6.3)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.access.models import Consent
from earlyhelp.access.policy import family_relationship
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus
from earlyhelp.transitions import services
from earlyhelp.transitions.models import StepDown, StepUp


def people(family: Any) -> dict[str, Any]:
    return {m.person.legal_first_name: m.person for m in family.memberships.select_related("person")}


def record(*, user: Any, family: Any, team: Any, **overrides: Any) -> StepDown:
    named = people(family)
    kwargs: dict[str, Any] = {
        "user": user,
        "family": family,
        "children": [named["Maisie"], named["Noah"]],
        "social_care_history": "Child in need plan for eight months; test history",
        "risks": "Test remaining risks",
        "what_worked": "Test what worked",
        "social_worker": "Test social worker, Children in Need team",
        "team": team,
        "handover_meeting_on": datetime.date(2026, 11, 2),
        "handover_attendees": "Test attendees",
        "consent_reconfirmed_on": datetime.date(2026, 11, 2),
        "consent_how": Consent.HowObtained.WRITTEN,
        "consent_given_by": named["Rachel"],
        **overrides,
    }
    return services.step_down_record(**kwargs)


def form_post(family: Any, team: Any, **overrides: Any) -> dict[str, Any]:
    named = people(family)
    return {
        "token": str(uuid.uuid4()),
        "children": [named["Maisie"].pk],
        "social_care_history": "Child in need plan for eight months",
        "risks": "Test remaining risks",
        "what_worked": "Test what worked",
        "social_worker": "Test social worker",
        "team": team.pk,
        "handover_meeting_on_day": "2",
        "handover_meeting_on_month": "11",
        "handover_meeting_on_year": "2026",
        "handover_attendees": "Test attendees",
        "handover_notes": "",
        "consent_reconfirmed_on_day": "2",
        "consent_reconfirmed_on_month": "11",
        "consent_reconfirmed_on_year": "2026",
        "consent_how": "written",
        "consent_given_by": named["Rachel"].pk,
        "step_up": "",
        **overrides,
    }


@pytest.fixture
def front_door(make_user):
    return make_user(roles.FRONT_DOOR)


def test_a_step_down_opens_an_episode_with_the_history_and_consent(
    family, team, front_door, make_user, django_capture_on_commit_callbacks
):
    team.email = "north@example.test"
    team.save()
    with django_capture_on_commit_callbacks(execute=True):
        step_down = record(user=front_door, family=family, team=team)
    assert step_down.reference.startswith("SD")
    assert step_down.reference.endswith(f"{step_down.pk:06d}")
    episode = step_down.episode
    assert episode is not None
    assert episode.team == team
    assert episode.source_summary == (
        "Stepped down from children's social care: Child in need plan for eight months; test history"
    )
    assert set(episode.episode_children.values_list("person__legal_first_name", flat=True)) == {"Maisie", "Noah"}
    consent = Consent.objects.get(recorded_by=front_door)
    assert consent.person.legal_first_name == "Rachel"
    assert list(consent.agencies.all()) == [team.agency]
    assert consent.given_on == datetime.date(2026, 11, 2)
    assert ChronologyEntry.objects.filter(episode=episode, kind=ChronologyKind.STEP_DOWN).count() == 1
    assert mail.outbox[0].to == ["north@example.test"]
    assert step_down.reference in mail.outbox[0].body
    assert "Maisie" not in mail.outbox[0].body
    # The receiving team's manager now manages the family's case.
    manager = make_user(roles.TEAM_MANAGER, team=team)
    assert family_relationship(manager, family.pk).manages


def test_a_step_down_joins_the_open_episode(case):
    step_up = StepUp.objects.create(
        reference="SU26-T1",
        episode=case["episode"],
        reasons="r",
        risks="r",
        requested_by=case["lead"],
        sent_at=case["episode"].opened_at,
        status="decided",
    )
    step_down = record(user=case["front_door"], family=case["family"], team=case["episode"].team, step_up=step_up)
    assert step_down.episode == case["episode"]
    assert Episode.objects.filter(family=case["family"]).count() == 1
    assert step_down.step_up == step_up


def test_a_closed_episode_means_a_new_one(case):
    case["episode"].status = EpisodeStatus.CLOSED
    case["episode"].save()
    step_down = record(user=case["front_door"], family=case["family"], team=case["episode"].team)
    assert step_down.episode != case["episode"]
    assert step_down.episode.status != EpisodeStatus.CLOSED


def test_a_step_down_without_consent_is_refused(family, team, front_door):
    with pytest.raises(ValidationError) as error:
        record(user=front_door, family=family, team=team, consent_reconfirmed_on=None, consent_given_by=None)
    assert "Consent must be re-confirmed" in error.value.message_dict["consent_given_by"][0]
    assert "consent_reconfirmed_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(user=front_door, family=family, team=team, consent_given_by=people(family)["Maisie"])
    assert error.value.message_dict == {"consent_given_by": ["Select an adult in this family"]}
    assert not StepDown.objects.exists()
    assert not Episode.objects.exists()
    assert not Consent.objects.exists()


def test_only_the_front_door_records_a_step_down(case):
    for actor in ("lead", "manager", "nurse"):
        with pytest.raises(PermissionDenied):
            record(user=case[actor], family=case["family"], team=case["episode"].team)


def test_a_double_submit_records_one_step_down(family, team, front_door):
    token = uuid.uuid4()
    first = record(user=front_door, family=family, team=team, submission_token=token)
    second = record(user=front_door, family=family, team=team, submission_token=token)
    assert first.pk == second.pk
    assert StepDown.objects.count() == 1


def test_the_web_journey(family, team, front_door, make_user, sign_in):
    url = reverse("transitions:step_down_new", args=[family.pk])
    check_url = reverse("transitions:step_down_check", args=[family.pk])
    assert sign_in(make_user(roles.PRACTITIONER)).get(url).status_code == 404
    client = sign_in(front_door)
    page = client.get(url).content.decode()
    assert "Rachel Ashworth" in page  # the adults who may re-confirm consent
    response = client.post(url, form_post(family, team, consent_given_by="", consent_reconfirmed_on_day=""))
    assert response.status_code == 200
    assert "Select which adult re-confirmed consent" in response.content.decode()
    assert not StepDown.objects.exists()
    assert client.post(url, form_post(family, team))["Location"] == check_url
    page = client.get(check_url).content.decode()
    assert "Check your answers before recording the step-down" in page
    assert "2 November 2026, in writing, by Rachel Ashworth" in page
    response = client.post(check_url)
    step_down = StepDown.objects.get()
    assert response["Location"] == reverse("transitions:step_down_detail", args=[step_down.pk])
    assert client.get(response["Location"]).status_code == 200
    assert client.post(check_url)["Location"] == url  # the draft is gone: nothing recorded twice
    assert StepDown.objects.count() == 1


def test_the_step_up_is_preselected(case, sign_in):
    step_up = StepUp.objects.create(
        reference="SU26-T2",
        episode=case["episode"],
        reasons="r",
        risks="r",
        requested_by=case["lead"],
        sent_at=case["episode"].opened_at,
        status="decided",
    )
    url = reverse("transitions:step_down_new", args=[case["family"].pk])
    page = sign_in(case["front_door"]).get(url, {"step_up": step_up.pk}).content.decode()
    assert f'<option value="{step_up.pk}" selected>' in page
