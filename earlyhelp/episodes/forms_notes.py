"""Forms for contacts and case notes, attachments, the chronology filter and re-evaluation: input shape and
messages only; the rules are the services'."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils import timezone

from earlyhelp.episodes.models import ChronologyKind, ContactKind, ContactOutcome, Reevaluation, Visibility
from earlyhelp.episodes.services import SEEING_KINDS, ChildSeenInput, check_attachment_file
from earlyhelp.people.models import Person
from earlyhelp.ui.forms import GovukDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
INTERPRETER = [("yes", "Yes"), ("no", "No, one was needed but not used"), ("not_needed", "Not needed")]
TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def _file_field(required: bool) -> forms.FileField:
    return forms.FileField(
        label="Attach a document" if required else "Attach a document (optional)",
        required=required,
        help_text="A PDF, Word document, JPG, PNG or text file, smaller than 10MB.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )


def _clean_upload(upload: Any) -> Any:
    if upload:
        check_attachment_file(upload)
    return upload


class NoteForm(forms.Form):
    """A contact or case note. A "seen?" and "seen alone?" question is added for each child in the episode."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label="What kind of contact was it?",
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of contact it was"},
    )
    outcome = forms.ChoiceField(
        label="Did it happen?",
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        help_text="Record attempts that failed too: they show when a family is finding it hard to engage.",
        error_messages={"required": "Select whether it happened"},
    )
    happened_on = GovukDateField(label="Date", help_text="For example, 27 3 2026")
    happened_time = forms.CharField(
        label="Time",
        max_length=5,
        help_text="Use the 24-hour clock, for example 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the time"},
    )
    who_was_there = forms.CharField(label="Who was there", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What happened, what the children said and did, what was agreed.",
        error_messages={"required": "Enter a summary"},
    )
    significant = forms.BooleanField(
        label="This is a significant event: add it to the family's chronology", required=False
    )
    visibility = forms.ChoiceField(
        label="Who can read this note?",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.SHARED,
        error_messages={"required": "Select who can read this note"},
    )
    interpreter_used = forms.ChoiceField(
        label="Was an interpreter used?", choices=INTERPRETER, widget=forms.RadioSelect, required=False
    )
    file = _file_field(required=False)

    def __init__(self, *args: Any, children: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for child in children:
            name = child.display_name
            self.fields[f"seen_{child.pk}"] = forms.ChoiceField(
                label=f"Was {name} seen?", choices=YES_NO, widget=forms.RadioSelect, required=False
            )
            self.fields[f"seen_alone_{child.pk}"] = forms.ChoiceField(
                label=f"Was {name} seen alone?", choices=YES_NO, widget=forms.RadioSelect, required=False
            )

    @property
    def main_fields(self) -> list[BoundField]:
        return [self[name] for name in ("kind", "outcome", "happened_on", "happened_time", "who_was_there")]

    @property
    def child_fields(self) -> list[tuple[Person, BoundField, BoundField]]:
        return [(c, self[f"seen_{c.pk}"], self[f"seen_alone_{c.pk}"]) for c in self.children]

    @property
    def closing_fields(self) -> list[BoundField]:
        return [self[name] for name in ("summary", "significant", "visibility", "interpreter_used", "file")]

    def clean_happened_time(self) -> datetime.time:
        match = TIME.match(self.cleaned_data["happened_time"])
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValidationError("Enter the time in the 24-hour clock, for example 14:30")
        return datetime.time(int(match[1]), int(match[2]))

    def clean_file(self) -> Any:
        return _clean_upload(self.cleaned_data.get("file"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, time = cleaned.get("happened_on"), cleaned.get("happened_time")
        if day and time:
            happened_at = timezone.make_aware(datetime.datetime.combine(day, time))
            if happened_at > timezone.now():
                self.add_error("happened_on", "The date and time must be in the past")
            cleaned["happened_at"] = happened_at
        needs_seen = cleaned.get("kind") in SEEING_KINDS and cleaned.get("outcome") == ContactOutcome.COMPLETED
        if needs_seen:
            for child in self.children:
                seen, alone = cleaned.get(f"seen_{child.pk}"), cleaned.get(f"seen_alone_{child.pk}")
                name = child.display_name
                if not seen:
                    self.add_error(f"seen_{child.pk}", f"Select yes if {name} was seen")
                elif seen == "no" and alone == "yes":
                    self.add_error(
                        f"seen_alone_{child.pk}",
                        f"{name} cannot have been seen alone without being seen: select yes for seen, "
                        "or no for seen alone",
                    )
        return cleaned

    def children_seen(self) -> list[ChildSeenInput]:
        return [
            ChildSeenInput(
                person_id=child.pk,
                seen=self.cleaned_data.get(f"seen_{child.pk}") == "yes",
                seen_alone=self.cleaned_data.get(f"seen_alone_{child.pk}") == "yes",
            )
            for child in self.children
            if self.cleaned_data.get(f"seen_{child.pk}")
        ]

    def interpreter(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("interpreter_used") or "")


class AttachmentForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    file = _file_field(required=True)

    def clean_file(self) -> Any:
        return _clean_upload(self.cleaned_data.get("file"))


class ChronologyFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Show", choices=[("", "Everything"), *ChronologyKind.choices], required=False)


class ReevaluationRequestForm(forms.Form):
    what_was_tried = forms.CharField(
        label="What has been tried to engage the family?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For example: visits at different times of day, letters, calls, an interpreter, contact through "
        "the school or health visitor, a different worker.",
        error_messages={"required": "Enter what has been tried to engage the family"},
    )


class ReevaluationDecisionForm(forms.Form):
    result = forms.ChoiceField(
        label="What should happen next?",
        choices=Reevaluation.Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what should happen next"},
    )
    rationale = forms.CharField(
        label="Reasons for your decision",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the reasons for your decision"},
    )
