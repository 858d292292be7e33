"""Checks on identifiers. Messages follow the GOV.UK error message pattern: say what is wrong and how to fix it."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def check_nhs_number(value: str) -> bool:
    """Modulus 11 check digit of the NHS Data Dictionary."""
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def validate_nhs_number(value: str) -> None:
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError("Enter an NHS number that is 10 digits long, like 999 765 4323", code="nhs_format")
    if not check_nhs_number(digits):
        raise ValidationError(
            "Enter a real NHS number: the last digit does not match the others. Check it for typing mistakes",
            code="nhs_check_digit",
        )


def upn_check_letter(body: str) -> str:
    """The DfE check letter of a Unique Pupil Number, computed from its last 12 characters."""
    total = 0
    for weight, char in enumerate(body, start=2):
        total += int(char) * weight if char.isdigit() else UPN_CHECK_LETTERS.index(char) * weight
    return UPN_CHECK_LETTERS[total % 23]


def validate_upn(value: str) -> None:
    upn = (value or "").strip().upper()
    if not re.fullmatch(rf"[{UPN_CHECK_LETTERS}]\d{{11}}[0-9{UPN_CHECK_LETTERS}]", upn):
        raise ValidationError(
            "Enter a unique pupil number (UPN) of 13 characters: a letter, 11 digits, then a digit or letter",
            code="upn_format",
        )
    if upn_check_letter(upn[1:]) != upn[0]:
        raise ValidationError(
            "Enter a real unique pupil number (UPN): the first letter does not match. Check it for typing mistakes",
            code="upn_check_letter",
        )


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s", "", (value or "").upper())
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.fullmatch(normalise_postcode(value)):
        raise ValidationError("Enter a real postcode, like SW1A 2AA", code="postcode")


def validate_not_future(value: date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError("Date of birth must be today or in the past", code="future_date_of_birth")
