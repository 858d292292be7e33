"""Forms of identified needs."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from earlyhelp.episodes.models import EpisodeChild
from earlyhelp.needs.models import NeedArea


class NeedForm(forms.Form):
    area = forms.ChoiceField(
        label="Area of need",
        widget=forms.RadioSelect,
        error_messages={"required": "Select an area of need"},
    )
    children = forms.MultipleChoiceField(
        label="Which children does it affect?",
        help_text="Select all that apply. Select none if it affects the whole family.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label="What the need is, and the evidence for it",
        help_text="For example what the family told you, reports from school or health, attendance figures",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what the need is and the evidence for it"},
    )

    def __init__(
        self, *args: Any, areas: list[NeedArea], recorded: set[int], children: list[EpisodeChild], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.areas = {str(area.pk): area for area in areas}
        self.people = {str(link.person_id): link.person for link in children}
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            (pk, f"{area.label} (already recorded)" if area.pk in recorded else area.label)
            for pk, area in self.areas.items()
        ]
        cast(forms.MultipleChoiceField, self.fields["children"]).choices = [
            (pk, person.display_name) for pk, person in self.people.items()
        ]

    @property
    def chosen_area(self) -> NeedArea:
        return self.areas[self.cleaned_data["area"]]

    @property
    def chosen_children(self) -> list[Any]:
        return [self.people[pk] for pk in self.cleaned_data["children"]]


class ArchiveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label="Why is this need being archived?",
        help_text="For example, recorded in error or recorded twice",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this need is being archived"},
    )
