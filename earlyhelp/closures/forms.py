"""Forms of closure. Each edit form carries the closure's version as it was loaded (optimistic locking)."""

from __future__ import annotations

from typing import Any

from django import forms

from earlyhelp.closures.models import Closure, ClosureReason, HelpRating, Improvement
from earlyhelp.closures.services import RESPONDENTS, FeedbackAnswers, NeedOutcomeInput
from earlyhelp.needs.models import EpisodeNeed
from earlyhelp.ui.forms import ManagerDecisionForm


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("version")


class ReasonForm(VersionedForm):
    reason = forms.ChoiceField(
        label="Why is the episode closing?",
        choices=ClosureReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the episode is closing"},
    )
    reason_detail = forms.CharField(
        label="More detail",
        help_text="Needed for 'moved out of the area', 'transferred' and 'other': where to, or why",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needs_detail = {ClosureReason.OTHER, ClosureReason.TRANSFERRED, ClosureReason.MOVED_AREA}
        if cleaned.get("reason") in needs_detail and not cleaned.get("reason_detail", "").strip():
            self.add_error("reason_detail", "Enter more detail about why the episode is closing")
        return cleaned


class OutcomesForm(VersionedForm):
    """One rating and one piece of evidence for each identified need."""

    def __init__(self, *args: Any, needs: list[EpisodeNeed], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs = needs
        for need in needs:
            label = need.area.label
            self.fields[f"improvement_{need.pk}"] = forms.ChoiceField(
                label=f"What changed: {label}",
                choices=Improvement.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select the outcome for {label.lower()}"},
            )
            self.fields[f"evidence_{need.pk}"] = forms.CharField(
                label=f"Evidence: {label}",
                help_text="How you know: attendance figures, reports, what the family said",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Enter the evidence for {label.lower()}"},
            )

    def blocks(self) -> list[dict[str, Any]]:
        """Each need with its fields and the descriptor of each option, for the template."""
        blocks = []
        for need in self.needs:
            field = self[f"improvement_{need.pk}"]
            descriptors = {
                Improvement.NONE: need.area.descriptor_none,
                Improvement.SOME: need.area.descriptor_some,
                Improvement.SIGNIFICANT: need.area.descriptor_significant,
            }
            options = [
                {"widget": option, "hint": descriptors.get(option.data["value"], "")} for option in field.subwidgets
            ]
            blocks.append(
                {"need": need, "improvement": field, "options": options, "evidence": self[f"evidence_{need.pk}"]}
            )
        return blocks

    def to_data(self) -> list[NeedOutcomeInput]:
        return [
            NeedOutcomeInput(
                need_id=need.pk,
                improvement=self.cleaned_data[f"improvement_{need.pk}"],
                evidence=self.cleaned_data[f"evidence_{need.pk}"],
            )
            for need in self.needs
        ]

    @staticmethod
    def initial_for(closure: Closure | None) -> dict[str, Any]:
        if closure is None:
            return {}
        initial: dict[str, Any] = {"version": closure.version}
        for outcome in closure.need_outcomes.all():
            initial[f"improvement_{outcome.need_id}"] = outcome.improvement
            initial[f"evidence_{outcome.need_id}"] = outcome.evidence
        return initial


class SummaryForm(VersionedForm):
    summary = forms.CharField(
        label="What changed for each child, and what the family said",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what changed for each child and what the family said"},
    )
    ongoing_support = forms.CharField(
        label="Support the family will carry on using",
        help_text="For example the children's centre, a parenting group or the school nurse drop-in",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class SubmitForm(VersionedForm):
    pass


class DecisionForm(ManagerDecisionForm):
    thing = "the closure"
    question = "Do you approve closing this episode?"


class FeedbackLinkForm(forms.Form):
    email = forms.EmailField(
        label="Email address to send the link to",
        help_text="Leave this empty to copy the link and give it to the family yourself",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )


HELP_CHOICES = HelpRating.choices


class QuestionnaireForm(forms.Form):
    respondent = forms.ChoiceField(
        label="Who is answering?",
        choices=list(RESPONDENTS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is answering"},
    )
    helped = forms.ChoiceField(
        label="Did the help make a difference to your family?",
        choices=HELP_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select if the help made a difference to your family"},
    )
    listened_to = forms.ChoiceField(
        label="Did we listen to you?",
        choices=HELP_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select if we listened to you"},
    )
    children_better = forms.ChoiceField(
        label="Are things better for your children?",
        choices=HELP_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select if things are better for your children"},
    )
    what_helped = forms.CharField(
        label="What helped most?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
    what_could_be_better = forms.CharField(
        label="What could we do better?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def to_answers(self) -> FeedbackAnswers:
        data = self.cleaned_data
        return FeedbackAnswers(
            respondent=data["respondent"],
            helped=data["helped"],
            listened_to=data["listened_to"],
            children_better=data["children_better"],
            what_helped=data["what_helped"],
            what_could_be_better=data["what_could_be_better"],
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why are you reopening the episode?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the episode is being reopened"},
    )
