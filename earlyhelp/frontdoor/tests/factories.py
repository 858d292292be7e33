import factory

from earlyhelp.frontdoor.models import RequestPerson, SupportRequest


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    source = "professional"
    referrer_name = "Sam Teacher"


class RequestChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestPerson

    request = factory.SubFactory(SupportRequestFactory)
    is_child = True
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = "Ashworth"
    impact = "Arrives hungry most mornings and falls asleep in class after lunch."
