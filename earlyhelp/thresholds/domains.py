"""The assessment framework's domains and dimensions (the "assessment triangle"), read from the verbatim copy of
`shared/codes/assessment_framework_domains.json` in `earlyhelp/codes/data/`.

Indicators store the dimension code ("CDN.HEALTH"); this module validates it and gives its labels. The codes are
not loaded into the Code table because `earlyhelp.codes.lists` belongs to the codes app (ADR 0005); reading the
same file here keeps one source of truth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError

from earlyhelp.codes.lists import DATA_DIR

DOMAINS_FILE = "assessment_framework_domains.json"


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str
    domain_code: str
    order: int


@dataclass(frozen=True)
class Domain:
    code: str
    label: str
    dimensions: tuple[Dimension, ...]
    order: int


@cache
def assessment_domains() -> tuple[Domain, ...]:
    """The three domains in the file's order, each with its dimensions in the file's order."""
    data = json.loads((DATA_DIR / DOMAINS_FILE).read_text(encoding="utf-8"))
    domains = []
    for domain_order, entry in enumerate(data["domains"]):
        dimensions = tuple(
            Dimension(code=d["code"], label=d["label"], domain_code=entry["code"], order=order)
            for order, d in enumerate(entry["dimensions"])
        )
        domains.append(Domain(code=entry["code"], label=entry["label"], dimensions=dimensions, order=domain_order))
    return tuple(domains)


@cache
def dimensions_by_code() -> dict[str, Dimension]:
    return {dimension.code: dimension for domain in assessment_domains() for dimension in domain.dimensions}


@cache
def domains_by_code() -> dict[str, Domain]:
    return {domain.code: domain for domain in assessment_domains()}


def dimension_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped by domain (shown as option groups in the administration site)."""
    return [(domain.label, [(d.code, d.label) for d in domain.dimensions]) for domain in assessment_domains()]


def validate_dimension_code(value: str) -> None:
    if value not in dimensions_by_code():
        raise ValidationError(
            "Choose a dimension of the assessment framework", code="unknown_dimension", params={"value": value}
        )
