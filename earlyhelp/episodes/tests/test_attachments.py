"""Attachments: type and size limits, first-bytes checks, and downloads only through the access check."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.episodes.models import Attachment, Contact, ContactKind, ContactOutcome, Visibility
from earlyhelp.episodes.tests.case_context import build_case_context

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.fixture
def case(family, make_user, involve, team, school, consent):
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "nurse": nurse}


def upload(case, client, name, content, content_type="application/octet-stream", note="shared_note"):
    url = reverse("episodes:attachment_add", args=[case["episode"].pk, case[note].pk])
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(url, {"token": str(uuid.uuid4()), "file": file})


def test_the_lead_attaches_a_pdf_and_downloads_it_as_an_attachment(case, sign_in):
    client = sign_in(case["lead"])
    response = upload(case, client, "school-report.pdf", PDF, content_type="text/html")
    assert response.status_code == 302
    attachment = Attachment.objects.get(name="school-report.pdf")
    # The stored type comes from the allowed list, never from what the browser claimed.
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    download = client.get(reverse("episodes:attachment_download", args=[case["episode"].pk, attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    event = AccessEvent.objects.filter(user=case["lead"], action=AccessAction.DOWNLOAD).get()
    assert event.record_type == "episodes.attachment"
    assert event.record_id == str(attachment.pk)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "The selected file must be a PDF, Word document, JPG, PNG or text file"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "The selected file must be a PDF, Word document, JPG, PNG or text file"),
        ("photo.png", PDF, "The selected file must be a PDF, Word document, JPG, PNG or text file"),
        ("empty.txt", b"", "The selected file is empty"),
    ],
)
def test_files_of_the_wrong_type_are_refused(case, sign_in, name, content, message):
    client = sign_in(case["lead"])
    response = upload(case, client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.filter(name=name).exists()


def test_a_file_over_the_size_limit_is_refused(case, sign_in, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    client = sign_in(case["lead"])
    response = upload(case, client, "big.txt", b"a" * (1024 * 1024 + 1))
    assert response.status_code == 200
    assert "The selected file must be smaller than 1MB" in response.content.decode()
    assert not Attachment.objects.filter(name="big.txt").exists()


def test_a_png_and_a_text_file_are_accepted(case, sign_in):
    client = sign_in(case["lead"])
    assert upload(case, client, "drawing.PNG", PNG).status_code == 302
    assert upload(case, client, "notes.txt", b"plain words").status_code == 302
    types = dict(Attachment.objects.values_list("name", "content_type"))
    assert types["drawing.PNG"] == "image/png"
    assert types["notes.txt"] == "text/plain"


def test_a_document_attached_with_a_new_note(case, sign_in):
    client = sign_in(case["lead"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "token": str(uuid.uuid4()),
        "kind": ContactKind.CASE_NOTE,
        "outcome": ContactOutcome.COMPLETED,
        "happened_on_day": yesterday.day,
        "happened_on_month": yesterday.month,
        "happened_on_year": yesterday.year,
        "happened_time": "09:00",
        "summary": "Letter from the GP.",
        "visibility": Visibility.AGENCY,
        "file": SimpleUploadedFile("gp-letter.pdf", PDF),
    }
    response = client.post(reverse("episodes:note_add", args=[case["episode"].pk]), data)
    assert response.status_code == 302
    contact = Contact.objects.get(summary="Letter from the GP.")
    assert contact.attachments.get().name == "gp-letter.pdf"


def test_a_partner_downloads_attachments_of_shared_notes_only(case, sign_in):
    lead = sign_in(case["lead"])
    upload(case, lead, "plan-letter.pdf", PDF)
    shared = Attachment.objects.get(name="plan-letter.pdf")
    nurse = sign_in(case["nurse"])
    episode_id = case["episode"].pk
    assert nurse.get(reverse("episodes:attachment_download", args=[episode_id, shared.pk])).status_code == 200
    private = reverse("episodes:attachment_download", args=[episode_id, case["attachment"].pk])
    assert nurse.get(private).status_code == 404


def test_an_attachment_is_not_served_from_its_storage_path(case, sign_in):
    client = sign_in(case["lead"])
    attachment = case["attachment"]
    assert client.get("/" + attachment.file.name).status_code == 404
    assert client.get("/media/" + attachment.file.name).status_code == 404


def test_a_double_submit_attaches_one_document(case, sign_in):
    client = sign_in(case["lead"])
    url = reverse("episodes:attachment_add", args=[case["episode"].pk, case["shared_note"].pk])
    token = str(uuid.uuid4())
    for _ in range(2):
        client.post(url, {"token": token, "file": SimpleUploadedFile("twice.pdf", PDF)})
    assert Attachment.objects.filter(name="twice.pdf").count() == 1
