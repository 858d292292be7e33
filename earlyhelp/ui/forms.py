"""The project's one form renderer: every Django form, and every field in it, renders GOV.UK Frontend markup.

Views do nothing special: `{{ form }}` renders non-field errors, hidden fields and each field through
`ui/forms/field.html`, which picks one of `ui/forms/fields/` by the field's kind (`field_kind`): a fieldset for
grouped inputs (date, radios, checkboxes), a single checkbox, or a labelled control. Hints and errors use Django's
own ids (`<id>_helptext`, `<id>_error`), so the `aria-describedby` Django adds to inputs points at them. Pages
put `{% govuk_error_summary form %}` at the top of main and give their <form> `novalidate`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import SafeString

DATE_PARTS = ("day", "month", "year")
# Passed from the field to the date widget in its attrs, never rendered: which of day, month, year to highlight.
ERROR_PARTS_ATTR = "_govuk_error_parts"


def lower_first(label: str) -> str:
    """A label inside a sentence: "Date of birth" reads "Enter date of birth"; "DBS check date" keeps its capitals."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year as separate numeric text inputs, never a date picker."""

    template_name = "ui/forms/widgets/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(
                attrs={
                    "class": f"govuk-input govuk-date-input__input govuk-input--width-{4 if part == 'year' else 2}",
                    "inputmode": "numeric",
                }
            )
            for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        error_parts = attrs.pop(ERROR_PARTS_ATTR, ())
        # Only the parts in error are marked invalid, as the GOV.UK pattern highlights only those.
        attrs.pop("aria-invalid", None)
        context = super().get_context(name, value, attrs)
        field_id = context["widget"]["attrs"].get("id")
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["part"] = part
            if field_id:
                subwidget["attrs"]["id"] = f"{field_id}_{part}"
            if part in error_parts:
                subwidget["attrs"]["class"] += " govuk-input--error"
                subwidget["attrs"]["aria-invalid"] = "true"
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else id_


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK date input error messages built from the label."""

    widget = GovukDateInput
    default_error_messages = {
        "required": "Enter %(lower_label)s",
        "incomplete": "%(label)s must include a %(missing)s",
        "invalid": "%(label)s must be a real date",
        "year_length": "Year must include 4 numbers",
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        texts = [str(part).strip() if part is not None else "" for part in (value or (None, None, None))]
        if not any(texts):
            return None
        parts = dict(zip(DATE_PARTS, texts, strict=True))
        missing = [part for part in DATE_PARTS if not parts[part]]
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))
        not_numbers = [part for part in DATE_PARTS if not (parts[part].isascii() and parts[part].isdigit())]
        if not_numbers:
            raise self._error("invalid", not_numbers)
        if len(parts["year"]) != 4:
            raise self._error("year_length", ["year"])
        day, month, year = (int(parts[part]) for part in DATE_PARTS)
        if not 1 <= month <= 12:
            raise self._error("invalid", ["month"])
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise self._error("invalid", ["year"] if year < datetime.MINYEAR else ["day"]) from None

    def validate(self, value: datetime.date | None) -> None:
        if value is None and self.required:
            raise self._error("required")

    def _error(self, code: str, parts: list[str] | tuple[str, ...] = DATE_PARTS, **params: str) -> ValidationError:
        label = str(self.label or "Date")
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={"label": label, "lower_label": lower_first(label), "parts": tuple(parts), **params},
        )


# The order matters: CheckboxSelectMultiple is a RadioSelect, and every choice widget is a Select or a RadioSelect.
FIELD_KINDS: tuple[tuple[type[forms.Widget], str], ...] = (
    (GovukDateInput, "date"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Textarea, "textarea"),
    (forms.Select, "select"),
    (forms.FileInput, "file"),
)
# kind: (GOV.UK class of the control, its error modifier)
CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}
OPTION_CLASSES = {"radios": "govuk-radios__input", "checkboxes": "govuk-checkboxes__input"}


def field_kind(field: BoundField) -> str:
    widget = field.field.widget
    for widget_class, kind in FIELD_KINDS:
        if isinstance(widget, widget_class):
            return kind
    return "input"


def character_count(field: BoundField) -> int | None:
    """The limit a GOV.UK character count shows under a textarea, if the field has one."""
    if field_kind(field) != "textarea":
        return None
    return getattr(field.field, "max_length", None)


def error_messages(field: BoundField) -> list[str]:
    """The field's errors as shown to users, in the error message and in the error summary alike.

    Django's "This field is required." does not say which field; GOV.UK asks for "Enter <what>" or "Select
    <what>". A form that wrote its own required message keeps it; forms we do not own, such as allauth's, gain.
    """
    verb = "Enter" if field_kind(field) in ("input", "textarea", "date") else "Select"
    specific = f"{verb} {lower_first(str(field.label))}"
    generic = str(forms.Field.default_error_messages["required"])
    return [
        specific if error.code == "required" and str(error.message) == generic else str(next(iter(error)))
        for error in field.errors.as_data()
    ]


def field_anchor(field: BoundField) -> str:
    """The id of the first input of a field, where an error summary link must take the user."""
    if field_kind(field) in OPTION_CLASSES:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


def render_control(field: BoundField) -> SafeString:
    """The field's own input, select or textarea with GOV.UK classes; the form group around it is the template's."""
    kind = field_kind(field)
    # GOV.UK: placeholder text is neither a label nor a hint, and disappears as the user types.
    attrs: dict[str, Any] = {"placeholder": False}
    if kind == "date":
        attrs[ERROR_PARTS_ATTR] = _date_error_parts(field)
    elif kind in CONTROL_CLASSES:
        control_class, error_class = CONTROL_CLASSES[kind]
        classes = [control_class, field.field.widget.attrs.get("class", "")]
        if field.errors:
            classes.append(error_class)
        if field.field.widget.attrs.get("autocomplete") == "one-time-code":
            # A box the length of the answer tells users what to type (GOV.UK: size fields to the answer).
            classes.append("govuk-input--width-10")
            attrs.update(inputmode="numeric", spellcheck="false")
        if character_count(field):
            classes.append("govuk-js-character-count")
            # Users may type past the limit and see by how much, instead of the browser cutting them off.
            attrs["maxlength"] = False
            attrs["aria-describedby"] = " ".join(filter(None, [f"{field.auto_id}-info", field.aria_describedby]))
        attrs["class"] = " ".join(c for c in classes if c)
    return field.as_widget(attrs=attrs)


def render_options(field: BoundField) -> list[BoundWidget]:
    """The radios or checkboxes of a choice field, each input with its GOV.UK class, labels left to the template."""
    widget = field.field.widget
    # No aria-describedby here: for a group the fieldset carries it, once.
    attrs = field.build_widget_attrs({"id": field.auto_id, "class": OPTION_CLASSES[field_kind(field)]})
    return [
        BoundWidget(widget, option, field.form.renderer)
        for option in widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    ]


def _date_error_parts(field: BoundField) -> tuple[str, ...]:
    parts: set[str] = set()
    for error in field.errors.as_data():
        # An error without parts (such as "must be in the past" from the form) is about the whole date.
        parts.update((error.params or {}).get("parts", DATE_PARTS))
    return tuple(part for part in DATE_PARTS if part in parts)


class ManagerDecisionForm(forms.Form):
    """A manager approves a piece of work (a plan, a closure) or returns it with what needs to change. Subclasses
    name the work in `thing` and ask the `question`."""

    thing = "this"
    question = "Do you approve this?"

    decision = forms.ChoiceField(widget=forms.RadioSelect)
    comment = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        decision.label = self.question
        decision.choices = [  # type: ignore[attr-defined]
            ("approve", f"Yes, approve {self.thing}"),
            ("return", "No, return it to the lead practitioner"),
        ]
        decision.error_messages["required"] = f"Select whether you approve {self.thing}"
        self.fields["comment"].help_text = f"Required when you return {self.thing}: say what needs to change"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Enter what needs to change")
        return cleaned
