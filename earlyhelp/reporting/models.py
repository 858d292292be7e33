"""Configurable reference data for the partnership reports: the population denominator the equity tables compare
requests and episodes against. Entered by administrators from published estimates (ONS mid-year estimates, the
school census), never computed from the case record. Also the stored practice standards evaluations the nightly
job writes for the practice standards report."""

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


class StandardsEvaluation(models.Model):
    """The practice standards (PS1 to PS12) of one episode's record as the nightly job last evaluated them
    (`earlyhelp.reporting.services.standards_evaluate`), so the practice standards report counts every episode
    without evaluating thousands of records while the user waits. Derived data, recomputed daily: no history."""

    episode = models.OneToOneField("episodes.Episode", on_delete=models.CASCADE, related_name="standards_evaluation")
    evaluated_at = models.DateTimeField()
    results = models.JSONField(help_text='The status of each standard: {"PS1": "met" | "not_met" | "not_yet", ...}')

    def __str__(self) -> str:
        return f"Practice standards of episode {self.episode_id} at {self.evaluated_at:%Y-%m-%d %H:%M}"
