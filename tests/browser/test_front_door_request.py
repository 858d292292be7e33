"""Issue 3's journeys so far: a school asks for help for two siblings with a non-resident father; a family asks
for help without an account. axe-core checks every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.access.roles import REFERRER
from earlyhelp.frontdoor.models import RequestStatus, SupportRequest
from earlyhelp.organisations.models import Agency, AgencyType, PractitionerProfile

pytestmark = pytest.mark.browser

EMAIL = "dsl@oakfield.example.org"
PASSWORD = "a-long-demo-password-1"


def fill_date(page: Page, name: str, day: str, month: str, year: str) -> None:
    page.fill(f"input[name='{name}_day']", day)
    page.fill(f"input[name='{name}_month']", month)
    page.fill(f"input[name='{name}_year']", year)


def save(page: Page, axe_check: Callable[[Page], None], name: str = "Save and continue") -> None:
    axe_check(page)
    page.get_by_role("button", name=name).click()


def test_a_school_asks_for_help_for_two_siblings_with_a_non_resident_father(
    page: Page,
    live_server: LiveServer,
    settings: Any,
    django_user_model: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    settings.DEMO_MODE = True
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(email=EMAIL, password=PASSWORD, full_name="Pat Lee")
    user.groups.add(Group.objects.get(name=REFERRER))
    school = Agency.objects.create(name="Oakfield Primary School", type=AgencyType.SCHOOL)
    PractitionerProfile.objects.create(user=user, agency=school, job_title="Designated safeguarding lead")

    login(page, live_server, EMAIL, PASSWORD)
    page.get_by_role("link", name="Ask for help").first.click()
    axe_check(page)
    page.get_by_role("button", name="Start now").click()

    page.get_by_label("No").check()
    save(page, axe_check)
    expect(page.get_by_label("Your name")).to_have_value("Pat Lee")
    save(page, axe_check)

    for first, day in (("Maisie", "1"), ("Noah", "20")):
        page.get_by_role("link", name=re.compile(r"Add (a|another) child")).click()
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill("Ashworth")
        fill_date(page, "date_of_birth", day, "7", "2016")
        page.get_by_label("How is it affecting this child day to day?").fill(
            f"{first} arrives hungry and tired, and has stopped playing with friends at break."
        )
        save(page, axe_check, "Save")
    expect(page.get_by_role("heading", name="Maisie Ashworth")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Continue").click()

    page.get_by_role("link", name=re.compile(r"Add (an|another) adult")).click()
    page.get_by_label("First name").fill("Dean")
    page.get_by_label("Last name").fill("Butler")
    page.get_by_label("Relationship to the children").select_option("father")
    page.get_by_role("group", name="Do they live with the children?").get_by_label("No").check()
    save(page, axe_check, "Save")
    axe_check(page)
    page.get_by_role("link", name="Continue").click()

    page.get_by_label("What are you worried about, and why?").fill(
        "Both children are often hungry and late. Mum says money has been short since dad left."
    )
    page.get_by_label("What has been tried already?").fill("Breakfast club place offered in September this year.")
    page.get_by_label("How did it go?").fill("Maisie goes; Noah will not go without her.")
    page.get_by_label("What is going well for this family?").fill("Mum is warm and wants help.")
    save(page, axe_check)

    page.get_by_role("group", name="Do the parents or carers know about this request?").get_by_label("Yes").check()
    page.get_by_label("Yes, they consent to this request").check()
    save(page, axe_check)
    page.get_by_label("What do other professionals working with the family think?").fill(
        "School nurse: both children on a low centile for weight."
    )
    save(page, axe_check)
    page.get_by_role("group", name="Does anyone in the family need an interpreter?").get_by_label(
        "No", exact=True
    ).check()
    save(page, axe_check)
    page.get_by_label(re.compile(r"^Level 2:")).check()
    save(page, axe_check)
    page.locator("input[name='suggested_indicators']").first.check()
    save(page, axe_check)
    page.get_by_label("Within the usual timescale").check()
    save(page, axe_check)

    expect(page.get_by_role("heading", name="Check your answers before sending your request")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Dean Butler")
    save(page, axe_check, "Send request")

    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    axe_check(page)
    sent = SupportRequest.objects.get(created_by=user)
    assert sent.status == RequestStatus.NEW
    assert sent.suggested_level is not None
    assert sent.suggested_level.number == 2
    assert sent.suggested_indicators.count() == 1
    assert [c.first_name for c in sent.children] == ["Maisie", "Noah"]
    assert sent.adults[0].is_father_or_male_carer
    assert sent.adults[0].lives_in_household is False

    page.locator("main").get_by_role("link", name="your requests").click()
    expect(page.locator("main")).to_contain_text(sent.reference)
    axe_check(page)


def test_a_family_asks_for_help_without_an_account_and_it_arrives_in_the_queue(
    page: Page,
    live_server: LiveServer,
    settings: Any,
    django_user_model: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    page.goto(f"{live_server.url}/help/")
    axe_check(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.get_by_label("Your name").fill("Jo Parent")
    page.get_by_label("A parent or carer").check()
    page.get_by_label("First name").fill("Kai")
    page.get_by_label("Last name").fill("Parent")
    page.get_by_label("What is happening, and what help would you like?").fill("Kai will not go to school.")
    page.get_by_label("Your postcode").fill("NS1 2AB")
    page.get_by_label("Phone number").fill("01632 960 123")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="We have your request")).to_be_visible()
    axe_check(page)
    reference = SupportRequest.objects.get().reference
    assert reference in page.content()

    settings.DEMO_MODE = True
    from django.contrib.auth.models import Group

    from earlyhelp.access.roles import FRONT_DOOR

    worker = django_user_model.objects.create_user(email="frontdoor@northshire.example", password=PASSWORD)
    worker.groups.add(Group.objects.get(name=FRONT_DOOR))
    login(page, live_server, worker.email, PASSWORD)
    page.get_by_role("link", name="Front door queue").first.click()
    expect(page.locator("main")).to_contain_text("Family (self-referral)")
    page.get_by_role("link", name=reference).click()
    expect(page.locator("main")).to_contain_text("Kai will not go to school.")
    axe_check(page)
