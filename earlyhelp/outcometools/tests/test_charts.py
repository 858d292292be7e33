"""Distance travelled, computed once for the chart, the table and the reports, checked against values worked out
by hand; and the SVG chart: accessible name and description, one bar per reading up to four, escaped labels."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.utils.safestring import SafeString

from earlyhelp.outcometools.charts import (
    chart_readings,
    distance_travelled,
    distance_travelled_svg,
)
from earlyhelp.outcometools.models import OutcomeTool
from earlyhelp.outcometools.selectors import readings_with_scores
from earlyhelp.outcometools.tests.conftest import days_ago

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: SafeString) -> ET.Element:
    # Our own output, in a test: the XML is trusted.
    return ET.fromstring(str(svg))  # noqa: S314


# Family Star Plus review: change from the baseline of 4 in every area is +2 0 -1 +3 +1 0 +4 -2 0 +5.
REVIEW = [6, 4, 3, 7, 5, 4, 8, 2, 4, 9]


def _series(case, code, person):
    return list(readings_with_scores().filter(episode=case["episode"], tool__code=code, person=person))


def test_family_star_plus_change_is_latest_minus_baseline(case, add_reading):
    add_reading("FAMILY_STAR_PLUS", case["rachel"], "review", days_ago(40), REVIEW)
    result = distance_travelled(_series(case, "FAMILY_STAR_PLUS", case["rachel"]))
    assert [a.change for a in result.areas] == [2, 0, -1, 3, 1, 0, 4, -2, 0, 5]
    shown = [a.change_display for a in result.areas]
    assert shown == ["+2", "0", "\u22121", "+3", "+1", "0", "+4", "\u22122", "0", "+5"]
    assert (result.improved, result.same, result.worse) == (5, 3, 2)
    assert result.areas[0].label == "Physical health"
    assert result.areas[0].values == (4, 6)
    assert result.summary == "5 of 10 areas improved since baseline, 3 stayed the same and 2 got worse"


def test_the_latest_reading_counts_not_the_ones_between(case, add_reading):
    add_reading("FAMILY_STAR_PLUS", case["rachel"], "review", days_ago(40), [10] * 10)
    add_reading("FAMILY_STAR_PLUS", case["rachel"], "closure", days_ago(5), [3] * 10)
    result = distance_travelled(_series(case, "FAMILY_STAR_PLUS", case["rachel"]))
    assert result.areas[0].values == (4, 10, 3)
    assert (result.areas[0].baseline, result.areas[0].latest, result.areas[0].change) == (4, 3, -1)
    assert (result.improved, result.same, result.worse) == (0, 0, 10)


def test_graded_care_profile_2_counts_a_fall_as_an_improvement(case, add_reading):
    gcp2 = OutcomeTool.objects.get(code="GCP2")
    assert gcp2.higher_is_better is False
    # Baseline 4 5 3 2, closure 2 5 4 1: better by 2, the same, worse by 1, better by 1 (1 is best).
    add_reading("GCP2", case["rachel"], "baseline", days_ago(60), [4, 5, 3, 2])
    add_reading("GCP2", case["rachel"], "closure", days_ago(2), [2, 5, 4, 1])
    result = distance_travelled(_series(case, "GCP2", case["rachel"]))
    assert [a.change for a in result.areas] == [2, 0, -1, 1]
    assert [a.change_display for a in result.areas] == ["+2", "0", "\u22121", "+1"]
    assert (result.improved, result.same, result.worse) == (2, 1, 1)
    assert [a.outcome for a in result.areas] == ["improved", "same", "worse", "improved"]


def test_a_baseline_alone_has_no_change(case):
    result = distance_travelled(_series(case, "FAMILY_STAR_PLUS", case["rachel"]))
    assert all(a.change is None and a.change_display == "" for a in result.areas)
    assert (result.improved, result.same, result.worse, result.has_later_reading) == (0, 0, 0, False)
    assert result.summary == "baseline only, no later reading yet"


def test_distance_travelled_reads_nothing_from_the_database(case, add_reading, django_assert_num_queries):
    add_reading("FAMILY_STAR_PLUS", case["rachel"], "review", days_ago(40), REVIEW)
    readings = _series(case, "FAMILY_STAR_PLUS", case["rachel"])
    with django_assert_num_queries(0):
        distance_travelled(readings)
        distance_travelled_svg(readings[0].tool, [s.area for s in readings[0].scores.all()], readings)


def test_the_chart_is_an_image_with_a_title_and_a_description_saying_what_changed(case, add_reading):
    add_reading("FAMILY_STAR_PLUS", case["rachel"], "review", days_ago(40), REVIEW)
    readings = _series(case, "FAMILY_STAR_PLUS", case["rachel"])
    areas = [s.area for s in readings[0].scores.all()]
    svg = parse(distance_travelled_svg(readings[0].tool, areas, readings, chart_id="c1"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Family Star Plus with Rachel"
    assert svg.find(f"{SVG}title").get("id") == "c1-title"
    description = svg.find(f"{SVG}desc").text
    assert description.startswith("Family Star Plus with Rachel: 5 of 10 areas improved since baseline")
    assert "Scores from 1 to 10, higher is better" in description
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Physical health" in texts
    assert "Progress to work" in texts
    # The scale axis, 1 to 10, and the value at the end of each bar.
    assert [str(v) for v in range(1, 11)] == [t for t in texts if t and t.isdigit()][:10]
    bars = [r for r in svg.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(#c1-p")]
    # Two readings: two legend swatches and two bars for each of the ten areas.
    assert len(bars) == 2 + 2 * 10


def test_more_than_four_readings_chart_the_baseline_and_the_three_latest(case, add_reading):
    for n, day in enumerate((70, 60, 50, 40, 30)):
        add_reading("FAMILY_STAR_PLUS", case["rachel"], "review", days_ago(day), [5 + n % 5] * 10)
    readings = _series(case, "FAMILY_STAR_PLUS", case["rachel"])
    assert len(readings) == 6
    assert chart_readings(readings) == [0, 3, 4, 5]
    areas = [s.area for s in readings[0].scores.all()]
    svg = parse(distance_travelled_svg(readings[0].tool, areas, readings, chart_id="c2"))
    patterns = {p.get("id") for p in svg.iter(f"{SVG}pattern")}
    assert patterns == {"c2-p0", "c2-p1", "c2-p2", "c2-p3"}
    bars = [r for r in svg.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(#c2-p")]
    assert len(bars) == 4 + 4 * 10


def test_labels_are_escaped_and_a_reversed_scale_is_explained(case, add_reading):
    add_reading("GCP2", case["rachel"], "baseline", days_ago(60), [4, 5, 3, 2])
    readings = _series(case, "GCP2", case["rachel"])
    areas = [s.area for s in readings[0].scores.all()]
    areas[0].label = "Care & <safety>"
    text = str(distance_travelled_svg(readings[0].tool, areas, readings))
    assert "Care &amp; &lt;safety&gt;" in text
    assert "<safety>" not in text
    svg = parse(text)
    assert "Scores from 1 to 5, 1 is best" in svg.find(f"{SVG}desc").text
    assert "baseline only" in svg.find(f"{SVG}desc").text
