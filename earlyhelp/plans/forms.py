"""Forms of the plan. Each edit form carries the plan's version as it was loaded (optimistic locking)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from earlyhelp.accounts.models import User
from earlyhelp.episodes.models import EpisodeChild
from earlyhelp.plans.models import ActionStatus, PlanOutcome
from earlyhelp.plans.selectors import OTHER_OWNER, owner_label
from earlyhelp.plans.services import ActionData, OutcomeData
from earlyhelp.ui.forms import GovukDateField, ManagerDecisionForm

NO_CHILD = "family"


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("version")


class OutcomeForm(VersionedForm):
    child = forms.ChoiceField(
        label="Which child is this outcome for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which child this outcome is for"},
    )
    what_must_change = forms.CharField(
        label="What must change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what must change"},
    )
    measure = forms.CharField(
        label="How we will know (the measure)",
        help_text="For example 'school attendance' or 'Maisie's own score out of 10 for feeling safe at home'",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    baseline = forms.CharField(label="Where things are now (baseline)", max_length=300, required=False)
    target = forms.CharField(label="Target", max_length=300, required=False)
    target_date = GovukDateField(label="Target date", help_text="For example, 31 3 2027", required=False)
    family_words = forms.CharField(
        label="The outcome in the family's own words",
        help_text="This goes on the family's copy of the plan. Use plain words, no jargon.",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, children: list[EpisodeChild], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["child"]).choices = [
            (str(link.person_id), link.person.display_name) for link in children
        ] + [(NO_CHILD, "Not about one named child (the whole family)")]

    def to_data(self) -> OutcomeData:
        data = self.cleaned_data
        child = data["child"]
        return OutcomeData(
            child_id=None if child == NO_CHILD else int(child),
            what_must_change=data["what_must_change"],
            measure=data["measure"],
            baseline=data["baseline"],
            target=data["target"],
            target_date=data["target_date"],
            family_words=data["family_words"],
        )

    @staticmethod
    def initial_for(outcome: PlanOutcome) -> dict[str, Any]:
        return {
            "version": outcome.plan.version,
            "child": str(outcome.child_id) if outcome.child_id else NO_CHILD,
            "what_must_change": outcome.what_must_change,
            "measure": outcome.measure,
            "baseline": outcome.baseline,
            "target": outcome.target,
            "target_date": outcome.target_date,
            "family_words": outcome.family_words,
        }


class ActionForm(VersionedForm):
    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what will be done"},
    )
    owner = forms.ChoiceField(
        label="Who will do it", widget=forms.RadioSelect, error_messages={"required": "Select who will do it"}
    )
    owner_name = forms.CharField(
        label="If someone else, who",
        help_text="For example 'Mum', 'Maisie' or 'Family support worker at the children's centre'",
        max_length=150,
        required=False,
    )
    due_on = GovukDateField(label="By when", help_text="For example, 31 1 2027", required=False)
    outcomes = forms.MultipleChoiceField(
        label="Which outcomes does it serve?",
        help_text="Select all that apply",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, owners: list[User], outcomes: list[PlanOutcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            (str(user.pk), owner_label(user)) for user in owners
        ] + [(OTHER_OWNER, "Someone else (a family member or another person)")]
        cast(forms.ChoiceField, self.fields["outcomes"]).choices = [
            (str(o.pk), f"{o.child.display_name if o.child else 'Whole family'}: {o.what_must_change}")
            for o in outcomes
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("owner") == OTHER_OWNER and not cleaned.get("owner_name", "").strip():
            self.add_error("owner_name", "Enter who will do it")
        return cleaned

    def to_data(self) -> ActionData:
        data = self.cleaned_data
        owner = data["owner"]
        return ActionData(
            what=data["what"],
            owner_user_id=None if owner == OTHER_OWNER else int(owner),
            owner_name=data["owner_name"] if owner == OTHER_OWNER else "",
            due_on=data["due_on"],
            outcome_ids=tuple(int(pk) for pk in data["outcomes"]),
        )


class ViewsForm(VersionedForm):
    child_views = forms.CharField(
        label="What the children say about the plan",
        help_text="In their own words. Say how you asked them.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    family_views = forms.CharField(
        label="What the family say about the plan", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class ProgressForm(VersionedForm):
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )
    progress_note = forms.CharField(
        label="Progress",
        help_text="What has happened since the last update",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ApprovalForm(ManagerDecisionForm):
    thing = "the plan"
    question = "Do you approve this plan?"
