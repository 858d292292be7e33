from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from earlyhelp.access import roles
from earlyhelp.frontdoor import services
from earlyhelp.frontdoor.models import RequestStatus, SupportRequest, Urgency
from earlyhelp.frontdoor.tests.factories import RequestChildFactory

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def referrer(make_user, school):
    return make_user(roles.REFERRER, agency=school)


def ready(draft):
    RequestChildFactory(request=draft)
    draft.significant_harm_now = False
    draft.concerns = "Maisie has been arriving hungry and tired for three weeks."
    draft.parents_aware = "yes"
    draft.consent = "given"
    draft.save()
    return draft


def test_start_fills_in_what_we_know_of_the_referrer(referrer, school):
    draft = services.request_start(user=referrer)
    assert draft.status == RequestStatus.DRAFT
    assert (draft.referrer_email, draft.referrer_agency) == (referrer.email, school)
    assert draft.reference is None


def test_a_page_of_answers_is_saved_into_the_draft(referrer):
    draft = services.request_start(user=referrer)
    services.request_update(user=referrer, support_request=draft, data={"concerns": "Worried"}, version=draft.version)
    assert SupportRequest.objects.get(pk=draft.pk).concerns == "Worried"


def test_a_stale_page_does_not_overwrite_newer_answers(referrer):
    draft = services.request_start(user=referrer)
    loaded_version = draft.version
    services.request_update(
        user=referrer, support_request=draft, data={"concerns": "First tab"}, version=loaded_version
    )
    with pytest.raises(services.StaleEdit):
        services.request_update(
            user=referrer, support_request=draft, data={"concerns": "Second tab"}, version=loaded_version
        )
    assert SupportRequest.objects.get(pk=draft.pk).concerns == "First tab"


def test_significant_harm_now_makes_an_urgent_safeguarding_contact(referrer):
    draft = services.request_start(user=referrer)
    draft = services.request_update(
        user=referrer, support_request=draft, data={"significant_harm_now": True}, version=draft.version
    )
    assert draft.urgency == Urgency.SAFEGUARDING


def test_nobody_else_can_change_a_draft(referrer, make_user):
    draft = services.request_start(user=referrer)
    with pytest.raises(PermissionDenied):
        services.request_update(
            user=make_user(roles.REFERRER), support_request=draft, data={"concerns": "x"}, version=draft.version
        )


def test_submit_refuses_an_incomplete_request_saying_what_is_missing(referrer):
    draft = services.request_start(user=referrer)
    with pytest.raises(ValidationError) as error:
        services.request_submit(user=referrer, support_request=draft)
    assert "Add at least one child" in error.value.messages
    assert SupportRequest.objects.get(pk=draft.pk).status == RequestStatus.DRAFT


def test_double_submit_sends_one_request(referrer):
    draft = ready(services.request_start(user=referrer))
    first = services.request_submit(user=referrer, support_request=draft)
    second = services.request_submit(user=referrer, support_request=draft)
    assert first.reference == second.reference
    assert SupportRequest.objects.filter(created_by=referrer).count() == 1
    assert first.status == RequestStatus.NEW


def test_the_clock_gives_one_working_day_across_a_bank_holiday_weekend(referrer):
    from unittest import mock

    friday = datetime.datetime(2026, 8, 28, 15, 0, tzinfo=LONDON)  # before the Summer bank holiday (31 Aug)
    draft = ready(services.request_start(user=referrer))
    with mock.patch("earlyhelp.frontdoor.services.timezone.now", return_value=friday):
        sent = services.request_submit(user=referrer, support_request=draft)
    assert sent.submitted_at == friday
    assert sent.due_at.astimezone(LONDON) == datetime.datetime(2026, 9, 1, 15, 0, tzinfo=LONDON)


def test_people_can_be_added_changed_and_removed_only_while_draft(referrer):
    draft = services.request_start(user=referrer)
    child = services.request_person_save(
        user=referrer, support_request=draft, person=None, is_child=True, data={"first_name": "Ava", "last_name": "K"}
    )
    services.request_person_save(
        user=referrer, support_request=draft, person=child, is_child=True, data={"first_name": "Eva"}
    )
    child.refresh_from_db()
    assert child.first_name == "Eva"
    ready(draft)
    services.request_submit(user=referrer, support_request=draft)
    with pytest.raises(ValidationError):
        services.request_person_remove(user=referrer, support_request=draft, person=child)
