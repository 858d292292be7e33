"""Forms of the assessment sections. A draft ("Save and come back later", autosave) keeps whatever was typed; only
"Save and continue" insists on the answers that go together (why a child was not seen alone, why a father is not
involved), so nothing is ever lost to a validation error."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from earlyhelp.assessments.models import (
    Assessment,
    CarerAssessment,
    CarerConsent,
    ChildAssessment,
    DimensionRating,
    HowGathered,
    Participation,
    Rating,
)
from earlyhelp.codes.models import Code
from earlyhelp.people.models import Person

YES_NO = [("yes", "Yes"), ("no", "No")]
TEXT = forms.Textarea(attrs={"rows": 5})


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _as_yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


class SectionForm(forms.Form):
    """Every section carries the version of the assessment the user loaded (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, complete: bool = False, **kwargs: Any) -> None:
        self.complete = complete
        super().__init__(*args, **kwargs)

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("version")


class RatingsMixin(forms.Form):
    """A rating and an optional note for each dimension of one side of the Assessment Framework triangle."""

    def add_ratings(self, dims: Iterable[Code], existing: dict[int, DimensionRating]) -> None:
        self.dimensions = list(dims)
        for dim in self.dimensions:
            row = existing.get(dim.pk)
            self.fields[f"rating_{dim.pk}"] = forms.ChoiceField(
                label=dim.label,
                choices=Rating.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.rating if row else None,
            )
            self.fields[f"note_{dim.pk}"] = forms.CharField(
                label=f"Note about {dim.label[:1].lower()}{dim.label[1:]}",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=row.note if row else "",
            )

    def rating_fields(self) -> list[tuple[Code, forms.BoundField, forms.BoundField]]:
        return [(d, self[f"rating_{d.pk}"], self[f"note_{d.pk}"]) for d in self.dimensions]

    def ratings(self) -> dict[Code, tuple[str, str]]:
        return {
            d: (self.cleaned_data.get(f"rating_{d.pk}") or "", self.cleaned_data.get(f"note_{d.pk}") or "")
            for d in self.dimensions
        }

    def clean_ratings(self) -> None:
        for d in self.dimensions:
            if self.cleaned_data.get(f"note_{d.pk}", "").strip() and not self.cleaned_data.get(f"rating_{d.pk}"):
                self.add_error(f"rating_{d.pk}", f"Select a rating for {d.label[:1].lower()}{d.label[1:]}")


class ChildForm(SectionForm, RatingsMixin):
    how_gathered = forms.ChoiceField(
        label="How did you hear the child’s voice?",
        choices=HowGathered.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    seen = forms.ChoiceField(label="Was the child seen?", choices=YES_NO, widget=forms.RadioSelect, required=False)
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    not_seen_alone_reason = forms.CharField(
        label="Why was the child not seen alone?", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    wishes_and_feelings = forms.CharField(
        label="The child’s wishes and feelings",
        help_text="In the child’s own words where you can",
        widget=TEXT,
        required=False,
    )
    daily_lived_experience = forms.CharField(
        label="The child’s daily lived experience",
        help_text="What a day is like for this child",
        widget=TEXT,
        required=False,
    )
    strengths = forms.CharField(label="Strengths", widget=TEXT, required=False)
    needs = forms.CharField(label="Needs", widget=TEXT, required=False)

    def __init__(
        self,
        *args: Any,
        person: Person,
        section: ChildAssessment | None,
        dims: Iterable[Code],
        ratings: dict[int, DimensionRating],
        **kwargs: Any,
    ) -> None:
        if section is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(section, name) for name in ("how_gathered", "not_seen_alone_reason")},
                    **{name: getattr(section, name) for name in ("wishes_and_feelings", "daily_lived_experience")},
                    "strengths": section.strengths,
                    "needs": section.needs,
                    "seen": _as_yes_no(section.seen),
                    "seen_alone": _as_yes_no(section.seen_alone),
                    **kwargs.get("initial", {}),
                },
            )
        super().__init__(*args, **kwargs)
        name = person.preferred_name or person.legal_first_name
        self.fields["how_gathered"].label = f"How did you hear {name}’s voice?"
        self.fields["seen"].label = f"Was {name} seen?"
        self.fields["seen_alone"].label = f"Was {name} seen alone?"
        self.fields["not_seen_alone_reason"].label = f"Why was {name} not seen alone?"
        self.fields["wishes_and_feelings"].label = f"{name}’s wishes and feelings"
        self.fields["daily_lived_experience"].label = f"{name}’s daily lived experience"
        self.child_name = name
        self.add_ratings(dims, ratings)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["seen"] = _yes_no(data.get("seen", ""))
        data["seen_alone"] = _yes_no(data.get("seen_alone", ""))
        self.clean_ratings()
        if data["seen"] is False and data["seen_alone"]:
            self.add_error("seen_alone", f"{self.child_name} cannot be seen alone without being seen")
        if self.complete:
            if data["seen"] and data["seen_alone"] is None:
                self.add_error("seen_alone", f"Select whether {self.child_name} was seen alone")
            if data["seen"] and data["seen_alone"] is False and not data.get("not_seen_alone_reason", "").strip():
                self.add_error("not_seen_alone_reason", f"Record why {self.child_name} was not seen alone")
        return data


