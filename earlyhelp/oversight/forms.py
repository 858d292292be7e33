"""Forms for management oversight and supervision. Rules live in the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from earlyhelp.episodes.models import Episode
from earlyhelp.people.models import Person
from earlyhelp.ui.forms import GovukDateField


class OversightForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    children = forms.MultipleChoiceField(
        label="Which children is this oversight about?",
        help_text="Select all that apply",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select which children the oversight is about"},
    )
    plan_effectiveness = forms.CharField(
        label="Is the plan working?",
        help_text="What is the evidence that the plan is making a difference?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter whether the plan is working"},
    )
    child_circumstances = forms.CharField(
        label="Are the children's circumstances improving?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter whether the children's circumstances are improving"},
    )
    decisions = forms.CharField(
        label="Decisions",
        help_text="What you decided, and why",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the decisions"},
    )
    actions = forms.CharField(
        label="Actions (optional)",
        help_text="What must happen next, by whom and by when",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, children: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(child.pk): child for child in children}
        cast(forms.ChoiceField, self.fields["children"]).choices = [
            (key, child.display_name) for key, child in self.people.items()
        ]

    def chosen_children(self) -> list[Person]:
        return [self.people[key] for key in self.cleaned_data["children"]]


YES_NO = [("yes", "Yes"), ("no", "No")]


class SupervisionForm(forms.Form):
    """A supervision session. A "discussed?" checkbox list and a discussion and decisions box for each of the
    practitioner's open cases are added."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    held_on = GovukDateField(label="Date of the supervision", help_text="For example, 27 3 2026")
    reflective = forms.ChoiceField(
        label="Did the supervision include reflective discussion?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the supervision included reflective discussion"},
    )
    wellbeing = forms.CharField(
        label="Wellbeing and workload (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reflection = forms.CharField(
        label="Reflective discussion and learning (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    development = forms.CharField(
        label="Training and development (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_due_on = GovukDateField(
        label="Next supervision due (optional)", help_text="For example, 27 4 2026", required=False
    )
    cases = forms.MultipleChoiceField(
        label="Which cases did you discuss?",
        help_text="Select all that apply. A case discussion counts as management oversight on the child's file.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, episodes: list[Episode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.episodes = {str(e.pk): e for e in episodes}
        cast(forms.ChoiceField, self.fields["cases"]).choices = [
            (key, f"{e.reference}, {e.family}") for key, e in self.episodes.items()
        ]
        for key, episode in self.episodes.items():
            self.fields[f"discussion_{key}"] = forms.CharField(
                label=f"Discussion of {episode.reference} (if discussed)",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
            self.fields[f"decisions_{key}"] = forms.CharField(
                label=f"Decisions for {episode.reference} (optional)",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in data.get("cases", []):
            if not (data.get(f"discussion_{key}") or "").strip():
                self.add_error(f"discussion_{key}", f"Enter the discussion of {self.episodes[key].reference}")
        return data

    def discussions(self) -> list[tuple[Episode, str, str]]:
        return [
            (self.episodes[key], self.cleaned_data[f"discussion_{key}"], self.cleaned_data[f"decisions_{key}"])
            for key in self.cleaned_data.get("cases", [])
        ]
