"""One form per page of the request journey: input shape and messages only."""

from __future__ import annotations

from typing import Any

from django import forms

from earlyhelp.codes.models import Code
from earlyhelp.directory.models import Service
from earlyhelp.frontdoor.models import (
    Consent,
    ConsentPosition,
    NfaReview,
    Outcome,
    RequestPerson,
    SupportRequest,
    Urgency,
)
from earlyhelp.frontdoor.services import ChildOutcomeInput, check_child_outcome
from earlyhelp.people.models import RelationshipType, YesNoUnknown
from earlyhelp.people.validators import normalise_nhs_number, normalise_postcode, validate_not_future
from earlyhelp.thresholds.models import Indicator, Level
from earlyhelp.thresholds.selectors import threshold_current, threshold_levels
from earlyhelp.ui.forms import GovukDateField

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class HarmForm(forms.Form):
    significant_harm_now = forms.TypedChoiceField(
        label="Is a child at risk of significant harm now?",
        help_text="For example, a child has been hurt, has said they are being abused, or is not safe to go home.",
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if a child is at risk of significant harm now"},
    )


class ReferrerForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = [
            "referrer_name",
            "referrer_job_title",
            "referrer_agency",
            "referral_source",
            "referrer_email",
            "referrer_phone",
        ]
        labels = {"referrer_agency": "Your organisation", "referral_source": "Which service are you from?"}
        help_texts = {"referral_source": "As the Department for Education counts referral sources"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.fields["referral_source"]
        assert isinstance(source, forms.ModelChoiceField)
        source.queryset = Code.objects.of("referral_source")
        source.empty_label = "Select a service"
        for name in ("referrer_name", "referrer_agency", "referrer_email"):
            self.fields[name].required = True
        self.fields["referrer_name"].error_messages["required"] = "Enter your name"
        self.fields["referrer_agency"].error_messages["required"] = "Select your organisation"
        self.fields["referrer_email"].error_messages["required"] = "Enter your email address"


class ConcernsForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["concerns", "tried_before", "tried_outcome", "strengths"]
        help_texts = {
            "concerns": "What you have seen or heard, and why it worries you. You will say how it affects each child "
            "on the next pages.",
            "tried_before": "Help the family has had from you or others, and when.",
            "tried_outcome": "Whether it worked, and what got in the way.",
            "strengths": "For example, a parent who wants help, a supportive grandparent, a child who enjoys school.",
        }
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in fields}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["concerns"].required = True
        self.fields["concerns"].error_messages["required"] = "Enter what you are worried about"


class ConsentForm(forms.ModelForm):
    parents_aware = forms.ChoiceField(
        label="Do the parents or carers know about this request?",
        choices=YesNoUnknown.choices[:2],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the parents or carers know about this request"},
    )
    consent = forms.ChoiceField(
        label="Do they consent to it?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they consent to this request"},
    )

    class Meta:
        model = SupportRequest
        fields = ["parents_aware", "consent", "consent_reason"]
        help_texts = {
            "consent_reason": "If they have not been asked, or do not consent, say why. Sharing without consent is "
            "right only when asking would put a child at risk or there is another lawful reason."
        }
        widgets = {"consent_reason": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("consent") in (Consent.REFUSED, Consent.NOT_ASKED) and not cleaned.get("consent_reason"):
            self.add_error("consent_reason", "Enter why the parents have not been asked or do not consent")
        return cleaned


class ProfessionalsForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["professional_views"]
        help_texts = {
            "professional_views": "Name who you spoke to (for example the health visitor or GP) and what they said. "
            "Leave blank if you have not spoken to anyone."
        }
        widgets = {"professional_views": forms.Textarea(attrs={"rows": 5})}


class LanguageForm(forms.ModelForm):
    interpreter_needed = forms.ChoiceField(
        label="Does anyone in the family need an interpreter?",
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
        help_text="Never ask a child to interpret for their family.",
        error_messages={"required": "Select yes if anyone in the family needs an interpreter"},
    )

    class Meta:
        model = SupportRequest
        fields = ["interpreter_needed", "languages"]
        help_texts = {"languages": "For example, Polish and English; British Sign Language"}


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Level) -> str:
        return f"Level {obj.number}: {obj.name}"


