"""GOV.UK Frontend helpers for templates: the error summary, page titles, buttons and the form renderer's parts."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.conf import settings
from django.contrib.messages.storage.base import Message
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.html import format_html
from django.utils.safestring import SafeString

from earlyhelp.ui.forms import (
    character_count,
    error_messages,
    field_anchor,
    field_kind,
    render_control,
    render_options,
)

register = template.Library()


@register.filter
def govuk_field_kind(field: BoundField) -> str:
    return field_kind(field)


@register.filter
def govuk_character_count(field: BoundField) -> int | None:
    return character_count(field)


@register.simple_tag
def govuk_control(field: BoundField) -> SafeString:
    return render_control(field)


@register.simple_tag
def govuk_error_messages(field: BoundField) -> list[str]:
    return error_messages(field)


@register.simple_tag
def govuk_options(field: BoundField) -> list[BoundWidget]:
    return render_options(field)


@register.inclusion_tag("ui/forms/error_summary.html")
def govuk_error_summary(*forms_: object) -> dict[str, Any]:
    """Every error of the forms, in page order, each linking to the input the user must correct.

    Anything that is not a bound form (None, or "" for a missing template variable) is skipped.
    """
    errors: list[dict[str, str]] = []
    for form in forms_:
        if not isinstance(form, forms.BaseForm) or not form.errors:
            continue
        visible = form.visible_fields()
        # A non-field error ("Enter a correct email address and password") is fixed in the form's first input.
        first_href = f"#{field_anchor(visible[0])}" if visible else ""
        errors += [{"text": str(error), "href": first_href} for error in form.non_field_errors()]
        errors += [
            {"text": str(error), "href": first_href} for field in form.hidden_fields() for error in field.errors
        ]
        errors += [
            {"text": error, "href": f"#{field_anchor(field)}"} for field in visible for error in error_messages(field)
        ]
    return {"errors": errors}


@register.simple_tag
def govuk_title(page: str, *forms_: object) -> str:
    """The <title>: page, en dash, service name; prefixed "Error: " when a form on the page has errors (GOV.UK)."""
    prefix = "Error: " if any(isinstance(form, forms.BaseForm) and form.errors for form in forms_) else ""
    return f"{prefix}{page} – {settings.SERVICE_NAME}"


@register.simple_tag
def govuk_button(text: str, *, variant: str = "", name: str = "", value: str = "") -> SafeString:
    """A submit button; variant is "secondary" or "warning"."""
    classes = f"govuk-button govuk-button--{variant}" if variant else "govuk-button"
    if name:
        return format_html(
            '<button type="submit" class="{}" data-module="govuk-button" name="{}" value="{}">{}</button>',
            classes,
            name,
            value,
            text,
        )
    return format_html('<button type="submit" class="{}" data-module="govuk-button">{}</button>', classes, text)


@register.simple_tag
def govuk_message_banners(messages: list[Message] | None) -> list[dict[str, Any]]:
    """Messages grouped into at most two notification banners, success first, so no two landmarks share a name."""
    success = [message for message in messages or () if message.level_tag == "success"]
    other = [message for message in messages or () if message.level_tag != "success"]
    banners = [{"success": True, "title": "Success", "messages": success}] if success else []
    if other:
        banners.append({"success": False, "title": "Important", "messages": other})
    return banners
