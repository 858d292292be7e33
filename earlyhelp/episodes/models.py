"""Episodes of early help or family help (R2, R4): one period of help for a family, from opening to closure.

Targeted early help and section 17 family help are the same kind of record with a different statutory basis
(Families First Partnership): there is one code path, and the basis is a field.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class StatutoryBasis(models.TextChoices):
    TARGETED_EARLY_HELP = "targeted_early_help", "Targeted early help"
    SECTION_17 = "section_17", "Family help (section 17, child in need)"


class EpisodeStatus(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Waiting for a lead practitioner"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Episode(ArchivableModel):
    reference = models.CharField(max_length=20, unique=True)
    family = models.ForeignKey("people.Family", on_delete=models.PROTECT, related_name="episodes")
    statutory_basis = models.CharField(
        max_length=30, choices=StatutoryBasis.choices, default=StatutoryBasis.TARGETED_EARLY_HELP
    )
    status = models.CharField(max_length=30, choices=EpisodeStatus.choices, default=EpisodeStatus.AWAITING_ALLOCATION)
    level = models.ForeignKey(
        "thresholds.Level",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Level of need",
    )
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    # Where it came from: a front-door decision, or a step-down from social care (issue 5) described in words.
    source_decision = models.ForeignKey(
        "frontdoor.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="episodes"
    )
    source_summary = models.TextField(blank=True)
    team = models.ForeignKey(
        "organisations.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="episodes"
    )
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="led_episodes"
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["status", "team"]), models.Index(fields=["lead_practitioner", "status"])]
        constraints = [
            # One episode of help at a time: a second request while one is open adds to it.
            models.UniqueConstraint(
                fields=["family"], condition=~Q(status="closed"), name="one_open_episode_per_family"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status != EpisodeStatus.CLOSED


class EpisodeChild(TimeStampedModel):
    """A child the episode is about. Each child is assessed, planned for and seen separately (R3.1, R3.2)."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="episode_children")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="episode_links")
    added_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__date_of_birth", "pk"]
        constraints = [models.UniqueConstraint(fields=["episode", "person"], name="episode_child_once")]

    def __str__(self) -> str:
        return f"Child {self.person_id} in {self.episode_id}"


class Allocation(TimeStampedModel):
    """Each allocation, to a team and then to a lead practitioner, kept as history (R4.1)."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="allocations")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="+")
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-allocated_at", "-pk"]

    def __str__(self) -> str:
        return f"Allocation of {self.episode_id} to team {self.team_id}"


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    OFFICE_VISIT = "office_visit", "Office or centre visit"
    SCHOOL_VISIT = "school_visit", "Visit at school or nursery"
    PHONE_CALL = "phone_call", "Phone call"
    VIDEO_CALL = "video_call", "Video call"
    MEETING = "meeting", "Meeting"
    MESSAGE = "message", "Letter, text or email"
    CASE_NOTE = "case_note", "Case note"


class ContactOutcome(models.TextChoices):
    COMPLETED = "completed", "It happened"
    NO_ANSWER = "no_answer", "No answer or nobody home"
    CANCELLED_BY_FAMILY = "cancelled_by_family", "Cancelled by the family"
    DECLINED = "declined", "The family declined to meet"


class Visibility(models.TextChoices):
    # Team Around the Family members see shared notes and their own agency's, never other agencies' private
    # notes (access-rules.md).
    SHARED = "shared", "Shared with the Team Around the Family"
    AGENCY = "agency", "Private to my agency"


class Contact(ArchivableModel):
    """A visit, call, meeting or case note (R2.4). A failed attempt to make contact is a contact too: it is how
    non-engagement is noticed and followed up rather than silently closed."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=20, choices=ContactKind.choices)
    outcome = models.CharField(max_length=30, choices=ContactOutcome.choices, default=ContactOutcome.COMPLETED)
    happened_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="+")
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.SHARED)
    who_was_there = models.TextField(blank=True)
    summary = models.TextField()
    significant = models.BooleanField(default=False, help_text="A significant event: it goes on the chronology")
    interpreter_used = models.BooleanField(null=True, blank=True)
    # The one-time token of the form that recorded it: a double submit records one contact.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["episode", "happened_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_at:%d %B %Y}"


class ChildSeen(TimeStampedModel):
    """Whether each child was seen, and seen alone, at a contact (PS1)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="children_seen")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    seen = models.BooleanField()
    seen_alone = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="child_seen_once_per_contact"),
            models.CheckConstraint(condition=Q(seen=True) | Q(seen_alone=False), name="seen_alone_implies_seen"),
        ]


class Attachment(ArchivableModel):
    """A document attached to a contact. Served only through an access-checked view, never from a public URL."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name


class ChronologyKind(models.TextChoices):
    REQUEST = "request", "Request for support"
    DECISION = "decision", "Front door decision"
    EPISODE_OPENED = "episode_opened", "Episode opened"
    ALLOCATION = "allocation", "Allocation"
    ASSESSMENT = "assessment", "Assessment"
    PLAN = "plan", "Plan"
    TAF_MEETING = "taf_meeting", "Team Around the Family meeting"
    REVIEW = "review", "Review"
    OVERSIGHT = "oversight", "Management oversight"
    ESCALATION = "escalation", "Escalation"
    NON_ENGAGEMENT = "non_engagement", "Non-engagement"
    STEP_UP = "step_up", "Step-up"
    STEP_DOWN = "step_down", "Step-down"
    CLOSURE = "closure", "Closure"
    REOPENED = "reopened", "Reopened"
    FOLLOW_UP = "follow_up", "Follow-up after closure"
    SIGNIFICANT_EVENT = "significant_event", "Significant event"


class ChronologyEntry(TimeStampedModel):
    """One line of the family's chronology (R2.4): written by the workflow in the same transaction as the event,
    and by practitioners marking a contact as significant."""

    family = models.ForeignKey("people.Family", on_delete=models.CASCADE, related_name="chronology")
    episode = models.ForeignKey(Episode, null=True, blank=True, on_delete=models.CASCADE, related_name="chronology")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=30, choices=ChronologyKind.choices)
    summary = models.CharField(max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The record behind the line ("episodes.contact:12"); a private note's line is as private as the note.
    source = models.CharField(max_length=60, blank=True)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.SHARED)
    agency = models.ForeignKey(
        "organisations.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["family", "occurred_at"])]
        verbose_name_plural = "chronology entries"

    def __str__(self) -> str:
        return f"{self.occurred_at:%d/%m/%Y} {self.summary}"


class Reevaluation(TimeStampedModel):
    """A family is not engaging: the front door looks at the case again before anyone may close it for
    non-engagement (R8 in system.md: "never silently closed")."""

    class Result(models.TextChoices):
        CONTINUE = "continue", "Continue early help, with a changed approach"
        STEP_UP = "step_up", "Refer to children's social care"
        CLOSE = "close", "Close: the family has been given every reasonable chance"

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="reevaluations")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    what_was_tried = models.TextField(help_text="Attempts made, interpreter offered, home visits")
    result = models.CharField(max_length=20, choices=Result.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rationale = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Re-evaluation of {self.episode_id}"
