"""Reviews of the plan (R5.1, PS7): on a schedule, the Team Around the Family asks whether each child's life is
better, not only whether actions were done.

The next review is a row from the moment it is scheduled (when the plan is first approved, then when a review is
completed), so reminders and the overdue list read one table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class ReviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Continue with the plan"
    AMEND_PLAN = "amend_plan", "Change the plan"
    STEP_UP = "step_up", "Step up to children's social care"
    STEP_DOWN = "step_down", "Step down to universal services"
    CLOSE = "close", "Close the episode"


class Progress(models.TextChoices):
    WORSE = "worse", "Worse"
    NO_CHANGE = "no_change", "No change"
    SOME = "some", "Some progress"
    GOOD = "good", "Good progress"
    ACHIEVED = "achieved", "Achieved"


# Ratings that count as progress for the drift rules ("consecutive reviews without progress").
PROGRESSING = frozenset({Progress.SOME, Progress.GOOD, Progress.ACHIEVED})


class Review(ArchivableModel):
    episode = models.ForeignKey("episodes.Episode", on_delete=models.CASCADE, related_name="reviews")
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.SCHEDULED)
    held_on = models.DateField(null=True, blank=True)
    meeting = models.ForeignKey(
        "plans.TafMeeting", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    child_views = models.TextField(blank=True, help_text="What the children said, in their words")
    family_views = models.TextField(blank=True, help_text="What the parents and carers said")
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    overdue_notice_sent_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["episode", "number"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.UniqueConstraint(fields=["episode", "number"], name="review_number_once_per_episode"),
            # One review waiting at a time: completing it schedules the next.
            models.UniqueConstraint(
                fields=["episode"],
                condition=~Q(status="completed") & Q(archived_at__isnull=True),
                name="one_pending_review_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"Review {self.number} of {self.episode_id}"


class ReviewOutcome(TimeStampedModel):
    """Progress on one plan outcome, with the evidence of what changed for the child."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="outcome_ratings")
    plan_outcome = models.ForeignKey("plans.PlanOutcome", on_delete=models.PROTECT, related_name="review_ratings")
    progress = models.CharField(max_length=20, choices=Progress.choices)
    impact_evidence = models.TextField(help_text="What is different for the child, and how we know")

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_outcome__order", "plan_outcome_id"]
        constraints = [models.UniqueConstraint(fields=["review", "plan_outcome"], name="review_rates_outcome_once")]
