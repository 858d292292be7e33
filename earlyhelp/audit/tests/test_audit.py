from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.audit.models import AccessAction, AccessEvent, AppendOnlyError


@pytest.fixture
def viewed(family, make_user, involve, sign_in, client):
    lead = make_user(roles.PRACTITIONER, email="lead@example.org")
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    sign_in(lead).get(reverse("people:family_detail", args=[family.pk]))
    client.logout()
    return AccessEvent.objects.get()


def test_access_events_cannot_be_changed_or_deleted(viewed):
    viewed.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        viewed.save()
    with pytest.raises(AppendOnlyError):
        viewed.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_postgresql_refuses_updates_and_deletes_of_access_events(viewed):
    for statement in ("UPDATE audit_accessevent SET reason = 'x'", "DELETE FROM audit_accessevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


def test_information_governance_sees_who_viewed_a_family_without_its_content(viewed, family, make_user, sign_in):
    client = sign_in(make_user(roles.INFORMATION_GOVERNANCE))
    response = client.get(reverse("audit:family_viewers", args=[family.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "lead@example.org" in content
    assert family.reference in content
    assert "Ashworth" not in content  # the log, not the case
    # Reading the log is itself logged.
    assert AccessEvent.objects.filter(action=AccessAction.LIST, user__email__startswith="user").exists()


def test_access_log_filters_by_user_and_family_reference(viewed, family, make_user, sign_in):
    client = sign_in(make_user(roles.INFORMATION_GOVERNANCE))
    response = client.get(reverse("audit:events"), {"family_reference": family.reference.lower()})
    assert "lead@example.org" in response.content.decode()
    response = client.get(reverse("audit:events"), {"family_reference": "NS-NOPE"})
    assert "No events match" in response.content.decode()
    response = client.get(reverse("audit:events"), {"user_email": "LEAD@example.org", "action": "view"})
    assert "lead@example.org" in response.content.decode()


def test_only_information_governance_reads_the_log(viewed, family, make_user, sign_in):
    for role in (roles.PRACTITIONER, roles.FRONT_DOOR, roles.SYSTEM_ADMIN, roles.TEAM_MANAGER):
        client = sign_in(make_user(role))
        assert client.get(reverse("audit:events")).status_code == 403
        assert client.get(reverse("audit:family_viewers", args=[family.pk])).status_code == 403


def test_change_history_is_kept_for_personal_data(family):
    person = family.memberships.first().person
    person.preferred_name = "Ray"
    person.save()
    assert person.history.count() == 2
    assert person.history.first().preferred_name == "Ray"
