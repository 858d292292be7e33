from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.frontdoor.models import RequestStatus, Urgency
from earlyhelp.frontdoor.tests.factories import RequestChildFactory, SupportRequestFactory

NOW = timezone.now()


def sent(reference, *, urgency=Urgency.ROUTINE, hours_ago=1, due_in_hours=20, status=RequestStatus.NEW):
    request = SupportRequestFactory(
        reference=reference,
        status=status,
        urgency=urgency,
        submitted_at=NOW - datetime.timedelta(hours=hours_ago),
        due_at=NOW + datetime.timedelta(hours=due_in_hours),
    )
    RequestChildFactory(request=request, first_name=f"Child{reference}")
    return request


@pytest.fixture
def front_door(make_user, sign_in):
    return sign_in(make_user(roles.FRONT_DOOR))


def references(response):
    content = response.content.decode()
    found = [(content.index(f">{ref}<"), ref) for ref in ("RA", "RB", "RC", "RD", "RE") if f">{ref}<" in content]
    return [ref for _, ref in sorted(found)]


def test_most_urgent_first_then_oldest_first(front_door):
    sent("RA", hours_ago=2)
    sent("RB", hours_ago=5)
    sent("RC", urgency=Urgency.SAFEGUARDING, hours_ago=1)
    sent("RD", urgency=Urgency.URGENT, hours_ago=3)
    SupportRequestFactory(reference=None)  # a draft never reaches the queue
    assert references(front_door.get(reverse("frontdoor:queue"))) == ["RC", "RD", "RB", "RA"]


@pytest.mark.parametrize(
    ("queue_filter", "expected"),
    [("new", ["RC", "RA"]), ("awaiting", ["RB"]), ("urgent", ["RC"]), ("overdue", ["RA"])],
)
def test_filters(front_door, queue_filter, expected):
    sent("RA", hours_ago=30, due_in_hours=-2)
    sent("RB", status=RequestStatus.AWAITING_INFORMATION)
    sent("RC", urgency=Urgency.URGENT)
    sent("RE", status=RequestStatus.DECIDED)
    assert references(front_door.get(reverse("frontdoor:queue"), {"filter": queue_filter})) == expected


def test_rag_status_shows_how_close_the_deadline_is(front_door):
    sent("RA", hours_ago=30, due_in_hours=-2)
    sent("RB", hours_ago=20, due_in_hours=4)
    sent("RC", hours_ago=1, due_in_hours=23)
    content = front_door.get(reverse("frontdoor:queue")).content.decode()
    assert content.count("Overdue</strong>") == 1
    assert content.count("Due soon</strong>") == 1
    assert content.count("On time</strong>") == 1


def test_queue_query_count_does_not_grow_with_the_queue(front_door):
    sent("RA")
    with CaptureQueriesContext(connection) as few:
        front_door.get(reverse("frontdoor:queue"))
    for i in range(12):
        sent(f"X{i}")
    with CaptureQueriesContext(connection) as many:
        front_door.get(reverse("frontdoor:queue"))
    assert len(many) == len(few)


def test_the_triage_page_shows_the_request_and_its_quality_checklist(front_door):
    request = sent("RA")
    content = front_door.get(reverse("frontdoor:triage_request", args=[request.pk])).content.decode()
    assert "ChildRA" in content
    assert "Referral quality" in content


def test_asking_the_referrer_for_information_moves_the_request_to_awaiting(
    front_door, django_capture_on_commit_callbacks
):
    from django.core import mail

    request = sent("RA")
    request.referrer_email = "hv@health.example"
    request.save()
    url = reverse("frontdoor:ask_for_information", args=[request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        front_door.post(url, {"question": "Does dad know about this request?"})
    request.refresh_from_db()
    assert request.status == RequestStatus.AWAITING_INFORMATION
    assert "Does dad know about this request?" in mail.outbox[0].body
    assert references(front_door.get(reverse("frontdoor:queue"), {"filter": "awaiting"})) == ["RA"]
