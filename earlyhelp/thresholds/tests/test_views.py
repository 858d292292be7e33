from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.thresholds.models import DocumentStatus, ThresholdDocument
from earlyhelp.thresholds.tests.factories import document_with, force_publish

pytestmark = pytest.mark.django_db

CURRENT = reverse("thresholds:current")


@pytest.fixture
def reader(make_user, sign_in):
    """A referrer from a partner agency: the document is for everyone who asks for help, not only the council."""
    return sign_in(make_user(roles.REFERRER))


def test_the_current_document_shows_levels_responses_and_indicators_by_domain(reader):
    response = reader.get(CURRENT)
    assert response.status_code == 200
    page = response.content.decode()
    document = ThresholdDocument.objects.get(status=DocumentStatus.PUBLISHED)
    assert document.title in page
    assert "In force" in page
    assert "Level 2: Additional / emerging needs – early help" in page
    assert "Expected response" in page
    assert "Children&#x27;s social care: s17 assessment, s47, CP, LAC" in page
    assert "Attendance below 90% or persistent lateness" in page
    # Grouped: the domain heading, then the dimension, then the indicator.
    level_2 = page.index('id="level-2"')
    child = page.index("Child&#x27;s developmental needs", level_2)
    education = page.index("Education", child)
    assert child < education < page.index("Attendance below 90%", level_2)


def test_a_user_with_no_role_yet_can_read_it_but_is_not_offered_it(make_user, sign_in):
    # The home page tells a user with no role to ask for access; the navigation offers them nothing but home.
    client = sign_in(make_user())
    assert client.get(CURRENT).status_code == 200
    assert not re.search(r'navigation__link"\s+href="/thresholds/"', client.get(reverse("ui:home")).content.decode())


@pytest.mark.parametrize("role", sorted(roles.ROLES))
def test_the_navigation_offers_the_document_to_every_role(make_user, sign_in, role):
    page = sign_in(make_user(role)).get(reverse("ui:home")).content.decode()
    assert re.search(rf'class="govuk-service-navigation__link"\s+href="{CURRENT}"', page)


@pytest.mark.parametrize("url", [CURRENT, reverse("thresholds:version", args=[1])])
def test_anonymous_users_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_earlier_version_is_shown_as_replaced_with_a_link_to_the_current(reader):
    newer = force_publish(document_with(levels=2, title="Northshire thresholds 2027"))
    old = reader.get(reverse("thresholds:version", args=[1])).content.decode()
    assert "This version was replaced on" in old
    assert f'href="{CURRENT}"' in old
    current = reader.get(CURRENT).content.decode()
    assert "Northshire thresholds 2027" in current
    assert f'href="{reverse("thresholds:version", args=[1])}"' in current
    assert f"Version {newer.version} (this page)" in current


def test_an_unknown_version_or_a_draft_answers_404(reader):
    draft = document_with(levels=1)
    assert reader.get(reverse("thresholds:version", args=[999])).status_code == 404
    assert reader.get(reverse("thresholds:version", args=[draft.version])).status_code == 404


def test_a_page_says_so_when_nothing_is_published(reader):
    ThresholdDocument.objects.update(status=DocumentStatus.SUPERSEDED)
    response = reader.get(CURRENT)
    assert response.status_code == 200
    assert "has not published a threshold document" in response.content.decode()


def test_the_page_makes_as_many_queries_for_40_indicators_as_for_4(reader):
    force_publish(document_with(levels=4, indicators_per_level=1))
    with CaptureQueriesContext(connection) as small:
        assert reader.get(CURRENT).content.decode().count("Indicator number") == 4
    force_publish(document_with(levels=4, indicators_per_level=10))
    with CaptureQueriesContext(connection) as large:
        assert reader.get(CURRENT).content.decode().count("Indicator number") == 40
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    assert len(large) <= 15  # session, user, MFA, roles and permissions, 3 for the document, versions
