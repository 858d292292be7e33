"""Configurable reference data for the partnership reports: the population denominator the equity tables compare
requests and episodes against. Entered by administrators from published estimates (ONS mid-year estimates, the
school census), never computed from the case record."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import TimeStampedModel


class Characteristic(models.TextChoices):
    ETHNICITY = "ethnicity", "Ethnicity"
    SEX = "sex", "Sex"
    AGE_BAND = "age_band", "Age band"
    DISABILITY = "disability", "Disability"
    FIRST_LANGUAGE = "first_language", "First language"


class AgeBand(models.TextChoices):
    """The seed report's age bands (Table 3), by age in whole years."""

    UNDER_5 = "under_5", "Under 5"
    PRIMARY = "primary", "Primary (5 to 10)"
    SECONDARY = "secondary", "Secondary (11 to 15)"
    POST_16 = "post_16", "Post 16 (16 and 17)"


class PopulationEstimate(TimeStampedModel):
    """How many children aged 0 to 17 live in the area with one value of one characteristic, in one year."""

    characteristic = models.CharField(max_length=20, choices=Characteristic.choices)
    value = models.CharField(
        max_length=40,
        help_text=(
            "The code counted: the DfE ethnicity code (WBRI...), the CIN sex code (M, F, U), the age band "
            "(under_5, primary, secondary, post_16), the CIN disability code (NONE, MOB...) or the language code "
            "(eng, pol...)"
        ),
    )
    population = models.PositiveIntegerField(help_text="Children aged 0 to 17 in the area")
    year = models.PositiveSmallIntegerField(
        help_text="The year of the estimate (reports use the year of the period end)"
    )
    source = models.CharField(max_length=200, blank=True, help_text='For example "ONS mid-2024 estimates"')

    history = HistoricalRecords()

    class Meta:
        ordering = ["characteristic", "year", "value"]
        constraints = [
            models.UniqueConstraint(fields=["characteristic", "value", "year"], name="population_estimate_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()} {self.value} ({self.year}): {self.population}"
