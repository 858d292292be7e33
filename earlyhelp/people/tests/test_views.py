from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.people.models import PersonRelationship
from earlyhelp.people.tests.factories import AddressFactory, FamilyMemberFactory, PersonFactory


def strip_tokens(content: bytes) -> bytes:
    # CSRF tokens differ on every response; everything else must be identical.
    return re.sub(rb"[A-Za-z0-9]{32,}", b"", content)


@pytest.fixture
def lead(family, make_user, involve):
    user = make_user(roles.PRACTITIONER)
    involve(family, user=user, kind=InvolvementKind.LEAD_PRACTITIONER)
    return user


def test_each_family_view_writes_one_access_event(family, lead, sign_in):
    client = sign_in(lead)
    before = AccessEvent.objects.count()
    response = client.get(reverse("people:family_detail", args=[family.pk]), HTTP_USER_AGENT="pytest-browser")
    assert response.status_code == 200
    events = AccessEvent.objects.all()
    assert events.count() == before + 1
    event = events.first()
    assert (event.user, event.action, event.family_id) == (lead, AccessAction.VIEW, family.pk)
    assert event.record_type == "people.family"
    assert event.ip_address == "127.0.0.1"
    assert event.user_agent == "pytest-browser"


def test_a_refused_family_view_writes_no_access_event(family, make_user, sign_in):
    client = sign_in(make_user(roles.PRACTITIONER))
    assert client.get(reverse("people:family_detail", args=[family.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_a_family_that_does_not_exist_looks_the_same_as_one_you_may_not_see(family, make_user, sign_in):
    client = sign_in(make_user(roles.PRACTITIONER))
    hidden = client.get(reverse("people:family_detail", args=[family.pk]))
    missing = client.get(reverse("people:family_detail", args=[family.pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert strip_tokens(hidden.content) == strip_tokens(missing.content)


def test_family_page_puts_children_first_youngest_first(family, lead, sign_in):
    content = sign_in(lead).get(reverse("people:family_detail", args=[family.pk])).content.decode()
    noah, maisie, rachel = (content.index(name) for name in ("Noah Ashworth", "Maisie Ashworth", "Rachel Ashworth"))
    assert noah < maisie < rachel
    assert content.index("Children") < content.index("Adults")


def grow(family, n):
    mother = family.memberships.get(person__legal_first_name="Rachel").person
    for i in range(n):
        child = PersonFactory(date_of_birth=datetime.date(2012, 1, 1) + datetime.timedelta(days=i))
        FamilyMemberFactory(family=family, person=child)
        AddressFactory(person=child)
        PersonRelationship.objects.create(person=mother, relative=child, type="mother", parental_responsibility=True)


def test_family_page_query_count_does_not_grow_with_the_family(family, lead, sign_in):
    client = sign_in(lead)
    url = reverse("people:family_detail", args=[family.pk])
    grow(family, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(family, 8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large) == len(small) <= 20


def test_search_finds_by_partial_name_case_insensitive_and_is_logged(family, lead, sign_in):
    response = sign_in(lead).get(reverse("people:search"), {"name": "MAIS ashw"})
    assert response.status_code == 200
    assert b"Maisie" in response.content
    event = AccessEvent.objects.get(action=AccessAction.SEARCH)
    assert event.query == {"name": "MAIS ashw"}
    maisie = family.memberships.get(person__legal_first_name="Maisie").person
    assert event.record_ids == [maisie.pk]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_of_birth_day": "1", "date_of_birth_month": "7", "date_of_birth_year": "2016"}, ["Maisie"]),
        ({"postcode": "nr11aa"}, ["Noah"]),
        ({"nhs_number": "999 000 0018"}, ["Rachel"]),
    ],
)
def test_search_by_date_of_birth_postcode_and_nhs_number(family, lead, sign_in, params, expected):
    people = {m.person.legal_first_name: m.person for m in family.memberships.select_related("person")}
    AddressFactory(person=people["Noah"], postcode="NR1 1AA")
    people["Rachel"].nhs_number = "9990000018"
    people["Rachel"].save()
    content = sign_in(lead).get(reverse("people:search"), params).content.decode()
    for name in ("Maisie", "Noah", "Rachel"):
        assert (f"{name} Ashworth" in content) is (name in expected), name


def test_search_is_scoped_to_families_the_user_may_see(family, make_user, sign_in):
    client = sign_in(make_user(roles.PRACTITIONER))
    response = client.get(reverse("people:search"), {"name": "ashworth"})
    assert b"0 people found" in response.content
    assert AccessEvent.objects.get(action=AccessAction.SEARCH).record_ids == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"name": ""}, None, "Enter a name, date of birth, NHS number or postcode to search"),
        ({"nhs_number": "9997654324"}, "nhs_number", "the last digit does not match"),
        (
            {"date_of_birth_day": "1", "date_of_birth_month": "1", "date_of_birth_year": "2999"},
            "date_of_birth",
            "Date of birth must be today or in the past",
        ),
        ({"postcode": "NR1"}, "postcode", "Enter a full postcode"),
    ],
)
def test_bad_search_input_gets_a_clear_message_and_keeps_what_was_typed(lead, sign_in, params, field, message):
    response = sign_in(lead).get(reverse("people:search"), {"name": "", **params})
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert content.count(message) >= (2 if field else 1)  # in the summary and by the field
    for value in params.values():
        assert f'value="{value}"' in content or not value
    assert not AccessEvent.objects.filter(action=AccessAction.SEARCH).exists()


def test_search_needs_a_role_that_searches(make_user, sign_in):
    assert sign_in(make_user(roles.ANALYST)).get(reverse("people:search")).status_code == 403


def test_search_results_page_query_count_is_bounded(family, make_user, sign_in):
    client = sign_in(make_user(roles.FRONT_DOOR))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:search"), {"name": "ashworth"})
    grow(family, 15)
    for person in family.memberships.all():
        person.person.search_names = "|someone ashworth|"
        person.person.save()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("people:search"), {"name": "ashworth"})
    assert b"18 people found" in response.content
    assert len(many) == len(few)


def test_your_families_lists_the_families_you_work_with(family, lead, make_user, involve, team, sign_in):
    from earlyhelp.people.tests.factories import FamilyFactory

    other = FamilyFactory(name="Brennan family")
    involve(other, team=team, kind=InvolvementKind.TEAM_ALLOCATION)
    content = sign_in(lead).get(reverse("people:my_families")).content.decode()
    assert "Ashworth family" in content
    assert "Brennan family" not in content

    manager = make_user(roles.TEAM_MANAGER, team=team)
    content = sign_in(manager).get(reverse("people:my_families")).content.decode()
    assert "Brennan family" in content
    assert "Ashworth family" not in content


def test_your_families_query_count_is_bounded(family, lead, involve, sign_in):
    from earlyhelp.people.tests.factories import FamilyFactory

    client = sign_in(lead)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:my_families"))
    for _ in range(10):
        extra = FamilyFactory()
        FamilyMemberFactory(family=extra)
        involve(extra, user=lead, kind=InvolvementKind.TAF_MEMBER)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("people:my_families"))
    assert b"11 families" in response.content
    assert len(many) == len(few)
