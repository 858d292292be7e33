"""The GOV.UK form renderer. Plain forms only, no database: these run even while other apps are half-built."""

import datetime

import pytest
from django import forms
from django.template import Context, Template

from earlyhelp.ui.forms import GovukDateField
from earlyhelp.ui.tests.html import classes, element, elements

CHOICES = [("phone", "Phone"), ("email", "Email")]


class EveryFieldForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As they would write it")
    email = forms.EmailField(label="Email address", required=False)
    age = forms.IntegerField(label="Age")
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, max_length=200)
    summary = forms.CharField(label="Summary", widget=forms.Textarea, required=False)
    level = forms.ChoiceField(label="Level of need", choices=[("1", "Universal"), ("2", "Targeted")])
    contact = forms.ChoiceField(label="How to contact", widget=forms.RadioSelect, choices=CHOICES, help_text="One")
    needs = forms.MultipleChoiceField(label="Needs", widget=forms.CheckboxSelectMultiple, choices=CHOICES)
    consent = forms.BooleanField(label="The family consents", help_text="Ask them first")
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2007")
    document = forms.FileField(label="A document", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


class DateForm(forms.Form):
    date_of_birth = GovukDateField(label="Date of birth")


def date_form(day: str, month: str, year: str) -> DateForm:
    return DateForm(data={"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year})


def render(template: str, **context: object) -> str:
    return Template("{% load govuk %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("name", "input_type"),
    [("name", "text"), ("email", "email"), ("age", "number"), ("password", "password"), ("website", "url")],
)
def test_text_like_inputs_are_govuk_inputs_with_labels(name, input_type):
    html = str(EveryFieldForm())

    control = element(html, "input", name=name)

    assert control["type"] == input_type
    assert "govuk-input" in classes(control)
    assert element(html, "label", **{"for": f"id_{name}"})["class"] == "govuk-label"


def test_hint_is_linked_by_aria_describedby():
    html = str(EveryFieldForm())

    assert element(html, "div", id="id_name_helptext")["class"] == "govuk-hint"
    assert element(html, "input", name="name")["aria-describedby"] == "id_name_helptext"


def test_optional_fields_say_so_in_the_label():
    html = str(EveryFieldForm())

    assert "Email address (optional)</label>" in html
    assert "Full name</label>" in html


def test_errors_mark_the_group_the_control_and_describe_it():
    form = EveryFieldForm(data={})
    html = str(form)

    assert "govuk-input--error" in classes(element(html, "input", name="name"))
    assert element(html, "input", name="name")["aria-describedby"] == "id_name_helptext id_name_error"
    message = element(html, "p", id="id_name_error")
    assert message["class"] == "govuk-error-message"
    assert '<span class="govuk-visually-hidden">Error:</span>' in html
    assert len(elements(html, "div", class_="govuk-form-group--error")) == len(form.errors)


def test_select_and_file_inputs():
    html = str(EveryFieldForm(data={}))

    assert classes(element(html, "select", name="level")) == {"govuk-select", "govuk-select--error"}
    assert classes(element(html, "input", name="document")) == {"govuk-file-upload"}


def test_textarea_with_max_length_is_a_character_count():
    html = str(EveryFieldForm())

    group = element(html, "div", data_module="govuk-character-count")
    assert group["data-maxlength"] == "200"
    notes = element(html, "textarea", name="notes")
    assert classes(notes) == {"govuk-textarea", "govuk-js-character-count"}
    assert "maxlength" not in notes  # users see the count go over instead of being cut off
    assert notes["aria-describedby"] == "id_notes-info"
    assert element(html, "div", id="id_notes-info")["class"] == "govuk-hint govuk-character-count__message"
    assert "You can enter up to 200 characters" in html


def test_textarea_without_max_length_is_plain():
    html = str(EveryFieldForm())

    assert classes(element(html, "textarea", name="summary")) == {"govuk-textarea"}


def test_radios_are_in_a_fieldset_with_legend_and_hint():
    html = str(EveryFieldForm())

    assert element(html, "fieldset", aria_describedby="id_contact_helptext")["class"] == "govuk-fieldset"
    assert element(html, "div", class_="govuk-radios")["data-module"] == "govuk-radios"
    radios = elements(html, "input", name="contact")
    assert [radio["id"] for radio in radios] == ["id_contact_0", "id_contact_1"]
    assert all(classes(radio) == {"govuk-radios__input"} for radio in radios)
    assert element(html, "label", **{"for": "id_contact_1"})["class"] == "govuk-label govuk-radios__label"
    assert "How to contact" in html.split('<legend class="govuk-fieldset__legend">')[1].split("</legend>")[0]


def test_checkboxes_are_in_a_fieldset():
    html = str(EveryFieldForm(data={"needs": ["email"]}))

    boxes = elements(html, "input", name="needs")
    assert [box["id"] for box in boxes] == ["id_needs_0", "id_needs_1"]
    assert all(classes(box) == {"govuk-checkboxes__input"} for box in boxes)
    assert "checked" in boxes[1]
    assert "checked" not in boxes[0]


def test_single_boolean_is_one_govuk_checkbox():
    html = str(EveryFieldForm())

    box = element(html, "input", name="consent")
    assert box["type"] == "checkbox"
    assert classes(box) == {"govuk-checkboxes__input"}
    assert box["aria-describedby"] == "id_consent_helptext"
    assert element(html, "label", **{"for": "id_consent"})["class"] == "govuk-label govuk-checkboxes__label"


def test_hidden_fields_are_rendered():
    html = str(EveryFieldForm())

    assert element(html, "input", name="token")["type"] == "hidden"


def test_placeholders_are_dropped():
    class PlaceholderForm(forms.Form):
        code = forms.CharField(label="Code", widget=forms.TextInput(attrs={"placeholder": "Code"}))

    assert "placeholder" not in element(str(PlaceholderForm()), "input", name="code")


def test_date_input_markup():
    html = str(EveryFieldForm())

    fieldset = element(html, "fieldset", role="group")
    assert fieldset["aria-describedby"] == "id_date_of_birth_helptext"
    assert element(html, "div", class_="govuk-date-input")["id"] == "id_date_of_birth"
    for part, width in [("day", 2), ("month", 2), ("year", 4)]:
        control = element(html, "input", name=f"date_of_birth_{part}")
        assert control["id"] == f"id_date_of_birth_{part}"
        assert control["inputmode"] == "numeric"
        assert classes(control) == {"govuk-input", "govuk-date-input__input", f"govuk-input--width-{width}"}
        assert element(html, "label", **{"for": f"id_date_of_birth_{part}"})


def test_date_field_accepts_a_real_date():
    form = date_form("7", "03", "2015")

    assert form.is_valid()
    assert form.cleaned_data["date_of_birth"] == datetime.date(2015, 3, 7)


def test_date_field_initial_value_fills_the_parts():
    html = str(DateForm(initial={"date_of_birth": datetime.date(2015, 3, 7)}))

    assert element(html, "input", name="date_of_birth_day")["value"] == "7"
    assert element(html, "input", name="date_of_birth_year")["value"] == "2015"


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "highlighted"),
    [
        ("", "", "", "Enter date of birth", {"day", "month", "year"}),
        ("12", "", "2015", "Date of birth must include a month", {"month"}),
        ("12", "", "", "Date of birth must include a month and year", {"month", "year"}),
        ("31", "02", "2020", "Date of birth must be a real date", {"day"}),
        ("1", "13", "2020", "Date of birth must be a real date", {"month"}),
        ("1", "two", "2020", "Date of birth must be a real date", {"month"}),
        ("1", "2", "20", "Year must include 4 numbers", {"year"}),
    ],
)
def test_date_field_errors_use_govuk_wording_and_highlight_the_wrong_part(day, month, year, message, highlighted):
    form = date_form(day, month, year)

    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]
    html = str(form)
    in_error = {
        part
        for part in ("day", "month", "year")
        if "govuk-input--error" in classes(element(html, "input", name=f"date_of_birth_{part}"))
    }
    assert in_error == highlighted


