"""Forms of the Team Around the Family pages. Forms only check what was typed; the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from earlyhelp.accounts.models import User
from earlyhelp.organisations.models import Agency
from earlyhelp.people.models import Person
from earlyhelp.plans.models import Attendance, TafMember
from earlyhelp.plans.taf_services import Participation
from earlyhelp.ui.forms import GovukDateField

ROLE_HELP = "For example 'School nurse' or 'Designated safeguarding lead'"


class PractitionerSearchForm(forms.Form):
    q = forms.CharField(
        label="Name or email address",
        max_length=150,
        help_text="Practitioners with an account, in any agency",
    )


class PractitionerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        profile = obj.profile
        title = f"{profile.job_title}, " if profile.job_title else ""
        return f"{obj.get_full_name()} – {title}{profile.agency.name} ({obj.email})"


class TafInviteForm(forms.Form):
    q = forms.CharField(widget=forms.HiddenInput, required=False)
    invitee = PractitionerChoiceField(
        label="Who do you want to invite?",
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the practitioner to invite"},
    )
    role = forms.CharField(
        label="Their role in the Team Around the Family",
        max_length=150,
        help_text=ROLE_HELP,
        error_messages={"required": "Enter their role in the Team Around the Family"},
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["invitee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates


class TafMemberAddForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=150, error_messages={"required": "Enter their full name"})
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        empty_label="Select an agency",
        error_messages={"required": "Select their agency"},
    )
    role = forms.CharField(
        label="Their role in the Team Around the Family",
        max_length=150,
        help_text=ROLE_HELP,
        error_messages={"required": "Enter their role in the Team Around the Family"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Agency.objects.live().order_by("name")


YES_NO = (("yes", "Yes"), ("no", "No"))


class TafMeetingForm(forms.Form):
    """A meeting: who of the team came, whether each child and each parent or carer took part and how."""

    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2026")
    location = forms.CharField(label="Where was it held?", max_length=200, required=False)

    def __init__(
        self, *args: Any, members: list[TafMember], children: list[Person], adults: list[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members, self.children, self.adults = members, children, adults
        for member in members:
            self.fields[f"attendance_{member.pk}"] = forms.ChoiceField(
                label=f"{member.name} ({member.role}, {member.agency.name})",
                choices=Attendance.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select whether {member.name} attended"},
            )
        for person in (*children, *adults):
            name = person.display_name
            self.fields[f"took_part_{person.pk}"] = forms.ChoiceField(
                label=f"Did {name} take part?",
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select whether {name} took part"},
            )
            self.fields[f"how_{person.pk}"] = forms.CharField(
                label=f"How {name} took part, or why not",
                max_length=200,
                required=False,
                help_text="For example, in person, views shared beforehand, through an advocate",
            )
        self.fields["decisions"] = forms.CharField(label="Decisions", widget=forms.Textarea(attrs={"rows": 5}))
        self.fields["minutes"] = forms.CharField(
            label="Minutes", widget=forms.Textarea(attrs={"rows": 8}), required=False
        )
        self.fields["decisions"].error_messages["required"] = "Enter the decisions made"

    def clean_held_on(self) -> datetime.date:
        held_on: datetime.date = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError("Date of the meeting must be today or in the past")
        return held_on

    def member_fields(self) -> list[forms.BoundField]:
        return [self[f"attendance_{member.pk}"] for member in self.members]

    def person_fields(self, people: list[Person]) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"took_part_{p.pk}"], self[f"how_{p.pk}"]) for p in people]

    def child_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return self.person_fields(self.children)

    def adult_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return self.person_fields(self.adults)

    def attendance(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data[f"attendance_{member.pk}"] for member in self.members}

    def participation(self) -> list[Participation]:
        return [
            Participation(
                person_id=person.pk,
                took_part=self.cleaned_data[f"took_part_{person.pk}"] == "yes",
                how=self.cleaned_data[f"how_{person.pk}"],
            )
            for person in (*self.children, *self.adults)
        ]
