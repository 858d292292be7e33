"""The Early Help Assessment (R3): whole family, each child separately, both parents, history, contributions.

One assessment per episode, versioned: re-assessment when new information arrives makes a new version and keeps
the old one unchanged (R3.8). Each version is a row; the newest is the current one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Waiting for manager sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    SUPERSEDED = "superseded", "Replaced by a re-assessment"


class Assessment(ArchivableModel):
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="assessments")
    number = models.PositiveSmallIntegerField(default=1, help_text="1 for the first assessment, 2 for a re-assessment")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    reason = models.TextField(blank=True, help_text="For a re-assessment: what new information arrived")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    # Family section.
    family_history = models.TextField(blank=True, help_text="Prefilled from earlier requests and episodes (R3.4)")
    history_reviewed = models.BooleanField(default=False)
    family_strengths = models.TextField(blank=True)
    family_needs = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    factors = models.ManyToManyField(
        "codes.Code", blank=True, related_name="+", limit_choices_to={"list_name": "cin_factor"}
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sign_off_comment = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[factors])

    class Meta:
        ordering = ["episode", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "number"], name="assessment_number_unique"),
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(status__in=["draft", "submitted"]),
                name="one_assessment_in_progress_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment {self.number} of episode {self.episode_id}"

    @property
    def is_editable(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class HowGathered(models.TextChoices):
    SPOKE_WITH = "spoke_with", "Spoke with the child"
    DIRECT_WORK = "direct_work", "Direct work (for example Three Houses, Words and Pictures)"
    OBSERVED = "observed", "Observed the child (too young or unable to say)"
    FROM_OTHERS = "from_others", "From people who know the child"


class ChildAssessment(TimeStampedModel):
    """Each child separately: their voice and their needs (PS1 to PS3)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="children")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    how_gathered = models.CharField(max_length=20, choices=HowGathered.choices, blank=True)
    seen = models.BooleanField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    not_seen_alone_reason = models.TextField(blank=True)
    wishes_and_feelings = models.TextField(blank=True)
    daily_lived_experience = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    needs = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__date_of_birth", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "person"], name="child_assessed_once")]


class Rating(models.TextChoices):
    NO_CONCERN = "no_concern", "No concern"
    SOME_NEED = "some_need", "Some need"
    SIGNIFICANT_NEED = "significant_need", "Significant need"


class DimensionRating(TimeStampedModel):
    """A rating on a dimension of the Assessment Framework triangle: a child's developmental needs (per child),
    parenting capacity (per parent or carer), family and environmental factors (person empty)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dimension = models.ForeignKey(
        "codes.Code",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "assessment_dimension"},
    )
    rating = models.CharField(max_length=20, choices=Rating.choices)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "person", "dimension"], name="dimension_rated_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["assessment", "dimension"], condition=Q(person__isnull=True), name="family_dimension_once"
            ),
        ]


class Participation(models.TextChoices):
    FULLY = "fully", "Took part fully"
    PARTLY = "partly", "Took part in some of it"
    NOT_INVOLVED = "not_involved", "Not involved"


class CarerConsent(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
    NOT_ASKED = "not_asked", "Not asked"


class CarerAssessment(TimeStampedModel):
    """Each parent or carer, including fathers and male carers outside the household (PS4, R3.3)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="carers")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    relationship = models.CharField(max_length=60, blank=True)
    is_male_carer = models.BooleanField(default=False)
    participation = models.CharField(max_length=20, choices=Participation.choices, blank=True)
    not_involved_reason = models.TextField(blank=True)
    consent = models.CharField(max_length=20, choices=CarerConsent.choices, blank=True)
    parenting_capacity = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "person"], name="carer_assessed_once")]


class Contribution(ArchivableModel):
    """A section written by a Team Around the Family member, attributed to them and their agency (R3.5, R3.9)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="+")
    about = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Empty: family"
    )
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
