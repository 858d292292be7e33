"""The starting audit templates, loaded by migration as data (R7.1, R7.4)."""

from __future__ import annotations

import pytest

from earlyhelp.quality import reference
from earlyhelp.quality.models import AnswerKind, AuditQuestion, AuditSection, AuditTemplate, TemplatePurpose

# The list of what a case audit must look at: quality and impact, not compliance.
CASE_THEMES = {
    "Voice of the child",
    "Fathers and male carers",
    "Siblings",
    "History",
    "SMART plan",
    "Reviews of impact",
    "Management oversight",
    "Parents' contribution",
    "Threshold",
    "Timely step-up",
}


@pytest.mark.django_db
def test_both_templates_are_loaded_with_ordered_sections_and_questions():
    case = AuditTemplate.objects.get(code="early-help-case-audit")
    threshold = AuditTemplate.objects.get(code="front-door-threshold-audit")
    assert (case.purpose, threshold.purpose) == (TemplatePurpose.CASE, TemplatePurpose.THRESHOLD)
    assert [s.order for s in case.sections.all()] == [1, 2, 3, 4]
    questions = AuditQuestion.objects.filter(section__template=case)
    assert questions.count() == 12
    assert set(questions.values_list("theme", flat=True)) >= CASE_THEMES
    assert {q.answer_kind for q in questions} == {AnswerKind.GRADE, AnswerKind.YES_PARTLY_NO}
    assert AuditQuestion.objects.filter(section__template=threshold).count() == 7


def test_question_codes_are_unique_within_each_template():
    for template in reference.template_definitions():
        codes = [q["code"] for s in template["sections"] for q in s["questions"]]
        assert len(codes) == len(set(codes)), template["code"]
        assert all(q["answer_kind"] in AnswerKind.values for s in template["sections"] for q in s["questions"])


@pytest.mark.django_db
def test_loading_again_leaves_templates_in_use_alone():
    case = AuditTemplate.objects.get(code="early-help-case-audit")
    case.name = "Early help case audit (edited by the partnership)"
    case.save()
    reference.load(AuditTemplate, AuditSection, AuditQuestion)
    case.refresh_from_db()
    assert case.name.endswith("(edited by the partnership)")
    assert AuditSection.objects.filter(template=case).count() == 4
