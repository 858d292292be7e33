"""Forms for recording a reading: one question per page (which tool), then the reading itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from earlyhelp.outcometools.models import OutcomeTool, ReadingStage, ToolArea
from earlyhelp.outcometools.selectors import active_tools
from earlyhelp.people.models import Person
from earlyhelp.ui.forms import GovukDateField


class ToolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ToolChoiceForm(forms.Form):
    tool = ToolChoiceField(
        label="Which outcome tool are you using?",
        queryset=OutcomeTool.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="Record only the area names and scores. Do not copy the scale descriptions of licensed tools.",
        error_messages={"required": "Select the outcome tool", "invalid_choice": "Select the outcome tool"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tool"].queryset = active_tools()  # type: ignore[attr-defined]


def score_field_name(area: ToolArea) -> str:
    return f"area_{area.pk}"


class ReadingForm(forms.Form):
    """Who the reading is with, which reading it is, when, and a score for each area of the tool."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    person = forms.TypedChoiceField(
        label="Who is this reading with?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=dict.fromkeys(("required", "invalid_choice"), "Select who the reading is with"),
    )
    stage = forms.ChoiceField(
        label="Which reading is this?",
        choices=ReadingStage.choices,
        widget=forms.RadioSelect,
        help_text="The first reading with each person is the baseline.",
        error_messages={"required": "Select which reading this is", "invalid_choice": "Select which reading this is"},
    )
    taken_on = GovukDateField(label="Date of the reading", help_text="For example, 2 11 2026")

    def __init__(
        self,
        *args: Any,
        tool: OutcomeTool,
        areas: Sequence[ToolArea],
        people: Sequence[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tool = tool
        self.areas = list(areas)
        self.people = {person.pk: person for person in people}
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (person.pk, f"{person.display_name} ({person.age_display})" if person.age_display else person.display_name)
            for person in people
        ]
        if len(people) == 1:
            self.fields["person"].initial = people[0].pk
        for area in self.areas:
            message = f"Enter a score from {tool.scale_min} to {tool.scale_max} for {area.label}"
            self.fields[score_field_name(area)] = forms.IntegerField(
                label=area.label,
                min_value=tool.scale_min,
                max_value=tool.scale_max,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
                error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), message),
            )

    @property
    def detail_fields(self) -> list[forms.BoundField]:
        return [self["person"], self["stage"], self["taken_on"]]

    @property
    def score_fields(self) -> list[forms.BoundField]:
        return [self[score_field_name(area)] for area in self.areas]

    def reading_data(self) -> dict[str, Any]:
        """The cleaned form as the arguments of services.reading_record."""
        data = self.cleaned_data
        return {
            "person": self.people[data["person"]],
            "stage": data["stage"],
            "taken_on": data["taken_on"],
            "scores": {area.pk: data[score_field_name(area)] for area in self.areas},
            "submission_token": data["token"],
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's refusal shown against the field the user must correct; scores against each area."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            # The service names a score "scores.<area id>".
            field = f"area_{key.removeprefix('scores.')}" if key.startswith("scores.") else key
            self.add_error(field if field in self.fields else None, messages)
