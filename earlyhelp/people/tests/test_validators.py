from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from earlyhelp.people import validators
from earlyhelp.people.models import Person


def with_check_digit(nine: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else nine + str(check)


@pytest.mark.parametrize("number", ["9997654323", "999 765 4323", "999-765-4323", "9990000018"])
def test_valid_nhs_numbers(number):
    validators.validate_nhs_number(number)


@given(st.from_regex(r"999\d{6}", fullmatch=True))
def test_every_number_with_the_right_check_digit_passes_and_any_other_last_digit_fails(nine):
    number = with_check_digit(nine)
    if number is None:
        assert not any(validators.check_nhs_number(nine + str(d)) for d in range(10))
        return
    assert validators.check_nhs_number(number)
    for digit in set("0123456789") - {number[-1]}:
        assert not validators.check_nhs_number(nine + digit)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("12345", "10 digits long"),
        ("99976543AB", "10 digits long"),
        ("9997654324", "the last digit does not match"),
    ],
)
def test_invalid_nhs_numbers_explain_themselves(number, message):
    with pytest.raises(ValidationError, match=message):
        validators.validate_nhs_number(number)


def test_upn_check_letter_round_trip():
    body = "999123425001"
    upn = validators.upn_check_letter(body) + body
    validators.validate_upn(upn)
    wrong = next(c for c in validators.UPN_CHECK_LETTERS if c != upn[0]) + body
    with pytest.raises(ValidationError, match="does not match"):
        validators.validate_upn(wrong)


@pytest.mark.parametrize("postcode", ["sw1a2aa", "SW1A 2AA", "M1 1AE", "b33 8th"])
def test_postcodes_are_normalised_and_accepted(postcode):
    validators.validate_postcode(postcode)
    assert validators.normalise_postcode(postcode) == validators.normalise_postcode(postcode).upper()


def test_nonsense_postcode_refused():
    with pytest.raises(ValidationError, match="Enter a real postcode"):
        validators.validate_postcode("HELLO")


@pytest.mark.django_db
def test_person_with_future_date_of_birth_is_refused_with_a_clear_message():
    person = Person(
        legal_first_name="Ada", legal_last_name="Test", date_of_birth=timezone.localdate() + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict["date_of_birth"] == ["Date of birth must be today or in the past"]


@pytest.mark.django_db
def test_person_with_invalid_nhs_number_is_refused_with_a_clear_message():
    person = Person(legal_first_name="Ada", legal_last_name="Test", nhs_number="9997654324")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "the last digit does not match" in error.value.message_dict["nhs_number"][0]


@pytest.mark.django_db
def test_unborn_child_needs_a_future_expected_date():
    person = Person(legal_first_name="Baby", legal_last_name="Test", expected_date_of_birth=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "must be in the future" in error.value.message_dict["expected_date_of_birth"][0]
