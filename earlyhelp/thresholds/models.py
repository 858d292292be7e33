"""The partnership's threshold document as data (R1.4): levels of need and their indicators, versioned.

A document is written as a draft, then published; publishing supersedes the document in force, so exactly one is
published at a time. A published document never changes: front-door decisions will point at the version, level
and indicators they applied, and an inspector must be able to read the document exactly as the decision-maker
saw it. To change the thresholds, an administrator copies the current document into a new draft version, edits
it and publishes it. Nothing here is deleted once published (every foreign key is PROTECT).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import TimeStampedModel
from earlyhelp.thresholds.domains import (
    Dimension,
    Domain,
    dimension_choices,
    dimensions_by_code,
    domains_by_code,
    validate_dimension_code,
)

PUBLISHED_IS_FIXED = "Version {version} has been published, so it cannot be changed. Create a new draft version."


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


class ThresholdDocument(TimeStampedModel):
    title = models.CharField(max_length=200)
    version = models.PositiveIntegerField(unique=True, editable=False, validators=[MinValueValidator(1)])
    status = models.CharField(max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    summary = models.TextField(
        "Introduction", blank=True, help_text="Shown above the levels: who the document is for and how to use it"
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="The version this draft was copied from",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = "threshold document"
        constraints = [
            # Exactly one document is in force: a decision must never have two to choose from.
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="published"), name="threshold_one_published_document"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="threshold_published_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version}, {self.get_status_display().lower()})"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    def check_editable(self) -> None:
        """Refuse any change to a published or superseded document's contents."""
        if self.status != DocumentStatus.DRAFT:
            raise ValidationError(PUBLISHED_IS_FIXED.format(version=self.version), code="published")


class Level(TimeStampedModel):
    document = models.ForeignKey(ThresholdDocument, on_delete=models.PROTECT, related_name="levels")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    name = models.CharField(max_length=200)
    description = models.TextField(help_text="In plain English: which children and families this level is for")
    expected_response = models.TextField(help_text="What help or service is expected at this level")

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "number"]
        verbose_name = "level of need"
        verbose_name_plural = "levels of need"
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="threshold_level_number_unique")]

    def __str__(self) -> str:
        return f"Level {self.number}: {self.name}"

    def clean(self) -> None:
        if self.document_id is not None:
            self.document.check_editable()

    # A guard, not workflow: whatever path a change takes (administration, shell, another app), a published
    # document's levels stay as the decisions that used them saw them.
    def save(self, *args: Any, **kwargs: Any) -> None:
        self.document.check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self.document.check_editable()
        return super().delete(*args, **kwargs)


class Indicator(TimeStampedModel):
    """One sign that a child or family may need help at a level, under one assessment framework dimension."""

    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="indicators")
    dimension = models.CharField(
        max_length=40,
        choices=dimension_choices,
        validators=[validate_dimension_code],
        help_text="The assessment framework dimension it belongs to, for example Health or Basic care",
    )
    text = models.TextField()
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first")

    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "order", "pk"]
        indexes = [models.Index(fields=["level", "dimension"])]

    def __str__(self) -> str:
        return self.text

    @property
    def dimension_info(self) -> Dimension | None:
        return dimensions_by_code().get(self.dimension)

    @property
    def domain(self) -> Domain | None:
        dimension = self.dimension_info
        return domains_by_code().get(dimension.domain_code) if dimension else None

    def clean(self) -> None:
        if self.level_id is not None:
            self.level.document.check_editable()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.level.document.check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self.level.document.check_editable()
        return super().delete(*args, **kwargs)
