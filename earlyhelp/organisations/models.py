from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class AgencyType(models.TextChoices):
    COUNCIL_EARLY_HELP = "council_early_help", "Council early help"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    SCHOOL = "school", "School"
    EARLY_YEARS = "early_years", "Early years"
    HEALTH_VISITING = "health_visiting", "Health visiting"
    SCHOOL_NURSING = "school_nursing", "School nursing"
    GP = "gp", "GP practice"
    HOSPITAL = "hospital", "Hospital"
    MENTAL_HEALTH = "mental_health", "Mental health"
    POLICE = "police", "Police"
    HOUSING = "housing", "Housing"
    ADULT_SERVICES = "adult_services", "Adult services"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


class Agency(ArchivableModel):
    name = models.CharField(max_length=200, unique=True)
    type = models.CharField(max_length=40, choices=AgencyType.choices)
    identifier = models.CharField(
        max_length=40, blank=True, help_text="Official identifier: school URN, ODS code or force code"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def is_council_early_help(self) -> bool:
        """access-rules.md: the council's early help service works under public task, not partner consent."""
        return self.type == AgencyType.COUNCIL_EARLY_HELP


class Team(ArchivableModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    area = models.ForeignKey(
        "directory.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
        help_text="The locality the team serves: reports filter by it",
    )

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique_in_agency")]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.name})"


class Skill(models.Model):
    """Configurable list of practice skills used when allocating (domestic abuse, parenting, SEND, ...)."""

    name = models.CharField(max_length=120, unique=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PractitionerProfile(TimeStampedModel):
    """What the partnership knows of a user as a practitioner. Roles are the user's groups (access.roles)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="practitioners")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="practitioners")
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="practitioners")
    languages = models.ManyToManyField(
        "codes.Code", blank=True, related_name="+", limit_choices_to={"list_name": "language"}
    )
    caseload_limit = models.PositiveSmallIntegerField(default=20)

    class Meta:
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} – {self.job_title}, {self.agency}"


class TrainingCourse(models.TextChoices):
    EARLY_HELP = "early_help", "Early help (assessment, lead practitioner, Team Around the Family)"
    THRESHOLDS = "thresholds", "Thresholds of need"


class TrainingRecord(ArchivableModel):
    """A course someone in the partnership completed (R8.6, R10.1): who has had early help and thresholds
    training. Either a user with an account, or a named member of a partner agency's staff without one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
        help_text="The practitioner, when they have an account",
    )
    name = models.CharField(max_length=150, blank=True, help_text="For partner staff without an account")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_records")
    course = models.CharField(max_length=20, choices=TrainingCourse.choices)
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "pk"]
        indexes = [models.Index(fields=["course", "completed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""), name="training_record_names_someone"
            )
        ]

    def __str__(self) -> str:
        who = str(self.user) if self.user_id else self.name
        return f"{who}: {self.get_course_display()} on {self.completed_on}"
