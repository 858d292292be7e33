"""Step-up to children's social care and step-down from it (R6.3).

A step-up is sent directly, with no panel in between, and tracked to social care's decision; every timestamp is
kept. A step-down is a handover from social care: the record, the handover meeting, re-confirmed consent, and an
episode of early help opened (or continued) with the social care history summarised.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel


class StepUpStatus(models.TextChoices):
    SENT = "sent", "Sent to children's social care"
    RECEIVED = "received", "Received by children's social care"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SocialCareDecision(models.TextChoices):
    ACCEPTED_FOR_ASSESSMENT = "accepted_for_assessment", "Accepted for a social work assessment"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion (section 47)"
    BACK_TO_EARLY_HELP = "back_to_early_help", "Back to early help, with advice"


class StepUp(ArchivableModel):
    reference = models.CharField(max_length=20, unique=True)
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="step_ups")
    children = models.ManyToManyField("people.Person", related_name="+")
    reasons = models.TextField(help_text="Why the family needs children's social care now")
    risks = models.TextField(help_text="The risks to each child, and what makes them worse or safer")
    what_has_been_tried = models.TextField(blank=True)
    parents_informed = models.BooleanField(default=True)
    parents_not_informed_reason = models.TextField(blank=True)
    worker_stays_involved = models.BooleanField(
        default=True, help_text="The lead practitioner stays involved alongside social care"
    )
    status = models.CharField(max_length=20, choices=StepUpStatus.choices, default=StepUpStatus.SENT)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=30, choices=SocialCareDecision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    social_worker = models.CharField(max_length=200, blank=True, help_text="Who in social care holds it now")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords(m2m_fields=[children])

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["status", "sent_at"])]

    def __str__(self) -> str:
        return self.reference


class StepDown(ArchivableModel):
    reference = models.CharField(max_length=20, unique=True)
    family = models.ForeignKey("people.Family", on_delete=models.PROTECT, related_name="step_downs")
    step_up = models.ForeignKey(StepUp, null=True, blank=True, on_delete=models.PROTECT, related_name="step_downs")
    episode = models.ForeignKey(
        "episodes.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="step_downs"
    )
    children = models.ManyToManyField("people.Person", related_name="+")
    social_care_history = models.TextField(help_text="What social care did and why, in summary")
    risks = models.TextField(help_text="Risks that remain")
    what_worked = models.TextField(help_text="What worked, and what did not")
    social_worker = models.CharField(max_length=200)
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="+")
    handover_meeting_on = models.DateField()
    handover_attendees = models.TextField(help_text="Who was at the handover meeting")
    handover_notes = models.TextField(blank=True)
    consent_reconfirmed_on = models.DateField()
    consent_how = models.CharField(max_length=20)
    consent_given_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords(m2m_fields=[children])

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return self.reference
