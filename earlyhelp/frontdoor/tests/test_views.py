from __future__ import annotations

import pytest
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.frontdoor.models import RequestStatus, SupportRequest, Urgency


@pytest.fixture
def referrer(make_user, school):
    return make_user(roles.REFERRER, agency=school, email="dsl@oakfield.example.org")


def step(client, draft, slug, data):
    url = reverse("frontdoor:request_step", args=[draft.pk, slug])
    draft.refresh_from_db()
    return client.post(url, {"version": draft.version, **data})


def start(client):
    response = client.post(reverse("frontdoor:request_start"))
    assert response.status_code == 302
    return SupportRequest.objects.latest("pk")


def test_a_school_asks_for_help_for_two_siblings_and_a_non_resident_father(referrer, sign_in, school):
    client = sign_in(referrer)
    draft = start(client)
    assert step(client, draft, "harm", {"significant_harm_now": "no"})["Location"].endswith("/referrer/")
    step(
        client,
        draft,
        "referrer",
        {"referrer_name": "Pat Lee", "referrer_agency": school.pk, "referrer_email": "p@x.org"},
    )
    for first, day in (("Maisie", "1"), ("Noah", "20")):
        response = client.post(
            reverse("frontdoor:request_child_add", args=[draft.pk]),
            {
                "first_name": first,
                "last_name": "Ashworth",
                "date_of_birth_day": day,
                "date_of_birth_month": "7",
                "date_of_birth_year": "2016",
                "impact": f"{first} is tired and hungry at school most mornings and has stopped playing with friends.",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    client.post(
        reverse("frontdoor:request_adult_add", args=[draft.pk]),
        {"first_name": "Dean", "last_name": "Butler", "relationship": "father", "lives_in_household": "no"},
    )
    step(client, draft, "concerns", {"concerns": "Both children are often hungry and late; mum says money is short."})
    step(client, draft, "consent", {"parents_aware": "yes", "consent": "given"})
    step(client, draft, "professionals", {"professional_views": ""})
    step(client, draft, "language", {"interpreter_needed": "no"})
    step(client, draft, "urgency", {"urgency": Urgency.ROUTINE})

    check = client.get(reverse("frontdoor:request_check", args=[draft.pk]))
    content = check.content.decode()
    assert "Maisie Ashworth" in content
    assert "Noah Ashworth" in content
    assert "Father" in content
    assert "The views of other professionals" in content  # a quality prompt still missing

    sent = client.post(reverse("frontdoor:request_check", args=[draft.pk]))
    assert sent.status_code == 302
    draft.refresh_from_db()
    assert draft.status == RequestStatus.NEW
    assert draft.reference in client.get(sent["Location"]).content.decode()
    assert [p.name for p in draft.children] == ["Maisie Ashworth", "Noah Ashworth"]
    assert draft.adults[0].is_father_or_male_carer
    assert draft.adults[0].lives_in_household is False
    assert draft.reference in client.get(reverse("frontdoor:my_requests")).content.decode()


def test_a_draft_survives_the_session_ending(referrer, sign_in, client):
    signed_in = sign_in(referrer)
    draft = start(signed_in)
    step(signed_in, draft, "harm", {"significant_harm_now": "no"})
    step(signed_in, draft, "concerns", {"concerns": "Written before the session timed out"})
    signed_in.logout()
    again = sign_in(referrer)
    page = again.get(reverse("frontdoor:request_step", args=[draft.pk, "concerns"])).content.decode()
    assert "Written before the session timed out" in page
    assert draft.reference is None
    assert "Draft" in again.get(reverse("frontdoor:my_requests")).content.decode()


def test_yes_to_significant_harm_shows_how_to_reach_the_front_door_now(referrer, sign_in, settings):
    client = sign_in(referrer)
    draft = start(client)
    response = step(client, draft, "harm", {"significant_harm_now": "yes"})
    assert response["Location"] == reverse("frontdoor:request_harm_now", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert settings.FRONT_DOOR_CONTACT["phone"] in page
    draft.refresh_from_db()
    assert draft.urgency == Urgency.SAFEGUARDING


def test_bad_answers_keep_what_was_typed_and_explain(referrer, sign_in):
    client = sign_in(referrer)
    draft = start(client)
    response = step(client, draft, "consent", {"parents_aware": "no", "consent": "not_asked", "consent_reason": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Enter why the parents have not been asked or do not consent" in content
    assert 'value="not_asked" checked' in content or "checked" in content


def test_a_future_date_of_birth_is_refused(referrer, sign_in):
    client = sign_in(referrer)
    draft = start(client)
    response = client.post(
        reverse("frontdoor:request_child_add", args=[draft.pk]),
        {
            "first_name": "A",
            "last_name": "B",
            "date_of_birth_day": "1",
            "date_of_birth_month": "1",
            "date_of_birth_year": "2999",
            "impact": "x",
        },
    )
    assert "Date of birth must be today or in the past" in response.content.decode()
    assert not draft.people.exists()


def test_someone_elses_draft_answers_404(referrer, make_user, sign_in):
    draft = start(sign_in(referrer))
    other = sign_in(make_user(roles.REFERRER))
    assert other.get(reverse("frontdoor:request_check", args=[draft.pk])).status_code == 404


def test_sending_twice_from_the_check_page_makes_one_request(referrer, sign_in):
    from earlyhelp.frontdoor.tests.factories import RequestChildFactory

    client = sign_in(referrer)
    draft = start(client)
    RequestChildFactory(request=draft)
    SupportRequest.objects.filter(pk=draft.pk).update(
        significant_harm_now=False, concerns="Worried", parents_aware="yes", consent="given"
    )
    url = reverse("frontdoor:request_check", args=[draft.pk])
    first, second = client.post(url), client.post(url)
    assert first["Location"] == second["Location"]
    assert SupportRequest.objects.filter(created_by=referrer).exclude(status="draft").count() == 1
