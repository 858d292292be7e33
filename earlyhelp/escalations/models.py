"""Escalations and professional disagreements (R6.4). Any practitioner can raise one about any decision: a front
door decision, a step-up decision, a closure or another agency's action. It moves through the partnership's stages
(practitioner, manager, senior manager, partnership); each agreed action has an owner and a due date, and someone
must confirm it was done. An action nobody confirms goes overdue: the feedback loop is what inspectors found
missing."""

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
    AUDIT_FINDING = "audit_finding", "A case audit finding"


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
    # The family, when the record is about one: people working with the family may follow it.
    family = models.ForeignKey(
        "people.Family", null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )
    about_agency = models.ForeignKey(
        "organisations.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PRACTITIONER)
    # Who is working on it at this stage.
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations_handled"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(blank=True, help_text="What was agreed, in the end")

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["subject", "subject_reference"])]

    def __str__(self) -> str:
        return f"Escalation about {self.subject_reference}"


class EscalationStep(TimeStampedModel):
    """Each move to a stage, and what was discussed there: the escalation's own history, in order."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    moved_at = models.DateTimeField()
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["moved_at", "pk"]


class Confirmation(models.TextChoices):
    DONE = "done", "Yes, it was done"
    NOT_DONE = "not_done", "No, it was not done"


class EscalationAction(TimeStampedModel):
    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="escalation_actions")
    due_on = models.DateField()
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField()
    confirmation = models.CharField(max_length=20, choices=Confirmation.choices, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_note = models.TextField(blank=True)
    # When the raiser, the owner and the handler were told the confirmation is overdue: once per action.
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    # The add form's one-time token: a double click or a resent form adds one action.
    token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["confirmation", "due_on"])]

    def __str__(self) -> str:
        return self.description[:60]
