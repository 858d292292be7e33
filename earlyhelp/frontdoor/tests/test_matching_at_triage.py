from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.frontdoor.models import RequestStatus
from earlyhelp.frontdoor.tests.factories import RequestChildFactory, SupportRequestFactory
from earlyhelp.people.models import Person
from earlyhelp.people.names import compute_name_keys, search_names_for
from earlyhelp.people.tests.factories import PersonFactory


def on_register(first, last, dob):
    return PersonFactory(
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=dob,
        search_names=search_names_for(first=first, last=last),
        name_keys=compute_name_keys(first=first, last=last),
    )


def request_naming(first, last, dob, *, days_ago=0, reference="R26-000010"):
    request = SupportRequestFactory(
        reference=reference,
        status=RequestStatus.NEW,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        due_at=timezone.now() + datetime.timedelta(days=1),
    )
    return request, RequestChildFactory(request=request, first_name=first, last_name=last, date_of_birth=dob)


@pytest.fixture
def front_door(make_user, sign_in):
    return sign_in(make_user(roles.FRONT_DOOR))


def test_a_child_entered_with_day_and_month_swapped_and_a_misspelt_surname_is_found(front_door):
    jayden = on_register("Jayden", "Thompson", datetime.date(2015, 3, 4))
    request, _ = request_naming("Jaydon", "Thomson", datetime.date(2015, 4, 3))
    page = front_door.get(reverse("frontdoor:triage_request", args=[request.pk])).content.decode()
    assert "Possible matches on the register" in page
    assert "Jayden Thompson" in page
    search = AccessEvent.objects.get(action=AccessAction.SEARCH)
    assert jayden.pk in search.record_ids


def test_confirming_a_match_shows_the_history_and_flags_a_repeat_request(front_door):
    maisie = on_register("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    _, earlier_child = request_naming(
        "Maisie", "Ashworth", datetime.date(2016, 7, 1), days_ago=40, reference="R26-000001"
    )
    earlier_child.matched_person = maisie
    earlier_child.save()
    request, child = request_naming("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    response = front_door.post(reverse("frontdoor:match_confirm", args=[request.pk, child.pk]), {"person": maisie.pk})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.matched_person == maisie
    page = front_door.get(reverse("frontdoor:triage_request", args=[request.pk])).content.decode()
    assert "Repeat request: 1 in the last 3 months, 1 in the last 12 months, and no early help assessment" in page
    assert "R26-000001" in page


def test_nobody_matches_so_the_child_is_added_to_the_register(front_door):
    request, child = request_naming("Zephyrine", "Quillfeather", datetime.date(2018, 2, 2))
    front_door.post(reverse("frontdoor:register_person", args=[request.pk, child.pk]))
    child.refresh_from_db()
    person = Person.objects.get(legal_last_name="Quillfeather")
    assert child.matched_person == person
    assert person.name_keys == compute_name_keys(first="Zephyrine", last="Quillfeather")


def test_only_the_front_door_can_confirm_a_match(make_user, sign_in):
    maisie = on_register("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    request, child = request_naming("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    client = sign_in(make_user(roles.PRACTITIONER))
    response = client.post(reverse("frontdoor:match_confirm", args=[request.pk, child.pk]), {"person": maisie.pk})
    assert response.status_code == 404
    child.refresh_from_db()
    assert child.matched_person is None


def test_an_earlier_request_inside_a_year_but_not_three_months_counts_once(front_door):
    maisie = on_register("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    for days, reference in ((200, "R26-000003"), (400, "R25-000004")):
        _, named = request_naming("Maisie", "Ashworth", datetime.date(2016, 7, 1), days_ago=days, reference=reference)
        named.matched_person = maisie
        named.save()
    request, child = request_naming("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    front_door.post(reverse("frontdoor:match_confirm", args=[request.pk, child.pk]), {"person": maisie.pk})
    page = front_door.get(reverse("frontdoor:triage_request", args=[request.pk])).content.decode()
    assert "Repeat request: 0 in the last 3 months, 1 in the last 12 months" in page
    assert "R25-000004" in page  # older history is still shown
