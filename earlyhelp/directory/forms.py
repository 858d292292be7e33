from __future__ import annotations

from typing import Any

from django import forms

from earlyhelp.directory.models import AccessRoute
from earlyhelp.directory.selectors import areas_active, needs_active

MAX_SEARCH_AGE = 120  # ages are of children, but a service for parents has no upper limit


class ServiceSearchForm(forms.Form):
    need = forms.ModelChoiceField(label="Need", queryset=needs_active(), required=False, empty_label="Any need")
    age = forms.IntegerField(
        label="Child's age",
        required=False,
        min_value=0,
        max_value=MAX_SEARCH_AGE,
        help_text="In years. Enter 0 for a baby",
        # GOV.UK asks for a text input with a numeric keyboard, not type="number" (which changes with the mouse wheel).
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3", "spellcheck": "false"}),
        error_messages={
            "invalid": "Age must be a whole number of years, like 7",
            "min_value": "Age must be 0 or more",
            "max_value": f"Age must be {MAX_SEARCH_AGE} or less",
        },
    )
    pregnancy = forms.BooleanField(label="Pregnancy (an unborn baby)", required=False)
    area = forms.ModelChoiceField(label="Area", queryset=areas_active(), required=False, empty_label="Any area")
    access_route = forms.ChoiceField(
        label="How to get in",
        required=False,
        choices=[("", "Any way"), *AccessRoute.choices],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="Words", required=False, max_length=100, help_text="In the name, description or provider"
    )

    def criteria(self) -> dict[str, Any]:
        """Keyword arguments for services_search."""
        data = self.cleaned_data
        return {
            "need": data.get("need"),
            "age": data.get("age"),
            "area": data.get("area"),
            "text": data.get("text", ""),
            "access_route": data.get("access_route", ""),
            "pregnancy": bool(data.get("pregnancy")),
        }
