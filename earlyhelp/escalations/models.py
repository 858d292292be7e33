"""Escalations and professional disagreements (R6.4). Any practitioner can raise one about any decision; the
staged resolution and the "was it done?" confirmation come with the escalation feature (issue 5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import TimeStampedModel


class Subject(models.TextChoices):
    FRONT_DOOR_DECISION = "front_door_decision", "A front door decision"
    STEP_UP = "step_up", "A step-up decision"
    CLOSURE = "closure", "A closure"
    AGENCY_ACTION = "agency_action", "Another agency's action"


class Stage(models.TextChoices):
    PRACTITIONER = "1_practitioner", "Practitioner"
    MANAGER = "2_manager", "Manager"
    SENIOR_MANAGER = "3_senior_manager", "Senior manager"
    PARTNERSHIP = "4_partnership", "Safeguarding partnership"


class Escalation(TimeStampedModel):
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="escalations")
    subject = models.CharField(max_length=30, choices=Subject.choices)
    # The record it is about, by its reference (a request's "R26-000123"): escalation stands apart from the
    # capability whose decision is disputed, so any capability can raise one.
    subject_reference = models.CharField(max_length=40)
    reason = models.TextField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PRACTITIONER)
    resolved_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["subject", "subject_reference"])]

    def __str__(self) -> str:
        return f"Escalation about {self.subject_reference}"
