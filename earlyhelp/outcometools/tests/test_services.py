"""Recording a reading (R3.7): the first reading of a tool with a person is the baseline and goes into the
chronology; scores within the tool's scale for every area; dates inside the episode; one reading per form."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus
from earlyhelp.outcometools.models import OutcomeTool, Reading
from earlyhelp.outcometools.services import reading_record
from earlyhelp.outcometools.tests.conftest import days_ago


def _scores(tool, value=3):
    return {area.pk: value for area in tool.areas.filter(active=True)}


def _record(case, *, code="MY_STAR", person="noah", stage="baseline", taken_on=None, scores=None, user="lead", **kw):
    tool = OutcomeTool.objects.get(code=code)
    return reading_record(
        user=case[user],
        episode=case["episode"],
        tool=tool,
        person=case[person],
        stage=stage,
        taken_on=taken_on or days_ago(10),
        scores=_scores(tool) if scores is None else scores,
        **kw,
    )


def _errors(excinfo):
    return excinfo.value.message_dict


def test_a_baseline_is_recorded_with_its_scores_and_a_chronology_line(case):
    reading = _record(case)
    assert reading.stage == "baseline"
    assert reading.recorded_by == case["lead"]
    assert sorted(reading.scores.values_list("value", flat=True)) == [3] * 8
    entry = ChronologyEntry.objects.get(source=f"outcometools.reading:{reading.pk}")
    assert entry.kind == ChronologyKind.ASSESSMENT
    assert entry.summary == "My Star baseline recorded with Noah"
    assert entry.episode == case["episode"]
    assert entry.occurred_at.date() == days_ago(10)


def test_a_review_adds_no_chronology_line(case):
    before = ChronologyEntry.objects.count()
    _record(case, code="FAMILY_STAR_PLUS", person="rachel", stage="review")
    assert ChronologyEntry.objects.count() == before


def test_the_first_reading_with_a_person_must_be_the_baseline(case):
    with pytest.raises(ValidationError) as excinfo:
        _record(case, person="maisie", stage="review")
    assert _errors(excinfo) == {"stage": ["The first My Star reading with Maisie must be the baseline"]}
    assert not Reading.objects.filter(person=case["maisie"]).exists()


def test_a_second_baseline_is_refused(case):
    with pytest.raises(ValidationError) as excinfo:
        _record(case, code="FAMILY_STAR_PLUS", person="rachel", stage="baseline")
    assert "A Family Star Plus baseline has already been recorded with Rachel" in _errors(excinfo)["stage"][0]


def test_family_star_plus_is_completed_with_a_parent_not_a_child(case):
    with pytest.raises(ValidationError) as excinfo:
        _record(case, code="FAMILY_STAR_PLUS", person="maisie")
    assert _errors(excinfo)["person"] == ["Select who the Family Star Plus reading is with"]


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "Date of the reading must be today or in the past"),
        (91, "Date of the reading must be on or after"),
    ],
)
def test_the_date_is_inside_the_episode(case, days, message):
    with pytest.raises(ValidationError) as excinfo:
        _record(case, taken_on=days_ago(days))
    assert _errors(excinfo)["taken_on"][0].startswith(message)


def test_a_review_is_not_dated_before_the_baseline(case):
    with pytest.raises(ValidationError) as excinfo:
        _record(case, code="FAMILY_STAR_PLUS", person="rachel", stage="review", taken_on=days_ago(85))
    assert _errors(excinfo)["taken_on"][0].startswith("Date of the reading must be on or after the baseline on")


def test_every_area_needs_a_score_within_the_scale(case):
    tool = OutcomeTool.objects.get(code="FAMILY_STAR_PLUS")
    areas = list(tool.areas.order_by("order"))
    scores = {**_scores(tool), areas[0].pk: 11}
    del scores[areas[1].pk]
    with pytest.raises(ValidationError) as excinfo:
        _record(case, code="FAMILY_STAR_PLUS", person="rachel", stage="review", scores=scores)
    assert _errors(excinfo) == {
        f"scores.{areas[0].pk}": ["Enter a score from 1 to 10 for Physical health"],
        f"scores.{areas[1].pk}": ["Enter a score from 1 to 10 for Your well-being"],
    }


def test_signs_of_safety_scores_from_0(case):
    reading = _record(case, code="SIGNS_OF_SAFETY", person="rachel", scores=None)
    tool = reading.tool
    assert (tool.scale_min, tool.scale_max) == (0, 10)
    reading2 = _record(case, code="SIGNS_OF_SAFETY", person="rachel", stage="review", scores=_scores(tool, 0))
    assert list(reading2.scores.values_list("value", flat=True)) == [0]


def test_the_same_form_sent_twice_records_one_reading(case):
    token = uuid.uuid4()
    first = _record(case, submission_token=token)
    second = _record(case, submission_token=token)
    assert first.pk == second.pk
    assert Reading.objects.filter(person=case["noah"]).count() == 1
    assert ChronologyEntry.objects.filter(summary="My Star baseline recorded with Noah").count() == 1


@pytest.mark.parametrize("user", ["nurse", "front_door"])
def test_only_those_who_write_the_case_record_readings(case, user):
    with pytest.raises(PermissionDenied):
        _record(case, user=user)


def test_a_manager_of_the_team_records_a_reading(case):
    assert _record(case, user="manager").recorded_by == case["manager"]


def test_no_reading_in_a_closed_episode(case):
    Episode.objects.filter(pk=case["episode"].pk).update(status=EpisodeStatus.CLOSED)
    with pytest.raises(ValidationError, match="closed"):
        _record(case)
