import datetime

import factory

from earlyhelp.people.models import Address, Family, FamilyMember, Person, PersonRelationship
from earlyhelp.people.names import search_names_for


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    legal_first_name = factory.Faker("first_name", locale="en_GB")
    legal_last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(lambda: datetime.date(2015, 5, 17))
    search_names = factory.LazyAttribute(
        lambda p: search_names_for(
            first=p.legal_first_name, last=p.legal_last_name, preferred=getattr(p, "preferred_name", "")
        )
    )


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    reference = factory.Sequence(lambda n: f"NS-T{n:05d}")
    name = factory.Sequence(lambda n: f"Test family {n}")


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    family = factory.SubFactory(FamilyFactory)
    person = factory.SubFactory(PersonFactory)


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    person = factory.SubFactory(PersonFactory)
    line_1 = factory.Sequence(lambda n: f"{n} Test Street")
    town = "Northtown"
    postcode = "NR1 1AA"


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonRelationship

    type = "mother"
    parental_responsibility = True
