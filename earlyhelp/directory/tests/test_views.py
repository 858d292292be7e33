from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.codes.models import Code
from earlyhelp.directory.tests.factories import AreaFactory, NeedFactory, ServiceFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:search")


@pytest.fixture
def reader(make_user, sign_in):
    return sign_in(make_user(roles.PRACTITIONER))


def detail_url(service):
    return reverse("directory:detail", args=[service.pk])


def test_the_search_page_lists_services_as_cards_with_how_to_get_in(reader):
    need, area = NeedFactory(name="Money help"), AreaFactory(name="Saltmere")
    ServiceFactory(
        name="Debt clinic",
        provider_name="Saltmere Advice",
        min_age=0,
        max_age=18,
        needs=[need],
        areas=[area],
        walk_in=True,
        email="debt@advice.example",
    )
    page = reader.get(SEARCH).content.decode()
    assert "1 service in the directory" in page
    assert "govuk-summary-card" in page
    assert "Debt clinic" in page
    assert "Saltmere Advice" in page
    assert "Ages 0 to 18, in Saltmere" in page
    assert "Walk in" in page
    assert "Professional referral" in page
    assert "mailto:debt@advice.example" in page


def test_the_filters_narrow_the_results_and_keep_their_values(reader):
    need = NeedFactory(name="Money help")
    ServiceFactory(name="Debt clinic", needs=[need], min_age=0, max_age=18)
    ServiceFactory(name="Teen club", min_age=11, max_age=19)
    page = reader.get(SEARCH, {"need": need.pk, "age": "7"}).content.decode()
    assert "1 service found" in page
    assert "Debt clinic" in page
    assert "Teen club" not in page
    assert re.search(rf'<option value="{need.pk}" selected>', page)
    assert 'value="7"' in page
    assert "Clear filters" in page


@pytest.mark.parametrize(
    ("age", "message"),
    [("abc", "Age must be a whole number of years, like 7"), ("-1", "Age must be 0 or more")],
)
def test_a_bad_age_is_explained_by_the_field_and_in_the_summary_and_kept(reader, age, message):
    ServiceFactory(name="Debt clinic")
    response = reader.get(SEARCH, {"age": age})
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"<title>\s*Error: Find a service", page)
    summary = page[page.index("govuk-error-summary") : page.index("</main>")]
    assert f'<a href="#id_age">{message}</a>' in summary
    hidden = '<span class="govuk-visually-hidden">Error:</span>'
    assert re.search(rf'class="govuk-error-message" id="id_age_error">\s*{hidden}\s*{message}', page)
    assert f'value="{age}"' in page
    assert "Debt clinic" not in page


def test_archived_services_are_not_listed(reader):
    ServiceFactory(name="Closed club", archived_at=timezone.now())
    page = reader.get(SEARCH).content.decode()
    assert "0 services in the directory" in page
    assert "Closed club" not in page


def test_results_are_paginated_by_20(reader):
    for number in range(25):
        ServiceFactory(name=f"Service {number:02d}")
    first = reader.get(SEARCH, {"text": "service"}).content.decode()
    assert "25 services found" in first
    assert "Service 19" in first
    assert "Service 20" not in first
    assert "page=2" in first
    assert "text=service" in first
    second = reader.get(SEARCH, {"text": "service", "page": 2}).content.decode()
    assert "Service 20" in second
    assert "Service 19" not in second


def _make_services(count, need, area, languages):
    for number in range(count):
        service = ServiceFactory(name=f"Service {number}", needs=[need], areas=[area], covers_all_areas=number % 2)
        service.languages.set(languages)


@pytest.mark.parametrize("filters", [{}, {"need": "need", "age": "7", "area": "area", "access_route": "walk_in"}])
def test_the_search_makes_the_same_number_of_queries_for_5_or_25_services(reader, filters):
    need, area = NeedFactory(name="Counted need"), AreaFactory(name="Counted area")
    languages = list(Code.objects.of("language")[:3])
    query = {key: {"need": need.pk, "area": area.pk}.get(value, value) for key, value in filters.items()}
    counts = []
    for count in (5, 20):  # 5, then 25 in all: a full page of 20
        _make_services(count, need, area, languages)
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(SEARCH, query)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_detail_page_shows_everything_in_a_summary_list(reader):
    need, area = NeedFactory(name="Young carers help"), AreaFactory(name="Eastwold")
    service = ServiceFactory(
        name="Young carers project",
        description="Clubs and trips.",
        needs=[need],
        areas=[area],
        min_age=8,
        max_age=18,
        self_referral=True,
        phone="01632 960510",
        website="https://carers.example",
        address="1 High Street\nEastwold",
        opening_times="Wednesdays after school",
        cost="Free",
    )
    service.languages.set([Code.objects.of("language").get(code="pol")])
    page = reader.get(detail_url(service)).content.decode()
    for text in (
        "Young carers project",
        "Clubs and trips.",
        "Young carers help",
        "Eastwold",
        "Ages 8 to 18",
        "English, Polish",
        "Self-referral",
        "01632 960510",
        'href="https://carers.example"',
        "1 High Street<br>Eastwold",
        "Wednesdays after school",
    ):
        assert text in page, text
    assert "govuk-summary-list" in page


def test_the_detail_page_makes_a_bounded_number_of_queries(reader, django_assert_max_num_queries):
    service = ServiceFactory(needs=[NeedFactory(), NeedFactory()], areas=[AreaFactory(), AreaFactory()])
    # Session, user, MFA, roles and permissions for the navigation, a session save; then the service and its
    # needs, areas and languages. More needs or areas add no query.
    with django_assert_max_num_queries(13):
        assert reader.get(detail_url(service)).status_code == 200


def test_an_archived_service_still_opens_with_a_warning(reader):
    service = ServiceFactory(archived_at=timezone.now())
    page = reader.get(detail_url(service)).content.decode()
    assert "Do not signpost families to it" in page


def test_an_unknown_service_answers_404(reader):
    assert reader.get(reverse("directory:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("url", [SEARCH, reverse("directory:detail", args=[1])])
def test_anonymous_users_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", sorted(roles.ROLES))
def test_every_role_can_search_and_is_offered_it(make_user, sign_in, role):
    client = sign_in(make_user(role))
    assert client.get(SEARCH).status_code == 200
    home = client.get(reverse("ui:home")).content.decode()
    assert re.search(rf'class="govuk-service-navigation__link"\s+href="{SEARCH}"', home)


def test_a_user_with_no_role_yet_can_search_but_is_not_offered_it(make_user, sign_in):
    # As for the threshold document: the home page tells a user with no role to ask for access, and the
    # navigation offers them nothing but home.
    client = sign_in(make_user())
    assert client.get(SEARCH).status_code == 200
    assert f'href="{SEARCH}"' not in client.get(reverse("ui:home")).content.decode()
