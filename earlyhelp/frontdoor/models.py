"""Requests for support arriving at the front door (R1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel
from earlyhelp.people.models import RelationshipType, YesNoUnknown
from earlyhelp.people.validators import validate_nhs_number, validate_not_future, validate_postcode


class RequestSource(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    FAMILY = "family", "Family (self-referral)"


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    NEW = "new", "New"
    AWAITING_INFORMATION = "awaiting_information", "Awaiting information"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Urgency(models.TextChoices):
    # Order matters: the triage queue sorts by it (R1.2: a safeguarding concern goes straight to the front door).
    SAFEGUARDING = "1_safeguarding", "Urgent safeguarding contact"
    URGENT = "2_urgent", "Urgent"
    ROUTINE = "3_routine", "Routine"


class Consent(models.TextChoices):
    GIVEN = "given", "Yes, they consent to this request"
    REFUSED = "refused", "No, they do not consent"
    NOT_ASKED = "not_asked", "They have not been asked"


class SupportRequest(ArchivableModel):
    """A request for support (a contact or referral) about one family. It can name several children.

    A professional's request is built page by page and saved on the server as a draft (status DRAFT) until it is
    submitted; then it gets its reference and the one-working-day decision clock starts.
    """

    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    source = models.CharField(max_length=20, choices=RequestSource.choices)
    status = models.CharField(max_length=30, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.ROUTINE)
    significant_harm_now = models.BooleanField(
        "Is a child at risk of significant harm now?",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="support_requests"
    )
    referrer_name = models.CharField("Your name", max_length=150, blank=True)
    referrer_job_title = models.CharField("Your job title", max_length=150, blank=True)
    referrer_agency = models.ForeignKey(
        "organisations.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="support_requests"
    )
    referrer_email = models.EmailField("Your email address", blank=True)
    referrer_phone = models.CharField("Your phone number", max_length=40, blank=True)
    referral_source = models.ForeignKey(
        "codes.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "referral_source"},
        help_text="CIN census referral source",
    )
    concerns = models.TextField("What are you worried about, and why?", blank=True)
    tried_before = models.TextField("What has been tried already?", blank=True)
    tried_outcome = models.TextField("How did it go?", blank=True)
    strengths = models.TextField("What is going well for this family?", blank=True)
    parents_aware = models.CharField(
        "Do the parents or carers know about this request?",
        max_length=10,
        choices=YesNoUnknown.choices,
        blank=True,
    )
    consent = models.CharField("Do they consent to it?", max_length=20, choices=Consent.choices, blank=True)
    consent_reason = models.TextField("Why not?", blank=True)
    professional_views = models.TextField("What do other professionals working with the family think?", blank=True)
    interpreter_needed = models.CharField(
        "Does anyone in the family need an interpreter?", max_length=10, choices=YesNoUnknown.choices, blank=True
    )
    languages = models.CharField("Which languages does the family speak?", max_length=200, blank=True)
    # R1.3/R1.4: the referrer relates the request to the partnership's threshold document (the version in force).
    suggested_level = models.ForeignKey(
        "thresholds.Level",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Which level of need do you think applies?",
    )
    suggested_indicators = models.ManyToManyField(
        "thresholds.Indicator", blank=True, related_name="+", verbose_name="Which of these do you see?"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, help_text="The front door decides by then")
    # Family self-referrals: who asked and how to reach them safely.
    contact_name = models.CharField("Your name", max_length=150, blank=True)
    contact_phone = models.CharField("Phone number", max_length=40, blank=True)
    contact_email = models.EmailField("Email address", blank=True)
    safe_to_contact = models.TextField("Is it safe to call, text or email you?", blank=True)
    # The family form carries a one-time token so that a double click or a resent form makes one request.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords(m2m_fields=[suggested_indicators])

    class Meta:
        ordering = ["urgency", "submitted_at", "pk"]
        indexes = [models.Index(fields=["status", "urgency", "submitted_at"]), models.Index(fields=["created_by"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(reference__isnull=False), name="request_submitted_has_reference"
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"Draft request {self.pk}"

    @property
    def children(self) -> list[RequestPerson]:
        return [p for p in self.people.all() if p.is_child]

    @property
    def adults(self) -> list[RequestPerson]:
        return [p for p in self.people.all() if not p.is_child]


class RequestPerson(TimeStampedModel):
    """A child or household member named in a request, as the referrer gave them. The triage worker later links
    them to a Person (match) or creates one; until then nothing here touches the people register."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="people")
    is_child = models.BooleanField()
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    other_names = models.CharField("Other names they are known by", max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, validators=[validate_not_future])
    expected_date_of_birth = models.DateField("Due date, if not born yet", null=True, blank=True)
    sex = models.ForeignKey(
        "codes.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": "sex"},
    )
    relationship = models.CharField(
        "Relationship to the children", max_length=30, choices=RelationshipType.choices, blank=True
    )
    lives_in_household = models.BooleanField("Lives with the children", null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, validators=[validate_nhs_number])
    school_or_setting = models.CharField("School, nursery or setting", max_length=200, blank=True)
    concerns = models.TextField("What are you worried about for this child?", blank=True)
    impact = models.TextField("How is it affecting this child day to day?", blank=True)
    child_views = models.TextField("What does the child say?", blank=True)
    matched_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="request_mentions"
    )
    match_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    match_confirmed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_child", "date_of_birth", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_father_or_male_carer(self) -> bool:
        """Fathers and male carers are asked about explicitly: inspectors found them left out (PS4, 000 para 29)."""
        return self.relationship in MALE_CARER_RELATIONSHIPS


