from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.directory.models import Signposting
from earlyhelp.directory.selectors import services_search
from earlyhelp.directory.services import service_archive, service_restore, signposting_record
from earlyhelp.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner(make_user):
    return make_user(roles.FRONT_DOOR)


@pytest.fixture
def child(family):
    return family.memberships.get(person__legal_first_name="Maisie").person


def test_a_signposting_is_recorded_against_the_child_with_its_history(practitioner, child):
    service = ServiceFactory(name="Young carers project")
    signposting = signposting_record(
        user=practitioner, service=service, person=child, source="front door decision R26-000123", note="Mum agreed"
    )
    saved = Signposting.objects.get()
    assert saved == signposting
    assert (saved.service, saved.person, saved.made_by) == (service, child, practitioner)
    assert saved.source == "front door decision R26-000123"
    assert saved.note == "Mum agreed"
    assert saved.made_at is not None
    history = saved.history.get()
    assert history.history_type == "+"
    assert history.history_user == practitioner
    assert list(child.signpostings.all()) == [saved]


def test_no_one_is_signposted_to_an_archived_service(practitioner, child):
    service = ServiceFactory(archived_at=timezone.now())
    with pytest.raises(ValidationError):
        signposting_record(user=practitioner, service=service, person=child, source="decision R26-1")
    assert not Signposting.objects.exists()


def test_a_signposting_says_where_it_was_given(practitioner, child):
    with pytest.raises(ValidationError):
        signposting_record(user=practitioner, service=ServiceFactory(), person=child, source="  ")


def test_archiving_takes_a_service_out_of_the_directory_and_restoring_puts_it_back(practitioner):
    service = ServiceFactory(name="Pantry")
    archived = service_archive(user=practitioner, service=service)
    assert archived.is_archived
    assert not services_search(need=None, age=None, area=None).exists()
    assert archived.history.first().history_user == practitioner
    restored = service_restore(user=practitioner, service=archived)
    assert not restored.is_archived
    assert list(services_search(need=None, age=None, area=None)) == [service]
