"""Closure with measured outcomes (R5.4), the family's feedback, reopening, and the follow-up checks six and twelve
months later that show whether help lasted (R5.6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class ClosureReason(models.TextChoices):
    OUTCOMES_ACHIEVED = "outcomes_achieved", "Outcomes achieved"
    STEPPED_UP = "stepped_up", "Stepped up to children's social care"
    MOVED_AREA = "moved_area", "Moved out of the area"
    FAMILY_DECLINED = "family_declined", "The family declined further help"
    NON_ENGAGEMENT = "non_engagement", "Non-engagement, after re-evaluation at the front door"
    TRANSFERRED = "transferred", "Transferred to another service"
    OTHER = "other", "Other"


class ClosureStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class Improvement(models.TextChoices):
    NONE = "none", "No improvement"
    SOME = "some", "Some improvement"
    SIGNIFICANT = "significant", "Significant improvement"


class Closure(ArchivableModel):
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="closures")
    status = models.CharField(max_length=20, choices=ClosureStatus.choices, default=ClosureStatus.DRAFT)
    reason = models.CharField(max_length=30, choices=ClosureReason.choices, blank=True)
    reason_detail = models.TextField(blank=True)
    summary = models.TextField(blank=True, help_text="What changed for each child, and what the family said")
    ongoing_support = models.TextField(blank=True, help_text="Universal or other services the family will use")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopen_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One closure in progress at a time; approved and reopened ones stay as history.
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(status__in=["draft", "submitted", "returned"]) & Q(archived_at__isnull=True),
                name="one_closure_in_progress_per_episode",
            )
        ]

    def __str__(self) -> str:
        return f"Closure of {self.episode_id}"


class NeedOutcome(TimeStampedModel):
    """The outcome at closure for one identified need, rated against the area's descriptors."""

    closure = models.ForeignKey(Closure, on_delete=models.CASCADE, related_name="need_outcomes")
    need = models.ForeignKey("needs.EpisodeNeed", on_delete=models.PROTECT, related_name="outcomes")
    improvement = models.CharField(max_length=20, choices=Improvement.choices)
    evidence = models.TextField(help_text="How we know: attendance figures, reports, the family's words")

    history = HistoricalRecords()

    class Meta:
        ordering = ["need__area__order", "need_id"]
        constraints = [models.UniqueConstraint(fields=["closure", "need"], name="need_rated_once_per_closure")]


class FeedbackRequest(TimeStampedModel):
    """A link the family opens without an account. Only a hash of the token is stored, so the database alone
    cannot be used to answer on a family's behalf."""

    closure = models.ForeignKey(Closure, on_delete=models.CASCADE, related_name="feedback_requests")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField()
    sent_to = models.EmailField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Feedback request for closure {self.closure_id}"


class HelpRating(models.TextChoices):
    A_LOT = "a_lot", "A lot"
    A_LITTLE = "a_little", "A little"
    NOT_AT_ALL = "not_at_all", "Not at all"


class FamilyFeedback(TimeStampedModel):
    """The family's answers. Plain words, three questions with choices and two free-text boxes."""

    request = models.OneToOneField(FeedbackRequest, on_delete=models.CASCADE, related_name="feedback")
    respondent = models.CharField(max_length=20, help_text="parent, child or other")
    helped = models.CharField(max_length=20, choices=HelpRating.choices)
    listened_to = models.CharField(max_length=20, choices=HelpRating.choices)
    children_better = models.CharField(max_length=20, choices=HelpRating.choices)
    what_helped = models.TextField(blank=True)
    what_could_be_better = models.TextField(blank=True)


class FollowUpCheck(TimeStampedModel):
    """Six and twelve months after an approved closure: did the family's children come back?"""

    closure = models.ForeignKey(Closure, on_delete=models.PROTECT, related_name="follow_ups")
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="follow_ups")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    checked_at = models.DateTimeField(null=True, blank=True)
    came_back = models.BooleanField(null=True)
    # References of what was found ("R26-000123", "EH 26-12", "SU 26-4"), for the people allowed to follow them.
    new_requests = models.JSONField(default=list, blank=True)
    new_episodes = models.JSONField(default=list, blank=True)
    new_step_ups = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["closure", "months"], name="follow_up_once_per_period")]

    def __str__(self) -> str:
        return f"{self.months}-month follow-up of {self.episode_id}"
