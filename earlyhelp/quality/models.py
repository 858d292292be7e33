"""Audit templates as data (R7.1, R7.4): sections of questions aimed at the quality of help and its impact on the
child, not only compliance. Each question is graded (outstanding, good, requires improvement, inadequate) or
answered yes, partly or no, always with the evidence. Templates are versioned by archiving: a template in use is
never edited in place, a new one replaces it, so past audits keep the questions they were answered against."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel, TimeStampedModel
from earlyhelp.escalations.models import Confirmation


class AnswerKind(models.TextChoices):
    GRADE = "grade", "Graded: outstanding, good, requires improvement, inadequate"
    YES_PARTLY_NO = "yes_partly_no", "Yes, partly or no"


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class YesPartlyNo(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class TemplatePurpose(models.TextChoices):
    CASE = "case", "Early help case audit"
    THRESHOLD = "threshold", "Front door threshold audit"


class AuditTemplate(ArchivableModel):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    purpose = models.CharField(max_length=20, choices=TemplatePurpose.choices)
    description = models.TextField(help_text="What the audit looks at, shown to auditors before they start")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditSection(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True, help_text="What good looks like, for the auditor")

    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "order"], name="audit_section_order_unique")]

    def __str__(self) -> str:
        return self.title


class AuditQuestion(models.Model):
    section = models.ForeignKey(AuditSection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    code = models.SlugField(max_length=60, help_text="Stable within the template, for roll-ups across audits")
    text = models.TextField()
    hint = models.TextField(blank=True)
    answer_kind = models.CharField(max_length=20, choices=AnswerKind.choices)
    # The theme the findings report groups answers by (voice of the child, fathers, management oversight...).
    theme = models.CharField(max_length=60)

    history = HistoricalRecords()

    class Meta:
        ordering = ["section__order", "order"]
        constraints = [models.UniqueConstraint(fields=["section", "order"], name="audit_question_order_unique")]

    def __str__(self) -> str:
        return self.text


class SampleRule(models.TextChoices):
    RANDOM = "random", "A random sample"
    PLAN_SIX_WEEKS = "plan_six_weeks", "Plans in place about six weeks"
    NO_FURTHER_ACTION = "nfa", "No further action decisions"
    PARENTAL_RISK = "parental_risk", "Domestic abuse, parental mental ill health or substance misuse"
    BY_HAND = "by_hand", "Chosen by hand"


class AuditProgramme(TimeStampedModel):
    """A round of audits against one template, for an audit window. The lead chooses the sample, assigns auditors,
    moderates and shares the findings."""

    name = models.CharField(max_length=200)
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="programmes")
    description = models.TextField(blank=True, help_text="Why this programme, for the auditors")
    window_start = models.DateField()
    window_end = models.DateField(help_text="Auditors lose access to the cases at the end of this day")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_programmes")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-window_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")), name="programme_window_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CaseAudit(TimeStampedModel):
    """One sampled case in a programme: an episode (case audit) or a front door decision (threshold audit).
    Every agency assigned records its own findings; the lead moderates them into one overall grade."""

    programme = models.ForeignKey(AuditProgramme, on_delete=models.PROTECT, related_name="cases")
    # Known for an episode; for a front door decision, when the request's children were matched to a family.
    family = models.ForeignKey(
        "people.Family", null=True, blank=True, on_delete=models.PROTECT, related_name="case_audits"
    )
    episode = models.ForeignKey(
        "episodes.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="case_audits"
    )
    request = models.ForeignKey(
        "frontdoor.SupportRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="case_audits"
    )
    rule = models.CharField(max_length=20, choices=SampleRule.choices)
    # The seed of a random draw, so the sample can be reproduced.
    sample_seed = models.BigIntegerField(null=True, blank=True)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reaudit_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reaudits")
    overall_grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    moderation_notes = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    needs_social_care = models.BooleanField(default=False)
    escalation = models.ForeignKey(
        "escalations.Escalation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # When the moderated findings went to the lead practitioner and their manager.
    shared_at = models.DateTimeField(null=True, blank=True)
    practitioner_response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(episode__isnull=False) | models.Q(request__isnull=False),
                name="case_audit_has_subject",
            ),
            models.UniqueConstraint(
                fields=["programme", "episode"], condition=models.Q(episode__isnull=False), name="case_audit_episode"
            ),
            models.UniqueConstraint(
                fields=["programme", "request"], condition=models.Q(request__isnull=False), name="case_audit_request"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"QA{self.programme_id}-{self.pk}"


class AgencyAudit(TimeStampedModel):
    """One auditor's findings on one case, for their agency. Read access comes from the audit involvement it
    made, which ends with the programme's window."""

    case = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="agency_audits")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agency_audits")
    agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="+")
    involvement = models.ForeignKey(
        "access.Involvement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    summary = models.TextField(blank=True)
    social_care_concern = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["case", "auditor"], name="agency_audit_once")]

    def __str__(self) -> str:
        return f"{self.agency} audit of {self.case}"


class AuditAnswer(TimeStampedModel):
    agency_audit = models.ForeignKey(AgencyAudit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="answers")
    # A Grade or a YesPartlyNo value, by the question's answer kind.
    value = models.CharField(max_length=30)
    evidence = models.TextField()

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency_audit", "question"], name="audit_answer_once")]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.value}"

    @property
    def value_label(self) -> str:
        return answer_label(self.value)


def answer_label(value: str) -> str:
    choices = dict(Grade.choices) | dict(YesPartlyNo.choices)
    return str(choices.get(value, value))


class RecommendedAction(TimeStampedModel):
    """What the audit recommends, with an owner and a date; the owner or the programme lead says whether it was
    done."""

    case = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_actions")
    due_on = models.DateField()
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Confirmed the way an escalation's agreed action is.
    confirmation = models.CharField(max_length=20, choices=Confirmation.choices, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Set when the daily sweep told the owner and the programme lead the action was overdue: once, not daily. Overdue
    # is the escalation's rule for an agreed action (escalations.rules).
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]
