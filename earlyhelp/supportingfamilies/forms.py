"""The claim form."""

from __future__ import annotations

from django import forms


class ClaimForm(forms.Form):
    period = forms.CharField(
        label="Claim period",
        help_text="The financial year and quarter, for example 2026-27 Q3",
        max_length=20,
        error_messages={"required": "Enter the claim period"},
    )
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False)
