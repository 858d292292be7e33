"""Forms of allocation: to a team, then to a lead practitioner (R4.1). They only collect; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from earlyhelp.accounts.models import User
from earlyhelp.organisations.models import Team


class AllocateTeamForm(forms.Form):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages={"required": "Choose a team", "invalid_choice": "Choose a team from the list"},
        help_text="Council early help teams and partner agencies' teams",
    )
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, why the family moves to this team",
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams
        field.label_from_instance = lambda obj: f"{obj.name} ({obj.agency.name})"  # type: ignore[method-assign]


class AllocateLeadForm(forms.Form):
    """The candidates' radios are drawn by the page with each candidate's caseload, skills and languages; the field
    accepts any active user and the service checks they can lead."""

    lead = forms.ModelChoiceField(
        label="Lead practitioner",
        queryset=User.objects.filter(is_active=True, profile__isnull=False),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a lead practitioner", "invalid_choice": "Choose a lead practitioner"},
    )
    reason = forms.CharField(
        label="Why this practitioner?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example their skills, languages or an earlier relationship with the family",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CandidateSearchForm(forms.Form):
    name = forms.CharField(
        label="Find a practitioner by name",
        required=False,
        max_length=100,
        help_text="Search practitioners in any agency",
    )
