"""Forms for a step-up, social care's decision, and a step-down. Each gives the service its arguments and the
check-your-answers page its rows."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from earlyhelp.access.models import Consent
from earlyhelp.organisations.models import Team
from earlyhelp.people.models import Person
from earlyhelp.transitions.models import SocialCareDecision, StepUp
from earlyhelp.ui.forms import GovukDateField

YES_NO = (("yes", "Yes"), ("no", "No"))


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


def _person_label(person: Person) -> str:
    age = person.age_display
    return f"{person.display_name} ({age})" if age else person.display_name


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        form: Any = self
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            form.add_error(key if key in form.fields else None, messages)


class StepUpForm(ServiceErrorsMixin, forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    children = forms.TypedMultipleChoiceField(
        label="Which children is the step-up for?",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages=_required("Select at least one child"),
    )
    reasons = forms.CharField(
        label="Why does the family need children's social care now?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for the step-up"},
    )
    risks = forms.CharField(
        label="What are the risks to each child?",
        help_text="Include what makes them worse and what makes the children safer.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the risks to the children"},
    )
    what_has_been_tried = forms.CharField(
        label="What has been tried (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    parents_informed = forms.ChoiceField(
        label="Have the parents been told about the step-up?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select yes if the parents have been told"),
    )
    parents_not_informed_reason = forms.CharField(
        label="If not, why have the parents not been told?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    worker_stays_involved = forms.ChoiceField(
        label="Will you stay involved alongside social care?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select yes if you will stay involved alongside social care"),
    )

    def __init__(self, *args: Any, children: Sequence[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {child.pk: child for child in children}
        self.fields["children"].choices = [(c.pk, _person_label(c)) for c in children]  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())
            if len(children) == 1:
                self.initial.setdefault("children", [children[0].pk])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("parents_informed") == "no" and not (data.get("parents_not_informed_reason") or "").strip():
            self.add_error("parents_not_informed_reason", "Enter why the parents have not been told")
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "children": [self.people[pk] for pk in data["children"]],
            "reasons": data["reasons"],
            "risks": data["risks"],
            "what_has_been_tried": data["what_has_been_tried"],
            "parents_informed": data["parents_informed"] == "yes",
            "parents_not_informed_reason": data["parents_not_informed_reason"],
            "worker_stays_involved": data["worker_stays_involved"] == "yes",
            "submission_token": data["token"],
        }

    def summary_rows(self) -> list[tuple[str, str, str]]:
        """(field name, question, answer) for the check-your-answers page."""
        data = self.cleaned_data
        informed = "Yes" if data["parents_informed"] == "yes" else f"No: {data['parents_not_informed_reason']}"
        return [
            ("children", "Children", ", ".join(self.people[pk].display_name for pk in data["children"])),
            ("reasons", "Reasons", data["reasons"]),
            ("risks", "Risks", data["risks"]),
            ("what_has_been_tried", "What has been tried", data["what_has_been_tried"] or "Not given"),
            ("parents_informed", "Parents told", informed),
            ("worker_stays_involved", "You stay involved", "Yes" if data["worker_stays_involved"] == "yes" else "No"),
        ]


class DecisionForm(ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label="What did children's social care decide?",
        choices=SocialCareDecision.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select social care's decision"),
    )
    reason = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for the decision"},
    )
    social_worker = forms.CharField(
        label="Social worker (optional)",
        help_text="Who in social care holds the case now.",
        required=False,
        max_length=200,
    )


class StepDownForm(ServiceErrorsMixin, forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    children = forms.TypedMultipleChoiceField(
        label="Which children are stepping down to early help?",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages=_required("Select at least one child"),
    )
    social_care_history = forms.CharField(
        label="Summary of the social care history",
        help_text="What social care did and why. This summary opens the early help episode.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a summary of the social care history"},
    )
    risks = forms.CharField(
        label="Risks that remain",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the risks that remain"},
    )
    what_worked = forms.CharField(
        label="What worked, and what did not",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what worked"},
    )
    social_worker = forms.CharField(
        label="Social worker and team",
        max_length=200,
        error_messages={"required": "Enter the social worker and their team"},
    )
    team = forms.TypedChoiceField(
        label="Receiving early help team",
        coerce=int,
        error_messages=_required("Select the receiving early help team"),
    )
    handover_meeting_on = GovukDateField(label="Date of the handover meeting", help_text="For example, 2 11 2026")
    handover_attendees = forms.CharField(
        label="Who was at the handover meeting",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter who was at the handover meeting"},
    )
    handover_notes = forms.CharField(
        label="Notes of the handover meeting (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    consent_reconfirmed_on = GovukDateField(
        label="Date consent was re-confirmed",
        help_text="A step-down cannot be recorded until the family has re-confirmed consent to early help.",
    )
    consent_how = forms.ChoiceField(
        label="How was consent re-confirmed?",
        choices=Consent.HowObtained.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how consent was re-confirmed"),
    )
    consent_given_by = forms.TypedChoiceField(
        label="Who re-confirmed consent?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required("Select which adult re-confirmed consent"),
    )
    step_up = forms.TypedChoiceField(
        label="Which step-up does this follow? (optional)",
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        children: Sequence[Person],
        adults: Sequence[Person],
        teams: Sequence[Team],
        step_ups: Sequence[StepUp],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in [*children, *adults]}
        self.teams = {t.pk: t for t in teams}
        self.step_ups = {s.pk: s for s in step_ups}
        self.fields["children"].choices = [(c.pk, _person_label(c)) for c in children]  # type: ignore[attr-defined]
        self.fields["consent_given_by"].choices = [(a.pk, a.display_name) for a in adults]  # type: ignore[attr-defined]
        self.fields["team"].choices = [("", "Select a team"), *((t.pk, str(t)) for t in teams)]  # type: ignore[attr-defined]
        self.fields["step_up"].choices = [  # type: ignore[attr-defined]
            ("", "It does not follow a step-up"),
            *((s.pk, f"{s.reference}, sent {s.sent_at:%-d %B %Y}") for s in step_ups),
        ]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "children": [self.people[pk] for pk in data["children"]],
            "social_care_history": data["social_care_history"],
            "risks": data["risks"],
            "what_worked": data["what_worked"],
            "social_worker": data["social_worker"],
            "team": self.teams[data["team"]],
            "handover_meeting_on": data["handover_meeting_on"],
            "handover_attendees": data["handover_attendees"],
            "handover_notes": data["handover_notes"],
            "consent_reconfirmed_on": data["consent_reconfirmed_on"],
            "consent_how": data["consent_how"],
            "consent_given_by": self.people[data["consent_given_by"]],
            "step_up": self.step_ups.get(data["step_up"]) if data["step_up"] else None,
            "submission_token": data["token"],
        }

    def summary_rows(self) -> list[tuple[str, str, str]]:
        d = self.service_data()
        return [
            ("children", "Children", ", ".join(c.display_name for c in d["children"])),
            ("social_care_history", "Social care history", d["social_care_history"]),
            ("risks", "Risks that remain", d["risks"]),
            ("what_worked", "What worked", d["what_worked"]),
            ("social_worker", "Social worker and team", d["social_worker"]),
            ("team", "Receiving early help team", str(d["team"])),
            ("handover_meeting_on", "Handover meeting", f"{d['handover_meeting_on']:%-d %B %Y}"),
            ("handover_attendees", "Attendees", d["handover_attendees"]),
            ("handover_notes", "Handover notes", d["handover_notes"] or "None"),
            (
                "consent_reconfirmed_on",
                "Consent re-confirmed",
                f"{d['consent_reconfirmed_on']:%-d %B %Y}, "
                f"{Consent.HowObtained(d['consent_how']).label.lower()}, by {d['consent_given_by'].display_name}",
            ),
            ("step_up", "Follows step-up", d["step_up"].reference if d["step_up"] else "None"),
        ]
