from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from earlyhelp.frontdoor.models import RequestSource, RequestStatus, SupportRequest


def answers(**extra):
    return {
        "token": str(uuid.uuid4()),
        "website": "",
        "contact_name": "Jo Parent",
        "relationship": "parent",
        "child_first_name": "Kai",
        "child_last_name": "Parent",
        "child_date_of_birth_day": "4",
        "child_date_of_birth_month": "3",
        "child_date_of_birth_year": "2015",
        "concerns": "Kai will not go to school and we argue every morning. I would like some help.",
        "postcode": "ns1 2ab",
        "contact_phone": "01632 960 123",
        "consent": "on",
        **extra,
    }


@pytest.mark.django_db
def test_a_family_asks_for_help_without_an_account(client):
    assert client.get(reverse("help:self_referral")).status_code == 200
    response = client.post(reverse("help:self_referral"), answers())
    assert response["Location"] == reverse("help:self_referral_sent")
    request = SupportRequest.objects.get()
    assert (request.source, request.status) == (RequestSource.FAMILY, RequestStatus.NEW)
    assert request.due_at is not None
    assert request.children[0].postcode == "NS1 2AB"
    assert request.referral_source.code == "1A"
    assert request.reference in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_sending_the_same_form_twice_makes_one_request(client):
    data = answers()
    client.post(reverse("help:self_referral"), data)
    client.post(reverse("help:self_referral"), data)
    assert SupportRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_robot_filling_the_hidden_field_stores_nothing(client):
    response = client.post(reverse("help:self_referral"), answers(website="http://spam.example"))
    assert response.status_code == 302
    assert not SupportRequest.objects.exists()


@pytest.mark.django_db
def test_too_many_requests_from_one_address_are_refused(client):
    for _ in range(5):
        client.post(reverse("help:self_referral"), answers())
    response = client.post(reverse("help:self_referral"), answers())
    assert response.status_code == 429
    assert SupportRequest.objects.count() == 5


@pytest.mark.django_db
def test_the_family_must_give_a_way_to_reply(client):
    response = client.post(reverse("help:self_referral"), answers(contact_phone="", contact_email=""))
    content = response.content.decode()
    assert "Enter a phone number or an email address so we can reply" in content
    assert "Kai will not go to school" in content
