"""The service directory (issue 3, item 11): services a family can be signposted to, and the record of each
signposting against a child.

Needs and areas are reference data edited by administrators and disabled, never deleted. A service is archived,
never deleted: a signposting recorded last year must still say where the family was sent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from earlyhelp.codes.lists import LANGUAGE
from earlyhelp.core.models import ArchivableModel, TimeStampedModel

MAX_AGE = 25  # SEND support runs to 25 (Children and Families Act 2014, s.46)


class Need(TimeStampedModel):
    """A need a service helps with, and the first filter of a search."""

    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True, help_text="Untick to stop offering it, instead of deleting it")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(TimeStampedModel):
    """A locality the partnership plans services by (a town, a district, a family hub's reach)."""

    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True, help_text="Untick to stop offering it, instead of deleting it")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AccessRoute(models.TextChoices):
    """How a family gets into a service. Each value is also the name of the Service field that says so."""

    WALK_IN = "walk_in", "Walk in"
    SELF_REFERRAL = "self_referral", "Self-referral"
    PROFESSIONAL_REFERRAL = "professional_referral", "Professional referral"


class Service(ArchivableModel):
    name = models.CharField(max_length=200)
    provider = models.ForeignKey(
        "organisations.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_services",
        help_text="When the provider is an agency of the partnership",
    )
    provider_name = models.CharField(
        max_length=200, blank=True, help_text="When the provider is not an agency of the partnership"
    )
    description = models.TextField(help_text="What the service does, in plain English")

    # Ages in whole years; blank means no limit, as for services for parents or the whole family.
    # Pregnancy is its own flag, not an age of -1: an age of 0 must not silently include unborn babies, and
    # "who it is for" reads "Pregnancy and ages 0 to 4" without arithmetic on a magic number.
    for_pregnancy = models.BooleanField("Pregnancy", default=False, help_text="Also for expectant parents")
    min_age = models.PositiveSmallIntegerField(
        "Youngest age", null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)], help_text="In years"
    )
    max_age = models.PositiveSmallIntegerField(
        "Oldest age", null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)], help_text="In years"
    )
    needs = models.ManyToManyField(Need, related_name="services", limit_choices_to={"active": True})
    covers_all_areas = models.BooleanField("All areas", default=False, help_text="Covers the whole partnership")
    areas = models.ManyToManyField(Area, blank=True, related_name="services", limit_choices_to={"active": True})
    languages = models.ManyToManyField(
        "codes.Code",
        blank=True,
        related_name="+",
        limit_choices_to={"list_name": LANGUAGE, "active": True},
        help_text="Languages the service works in, besides English",
    )

    # Three booleans rather than a list: the same query on SQLite and PostgreSQL, and an index if it is ever needed.
    walk_in = models.BooleanField("Walk in", default=False)
    self_referral = models.BooleanField("Self-referral", default=False)
    professional_referral = models.BooleanField("Professional referral", default=False)

    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    opening_times = models.TextField(blank=True)
    cost = models.CharField(max_length=200, default="Free")

    history = HistoricalRecords(m2m_fields=[needs, areas, languages])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=models.F("max_age")),
                name="directory_service_ages_in_order",
            ),
            models.CheckConstraint(
                condition=Q(provider__isnull=False) | ~Q(provider_name=""), name="directory_service_has_provider"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = "Oldest age must be the same as or more than the youngest age"
        if self.provider_id is None and not self.provider_name.strip():
            errors["provider_name"] = "Choose an agency or enter the name of the provider"
        if errors:
            raise ValidationError(errors)

    @property
    def provider_display(self) -> str:
        return self.provider.name if self.provider_id and self.provider else self.provider_name

    @property
    def access_routes(self) -> list[str]:
        """The labels of the ways in, in the order of AccessRoute."""
        return [route.label for route in AccessRoute if getattr(self, route.value)]

    @property
    def ages_display(self) -> str:
        if self.min_age is None and self.max_age is None:
            ages = "All ages"
        elif self.max_age == 0:
            ages = "Babies under 1"
        elif self.max_age is None:
            ages = f"Ages {self.min_age} and over"
        elif self.min_age is None or self.min_age == 0:
            ages = f"Ages 0 to {self.max_age}"
        elif self.min_age == self.max_age:
            ages = f"Age {self.min_age}"
        else:
            ages = f"Ages {self.min_age} to {self.max_age}"
        return f"Pregnancy and {ages[:1].lower()}{ages[1:]}" if self.for_pregnancy else ages


class Signposting(TimeStampedModel):
    """One child signposted to one service, and who did it where (issue 3, item 11). Personal data: read only
    through an access_* selector once pages show it."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="signpostings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="signpostings")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(
        max_length=200, help_text='Where it was given, for example "front door decision R26-000123"'
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [models.Index(fields=["person", "-made_at"])]

    def __str__(self) -> str:
        return f"Signposted to {self.service} ({self.source})"
