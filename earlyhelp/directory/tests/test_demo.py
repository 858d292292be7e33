from __future__ import annotations

import pytest

from earlyhelp.directory.demo import SERVICES, create_demo_services
from earlyhelp.directory.models import Area, Service
from earlyhelp.directory.selectors import services_search

pytestmark = pytest.mark.django_db

TOWNS = ["Northby", "Kelsworth", "Hallowmere", "Eastwold", "Brackenford", "Saltmere"]


def test_the_demo_directory_is_created_once(council):
    assert create_demo_services(towns=TOWNS, agencies={"council": council}) == len(SERVICES) >= 35
    assert create_demo_services(towns=TOWNS, agencies={"council": council}) == 0
    assert Service.objects.count() == len(SERVICES)
    assert Area.objects.count() == len(TOWNS)
    hub = Service.objects.get(name="Northby Family Hub")
    assert hub.provider == council
    assert list(hub.areas.values_list("name", flat=True)) == ["Northby"]
    # Providers outside the partnership are named in words.
    assert Service.objects.get(name="Northshire Food Bank").provider_name == "Northshire Food Bank"


def test_every_demo_service_is_findable_by_one_of_its_needs():
    create_demo_services(towns=TOWNS, agencies={})
    for service in Service.objects.prefetch_related("needs"):
        need = service.needs.first()
        assert need is not None, service.name
        assert service in services_search(need=need, age=None, area=None)