def test_date_field_optional_may_be_left_empty():
    class OptionalDateForm(forms.Form):
        closed_on = GovukDateField(label="Date closed", required=False)

    form = OptionalDateForm(data={"closed_on_day": "", "closed_on_month": "", "closed_on_year": ""})

    assert form.is_valid()
    assert form.cleaned_data["closed_on"] is None


def test_form_level_date_error_highlights_the_whole_date():
    class PastDateForm(DateForm):
        def clean_date_of_birth(self):
            raise forms.ValidationError("Date of birth must be in the past")

    html = str(PastDateForm(data={"date_of_birth_day": "1", "date_of_birth_month": "1", "date_of_birth_year": "2090"}))

    assert all(
        "govuk-input--error" in classes(element(html, "input", name=f"date_of_birth_{part}"))
        for part in ("day", "month", "year")
    )


def test_error_summary_links_every_error_to_its_first_input():
    form = EveryFieldForm(data={"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2020"})
    form.is_valid()

    html = render("{% govuk_error_summary form %}", form=form)

    assert element(html, "div", class_="govuk-error-summary")["data-module"] == "govuk-error-summary"
    assert element(html, "div", role="alert")
    hrefs = [link["href"] for link in elements(html, "a")]
    assert hrefs == [
        "#id_name",
        "#id_age",
        "#id_password",
        "#id_notes",
        "#id_level",
        "#id_contact_0",
        "#id_needs_0",
        "#id_consent",
        "#id_date_of_birth_day",
    ]
    assert "Date of birth must be a real date" in html


