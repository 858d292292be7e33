from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel
from earlyhelp.people import validators

ADULT_AGE = 18


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class GenderIdentity(models.TextChoices):
    """ONS 2021: 'Is the gender you identify with the same as your sex registered at birth?'"""

    SAME = "same", "Same as sex registered at birth"
    DIFFERENT = "different", "Different from sex registered at birth"
    PREFER_NOT = "prefer_not", "Prefers not to say"
    NOT_KNOWN = "not_known", "Not known"


class SenProvision(models.TextChoices):
    """School census SEN provision codes: N, K (SEN support), E (education, health and care plan)."""

    NONE = "N", "No special educational need"
    SEN_SUPPORT = "K", "SEN support"
    EHC_PLAN = "E", "Education, health and care plan"
    NOT_KNOWN = "", "Not known"


class Person(ArchivableModel):
    legal_first_name = models.CharField("First name", max_length=100)
    legal_middle_names = models.CharField("Middle names", max_length=150, blank=True)
    legal_last_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField(
        "Preferred name", max_length=100, blank=True, help_text="The name they like to be called, if different"
    )
    date_of_birth = models.DateField(null=True, blank=True, validators=[validators.validate_not_future])
    expected_date_of_birth = models.DateField(
        null=True, blank=True, help_text="For an unborn child: the expected date of delivery"
    )
    sex = models.ForeignKey(
        "codes.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "sex"},
    )
    gender_identity = models.CharField(max_length=20, choices=GenderIdentity.choices, default=GenderIdentity.NOT_KNOWN)
    gender_identity_description = models.CharField(max_length=100, blank=True)
    ethnicity = models.ForeignKey(
        "codes.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "ethnicity"},
    )
    first_language = models.ForeignKey(
        "codes.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "language"},
    )
    interpreter_needed = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.NOT_KNOWN)
    religion = models.ForeignKey(
        "codes.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "religion"},
    )
    disabilities = models.ManyToManyField(
        "codes.Code", blank=True, related_name="+", limit_choices_to={"list_name": "disability"}
    )
    sen_provision = models.CharField(
        "Special educational needs", max_length=1, choices=SenProvision.choices, blank=True, default=""
    )
    young_carer = models.CharField(max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.NOT_KNOWN)
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, db_index=True, validators=[validators.validate_nhs_number]
    )
    upn = models.CharField(
        "Unique pupil number (UPN)", max_length=13, blank=True, validators=[validators.validate_upn]
    )
    # Lower-case legal, preferred and alias names, kept by people.services so search needs one indexed column.
    search_names = models.CharField(max_length=600, blank=True, db_index=True, editable=False)
    # Sound-alike keys of the legal name for duplicate matching (issue 3, item 6), '|<surname key>|<first-name
    # key>|' from people.names.compute_name_keys. Looked up by equality, so a plain index serves SQLite and PostgreSQL.
    name_keys = models.CharField(max_length=30, blank=True, db_index=True, editable=False)

    history = HistoricalRecords(m2m_fields=[disabilities])

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        indexes = [
            models.Index(fields=["legal_last_name", "legal_first_name"]),
            models.Index(fields=["date_of_birth"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=True) | Q(expected_date_of_birth__isnull=True),
                name="person_born_or_expected_not_both",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.legal_first_name
        return f"{first} {self.legal_last_name}".strip()

    @property
    def nhs_number_display(self) -> str:
        n = self.nhs_number
        return f"{n[:3]} {n[3:6]} {n[6:]}" if len(n) == 10 else n

    @property
    def legal_name(self) -> str:
        return " ".join(p for p in (self.legal_first_name, self.legal_middle_names, self.legal_last_name) if p)

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    def age(self, on: date | None = None) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, on or timezone.localdate())

    @property
    def age_display(self) -> str:
        """'3 months' under two, then years: a baby's age in years says nothing."""
        if self.date_of_birth is None:
            return ""
        today = timezone.localdate()
        months = (today.year - self.date_of_birth.year) * 12 + today.month - self.date_of_birth.month
        months -= today.day < self.date_of_birth.day
        if months < 24:
            return f"{months} month{'s' if months != 1 else ''}"
        return f"{self.age()}"

    @property
    def is_child(self) -> bool:
        if self.is_unborn:
            return True
        age = self.age()
        return age is not None and age < ADULT_AGE

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date_of_birth and self.expected_date_of_birth:
            errors["expected_date_of_birth"] = "Enter either a date of birth or an expected date of birth, not both"
        if self.expected_date_of_birth and self.expected_date_of_birth < timezone.localdate():
            errors["expected_date_of_birth"] = (
                "Expected date of birth must be in the future. If the baby has been born, enter their date of birth"
            )
        if errors:
            raise ValidationError(errors)


class PersonAlias(TimeStampedModel):
    class Kind(models.TextChoices):
        PREVIOUS = "previous", "Previous name"
        ALIAS = "alias", "Also known as"
        SPELLING = "spelling", "Other spelling"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ALIAS)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Address(ArchivableModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField("Address line 1", max_length=200)
    line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, db_index=True, validators=[validators.validate_postcode])
    moved_in = models.DateField(null=True, blank=True)
    moved_out = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-moved_in"]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)

    @property
    def is_current(self) -> bool:
        return self.moved_out is None


class Family(ArchivableModel):
    """A family / household: the unit an episode of early help works with."""

    reference = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=150, help_text="How the family is known, for example 'Khan–Wood family'")
    members: models.ManyToManyField[Person, FamilyMember] = models.ManyToManyField(
        Person, through="FamilyMember", related_name="families"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "families"

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"


class FamilyMember(TimeStampedModel):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    lives_in_household = models.BooleanField(default=True)
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["family", "person"], name="family_member_once")]

    def __str__(self) -> str:
        return f"{self.person} in {self.family}"


class RelationshipType(models.TextChoices):
    """`person` is the <type> of `relative`: 'Ann is the mother of Bea'."""

    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_MOTHER = "step_mother", "Step-mother"
    STEP_FATHER = "step_father", "Step-father"
    MOTHERS_PARTNER = "mothers_partner", "Mother's partner"
    FATHERS_PARTNER = "fathers_partner", "Father's partner"
    GRANDMOTHER = "grandmother", "Grandmother"
    GRANDFATHER = "grandfather", "Grandfather"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    STEP_SIBLING = "step_sibling", "Step-sibling"
    AUNT = "aunt", "Aunt"
    UNCLE = "uncle", "Uncle"
    KINSHIP_CARER = "kinship_carer", "Kinship carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    CARER = "carer", "Carer"
    PARTNER = "partner", "Partner"
    OTHER = "other", "Other"


class PersonRelationship(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    type = models.CharField(max_length=30, choices=RelationshipType.choices)
    parental_responsibility = models.BooleanField(
        default=False, help_text="Whether `person` holds parental responsibility for `relative`"
    )
    ended_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "type"], name="relationship_once"),
            models.CheckConstraint(condition=~Q(person=models.F("relative")), name="relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} is the {self.get_type_display().lower()} of {self.relative}"
