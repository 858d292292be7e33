"""Outcome tools as data (R3.7): Family Star Plus, My Star, Evaluation Wheel, Signs of Safety scaling, Graded
Care Profile 2. Licensed tools: area names and scores only, never the scale descriptors.

Tools and areas are reference data loaded by migration from shared/codes/outcome_tools.json and edited by
administrators; readings are taken per person at baseline, at each review and at closure.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class OutcomeTool(models.Model):
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=150)
    owner = models.CharField(max_length=200, blank=True)
    scale_min = models.SmallIntegerField()
    scale_max = models.SmallIntegerField()
    # Graded Care Profile 2 grades 1 as best: distance travelled is a fall, not a rise.
    higher_is_better = models.BooleanField(default=True)
    licensing_note = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ToolArea(models.Model):
    tool = models.ForeignKey(OutcomeTool, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=150)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["tool", "order"]
        constraints = [models.UniqueConstraint(fields=["tool", "code"], name="tool_area_code_unique")]

    def __str__(self) -> str:
        return self.label


class ReadingStage(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    REVIEW = "review", "Review"
    CLOSURE = "closure", "Closure"


class Reading(ArchivableModel):
    """One completion of a tool, with one person (a parent for Family Star Plus, a child for My Star)."""

    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="readings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    tool = models.ForeignKey(OutcomeTool, on_delete=models.PROTECT, related_name="readings")
    stage = models.CharField(max_length=20, choices=ReadingStage.choices)
    taken_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    # The scores form carries a one-time token so that a double click or a resent form records one reading.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["taken_on", "pk"]
        indexes = [models.Index(fields=["episode", "tool", "person"])]

    def __str__(self) -> str:
        return f"{self.tool} ({self.get_stage_display()}) on {self.taken_on}"


class Score(TimeStampedModel):
    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="scores")
    area = models.ForeignKey(ToolArea, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reading", "area"], name="one_score_per_area")]
