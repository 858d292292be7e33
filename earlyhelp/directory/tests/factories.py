"""Service directory records for tests. The migrated database already holds the needs; areas come from here."""

from __future__ import annotations

import factory

from earlyhelp.directory.models import Area, Need, Service


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Need {n}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Area {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    """A live service for all ages in no area, by professional referral. Pass needs=[...] and areas=[...]."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Service {n}")
    provider_name = "Northshire Voluntary Action"
    description = "Help for families."
    professional_referral = True
    phone = "01632 960999"

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