MALE_CARER_RELATIONSHIPS = frozenset(
    {
        RelationshipType.FATHER,
        RelationshipType.STEP_FATHER,
        RelationshipType.MOTHERS_PARTNER,
        RelationshipType.GRANDFATHER,
        RelationshipType.UNCLE,
    }
)


class Outcome(models.TextChoices):
    ADVICE = "advice", "Information and advice, or signposting to a service"
    SINGLE_AGENCY = "single_agency", "Single-agency support"
    EARLY_HELP = "early_help", "An early help episode"
    SOCIAL_CARE = "social_care", "Referral to children's social care"
    NO_FURTHER_ACTION = "nfa", "No further action"


class ConsentPosition(models.TextChoices):
    GIVEN = "given", "Consent given"
    NOT_NEEDED = "not_needed", "Information and advice only: no sharing needed"
    OVERRIDE = "override", "Shared without consent: a child may be at risk of significant harm"
    REFUSED = "refused", "Consent refused: nothing shared"


class Decision(TimeStampedModel):
    """The front door's decision on a request (R1.5), made against a version of the threshold document (R1.4)."""

    request = models.OneToOneField(SupportRequest, on_delete=models.PROTECT, related_name="decision")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    threshold_document = models.ForeignKey("thresholds.ThresholdDocument", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("thresholds.Level", on_delete=models.PROTECT, related_name="+")
    indicators = models.ManyToManyField("thresholds.Indicator", blank=True, related_name="+")
    needs_identified = models.BooleanField("Has a need been identified?")
    rationale = models.TextField("Why did you decide this?")
    consent_position = models.CharField(max_length=20, choices=ConsentPosition.choices)
    consent_note = models.TextField(blank=True)
    # Where the partnership requires it (settings.DECISION_AUTHORISATION_OUTCOMES), a manager authorises the
    # decision before the referrer is told.
    authorisation_required = models.BooleanField(default=False)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorisation_note = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[indicators])

    @property
    def awaiting_authorisation(self) -> bool:
        return self.authorisation_required and self.authorised_at is None

    def __str__(self) -> str:
        return f"Decision on {self.request}"


class ChildOutcome(TimeStampedModel):
    """What was decided for one child: one request can end in early help for one child and advice for another."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="outcomes")
    child = models.OneToOneField(RequestPerson, on_delete=models.PROTECT, related_name="outcome")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    team = models.ForeignKey(
        "organisations.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The team that will offer early help",
    )
    support_detail = models.TextField(
        blank=True, help_text="Advice given, service suggested, or which agency will support, in plain words"
    )
    social_care_reference = models.CharField(max_length=50, blank=True)
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A service from the directory the family is signposted to",
    )
    # R1.7: a child with an identified need is never closed with "no further action" unless help is offered or
    # the reason is recorded; either way someone owns it.
    offer_of_help = models.TextField(blank=True)
    no_help_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.child}: {self.get_outcome_display()}"


class Feedback(TimeStampedModel):
    """What the referrer is told (R1.6): drafted from the decision, sent, and read - or overdue."""

    request = models.OneToOneField(SupportRequest, on_delete=models.PROTECT, related_name="feedback")
    text = models.TextField()
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Feedback on {self.request}"


class NfaReview(TimeStampedModel):
    """R1.10: a manager checks a sample of no-further-action decisions, and every repeat request, so that no child
    is missed in a backlog nobody looks at."""

    class Reason(models.TextChoices):
        SAMPLE = "sample", "Random sample"
        REPEAT = "repeat", "Repeat request"

    class Result(models.TextChoices):
        AGREE = "agree", "Agree with the decision"
        RECONSIDER = "reconsider", "Reconsider: the front door must look again"

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="nfa_review")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=Result.choices, blank=True)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Review of {self.decision}"
