from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from earlyhelp.thresholds.domains import (
    assessment_domains,
    dimension_choices,
    dimensions_by_code,
    validate_dimension_code,
)


def test_the_three_domains_of_the_assessment_framework_in_order():
    assert [d.code for d in assessment_domains()] == ["CDN", "PC", "FEF"]
    assert assessment_domains()[1].label == "Parenting capacity"
    assert len(dimensions_by_code()) == 20
    assert dimensions_by_code()["CDN.HEALTH"].domain_code == "CDN"


def test_choices_are_grouped_by_domain():
    groups = dict(dimension_choices())
    assert ("PC.BASIC_CARE", "Basic care") in groups["Parenting capacity"]


def test_an_unknown_dimension_is_refused():
    validate_dimension_code("FEF.HOUSING")
    with pytest.raises(ValidationError):
        validate_dimension_code("CDN")
    with pytest.raises(ValidationError):
        validate_dimension_code("CDN.HAPPINESS")
