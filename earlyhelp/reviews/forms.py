"""Forms of a review: the review's details and views, one rating form per plan outcome, and the decision.

Fields are required only when the user saves and continues to the decision; "Save and come back later" keeps
whatever is there (a draft). The review's version travels with the details form (optimistic locking)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from earlyhelp.plans.models import PlanOutcome, TafMeeting
from earlyhelp.reviews.models import Progress, Review, ReviewDecision, ReviewOutcome
from earlyhelp.reviews.selectors import outcome_subject
from earlyhelp.reviews.services import Rating
from earlyhelp.ui.forms import GovukDateField

NO_MEETING = "none"


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    held_on = GovukDateField(label="Date the review was held", help_text="For example, 14 1 2027", required=False)
    meeting = forms.ChoiceField(
        label="Was the review held at a Team Around the Family meeting?",
        widget=forms.RadioSelect,
        required=False,
    )
    child_views = forms.CharField(
        label="The children's views",
        help_text="What the children said about how things are now, in their own words",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    family_views = forms.CharField(
        label="The family's views",
        help_text="What the parents and carers said",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, meetings: list[TafMeeting], complete: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["meeting"]).choices = [
            (str(meeting.pk), f"Yes, at the meeting on {meeting.held_on:%-d %B %Y}") for meeting in meetings
        ] + [(NO_MEETING, "No, not at a meeting")]
        if complete:
            self.fields["held_on"].required = True
            self.fields["child_views"].required = True
            self.fields["child_views"].error_messages["required"] = "Enter the children's views"
            self.fields["family_views"].required = True
            self.fields["family_views"].error_messages["required"] = "Enter the family's views"

    @staticmethod
    def initial_for(review: Review) -> dict[str, Any]:
        return {
            "version": review.version,
            "held_on": review.held_on,
            "meeting": str(review.meeting_id) if review.meeting_id else (NO_MEETING if review.held_on else None),
            "child_views": review.child_views,
            "family_views": review.family_views,
        }

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("version")

    @property
    def meeting_id(self) -> int | None:
        meeting = self.cleaned_data.get("meeting")
        return int(meeting) if meeting and meeting != NO_MEETING else None


class OutcomeRatingForm(forms.Form):
    """Progress on one plan outcome and the evidence of what changed for the child (prefix: the outcome)."""

    progress = forms.ChoiceField(choices=Progress.choices, widget=forms.RadioSelect, required=False)
    impact_evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, outcome: PlanOutcome, complete: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"outcome-{outcome.pk}")
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        subject = outcome_subject(outcome)
        self.fields["progress"].label = f"Progress on: {outcome.what_must_change}"
        self.fields["impact_evidence"].label = f"What is different for {subject}, and how do we know?"
        self.fields[
            "impact_evidence"
        ].help_text = (
            f"The evidence of the impact on {subject}: what has changed in their life, not whether actions were done"
        )
        if complete:
            self.fields["progress"].required = True
            self.fields["progress"].error_messages["required"] = (
                f"Select the progress on “{outcome.what_must_change[:60]}”"
            )
            self.fields["impact_evidence"].required = True
            self.fields["impact_evidence"].error_messages["required"] = (
                f"Enter what is different for {subject}, and how we know"
            )

    @staticmethod
    def initial_for(rating: ReviewOutcome | None) -> dict[str, Any]:
        if rating is None:
            return {}
        return {"progress": rating.progress, "impact_evidence": rating.impact_evidence}

    def rating(self) -> Rating:
        return Rating(
            progress=self.cleaned_data.get("progress", ""),
            impact_evidence=self.cleaned_data.get("impact_evidence", ""),
        )


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(
        label="What did the review decide?",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages=dict.fromkeys(("required", "invalid_choice"), "Select the decision of the review"),
    )
    decision_reason = forms.CharField(
        label="Why?",
        help_text="The reasons for the decision, as you would explain them to the family",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for the decision"},
    )

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("version")
