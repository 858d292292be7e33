"""Forms of quality assurance. The workflow's own rules live in the services; these check what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from earlyhelp.accounts.models import User
from earlyhelp.escalations.models import Confirmation
from earlyhelp.quality.models import (
    AnswerKind,
    AuditProgramme,
    AuditSection,
    AuditTemplate,
    Grade,
    SampleRule,
    YesPartlyNo,
)
from earlyhelp.ui.forms import GovukDateField

YES_NO = [("yes", "Yes"), ("no", "No")]


class AuditorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return f"{user.get_full_name() or user.email}, {user.profile.agency.name}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return user.get_full_name() or user.email


class ProgrammeForm(forms.Form):
    name = forms.CharField(
        label="Name of the audit programme",
        help_text="For example, Multi-agency audit: domestic abuse, autumn 2026",
        max_length=200,
        error_messages={"required": "Enter a name for the audit programme"},
    )
    template = forms.ModelChoiceField(
        label="Which audit template?",
        queryset=AuditTemplate.objects.live().order_by("name"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select an audit template"},
    )
    description = forms.CharField(
        label="What is this programme looking at? (optional)",
        help_text="Auditors read this before they start",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    window_start = GovukDateField(label="Audit window starts", help_text="For example, 1 12 2026")
    window_end = GovukDateField(
        label="Audit window ends", help_text="Auditors can read their cases until the end of this day"
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("window_start"), cleaned.get("window_end")
        if start and end and end < start:
            self.add_error("window_end", "The audit window must end on or after the day it starts")
        return cleaned


class SampleForm(forms.Form):
    rule = forms.ChoiceField(
        label="How should the cases be chosen?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the cases should be chosen"},
    )
    size = forms.IntegerField(
        label="How many cases?",
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how many cases to choose",
            "invalid": "How many cases must be a number",
            "min_value": "Choose at least 1 case",
            "max_value": "Choose 100 cases or fewer",
        },
    )
    seed = forms.IntegerField(
        label="Seed of the random draw",
        help_text="A new seed is chosen for you. To repeat an earlier draw on the same data in another "
        "programme, enter its seed.",
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"invalid": "The seed must be a whole number", "min_value": "The seed must be 0 or more"},
    )

    def __init__(self, *args: Any, rules: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(rule, SampleRule(rule).label) for rule in rules]  # type: ignore[attr-defined]


class CaseByHandForm(forms.Form):
    reference = forms.CharField(
        label="Reference of the case",
        max_length=20,
        error_messages={"required": "Enter the reference of the case"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )


class AssignForm(forms.Form):
    auditor = AuditorChoiceField(
        label="Who will audit this case?",
        help_text="Each agency's auditor records their own findings. They can read the case until the window ends.",
        queryset=User.objects.none(),
        empty_label="Select an auditor",
        error_messages={"required": "Select an auditor"},
    )

    def __init__(self, *args: Any, auditors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = auditors  # type: ignore[attr-defined]


def _number(section: AuditSection, question: Any) -> str:
    return f"{section.order}.{question.order}"


class SectionForm(forms.Form):
    """One section of the template: an answer and the evidence for each question."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, section: AuditSection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.questions = list(section.questions.all())
        for question in self.questions:
            number = _number(section, question)
            choices = Grade.choices if question.answer_kind == AnswerKind.GRADE else YesPartlyNo.choices
            self.fields[f"q{question.pk}_value"] = forms.ChoiceField(
                label=f"{number} {question.text}",
                help_text=question.hint,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select an answer to question {number}"},
            )
            self.fields[f"q{question.pk}_evidence"] = forms.CharField(
                label=f"Evidence for {number}",
                help_text="What in the record shows this? Say what it means for the child.",
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": f"Enter the evidence for question {number}"},
            )

    def grouped(self) -> list[tuple[Any, Any, Any]]:
        return [(q, self[f"q{q.pk}_value"], self[f"q{q.pk}_evidence"]) for q in self.questions]

    def answers(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {q.pk: (data[f"q{q.pk}_value"], data[f"q{q.pk}_evidence"]) for q in self.questions}


class SubmitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    proposed_grade = forms.ChoiceField(
        label="Overall, how good is the help this family has had?",
        help_text="Your agency's view. The programme's lead agrees the overall grade with every agency.",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the overall grade you propose"},
    )
    summary = forms.CharField(
        label="Summary of your findings",
        help_text="What is working well, what needs to change, and the impact on the child",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter a summary of your findings"},
    )
    social_care_concern = forms.ChoiceField(
        label="Does this case need children's social care now?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this case needs children's social care now"},
    )


class ModerateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    overall_grade = forms.ChoiceField(
        label="What overall grade did the agencies agree?",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the overall grade agreed"},
    )
    notes = forms.CharField(
        label="How was the grade agreed?",
        help_text="Required where the agencies proposed different grades: the reasons and the learning",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    needs_social_care = forms.ChoiceField(
        label="Does this case need children's social care now?",
        help_text="Yes raises an escalation from this audit, linked to the family",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this case needs children's social care now"},
    )
    escalation_reason = forms.CharField(
        label="Why does it need children's social care now?",
        help_text="Required if yes: the risks the audit found",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        label="What should be done?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what should be done"},
    )
    owner = PersonChoiceField(
        label="Who will do it?",
        queryset=User.objects.none(),
        empty_label="Select someone",
        error_messages={"required": "Select who will do it"},
    )
    due_on = GovukDateField(label="Due by")

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    confirmation = forms.ChoiceField(
        label="Was it done?",
        choices=Confirmation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it was done"},
    )


class RespondForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.CharField(
        label="Your response to the findings",
        help_text="What you have changed, or anything the audit missed",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your response to the findings"},
    )


class ReauditForm(forms.Form):
    programme = forms.ModelChoiceField(
        label="Which programme will re-audit this case?",
        queryset=AuditProgramme.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select a programme"},
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
