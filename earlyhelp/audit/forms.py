from __future__ import annotations

from typing import Any

from django import forms

from earlyhelp.audit.models import AccessAction
from earlyhelp.audit.selectors import AccessEventFilters
from earlyhelp.ui.forms import GovukDateField


class AccessEventFilterForm(forms.Form):
    user_email = forms.EmailField(label="User's email address", required=False)
    family_reference = forms.CharField(
        label="Family reference", required=False, max_length=20, help_text="For example, NS-000123"
    )
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action"), *AccessAction.choices])
    date_from = GovukDateField(label="From", required=False)
    date_to = GovukDateField(label="To", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned

    def filters(self) -> AccessEventFilters:
        data = self.cleaned_data
        return AccessEventFilters(
            user_email=data.get("user_email", ""),
            family_reference=data.get("family_reference", "").strip().upper(),
            action=data.get("action", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