class LevelForm(forms.ModelForm):
    suggested_level = LevelChoiceField(
        label="Which level of need do you think applies?",
        queryset=Level.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="From the partnership's threshold document. The front door makes the decision; your view helps.",
        error_messages={"required": "Select the level of need you think applies"},
    )

    class Meta:
        model = SupportRequest
        fields = ["suggested_level"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["suggested_level"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = threshold_levels(document=threshold_current())


class IndicatorsForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["suggested_indicators"]
        widgets = {"suggested_indicators": forms.CheckboxSelectMultiple}
        help_texts = {"suggested_indicators": "Select all that apply."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level = self.instance.suggested_level
        field = self.fields["suggested_indicators"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Indicator.objects.filter(level=level).order_by("order", "pk") if level else Indicator.objects.none()
        )
        if level:
            field.label = f"Which of these signs of level {level.number} do you see?"


class UrgencyForm(forms.Form):
    urgency = forms.ChoiceField(
        label="How soon does the family need help?",
        choices=[(Urgency.URGENT, "Urgently, within a day"), (Urgency.ROUTINE, "Within the usual timescale")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how soon the family needs help"},
    )


class PersonForm(forms.ModelForm):
    date_of_birth = GovukDateField(label="Date of birth", required=False, validators=[validate_not_future])

    class Meta:
        model = RequestPerson
        fields = [
            "first_name",
            "last_name",
            "other_names",
            "date_of_birth",
            "sex",
            "nhs_number",
            "address",
            "postcode",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sex = self.fields["sex"]
        assert isinstance(sex, forms.ModelChoiceField)
        sex.queryset = Code.objects.of("sex")
        sex.empty_label = "Not known"
        self.fields["first_name"].error_messages["required"] = "Enter their first name"
        self.fields["last_name"].error_messages["required"] = "Enter their last name"
        self.fields["nhs_number"].help_text = "If you know it"
        self.fields["postcode"].help_text = "If different from the children's, or if you know it"

    def clean_nhs_number(self) -> str:
        return normalise_nhs_number(self.cleaned_data["nhs_number"])

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])


class ChildForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = [*PersonForm.Meta.fields, "school_or_setting", "concerns", "impact", "child_views"]
        help_texts = {
            "concerns": "About this child only.",
            "impact": "Their daily life: sleep, eating, school, friends, mood, safety.",
            "child_views": "In their own words if you can. Say if you have not been able to ask them.",
        }
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("concerns", "impact", "child_views")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].help_text = "For example, 27 3 2019. Leave blank for an unborn baby."
        self.fields["impact"].required = True
        self.fields["impact"].error_messages["required"] = "Enter how this is affecting the child"


class AdultForm(PersonForm):
    relationship = forms.ChoiceField(
        label="Relationship to the children",
        choices=[("", "Select a relationship"), *RelationshipType.choices],
        error_messages={"required": "Select their relationship to the children"},
    )
    lives_in_household = forms.TypedChoiceField(
        label="Do they live with the children?",
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if they live with the children"},
    )

    class Meta(PersonForm.Meta):
        fields = [*PersonForm.Meta.fields, "relationship", "lives_in_household"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.lives_in_household is not None:
            self.initial["lives_in_household"] = "yes" if self.instance.lives_in_household else "no"


class SelfReferralForm(forms.Form):
    """The family's own request: plain words, few questions, nothing a parent would need help to answer."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    # A field people never see: only robots fill it in.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    contact_name = forms.CharField(label="Your name", max_length=150, error_messages={"required": "Enter your name"})
    relationship = forms.ChoiceField(
        label="Who are you?",
        choices=[
            ("parent", "A parent or carer"),
            ("young_person", "A young person asking for help for myself"),
            ("relative", "Another family member or friend"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who you are"},
    )
    child_first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    child_last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    child_date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2019", validators=[validate_not_future]
    )
    other_children = forms.CharField(
        label="Other children in the family",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Their names and ages, if you would like help for them too.",
    )
    concerns = forms.CharField(
        label="What is happening, and what help would you like?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us what is happening"},
    )
    postcode = forms.CharField(label="Your postcode", max_length=8, error_messages={"required": "Enter your postcode"})
    contact_phone = forms.CharField(label="Phone number", max_length=40, required=False)
    contact_email = forms.EmailField(label="Email address", required=False)
    safe_to_contact = forms.CharField(
        label="Is it safe for us to call, text or email you?",
        required=False,
        max_length=300,
        help_text="Tell us if there are times or ways we should not contact you.",
    )
    languages = forms.CharField(
        label="Which language would you like us to use?",
        max_length=200,
        required=False,
        help_text="We can get an interpreter.",
    )
    consent = forms.BooleanField(
        label="I agree that the early help team can talk to people who work with my family, like the school or "
        "health visitor, to find the right help",
        required=False,
    )

    def clean_postcode(self) -> str:
        from earlyhelp.people.validators import validate_postcode

        value = normalise_postcode(self.cleaned_data["postcode"])
        validate_postcode(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not (cleaned.get("contact_phone") or cleaned.get("contact_email")):
            self.add_error("contact_phone", "Enter a phone number or an email address so we can reply")
        return cleaned


def _indicator_label(indicator: Indicator) -> str:
    return f"Level {indicator.level.number}: {indicator.text}"


class DecisionForm(forms.Form):
    """The front door's decision. Fields for each child are added per request; rule checks are the service's."""

    level = LevelChoiceField(
        label="Level of need",
        queryset=Level.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the level of need"},
    )
    indicators = forms.ModelMultipleChoiceField(
        label="Indicators you see",
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs_identified = forms.TypedChoiceField(
        label="Has a need been identified?",
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if a need has been identified"},
    )
    rationale = forms.CharField(
        label="Why did you decide this?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="In plain words: the referrer will read it. Refer to the threshold document.",
        error_messages={"required": "Enter why you decided this"},
    )
    consent_position = forms.ChoiceField(
        label="Consent",
        choices=ConsentPosition.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the consent position"},
    )
    consent_note = forms.CharField(label="Consent notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    CHILD_FIELDS = (
        "outcome",
        "team",
        "service",
        "support_detail",
        "social_care_reference",
        "offer_of_help",
        "no_help_reason",
    )

    def __init__(self, *args: Any, children: list[RequestPerson], teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        levels = threshold_levels(document=threshold_current())
        level_field = self.fields["level"]
        indicator_field = self.fields["indicators"]
        assert isinstance(level_field, forms.ModelChoiceField)
        assert isinstance(indicator_field, forms.ModelMultipleChoiceField)
        level_field.queryset = levels
        indicator_field.queryset = Indicator.objects.filter(level__in=levels).select_related("level")
        indicator_field.label_from_instance = _indicator_label  # type: ignore[method-assign,assignment]
        for child in children:
            name = child.first_name
            self.fields[f"outcome_{child.pk}"] = forms.ChoiceField(
                label=f"What will happen for {name}?",
                choices=Outcome.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select what will happen for {name}"},
            )
            self.fields[f"team_{child.pk}"] = forms.ModelChoiceField(
                label="Team for early help", queryset=teams, required=False, empty_label="Select a team"
            )
            self.fields[f"service_{child.pk}"] = forms.ModelChoiceField(
                label="Service from the directory",
                queryset=Service.objects.live().order_by("name"),
                required=False,
                empty_label="No service from the directory",
                help_text="Recorded against the child when they are on the register.",
            )
            self.fields[f"support_detail_{child.pk}"] = forms.CharField(
                label="Advice, service or support",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="For advice, signposting or single-agency support: what, and who provides it.",
            )
            self.fields[f"social_care_reference_{child.pk}"] = forms.CharField(
                label="Children's social care reference", required=False, max_length=50
            )
            self.fields[f"offer_of_help_{child.pk}"] = forms.CharField(
                label="Help offered", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"no_help_reason_{child.pk}"] = forms.CharField(
                label="Or: why no help is offered", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("level", "needs_identified")]

    def indicator_groups(self) -> list[tuple[Level, bool, list[tuple[Any, Indicator]]]]:
        """The indicator checkboxes grouped by level; the level chosen (or suggested) opens, the rest fold away."""
        chosen = str(self["level"].value() or "")
        groups: dict[int, tuple[Level, list[tuple[Any, Indicator]]]] = {}
        for option in self["indicators"]:
            indicator = option.data["value"].instance
            groups.setdefault(indicator.level_id, (indicator.level, []))[1].append((option, indicator))
        return [
            (level, str(level.pk) == chosen or any(o.data["selected"] for o, _ in options), options)
            for level, options in groups.values()
        ]

    def closing_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("rationale", "consent_position", "consent_note")]

    def child_sections(self) -> list[tuple[RequestPerson, list[forms.BoundField]]]:
        return [(c, [self[f"{f}_{c.pk}"] for f in self.CHILD_FIELDS]) for c in self.children]

    def outcome_inputs(self) -> list[ChildOutcomeInput]:
        data = self.cleaned_data
        return [
            ChildOutcomeInput(
                child=child,
                outcome=data.get(f"outcome_{child.pk}", ""),
                team=data.get(f"team_{child.pk}"),
                support_detail=data.get(f"support_detail_{child.pk}", ""),
                service=data.get(f"service_{child.pk}"),
                social_care_reference=data.get(f"social_care_reference_{child.pk}", ""),
                offer_of_help=data.get(f"offer_of_help_{child.pk}", ""),
                no_help_reason=data.get(f"no_help_reason_{child.pk}", ""),
            )
            for child in self.children
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needs = bool(cleaned.get("needs_identified"))
        for item in self.outcome_inputs():
            if not item.outcome:
                continue
            for field, message in check_child_outcome(item, needs_identified=needs).items():
                self.add_error(f"{field}_{item.child.pk}", message)
        return cleaned


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label="What the referrer will read",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Drafted from your decision. Use plain words; say what will happen and who to contact.",
        error_messages={"required": "Enter the feedback for the referrer"},
    )


class NfaReviewForm(forms.Form):
    result = forms.ChoiceField(
        label="Your review",
        choices=NfaReview.Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree with the decision"},
    )
    note = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="If the front door must look again, say what at.",
    )


class ReconsiderForm(forms.Form):
    reason = forms.CharField(
        label="Why should the front door look at this decision again?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Say what you think was missed, and anything new since you asked for help.",
        error_messages={"required": "Enter why the decision should be looked at again"},
    )