class CarerForm(SectionForm, RatingsMixin):
    relationship = forms.CharField(label="Relationship to the children", max_length=60, required=False)
    participation = forms.ChoiceField(
        label="How did they take part in the assessment?",
        choices=Participation.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    not_involved_reason = forms.CharField(
        label="Why are they not involved?",
        help_text="What was tried, and why it did not happen",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    consent = forms.ChoiceField(
        label="Consent to the assessment", choices=CarerConsent.choices, widget=forms.RadioSelect, required=False
    )
    parenting_capacity = forms.CharField(label="Parenting capacity", widget=TEXT, required=False)

    def __init__(
        self,
        *args: Any,
        person: Person,
        relationship: str,
        is_male_carer: bool,
        section: CarerAssessment | None,
        dims: Iterable[Code],
        ratings: dict[int, DimensionRating],
        **kwargs: Any,
    ) -> None:
        initial = {"relationship": relationship}
        if section is not None:
            initial = {
                name: getattr(section, name)
                for name in ("relationship", "participation", "not_involved_reason", "consent", "parenting_capacity")
            }
            initial["relationship"] = initial["relationship"] or relationship
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.carer_name = person.preferred_name or person.legal_first_name
        self.is_male_carer = is_male_carer
        self.fields["participation"].label = f"How did {self.carer_name} take part in the assessment?"
        self.fields["not_involved_reason"].label = f"Why is {self.carer_name} not involved?"
        self.fields["consent"].label = f"{self.carer_name}’s consent to the assessment"
        self.fields["parenting_capacity"].label = f"{self.carer_name}’s parenting capacity"
        self.add_ratings(dims, ratings)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_ratings()
        if (
            self.complete
            and self.is_male_carer
            and data.get("participation") == Participation.NOT_INVOLVED
            and not data.get("not_involved_reason", "").strip()
        ):
            self.add_error("not_involved_reason", f"Record why {self.carer_name} is not involved")
        return data


class HistoryForm(SectionForm):
    family_history = forms.CharField(
        label="Family history",
        help_text="Prefilled from earlier requests for support and episodes. "
        "Correct it and add what the family tells you.",
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
    )
    history_reviewed = forms.BooleanField(label="I have reviewed the family history", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.complete and data.get("history_reviewed") and not data.get("family_history", "").strip():
            self.add_error("family_history", "Enter the family history")
        return data


class FamilyRatingsForm(SectionForm, RatingsMixin):
    def __init__(self, *args: Any, dims: Iterable[Code], ratings: dict[int, DimensionRating], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_ratings(dims, ratings)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_ratings()
        return data


class StrengthsForm(SectionForm):
    family_strengths = forms.CharField(label="Strengths", widget=TEXT, required=False)
    family_needs = forms.CharField(label="Needs", widget=TEXT, required=False)
    risks = forms.CharField(label="Risks", widget=TEXT, required=False)


class AnalysisForm(SectionForm):
    analysis = forms.CharField(
        label="Analysis",
        help_text="What the information means for each child: the impact of the family’s difficulties on them, "
        "what is likely to happen without help, and what needs to change",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
    )


class FactorsForm(SectionForm):
    factors = forms.ModelMultipleChoiceField(
        label="Factors identified",
        queryset=Code.objects.of("cin_factor"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def family_initial(assessment: Assessment, *names: str) -> dict[str, Any]:
    return {name: getattr(assessment, name) for name in names}


class ContributionForm(forms.Form):
    about = forms.ChoiceField(label="Who is your contribution about?", widget=forms.RadioSelect)
    text = forms.CharField(
        label="Your contribution",
        help_text="What you know about the family or the child from your work with them",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter your contribution"},
    )

    def __init__(self, *args: Any, children: Iterable[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(c.pk): c for c in children}
        about = self.fields["about"]
        assert isinstance(about, forms.ChoiceField)
        about.choices = [("family", "The whole family"), *((pk, c.display_name) for pk, c in self.children.items())]
        self.fields["about"].error_messages["required"] = "Select who your contribution is about"

    def about_person(self) -> Person | None:
        return self.children.get(self.cleaned_data["about"])


class SubmitForm(SectionForm):
    pass


class SignOffForm(SectionForm):
    decision = forms.ChoiceField(
        label="What do you want to do?",
        choices=[("sign_off", "Sign off the assessment"), ("return", "Return it for more work")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to sign off the assessment or return it"},
    )
    comment = forms.CharField(
        label="Comment",
        help_text="If you return it, say what more is needed",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a comment"},
    )


class ReassessForm(forms.Form):
    reason = forms.CharField(
        label="What new information has arrived?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what new information has arrived"},
    )
