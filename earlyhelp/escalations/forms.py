"""Forms of escalation and professional disagreement. Validation of the workflow lives in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from earlyhelp.accounts.models import User
from earlyhelp.escalations.models import Confirmation, Subject
from earlyhelp.organisations.models import Agency
from earlyhelp.ui.forms import GovukDateField


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return user.get_full_name()


class RaiseForm(forms.Form):
    subject = forms.ChoiceField(
        label="What is the disagreement about?",
        choices=Subject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the disagreement is about"},
    )
    subject_reference = forms.CharField(
        label="Reference of the decision or record",
        help_text="For example R26-000123 for a request for support, or the episode reference",
        max_length=40,
        error_messages={"required": "Enter the reference of the decision or record"},
    )
    reason = forms.CharField(
        label="Why should it be looked at again?",
        help_text="Say what you think was missed and what you would like to happen.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter why the decision should be looked at again"},
    )
    about_agency = forms.ModelChoiceField(
        label="Which agency's action is it about? (optional)",
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label="Not about another agency",
    )


class MoveForm(forms.Form):
    from_stage = forms.CharField(widget=forms.HiddenInput, required=False)
    stage = forms.ChoiceField(
        label="Which stage does it move to?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the next stage"},
    )
    handler = UserChoiceField(
        label="Who will handle it at this stage?",
        queryset=User.objects.none(),
        empty_label="Select someone",
        error_messages={"required": "Select who will handle it at this stage"},
    )
    note = forms.CharField(
        label="What was discussed, and why is it moving on?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what was discussed and why it is moving on"},
    )

    def __init__(self, *args: Any, stages: list[tuple[str, str]], handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stages  # type: ignore[attr-defined]
        self.fields["handler"].queryset = handlers  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(
        label="What was agreed?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was agreed"},
    )
    owner = UserChoiceField(
        label="Who will do it?",
        queryset=User.objects.none(),
        empty_label="Select someone",
        error_messages={"required": "Select who will do it"},
    )
    due_on = GovukDateField(label="Due date", help_text="The date it must be done by. For example, 27 3 2027")

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    confirmation = forms.ChoiceField(
        label="Was it done?",
        choices=Confirmation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if it was done"},
    )
    note = forms.CharField(
        label="Anything to add? (required if it was not done)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ResolveForm(forms.Form):
    outcome = forms.CharField(
        label="What was agreed in the end?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what was agreed in the end"},
    )
