from __future__ import annotations

import pytest
from django.utils import timezone

from earlyhelp.directory.models import AccessRoute, Need, Service
from earlyhelp.directory.selectors import service_detail, services_search
from earlyhelp.directory.tests.factories import AreaFactory, NeedFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NOTHING = {"need": None, "age": None, "area": None}


def names(**criteria):
    return list(services_search(**{**NOTHING, **criteria}).values_list("name", flat=True))


def test_the_migration_gives_a_starting_list_of_needs():
    assert Need.objects.filter(active=True).count() >= 19
    assert Need.objects.filter(name="Money and debt").exists()


def test_with_no_criteria_every_live_service_is_found_by_name():
    ServiceFactory(name="Youth club")
    ServiceFactory(name="Food bank")
    assert names() == ["Food bank", "Youth club"]


def test_search_by_need():
    debt, housing = NeedFactory(name="Debt"), NeedFactory(name="Homes")
    ServiceFactory(name="Debt advice", needs=[debt])
    ServiceFactory(name="Housing and debt", needs=[housing, debt])
    ServiceFactory(name="Housing options", needs=[housing])
    assert names(need=debt) == ["Debt advice", "Housing and debt"]


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (0, ["Any age", "Early years"]),
        (4, ["Any age", "Early years", "Four and over"]),
        (5, ["Any age", "Four and over", "School age"]),
        (17, ["Any age", "Four and over", "School age"]),
        (30, ["Any age", "Four and over"]),
    ],
)
def test_search_by_age_includes_both_ends_and_treats_a_blank_end_as_no_limit(age, expected):
    ServiceFactory(name="Early years", min_age=0, max_age=4)
    ServiceFactory(name="School age", min_age=5, max_age=17)
    ServiceFactory(name="Four and over", min_age=4)
    ServiceFactory(name="Any age")
    assert names(age=age) == expected


def test_search_by_area_includes_services_for_all_areas_once():
    northby, saltmere = AreaFactory(name="Northby"), AreaFactory(name="Saltmere")
    ServiceFactory(name="Northby club", areas=[northby])
    ServiceFactory(name="Saltmere club", areas=[saltmere])
    # Names both areas and covers all: found once, not once per area.
    ServiceFactory(name="Everywhere", covers_all_areas=True, areas=[northby, saltmere])
    assert names(area=northby) == ["Everywhere", "Northby club"]


def test_search_by_words_in_name_description_or_provider(council):
    ServiceFactory(name="Money advice", description="Debt and benefits")
    ServiceFactory(name="Family hub", provider=council, provider_name="")
    ServiceFactory(name="Pantry", description="Cheap groceries", provider_name="Kelsworth Partnership")
    assert names(text="debt") == ["Money advice"]
    assert names(text="early help") == ["Family hub"]
    assert names(text="KELSWORTH groceries") == ["Pantry"]
    assert names(text="debt groceries") == []


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (AccessRoute.WALK_IN, ["Drop-in"]),
        (AccessRoute.SELF_REFERRAL, ["Drop-in", "Phone us"]),
        (AccessRoute.PROFESSIONAL_REFERRAL, ["Referral only"]),
        ("", ["Drop-in", "Phone us", "Referral only"]),
    ],
)
def test_search_by_access_route(route, expected):
    ServiceFactory(name="Drop-in", walk_in=True, self_referral=True, professional_referral=False)
    ServiceFactory(name="Phone us", self_referral=True, professional_referral=False)
    ServiceFactory(name="Referral only", professional_referral=True)
    assert names(access_route=route) == expected


def test_an_unknown_access_route_is_refused():
    with pytest.raises(ValueError, match="Unknown access route"):
        names(access_route="archived_at")


def test_search_by_pregnancy():
    ServiceFactory(name="Antenatal", for_pregnancy=True, max_age=0)
    ServiceFactory(name="Toddlers", min_age=1, max_age=3)
    assert names(pregnancy=True) == ["Antenatal"]


def test_criteria_combine():
    need, other_need = NeedFactory(name="Parenting help"), NeedFactory(name="Other help")
    area, other_area = AreaFactory(name="Eastwold"), AreaFactory(name="Brackenford")
    wanted = {"needs": [need], "areas": [area], "min_age": 3, "max_age": 8, "self_referral": True}
    ServiceFactory(name="Match", **wanted)
    ServiceFactory(name="Match everywhere", **{**wanted, "areas": [other_area], "covers_all_areas": True})
    ServiceFactory(name="Wrong need", **{**wanted, "needs": [other_need]})
    ServiceFactory(name="Wrong area", **{**wanted, "areas": [other_area]})
    ServiceFactory(name="Too young", **{**wanted, "max_age": 5})
    ServiceFactory(name="No self-referral", **{**wanted, "self_referral": False})
    ServiceFactory(name="Other words", description="Nothing about it", **wanted)
    found = names(need=need, age=6, area=area, text="match", access_route=AccessRoute.SELF_REFERRAL)
    assert found == ["Match", "Match everywhere"]


def test_archived_services_never_appear():
    need, area = NeedFactory(name="Bereavement help"), AreaFactory(name="Hallowmere")
    ServiceFactory(name="Closed", needs=[need], areas=[area], covers_all_areas=True, archived_at=timezone.now())
    assert names() == []
    assert names(need=need, age=5, area=area, text="closed", access_route=AccessRoute.PROFESSIONAL_REFERRAL) == []


def test_service_detail_finds_an_archived_service_for_past_signpostings():
    service = ServiceFactory(archived_at=timezone.now())
    assert service_detail(service_id=service.pk) == service
    with pytest.raises(Service.DoesNotExist):
        service_detail(service_id=service.pk + 1000)
