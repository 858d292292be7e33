from __future__ import annotations

import pytest

from earlyhelp.thresholds.models import DocumentStatus, Indicator, ThresholdDocument
from earlyhelp.thresholds.selectors import (
    group_indicators,
    threshold_current,
    threshold_document,
    threshold_levels,
    threshold_reading,
    threshold_versions,
)
from earlyhelp.thresholds.tests.factories import IndicatorFactory, LevelFactory, document_with, force_publish

pytestmark = pytest.mark.django_db


def test_the_current_document_comes_with_its_levels_and_indicators(django_assert_num_queries):
    with django_assert_num_queries(3):
        document = threshold_current()
        reading = threshold_reading(document=document)
    assert document.status == DocumentStatus.PUBLISHED
    assert [item.level.number for item in reading.levels] == [1, 2, 3, 4]
    assert reading.levels[1].indicator_count == reading.levels[1].level.indicators.count()


def test_no_current_document_when_none_is_published():
    ThresholdDocument.objects.update(status=DocumentStatus.SUPERSEDED)
    with pytest.raises(ThresholdDocument.DoesNotExist):
        threshold_current()


def test_a_version_is_found_once_published_never_as_a_draft():
    draft = document_with(levels=1)
    with pytest.raises(ThresholdDocument.DoesNotExist):
        threshold_document(version=draft.version)
    force_publish(draft)
    assert threshold_document(version=draft.version) == draft
    assert threshold_document(version=1).status == DocumentStatus.SUPERSEDED


def test_versions_list_those_that_have_been_in_force_newest_first():
    newer = force_publish(document_with(levels=1))
    document_with(levels=1)  # a draft
    assert [d.version for d in threshold_versions()] == [newer.version, 1]


def test_levels_of_a_document_in_order_with_indicators():
    document = document_with(levels=0)
    for number in (3, 1, 2):
        LevelFactory(document=document, number=number)
    assert [level.number for level in threshold_levels(document=document)] == [1, 2, 3]


def test_indicators_are_grouped_in_the_frameworks_order():
    level = LevelFactory()
    made = [
        IndicatorFactory(level=level, dimension=code, order=order)
        for order, code in enumerate(["FEF.HOUSING", "PC.STABILITY", "CDN.EDUCATION", "CDN.HEALTH", "CDN.EDUCATION"])
    ]
    groups = group_indicators(list(level.indicators.all()))
    assert [g.domain.code for g in groups] == ["CDN", "PC", "FEF"]
    child = groups[0]
    assert [row.dimension.code for row in child.dimensions] == ["CDN.HEALTH", "CDN.EDUCATION"]
    assert child.dimensions[1].indicators == [made[2], made[4]]
    assert child.count == 3


def test_an_indicator_whose_code_left_the_framework_still_shows():
    level = LevelFactory()
    Indicator.objects.bulk_create([Indicator(level=level, dimension="OLD.CODE", text="Kept")])
    groups = group_indicators(list(level.indicators.all()))
    assert [(g.domain.label, g.dimensions[0].dimension.label) for g in groups] == [("Other indicators", "OLD.CODE")]
