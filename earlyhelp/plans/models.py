"""The Team Around the Family and the plan (R4).

The plan is about each child: outcomes say what must change for a named child and how we will know (a measure,
a baseline, a target and a date); actions say who does what by when, and each serves one or more outcomes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class TafMember(TimeStampedModel):
    """A professional in the Team Around the Family. A member with an account is invited by email and, while a
    member (and consent covers their agency), sees the plan and updates their own actions (access-rules.md).
    A member without an account is listed so the family and the team know who is involved."""

    episode = models.ForeignKey("episodes.Episode", on_delete=models.CASCADE, related_name="taf_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="taf_memberships"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=150, help_text="For example 'School nurse' or 'Designated safeguarding lead'")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "user"], condition=Q(ended_at__isnull=True), name="taf_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class TafMeeting(ArchivableModel):
    episode = models.ForeignKey("episodes.Episode", on_delete=models.CASCADE, related_name="taf_meetings")
    held_on = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    decisions = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Team Around the Family meeting on {self.held_on:%d %B %Y}"


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"
    DID_NOT_ATTEND = "did_not_attend", "Invited, did not attend"


class MeetingAttendance(TimeStampedModel):
    meeting = models.ForeignKey(TafMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(TafMember, on_delete=models.PROTECT, related_name="+")
    attendance = models.CharField(max_length=20, choices=Attendance.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")]


class MeetingParticipation(TimeStampedModel):
    """Whether each child and each parent took part, and how (R4.2, R4.4)."""

    meeting = models.ForeignKey(TafMeeting, on_delete=models.CASCADE, related_name="participation")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    took_part = models.BooleanField()
    how = models.CharField(
        max_length=200, blank=True, help_text="In person, views shared beforehand, through an advocate"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="participation_once")]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for manager approval"
    APPROVED = "approved", "Approved"


class Plan(ArchivableModel):
    """One plan per episode, changed as the work goes on; its history keeps each approved version."""

    episode = models.OneToOneField("episodes.Episode", on_delete=models.PROTECT, related_name="plan")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    child_views = models.TextField(blank=True, help_text="What the children say about the plan, in their words")
    family_views = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_comment = models.TextField(blank=True)
    first_approved_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Plan for episode {self.episode_id}"


class PlanOutcome(ArchivableModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    child = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    what_must_change = models.TextField()
    measure = models.TextField(blank=True, help_text="How we will know")
    baseline = models.CharField(max_length=300, blank=True)
    target = models.CharField(max_length=300, blank=True)
    target_date = models.DateField(null=True, blank=True)
    family_words = models.TextField(blank=True, help_text="The outcome in the family's own plain words")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.what_must_change[:60]


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"


class PlanAction(ArchivableModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    outcomes = models.ManyToManyField(PlanOutcome, blank=True, related_name="actions")
    what = models.TextField()
    # Who: the lead practitioner or a Team Around the Family member with an account (they may update it), or a
    # family member or other person named in words.
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="plan_actions"
    )
    owner_name = models.CharField(max_length=150, blank=True, help_text="For example 'Mum' or 'Maisie'")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    progress_note = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[outcomes])

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def owner_label(self) -> str:
        if self.owner_name:
            return self.owner_name
        return (self.owner_user.get_full_name() or self.owner_user.email) if self.owner_user else ""
