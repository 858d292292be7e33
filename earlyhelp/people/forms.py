from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from earlyhelp.people.selectors import PersonSearchCriteria
from earlyhelp.people.validators import POSTCODE_RE, normalise_postcode, validate_nhs_number, validate_not_future
from earlyhelp.ui.forms import GovukDateField


class PersonSearchForm(forms.Form):
    name = forms.CharField(
        label="Name", required=False, max_length=100, help_text="Any part of a first, last, preferred or other name"
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2019", validators=[validate_not_future]
    )
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=12, help_text="10 digits")
    postcode = forms.CharField(label="Postcode", required=False, max_length=8)

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data["nhs_number"]
        if value:
            validate_nhs_number(value)
        return re.sub(r"\s", "", value)

    def clean_postcode(self) -> str:
        value = normalise_postcode(self.cleaned_data["postcode"])
        # A partial postcode is no search key: a whole one narrows results without guesswork.
        if value and not POSTCODE_RE.fullmatch(value):
            raise ValidationError("Enter a full postcode, like SW1A 2AA")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(cleaned.get(f) for f in ("name", "date_of_birth", "nhs_number", "postcode")):
            raise ValidationError("Enter a name, date of birth, NHS number or postcode to search")
        name = cleaned.get("name", "")
        if name and len(name.strip()) < 2 and not any(cleaned.get(f) for f in ("date_of_birth", "nhs_number")):
            self.add_error("name", "Enter at least 2 letters of a name")
        return cleaned

    def criteria(self) -> PersonSearchCriteria:
        data = self.cleaned_data
        return PersonSearchCriteria(
            name=data.get("name", "").strip(),
            date_of_birth=data.get("date_of_birth"),
            nhs_number=data.get("nhs_number", ""),
            postcode=data.get("postcode", ""),
        )
