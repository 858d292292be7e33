"""Threshold documents for tests. The migrated database already holds the example version 1, published."""

from __future__ import annotations

from typing import Any, cast

import factory
from django.db.models import Max
from django.utils import timezone

from earlyhelp.thresholds.models import DocumentStatus, Indicator, Level, ThresholdDocument


def next_version() -> int:
    return (ThresholdDocument.objects.aggregate(latest=Max("version"))["latest"] or 0) + 1


class ThresholdDocumentFactory(factory.django.DjangoModelFactory):
    """A draft. Publish it with threshold_document_publish, which supersedes the one in force."""

    class Meta:
        model = ThresholdDocument

    title = "Northshire continuum of need"
    summary = "How to use this document.\n\nA second paragraph."
    version = factory.LazyFunction(next_version)
    status = DocumentStatus.DRAFT


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level

    document = factory.SubFactory(ThresholdDocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda level: f"Level name {level.number}")
    description = "Children with additional needs that one agency can meet."
    expected_response = "Early help assessment and a lead practitioner"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    level = factory.SubFactory(LevelFactory)
    dimension = "CDN.EDUCATION"
    text = factory.Sequence(lambda n: f"Indicator number {n}")
    order = factory.Sequence(lambda n: n)


def document_with(levels: int = 4, indicators_per_level: int = 1, **extra: Any) -> ThresholdDocument:
    """A draft with levels 1..n, each with indicators spread over the three domains."""
    document = cast(ThresholdDocument, ThresholdDocumentFactory(**extra))
    dimensions = ["CDN.HEALTH", "PC.BASIC_CARE", "FEF.HOUSING"]
    for number in range(1, levels + 1):
        level = LevelFactory(document=document, number=number)
        for i in range(indicators_per_level):
            IndicatorFactory(level=level, dimension=dimensions[i % 3])
    return document


def force_publish(document: ThresholdDocument) -> ThresholdDocument:
    """Put a document in force without a user, as the data migration does (tests of readers only)."""
    now = timezone.now()
    ThresholdDocument.objects.filter(status=DocumentStatus.PUBLISHED).update(
        status=DocumentStatus.SUPERSEDED, superseded_at=now
    )
    ThresholdDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.PUBLISHED, published_at=now)
    document.refresh_from_db()
    return document
