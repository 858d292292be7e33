"""Audit templates as data (R7.1, R7.4): sections of questions aimed at the quality of help and its impact on the
child, not only compliance. Each question is graded (outstanding, good, requires improvement, inadequate) or
answered yes, partly or no, always with the evidence. Templates are versioned by archiving: a template in use is
never edited in place, a new one replaces it, so past audits keep the questions they were answered against."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from earlyhelp.core.models import ArchivableModel


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
