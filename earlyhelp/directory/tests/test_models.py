from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from earlyhelp.directory.models import Service
from earlyhelp.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "All ages"),
        ({"min_age": 0, "max_age": 4}, "Ages 0 to 4"),
        ({"max_age": 0}, "Babies under 1"),
        ({"min_age": 18}, "Ages 18 and over"),
        ({"min_age": 16, "max_age": 16}, "Age 16"),
        ({"min_age": 0, "max_age": 2, "for_pregnancy": True}, "Pregnancy and ages 0 to 2"),
    ],
)
def test_who_it_is_for_reads_as_words(kwargs, expected):
    assert Service(**kwargs).ages_display == expected


def test_the_ways_in_are_listed_in_order():
    service = Service(walk_in=True, professional_referral=True)
    assert service.access_routes == ["Walk in", "Professional referral"]


def test_a_service_needs_a_provider_and_ages_in_order():
    service = Service(name="Club", description="A club", min_age=10, max_age=5)
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert set(error.value.message_dict) >= {"max_age", "provider_name"}


def test_the_database_refuses_ages_out_of_order():
    with pytest.raises(IntegrityError):
        ServiceFactory(min_age=10, max_age=5)


def test_changes_to_a_service_are_kept_in_its_history():
    service = Service.objects.get(pk=ServiceFactory(name="Old name").pk)
    service.name = "New name"
    service.save()
    assert list(service.history.values_list("name", flat=True)) == ["New name", "Old name"]
