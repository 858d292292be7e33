"""Writes to the people register."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from earlyhelp.codes.models import Code
from earlyhelp.people.models import Address, Person
from earlyhelp.people.names import compute_name_keys, search_names_for
from earlyhelp.people.validators import normalise_postcode


@transaction.atomic
def person_create(
    *,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    expected_date_of_birth: date | None = None,
    sex: Code | None = None,
    nhs_number: str = "",
    address_line: str = "",
    postcode: str = "",
) -> Person:
    """A new person on the register (the front door found no match). Validated like any edit of a person."""
    person = Person(
        legal_first_name=first_name,
        legal_last_name=last_name,
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        sex=sex,
        nhs_number=nhs_number,
        search_names=search_names_for(first=first_name, last=last_name),
        name_keys=compute_name_keys(first=first_name, last=last_name),
    )
    person.full_clean()
    person.save()
    if postcode:
        # Stored normalised: matching compares postcodes exactly.
        Address.objects.create(
            person=person, line_1=address_line or "Not known", postcode=normalise_postcode(postcode)
        )
    return person
