"""Management oversight on the child's file and supervision of practitioners (R6.1, R6.2, PS8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class OversightEntry(ArchivableModel):
    """A manager's recorded oversight of an episode: what they considered and what they decided."""

    episode = models.ForeignKey("episodes.Episode", on_delete=models.CASCADE, related_name="oversight_entries")
    children = models.ManyToManyField("people.Person", blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    plan_effectiveness = models.TextField(help_text="Is the plan working?")
    child_circumstances = models.TextField(help_text="Are the children's circumstances improving?")
    decisions = models.TextField(help_text="What the manager decided, and why")
    actions = models.TextField(blank=True, help_text="What must happen next, by whom and by when")
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords(m2m_fields=[children])

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["episode", "recorded_at"])]
        verbose_name_plural = "oversight entries"

    def __str__(self) -> str:
        return f"Oversight of {self.episode_id} on {self.recorded_at:%d/%m/%Y}"


class Supervision(ArchivableModel):
    """One supervision session with a practitioner. The reflective part is between them and the managers; case
    discussions are also shown on each case's file."""

    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    reflective = models.BooleanField(default=True, help_text="Included reflective discussion")
    wellbeing = models.TextField(blank=True, help_text="Wellbeing and workload")
    reflection = models.TextField(blank=True, help_text="Reflective discussion and learning")
    development = models.TextField(blank=True, help_text="Training and development")
    next_due_on = models.DateField(null=True, blank=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["practitioner", "held_on"])]

    def __str__(self) -> str:
        return f"Supervision of {self.practitioner_id} on {self.held_on}"


class SupervisionCase(TimeStampedModel):
    """A case discussed in supervision: it counts as management oversight on that case's file."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="cases")
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="supervision_discussions")
    discussion = models.TextField()
    decisions = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supervision", "episode"], name="case_once_per_supervision")]
