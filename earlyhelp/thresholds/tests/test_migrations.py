"""The example document the data migration publishes as version 1 (R1.4)."""

from __future__ import annotations

import json

import pytest

from earlyhelp.codes.lists import DATA_DIR
from earlyhelp.thresholds.domains import assessment_domains, dimensions_by_code
from earlyhelp.thresholds.models import DocumentStatus, ThresholdDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return ThresholdDocument.objects.get(version=1)


def test_version_1_is_published_and_in_force(seeded):
    assert seeded.status == DocumentStatus.PUBLISHED
    assert seeded.published_at is not None
    assert ThresholdDocument.objects.filter(status=DocumentStatus.PUBLISHED).get() == seeded


def test_version_1_says_it_is_an_example_to_replace(seeded):
    assert "example" in seeded.title.lower()
    assert "should agree its own document" in seeded.summary


def test_levels_are_the_generic_model_of_the_shared_file(seeded):
    generic = json.loads((DATA_DIR / "threshold_levels_examples.json").read_text(encoding="utf-8"))["generic_model"]
    levels = list(seeded.levels.order_by("number"))
    assert [(lv.number, lv.name, lv.expected_response) for lv in levels] == [
        (g["level"], g["label"], g["response"]) for g in generic
    ]
    assert all(len(level.description) > 100 for level in levels), "every level has a plain-English description"


@pytest.mark.parametrize("number", [2, 3, 4])
def test_levels_2_to_4_have_indicators_in_every_domain(seeded, number):
    level = seeded.levels.get(number=number)
    domains = {dimensions_by_code()[i.dimension].domain_code for i in level.indicators.all()}
    assert domains == {domain.code for domain in assessment_domains()}
    assert level.indicators.count() >= 12


def test_every_seeded_indicator_has_a_framework_dimension(seeded):
    codes = set(seeded.levels.values_list("indicators__dimension", flat=True)) - {None}
    assert codes <= set(dimensions_by_code())


def test_seeded_indicators_include_the_examples_named_in_the_brief(seeded):
    texts = dict(seeded.levels.values_list("indicators__text", "number"))
    assert texts["Attendance below 90% or persistent lateness"] == 2
    assert texts["Parental mental ill health affecting the child's care"] == 3
    assert texts["Child has suffered or is likely to suffer significant harm"] == 4
