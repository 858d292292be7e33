"""Supporting Families claims (R5.5). Eligibility, outcome evidence and sustainment are computed from the record
(needs, closure outcomes, the six-month follow-up); only the claim itself is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import TimeStampedModel


class Claim(TimeStampedModel):
    episode = models.OneToOneField("episodes.Episode", on_delete=models.PROTECT, related_name="sf_claim")
    period = models.CharField(max_length=20, help_text="The claim window, for example 2026-27 Q3")
    headlines = models.ManyToManyField("codes.Code", related_name="+", limit_choices_to={"list_name": "sf_headline"})
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    claimed_at = models.DateTimeField()
    note = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[headlines])

    class Meta:
        ordering = ["-claimed_at"]

    def __str__(self) -> str:
        return f"Supporting Families claim for {self.episode_id}"
