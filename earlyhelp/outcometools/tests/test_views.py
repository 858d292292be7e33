"""The outcome tool pages: the lead practitioner records a Family Star Plus review one question at a time and
sees the distance travelled as a chart and a table; errors in GOV.UK style; bounded queries."""

from __future__ import annotations

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from earlyhelp.audit.models import AccessEvent
from earlyhelp.outcometools.models import OutcomeTool, Reading
from earlyhelp.outcometools.tests.conftest import days_ago

REVIEW = [6, 4, 3, 7, 5, 4, 8, 2, 4, 9]


def _scores_url(case, code="FAMILY_STAR_PLUS"):
    return reverse("outcometools:reading_scores", args=[case["episode"].pk, OutcomeTool.objects.get(code=code).pk])


def _post_data(case, *, person="rachel", stage="review", values=REVIEW, token=None, code="FAMILY_STAR_PLUS"):
    day = days_ago(10)
    tool = OutcomeTool.objects.get(code=code)
    data = {
        "token": str(token or uuid.uuid4()),
        "person": case[person].pk,
        "stage": stage,
        "taken_on_day": day.day,
        "taken_on_month": day.month,
        "taken_on_year": day.year,
    }
    for area, value in zip(tool.areas.order_by("order"), values, strict=True):
        data[f"area_{area.pk}"] = value
    return data


def test_the_lead_records_a_review_and_sees_the_distance_travelled(case, sign_in):
    client = sign_in(case["lead"])
    episode = case["episode"]
    page = client.get(reverse("outcometools:readings", args=[episode.pk])).content.decode()
    assert "Record a reading" in page
    assert "Baseline only, no later reading yet." in page

    choose = client.get(reverse("outcometools:reading_add", args=[episode.pk])).content.decode()
    assert "Which outcome tool are you using?" in choose
    assert "Graded Care Profile 2" in choose
    response = client.post(reverse("outcometools:reading_add", args=[episode.pk]), {"tool": case["tool"].pk})
    assert response["Location"] == _scores_url(case)

    form = client.get(response["Location"]).content.decode()
    # Family Star Plus is completed with a parent: Rachel, not the children.
    assert "Rachel Ashworth" in form
    assert "Maisie Ashworth" not in form
    assert "Physical health" in form
    assert 'name="token"' in form

    response = client.post(_scores_url(case), _post_data(case))
    assert response.status_code == 302
    assert response["Location"] == reverse("outcometools:readings", args=[episode.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Family Star Plus review recorded with Rachel" in page
    assert "Family Star Plus with Rachel Ashworth" in page
    assert "5 of 10 areas improved since baseline, 3 stayed the same and 2 got worse." in page
    assert 'role="img"' in page
    assert "<caption" in page
    assert "Change since baseline" in page
    assert "+5" in page
    assert "\u22122" in page


def test_a_score_outside_the_scale_is_a_gov_uk_error_and_keeps_what_was_typed(case, sign_in):
    client = sign_in(case["lead"])
    data = _post_data(case, values=[11, *REVIEW[1:]])
    response = client.post(_scores_url(case), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a score from 1 to 10 for Physical health" in page
    assert "govuk-error-summary" in page
    assert page.count("Enter a score from 1 to 10 for Physical health") == 2  # summary and field
    assert 'value="11"' in page
    assert "Error: Record a Family Star Plus reading" in page
    assert Reading.objects.filter(stage="review").count() == 0


def test_choosing_no_tool_asks_for_one(case, sign_in):
    response = sign_in(case["lead"]).post(reverse("outcometools:reading_add", args=[case["episode"].pk]), {})
    assert "Select the outcome tool" in response.content.decode()


def test_a_refusal_by_the_service_shows_against_the_field(case, sign_in):
    response = sign_in(case["lead"]).post(
        _scores_url(case, "MY_STAR"),
        _post_data(case, person="maisie", stage="review", values=[3] * 8, code="MY_STAR"),
    )
    assert response.status_code == 200
    assert "The first My Star reading with Maisie must be the baseline" in response.content.decode()


def test_a_double_click_records_one_reading(case, sign_in):
    client = sign_in(case["lead"])
    data = _post_data(case)
    assert client.post(_scores_url(case), data).status_code == 302
    assert client.post(_scores_url(case), data).status_code == 302
    assert Reading.objects.filter(stage="review").count() == 1


def test_each_page_writes_one_access_event(case, sign_in):
    client = sign_in(case["lead"])
    for url in (
        reverse("outcometools:readings", args=[case["episode"].pk]),
        reverse("outcometools:reading_add", args=[case["episode"].pk]),
        _scores_url(case),
    ):
        before = AccessEvent.objects.count()
        assert client.get(url).status_code == 200
        assert AccessEvent.objects.count() == before + 1


def test_the_front_door_reads_readings_but_cannot_record(case, sign_in):
    client = sign_in(case["front_door"])
    page = client.get(reverse("outcometools:readings", args=[case["episode"].pk]))
    assert page.status_code == 200
    assert "Record a reading" not in page.content.decode()
    assert client.get(_scores_url(case)).status_code == 404


def test_a_team_around_the_family_member_gets_404(case, sign_in):
    client = sign_in(case["nurse"])
    assert client.get(reverse("outcometools:readings", args=[case["episode"].pk])).status_code == 404
    assert client.post(_scores_url(case), _post_data(case)).status_code == 404
    assert Reading.objects.filter(stage="review").count() == 0


def test_an_inactive_tool_cannot_be_chosen(case, sign_in):
    OutcomeTool.objects.filter(code="MY_STAR").update(active=False)
    client = sign_in(case["lead"])
    assert "My Star" not in client.get(reverse("outcometools:reading_add", args=[case["episode"].pk])).content.decode()
    assert client.get(_scores_url(case, "MY_STAR")).status_code == 404


def test_graded_care_profile_2_explains_that_1_is_best(case, sign_in, add_reading):
    add_reading("GCP2", case["rachel"], "baseline", days_ago(60), [4, 5, 3, 2])
    add_reading("GCP2", case["rachel"], "closure", days_ago(2), [2, 5, 4, 1])
    page = sign_in(case["lead"]).get(reverse("outcometools:readings", args=[case["episode"].pk])).content.decode()
    assert "On this tool 1 is best" in page
    assert "2 of 4 areas improved since baseline, 1 stayed the same and 1 got worse." in page


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_readings_page_queries_do_not_grow_with_readings_or_people(case, sign_in, add_reading):
    client = sign_in(case["lead"])
    url = reverse("outcometools:readings", args=[case["episode"].pk])
    one_series = _count_queries(client, url)
    add_reading("FAMILY_STAR_PLUS", case["rachel"], "review", days_ago(40), REVIEW)
    for child in ("maisie", "noah"):
        add_reading("MY_STAR", case[child], "baseline", days_ago(70), [2] * 8)
        add_reading("MY_STAR", case[child], "review", days_ago(30), [3] * 8)
        add_reading("MY_STAR", case[child], "closure", days_ago(3), [4] * 8)
    add_reading("EVALUATION_WHEEL", case["maisie"], "baseline", days_ago(50), [5] * 5)
    add_reading("SIGNS_OF_SAFETY", case["rachel"], "baseline", days_ago(50), [6])
    page = client.get(url).content.decode()
    assert page.count('role="img"') == 5
    assert _count_queries(client, url) == one_series
