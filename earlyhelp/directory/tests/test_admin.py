"""The directory in the administration site: administrators of reference data edit it, archive, never delete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.directory.models import Service
from earlyhelp.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:directory_service_changelist")


@pytest.fixture
def admin_client(make_user, sign_in):
    user = make_user(roles.SYSTEM_ADMIN)
    user.is_staff = True
    user.save()
    return sign_in(user)


def test_administrators_search_and_filter_services(admin_client):
    ServiceFactory(name="Debt clinic")
    ServiceFactory(name="Youth club")
    page = admin_client.get(CHANGELIST, {"q": "debt"}).content.decode()
    assert "Debt clinic" in page
    assert "Youth club" not in page
    for url in ("admin:directory_need_changelist", "admin:directory_area_changelist", "admin:directory_service_add"):
        assert admin_client.get(reverse(url)).status_code == 200


def test_a_service_is_archived_not_deleted(admin_client):
    service = ServiceFactory(name="Closing club")
    assert admin_client.get(reverse("admin:directory_service_delete", args=[service.pk])).status_code == 403
    response = admin_client.post(CHANGELIST, {"action": "archive", "_selected_action": [service.pk]})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.is_archived
    assert Service.objects.filter(pk=service.pk).exists()


def test_a_practitioner_cannot_open_it(make_user, sign_in):
    user = make_user(roles.PRACTITIONER)
    user.is_staff = True
    user.save()
    assert sign_in(user).get(CHANGELIST).status_code in (302, 403)
