"""Contacts and case notes: who may record and read them, children seen and seen alone, significant events."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.episodes.models import (
    Attachment,
    ChildSeen,
    ChronologyEntry,
    ChronologyKind,
    Contact,
    ContactKind,
    ContactOutcome,
    Visibility,
)
from earlyhelp.episodes.services import ChildSeenInput, contact_record
from earlyhelp.episodes.tests.case_context import build_case_context


@pytest.fixture
def case(family, make_user, involve, team, school, consent):
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "nurse": nurse, "manager": make_user(roles.TEAM_MANAGER, team=team)}


def note_data(case, **overrides):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "token": str(uuid.uuid4()),
        "kind": ContactKind.HOME_VISIT,
        "outcome": ContactOutcome.COMPLETED,
        "happened_on_day": yesterday.day,
        "happened_on_month": yesterday.month,
        "happened_on_year": yesterday.year,
        "happened_time": "16:15",
        "who_was_there": "Rachel, Maisie, Noah",
        f"seen_{case['maisie'].pk}": "yes",
        f"seen_alone_{case['maisie'].pk}": "yes",
        f"seen_{case['noah'].pk}": "yes",
        f"seen_alone_{case['noah'].pk}": "no",
        "summary": "Maisie showed me her drawings; Noah was asleep for part of the visit.",
        "visibility": Visibility.SHARED,
        "interpreter_used": "not_needed",
    }
    data.update(overrides)
    return data


def test_the_lead_records_a_home_visit_with_each_child_seen(case, sign_in):
    client = sign_in(case["lead"])
    url = reverse("episodes:note_add", args=[case["episode"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, note_data(case, significant="on"))
    contact = Contact.objects.exclude(pk__in=[case["shared_note"].pk, case["private_note"].pk]).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("episodes:note_detail", args=[case["episode"].pk, contact.pk])
    assert contact.agency == case["lead"].profile.agency
    assert contact.recorded_by == case["lead"]
    seen = {c.person_id: (c.seen, c.seen_alone) for c in ChildSeen.objects.filter(contact=contact)}
    assert seen == {case["maisie"].pk: (True, True), case["noah"].pk: (True, False)}
    line = ChronologyEntry.objects.get(kind=ChronologyKind.SIGNIFICANT_EVENT)
    assert line.source == f"episodes.contact:{contact.pk}"
    assert line.visibility == Visibility.SHARED
    assert line.agency == contact.agency
    page = client.get(response["Location"])
    assert b"seen alone" in page.content


def test_seen_alone_without_being_seen_is_refused_with_a_clear_error(case, sign_in):
    client = sign_in(case["lead"])
    before = Contact.objects.count()
    data = note_data(case, **{f"seen_{case['noah'].pk}": "no", f"seen_alone_{case['noah'].pk}": "yes"})
    response = client.post(reverse("episodes:note_add", args=[case["episode"].pk]), data)
    assert response.status_code == 200
    assert "cannot have been seen alone without being seen" in response.content.decode()
    assert Contact.objects.count() == before


def test_a_completed_visit_asks_whether_each_child_was_seen(case, sign_in):
    client = sign_in(case["lead"])
    data = note_data(case)
    del data[f"seen_{case['noah'].pk}"]
    response = client.post(reverse("episodes:note_add", args=[case["episode"].pk]), data)
    assert response.status_code == 200
    assert f"Select yes if {case['noah'].display_name} was seen" in response.content.decode()


def test_a_failed_attempt_is_a_contact_too_and_needs_no_children_seen(case, sign_in):
    client = sign_in(case["lead"])
    data = note_data(case, outcome=ContactOutcome.NO_ANSWER, summary="Nobody home; left a card.")
    data = {k: v for k, v in data.items() if not k.startswith("seen")}
    response = client.post(reverse("episodes:note_add", args=[case["episode"].pk]), data)
    assert response.status_code == 302
    contact = Contact.objects.get(summary="Nobody home; left a card.")
    assert contact.outcome == ContactOutcome.NO_ANSWER
    assert not contact.children_seen.exists()


def test_a_contact_in_the_future_is_refused(case, sign_in):
    client = sign_in(case["lead"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = note_data(
        case, happened_on_day=tomorrow.day, happened_on_month=tomorrow.month, happened_on_year=tomorrow.year
    )
    response = client.post(reverse("episodes:note_add", args=[case["episode"].pk]), data)
    assert response.status_code == 200
    assert "must be in the past" in response.content.decode()


def test_a_double_submit_records_one_note(case, sign_in):
    client = sign_in(case["lead"])
    url = reverse("episodes:note_add", args=[case["episode"].pk])
    data = note_data(case, significant="on")
    first = client.post(url, data)
    second = client.post(url, data)
    assert first["Location"] == second["Location"]
    assert Contact.objects.filter(submission_token=data["token"]).count() == 1
    assert ChronologyEntry.objects.filter(kind=ChronologyKind.SIGNIFICANT_EVENT).count() == 1


def test_a_team_around_the_family_member_gets_404_on_other_agencies_notes(case, sign_in):
    client = sign_in(case["nurse"])
    episode_id = case["episode"].pk
    private = client.get(reverse("episodes:note_detail", args=[episode_id, case["private_note"].pk]))
    assert private.status_code == 404
    shared = client.get(reverse("episodes:note_detail", args=[episode_id, case["shared_note"].pk]))
    assert shared.status_code == 200
    listing = client.get(reverse("episodes:notes", args=[episode_id])).content.decode()
    assert case["shared_note"].summary in listing
    assert case["private_note"].summary not in listing
    # Nor can they attach a document to it, or download its attachment.
    attach = client.get(reverse("episodes:attachment_add", args=[episode_id, case["private_note"].pk]))
    assert attach.status_code == 404
    download = client.get(reverse("episodes:attachment_download", args=[episode_id, case["attachment"].pk]))
    assert download.status_code == 404


def test_a_partner_records_a_note_private_to_their_agency_and_the_lead_reads_it(case, sign_in, school):
    client = sign_in(case["nurse"])
    data = note_data(
        case,
        kind=ContactKind.CASE_NOTE,
        summary="School nurse: height and weight check.",
        visibility=Visibility.AGENCY,
    )
    response = client.post(reverse("episodes:note_add", args=[case["episode"].pk]), data)
    assert response.status_code == 302
    contact = Contact.objects.get(summary="School nurse: height and weight check.")
    assert contact.agency == school
    assert client.get(response["Location"]).status_code == 200
    lead = sign_in(case["lead"])
    assert lead.get(response["Location"]).status_code == 200
    assert contact.summary in lead.get(reverse("episodes:notes", args=[case["episode"].pk])).content.decode()


def test_the_front_door_reads_notes_but_does_not_write_them(case, sign_in, make_user):
    client = sign_in(make_user(roles.FRONT_DOOR))
    episode_id = case["episode"].pk
    assert client.get(reverse("episodes:notes", args=[episode_id])).status_code == 200
    assert client.get(reverse("episodes:note_detail", args=[episode_id, case["private_note"].pk])).status_code == 200
    assert client.post(reverse("episodes:note_add", args=[episode_id]), note_data(case)).status_code == 404


def test_a_note_of_another_episode_answers_404(case, sign_in, family):
    client = sign_in(case["lead"])
    url = reverse("episodes:note_detail", args=[case["episode"].pk + 1000, case["shared_note"].pk])
    assert client.get(url).status_code == 404


def test_the_service_refuses_seen_alone_without_seen(case):
    with pytest.raises(ValidationError):
        contact_record(
            user=case["lead"],
            episode=case["episode"],
            kind=ContactKind.HOME_VISIT,
            outcome=ContactOutcome.COMPLETED,
            happened_at=timezone.now() - datetime.timedelta(hours=1),
            summary="Visit",
            children_seen=[ChildSeenInput(person_id=case["maisie"].pk, seen=False, seen_alone=True)],
        )


def test_the_notes_page_makes_a_bounded_number_of_queries(case, sign_in):
    client = sign_in(case["lead"])
    url = reverse("episodes:notes", args=[case["episode"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(15):
        contact = contact_record(
            user=case["lead"],
            episode=case["episode"],
            kind=ContactKind.HOME_VISIT,
            outcome=ContactOutcome.COMPLETED,
            happened_at=timezone.now() - datetime.timedelta(hours=n + 1),
            summary=f"Visit {n}",
            children_seen=[
                ChildSeenInput(person_id=case["maisie"].pk, seen=True, seen_alone=bool(n % 2)),
                ChildSeenInput(person_id=case["noah"].pk, seen=True, seen_alone=False),
            ],
            visibility=Visibility.AGENCY if n % 3 else Visibility.SHARED,
        )
        Attachment.objects.create(
            contact=contact,
            file="attachments/x.txt",
            name="x.txt",
            content_type="text/plain",
            size=1,
            uploaded_by=case["lead"],
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large) <= len(small)
    assert b"Visit 0" in response.content


def test_the_notes_page_is_paginated_newest_first(case, sign_in):
    for n in range(25):
        contact_record(
            user=case["lead"],
            episode=case["episode"],
            kind=ContactKind.PHONE_CALL,
            outcome=ContactOutcome.COMPLETED,
            happened_at=timezone.now() - datetime.timedelta(days=n + 1),
            summary=f"Call number {n:02d}",
        )
    client = sign_in(case["lead"])
    url = reverse("episodes:notes", args=[case["episode"].pk])
    first = client.get(url).content.decode()
    assert first.index("Call number 00") < first.index("Call number 01")
    assert "Call number 24" not in first
    assert "Call number 24" in client.get(url, {"page": 2}).content.decode()