def test_error_summary_links_non_field_errors_to_the_first_field():
    class SignInForm(forms.Form):
        email = forms.EmailField(label="Email")

        def clean(self):
            raise forms.ValidationError("Enter a correct email address and password")

    form = SignInForm(data={"email": "a@example.org"})
    form.is_valid()

    html = render("{% govuk_error_summary form %}", form=form)

    assert element(html, "a", href="#id_email")
    assert "Enter a correct email address and password" in html
    assert "Enter a correct email address and password" in str(form)  # and in the form itself


def test_error_summary_renders_nothing_without_errors():
    assert render("{% govuk_error_summary form %}", form=DateForm()).strip() == ""
    assert render("{% govuk_error_summary form %}", form=None).strip() == ""


def test_title_is_prefixed_with_error_when_a_form_has_errors():
    assert render('{% govuk_title "Sign in" form %}', form=DateForm()) == "Sign in – Early help"
    assert render('{% govuk_title "Sign in" form %}', form=date_form("", "", "")) == "Error: Sign in – Early help"
    assert render('{% govuk_title "Home" %}') == "Home – Early help"


def test_button():
    html = render('{% govuk_button "Save" %}{% govuk_button "Delete" variant="warning" %}')

    assert [button["class"] for button in elements(html, "button")] == [
        "govuk-button",
        "govuk-button govuk-button--warning",
    ]


def test_generic_required_errors_name_the_field():
    form = EveryFieldForm(data={})
    html = str(form)

    assert "Enter full name" in element_text(html, "id_name_error")
    assert "Select level of need" in element_text(html, "id_level_error")
    assert "Select how to contact" in render("{% govuk_error_summary form %}", form=form)
    assert "This field is required." not in html


def test_a_form_s_own_required_message_is_kept():
    class NamedForm(forms.Form):
        name = forms.CharField(label="Name", error_messages={"required": "Enter the child's name"})

    assert "Enter the child&#x27;s name" in str(NamedForm(data={}))


def test_one_time_codes_get_a_short_numeric_box():
    class CodeForm(forms.Form):
        code = forms.CharField(label="Code", widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}))

    control = element(str(CodeForm()), "input", name="code")
    assert "govuk-input--width-10" in classes(control)
    assert control["inputmode"] == "numeric"


def element_text(html: str, element_id: str) -> str:
    """The text of an element that has no element of its own kind inside (enough for error messages)."""
    after = html.split(f'id="{element_id}"', 1)[1]
    return " ".join(after.split(">", 1)[1].split("</p>", 1)[0].split())
