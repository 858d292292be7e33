"""Reads of the threshold document (R1.4). It is the partnership's published guidance, not personal data: every
signed-in user may read the version in force and the versions before it. Drafts are for administrators only and
are read in the administration site."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from earlyhelp.thresholds.domains import Dimension, Domain, assessment_domains, dimensions_by_code
from earlyhelp.thresholds.models import DocumentStatus, Indicator, Level, ThresholdDocument

READABLE = (DocumentStatus.PUBLISHED, DocumentStatus.SUPERSEDED)


def _with_contents(documents: QuerySet[ThresholdDocument]) -> QuerySet[ThresholdDocument]:
    # Three queries whatever the size of the document: documents, levels, indicators.
    indicators = Indicator.objects.order_by("order", "pk")
    levels = Level.objects.order_by("number").prefetch_related(Prefetch("indicators", queryset=indicators))
    return documents.select_related("published_by").prefetch_related(Prefetch("levels", queryset=levels))


def threshold_current() -> ThresholdDocument:
    """The document in force, with its levels and indicators. Raises ThresholdDocument.DoesNotExist when none has
    been published (a new installation has the example version 1, published by migration)."""
    return _with_contents(ThresholdDocument.objects.all()).get(status=DocumentStatus.PUBLISHED)


def threshold_document(*, version: int) -> ThresholdDocument:
    """A published or superseded version, with its levels and indicators; a draft is not found here."""
    return _with_contents(ThresholdDocument.objects.filter(status__in=READABLE)).get(version=version)


def threshold_versions() -> QuerySet[ThresholdDocument]:
    """Every version that has been in force, newest first."""
    return ThresholdDocument.objects.filter(status__in=READABLE).only(
        "version", "title", "status", "published_at", "superseded_at"
    )


def threshold_levels(*, document: ThresholdDocument) -> QuerySet[Level]:
    """The document's levels in order, with their indicators: what a decision chooses from."""
    indicators = Indicator.objects.order_by("order", "pk")
    return (
        Level.objects.filter(document=document)
        .order_by("number")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
    )


@dataclass(frozen=True)
class DimensionIndicators:
    dimension: Dimension
    indicators: list[Indicator]


@dataclass(frozen=True)
class DomainIndicators:
    domain: Domain
    dimensions: list[DimensionIndicators]

    @property
    def count(self) -> int:
        return sum(len(d.indicators) for d in self.dimensions)


@dataclass(frozen=True)
class LevelReading:
    level: Level
    domains: list[DomainIndicators]

    @property
    def indicator_count(self) -> int:
        return sum(d.count for d in self.domains)


@dataclass(frozen=True)
class ThresholdReading:
    document: ThresholdDocument
    levels: list[LevelReading]


# An indicator whose code has left the framework file still shows, under its code, rather than vanish.
_UNKNOWN = Domain(code="OTHER", label="Other indicators", dimensions=(), order=99)


def group_indicators(indicators: list[Indicator]) -> list[DomainIndicators]:
    """Indicators grouped by domain, then dimension, in the assessment framework's order; empty groups left out."""
    known = dimensions_by_code()
    by_dimension: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_dimension.setdefault(indicator.dimension, []).append(indicator)
    grouped = [
        DomainIndicators(
            domain=domain,
            dimensions=[
                DimensionIndicators(dimension=d, indicators=by_dimension[d.code])
                for d in domain.dimensions
                if d.code in by_dimension
            ],
        )
        for domain in assessment_domains()
    ]
    unknown = [
        DimensionIndicators(
            dimension=Dimension(code=code, label=code, domain_code=_UNKNOWN.code, order=0), indicators=items
        )
        for code, items in by_dimension.items()
        if code not in known
    ]
    grouped.append(DomainIndicators(domain=_UNKNOWN, dimensions=unknown))
    return [group for group in grouped if group.dimensions]


def threshold_reading(*, document: ThresholdDocument) -> ThresholdReading:
    """The document laid out for reading. With a document from threshold_current() or threshold_document() this
    makes no query."""
    return ThresholdReading(
        document=document,
        levels=[
            LevelReading(level=level, domains=group_indicators(list(level.indicators.all())))
            for level in document.levels.all()
        ],
    )
