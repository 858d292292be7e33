"""The threshold document in the administration site: drafts are edited, published versions only read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.thresholds.models import DocumentStatus, Level, ThresholdDocument
from earlyhelp.thresholds.tests.factories import document_with

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:thresholds_thresholddocument_changelist")


def change_url(document):
    return reverse("admin:thresholds_thresholddocument_change", args=[document.pk])


@pytest.fixture
def admin_client(administrator, sign_in):
    return sign_in(administrator)


@pytest.fixture
def current():
    return ThresholdDocument.objects.get(status=DocumentStatus.PUBLISHED)


def test_administrators_see_the_document_on_the_administration_site(admin_client):
    assert "Threshold document" in admin_client.get(reverse("admin:index")).content.decode()
    assert admin_client.get(CHANGELIST).status_code == 200


@pytest.mark.parametrize("kind", ["practitioner_staff", "admin_not_staff"])
def test_nobody_else_may_open_it(make_user, sign_in, kind):
    user = make_user(roles.SYSTEM_ADMIN if kind == "admin_not_staff" else roles.PRACTITIONER)
    user.is_staff = kind == "practitioner_staff"
    user.save()
    response = sign_in(user).get(CHANGELIST)
    assert response.status_code in (302, 403)


def test_a_published_document_opens_read_only(admin_client, current):
    page = admin_client.get(change_url(current)).content.decode()
    assert 'name="title"' not in page
    assert 'name="levels-0-name"' not in page
    assert "Attendance below 90%" not in page  # indicators live on each level's page
    level = current.levels.get(number=2)
    level_page = admin_client.get(reverse("admin:thresholds_level_change", args=[level.pk])).content.decode()
    assert "Attendance below 90% or persistent lateness" in level_page
    assert 'name="indicators-0-text"' not in level_page


def test_a_published_document_cannot_be_changed_by_posting(admin_client, current):
    response = admin_client.post(change_url(current), {"title": "Hacked", "summary": ""})
    assert response.status_code == 403
    current.refresh_from_db()
    assert current.title != "Hacked"


def test_no_document_can_be_deleted(admin_client, current):
    draft = document_with(levels=1)
    for document in (current, draft):
        url = reverse("admin:thresholds_thresholddocument_delete", args=[document.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert ThresholdDocument.objects.filter(pk__in=[current.pk, draft.pk]).count() == 2


def test_the_actions_make_a_new_draft_and_publish_it(admin_client, current):
    response = admin_client.post(CHANGELIST, {"action": "new_version", "_selected_action": [current.pk]}, follow=True)
    draft = ThresholdDocument.objects.get(status=DocumentStatus.DRAFT)
    assert f"Version {draft.version} created as a draft" in response.content.decode()
    assert draft.levels.count() == 4

    response = admin_client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    assert "is now the threshold document in force" in response.content.decode()
    draft.refresh_from_db()
    current.refresh_from_db()
    assert (draft.status, current.status) == (DocumentStatus.PUBLISHED, DocumentStatus.SUPERSEDED)


def test_publishing_a_published_document_is_refused_with_a_message(admin_client, current):
    response = admin_client.post(CHANGELIST, {"action": "publish", "_selected_action": [current.pk]}, follow=True)
    assert "Not published" in response.content.decode()


def test_a_new_document_gets_the_next_version_number(admin_client, current):
    response = admin_client.post(
        reverse("admin:thresholds_thresholddocument_add"),
        {
            "title": "Northshire levels of need 2027",
            "summary": "Agreed by the partnership board.",
            "levels-TOTAL_FORMS": "0",
            "levels-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    created = ThresholdDocument.objects.get(title="Northshire levels of need 2027")
    assert (created.version, created.status) == (current.version + 1, DocumentStatus.DRAFT)


def test_a_drafts_levels_are_edited_on_its_page(admin_client, administrator):
    draft = document_with(levels=1, indicators_per_level=0)
    level = draft.levels.get()
    response = admin_client.post(
        change_url(draft),
        {
            "title": draft.title,
            "summary": draft.summary,
            "levels-TOTAL_FORMS": "2",
            "levels-INITIAL_FORMS": "1",
            "levels-0-id": level.pk,
            "levels-0-document": draft.pk,
            "levels-0-number": "1",
            "levels-0-name": "Universal",
            "levels-0-description": "Needs met by everyday services.",
            "levels-0-expected_response": "Universal services",
            "levels-1-document": draft.pk,
            "levels-1-number": "2",
            "levels-1-name": "Early help",
            "levels-1-description": "Additional needs.",
            "levels-1-expected_response": "Early help assessment",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert list(draft.levels.values_list("number", "name")) == [(1, "Universal"), (2, "Early help")]
    assert Level.history.filter(document_id=draft.pk, history_user=administrator).count() == 2


def test_a_drafts_indicators_are_edited_on_its_levels_page(admin_client):
    level = document_with(levels=1, indicators_per_level=0).levels.get()
    response = admin_client.post(
        reverse("admin:thresholds_level_change", args=[level.pk]),
        {
            "number": "1",
            "name": level.name,
            "description": level.description,
            "expected_response": level.expected_response,
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-level": level.pk,
            "indicators-0-dimension": "PC.STABILITY",
            "indicators-0-text": "Several moves of home in a year",
            "indicators-0-order": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert list(level.indicators.values_list("dimension", "text")) == [
        ("PC.STABILITY", "Several moves of home in a year")
    ]


def test_a_drafts_indicator_is_removed_and_a_level_with_indicators_is_kept(admin_client):
    draft = document_with(levels=1, indicators_per_level=1)
    level = draft.levels.get()
    indicator = level.indicators.get()
    level_form = {
        "title": draft.title,
        "summary": draft.summary,
        "levels-TOTAL_FORMS": "1",
        "levels-INITIAL_FORMS": "1",
        "levels-0-id": level.pk,
        "levels-0-document": draft.pk,
        "levels-0-number": "1",
        "levels-0-name": level.name,
        "levels-0-description": level.description,
        "levels-0-expected_response": level.expected_response,
        "levels-0-DELETE": "on",
    }
    response = admin_client.post(change_url(draft), level_form)
    assert response.status_code == 200  # the form comes back: the level still has an indicator
    assert Level.objects.filter(pk=level.pk).exists()

    response = admin_client.post(
        reverse("admin:thresholds_level_change", args=[level.pk]),
        {
            "number": "1",
            "name": level.name,
            "description": level.description,
            "expected_response": level.expected_response,
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "1",
            "indicators-0-id": indicator.pk,
            "indicators-0-level": level.pk,
            "indicators-0-dimension": indicator.dimension,
            "indicators-0-text": indicator.text,
            "indicators-0-order": "0",
            "indicators-0-DELETE": "on",
        },
    )
    assert response.status_code == 302
    assert not level.indicators.exists()
    assert admin_client.post(change_url(draft), level_form).status_code == 302
    assert not draft.levels.exists()
