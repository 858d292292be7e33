"""Identified needs (R5.3, R5.4): what the family needs help with, chosen from the partnership's areas of need.

An episode's needs are rated at closure (no, some or significant improvement, against each area's descriptors),
drive the drift rules (parental domestic abuse, mental ill health and substance misuse) and map to the Supporting
Families headline outcomes. The areas are configurable data, loaded from `data/need_areas.json` and edited in the
admin site, never an enum.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel


class ParentalRisk(models.TextChoices):
    """The three parental risks the drift rules and the joint strategic needs assessment count (the "toxic trio")."""

    NONE = "", "None"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    MENTAL_HEALTH = "mental_health", "Parental mental ill health"
    SUBSTANCE_MISUSE = "substance_misuse", "Parental substance misuse"


class NeedArea(models.Model):
    code = models.CharField(max_length=20, unique=True)
    label = models.CharField(max_length=200)
    descriptor_none = models.TextField(help_text="What no improvement looks like")
    descriptor_some = models.TextField(help_text="What some improvement looks like")
    descriptor_significant = models.TextField(help_text="What significant improvement looks like")
    sf_headline = models.ForeignKey(
        "codes.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "sf_headline"},
        help_text="The Supporting Families headline outcome this need counts towards",
    )
    parental_risk = models.CharField(max_length=30, choices=ParentalRisk.choices, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class EpisodeNeed(ArchivableModel):
    """One area of need identified for a family in an episode, with the children it affects."""

    episode = models.ForeignKey("episodes.Episode", on_delete=models.CASCADE, related_name="needs")
    area = models.ForeignKey(NeedArea, on_delete=models.PROTECT, related_name="episode_needs")
    children = models.ManyToManyField("people.Person", blank=True, related_name="+")
    description = models.TextField(help_text="What the need is for this family, and the evidence for it")
    identified_at = models.DateTimeField()
    identified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    archive_reason = models.TextField(blank=True, help_text="Why the need was archived (recorded in error, ...)")

    history = HistoricalRecords(m2m_fields=[children])

    class Meta:
        ordering = ["area__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "area"], condition=Q(archived_at__isnull=True), name="need_area_once_per_episode"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id} in {self.episode_id}"
