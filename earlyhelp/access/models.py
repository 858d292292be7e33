"""Relationships made by the workflow, consent, and restricted records (access-rules.md)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import TimeStampedModel

READ_ONLY_AFTER_END = timedelta(days=30)
BREAK_GLASS_PERIOD = timedelta(hours=24)


class InvolvementKind(models.TextChoices):
    LEAD_PRACTITIONER = "lead_practitioner", "Lead practitioner"
    TAF_MEMBER = "taf_member", "Team Around the Family member"
    TEAM_ALLOCATION = "team_allocation", "Allocated to team"
    AUDIT = "audit", "Case audit"
    BREAK_GLASS = "break_glass", "Emergency access"


class InvolvementQuerySet(models.QuerySet):
    def current(self) -> InvolvementQuerySet:
        """Open, or ended but still inside the read-only period (or break-glass / audit window)."""
        now = timezone.now()
        return self.filter(started_at__lte=now).filter(Q(ended_at__isnull=True) | Q(read_only_until__gt=now))


class Involvement(TimeStampedModel):
    """A workflow-made relationship between a user (or a team) and a family.

    Only services of the workflow create these (allocation, TAF invitation, audit assignment, break-glass);
    nobody grants themselves access by editing a record.
    """

    family = models.ForeignKey("people.Family", on_delete=models.CASCADE, related_name="involvements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    team = models.ForeignKey(
        "organisations.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    kind = models.CharField(max_length=30, choices=InvolvementKind.choices)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    read_only_until = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True, help_text="The workflow record that made it")
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = InvolvementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["user", "kind"]),
            models.Index(fields=["team", "kind"]),
            models.Index(fields=["family", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(team__isnull=True))
                | (Q(user__isnull=True) & Q(team__isnull=False)),
                name="involvement_user_xor_team",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user or self.team} for family {self.family_id}"

    @property
    def is_read_only(self) -> bool:
        return self.ended_at is not None


class Consent(TimeStampedModel):
    """Consent to share information, per person and per scope (which agencies). Withdrawal never deletes it."""

    class HowObtained(models.TextChoices):
        WRITTEN = "written", "In writing"
        VERBAL = "verbal", "Verbally, recorded by the practitioner"
        ONLINE = "online", "Online form"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="consents")
    agencies = models.ManyToManyField("organisations.Agency", related_name="consents")
    given_on = models.DateField()
    how_obtained = models.CharField(max_length=20, choices=HowObtained.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[agencies])

    def __str__(self) -> str:
        return f"Consent of person {self.person_id} given {self.given_on}"


class Restriction(TimeStampedModel):
    """A sealed family record: only the named access list may open it; reviewed every 90 days."""

    family = models.OneToOneField("people.Family", on_delete=models.CASCADE, related_name="restriction")
    reason = models.TextField()
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="restricted_families")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    review_due = models.DateField()

    history = HistoricalRecords(m2m_fields=[members])

    def __str__(self) -> str:
        return f"Restriction on family {self.family_id}"
