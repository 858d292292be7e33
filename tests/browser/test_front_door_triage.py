"""Issue 3: the triage worker sees match candidates and earlier history, decides early help for one child and
signposting for the other, and the referrer reads the outcome and the reasons. axe-core checks every page."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from journey_helpers import person
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.access.roles import FRONT_DOOR, REFERRER
from earlyhelp.frontdoor.models import RequestPerson, RequestStatus, SupportRequest
from earlyhelp.organisations.models import Agency, AgencyType, PractitionerProfile, Team
from earlyhelp.people.models import Family, FamilyMember
from earlyhelp.timescales.working_days import clock_start

pytestmark = pytest.mark.browser

PASSWORD = "a-long-demo-password-1"


def user(django_user_model: Any, email: str, role: str, agency: Agency, name: str) -> Any:
    account = django_user_model.objects.create_user(email=email, password=PASSWORD, full_name=name)
    account.groups.add(Group.objects.get(name=role))
    PractitionerProfile.objects.create(user=account, agency=agency, job_title="Worker")
    return account


def sent_request(referrer: Any, reference: str, submitted: datetime.datetime, **extra: Any) -> SupportRequest:
    return SupportRequest.objects.create(
        source="professional",
        created_by=referrer,
        referrer_name=referrer.full_name,
        referrer_email=referrer.email,
        reference=reference,
        status=extra.pop("status", RequestStatus.NEW),
        significant_harm_now=False,
        submitted_at=submitted,
        due_at=clock_start(submitted).due_at,
        **extra,
    )


def test_triage_decides_and_the_referrer_reads_the_outcome(
    browser: Browser,
    page: Page,
    live_server: LiveServer,
    settings: Any,
    django_user_model: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    settings.DEMO_MODE = True
    council = Agency.objects.create(name="Northshire Early Help", type=AgencyType.COUNCIL_EARLY_HELP)
    school = Agency.objects.create(name="Oakfield Primary School", type=AgencyType.SCHOOL)
    Team.objects.create(agency=council, name="Early Help North", email="ehnorth@northshire.example")
    worker = user(django_user_model, "frontdoor@northshire.example", FRONT_DOOR, council, "Fran Door")
    referrer = user(django_user_model, "dsl@oakfield.example", REFERRER, school, "Pat Lee")

    family = Family.objects.create(reference="NS-000001", name="Ashworth family")
    maisie = person("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    noah = person("Noah", "Ashworth", datetime.date(2019, 11, 20))
    for member in (maisie, noah):
        FamilyMember.objects.create(family=family, person=member)
    earlier = sent_request(
        referrer, "R26-000001", timezone.now() - datetime.timedelta(days=50), status=RequestStatus.DECIDED
    )
    RequestPerson.objects.create(
        request=earlier, is_child=True, first_name="Maisie", last_name="Ashworth", matched_person=maisie
    )
    now = timezone.now() - datetime.timedelta(hours=1)
    request = sent_request(referrer, "R26-000002", now, concerns="Both children hungry and late most days.")
    RequestPerson.objects.create(
        request=request,
        is_child=True,
        first_name="Maisy",
        last_name="Ashworth",
        date_of_birth=datetime.date(2016, 1, 7),
        impact="Tired and hungry in class.",
    )
    RequestPerson.objects.create(
        request=request,
        is_child=True,
        first_name="Noah",
        last_name="Ashworth",
        date_of_birth=datetime.date(2019, 11, 20),
        impact="Withdrawn at nursery.",
    )

    login(page, live_server, worker.email, PASSWORD)
    page.get_by_role("link", name="Front door queue").first.click()
    axe_check(page)
    page.get_by_role("link", name="R26-000002").click()
    expect(page.get_by_text("Possible matches on the register").first).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name=re.compile(r"This is Maisy")).first.click()
    expect(page.locator("main")).to_contain_text("Repeat request: 1 in the last 3 months")
    expect(page.locator("main")).to_contain_text("R26-000001")
    page.get_by_role("button", name=re.compile(r"This is Noah")).first.click()
    axe_check(page)

    page.get_by_role("link", name="Record the decision").click()
    axe_check(page)
    page.get_by_role("radio", name=re.compile(r"^Level 2:")).check()
    page.get_by_role("group", name="Has a need been identified?").get_by_label("Yes").check()
    children = request.children
    page.locator(f"input[name='outcome_{children[0].pk}'][value='early_help']").check()
    page.locator(f"select[name='team_{children[0].pk}']").select_option(
        label="Early Help North (Northshire Early Help)"
    )
    page.locator(f"input[name='outcome_{children[1].pk}'][value='advice']").check()
    page.locator(f"textarea[name='support_detail_{children[1].pk}']").fill(
        "Stay and Play at Saltmere Children's Centre, Wednesdays 10am."
    )
    page.get_by_label("Why did you decide this?").fill("Hunger and lateness for both children: level 2 needs.")
    page.get_by_label("Consent given").check()
    page.get_by_role("button", name="Record decision").click()

    expect(page.get_by_role("heading", name="Tell the referrer")).to_be_visible()
    expect(page.get_by_label("What the referrer will read")).to_contain_text("Early Help North")
    axe_check(page)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Feedback on R26-000002 sent")

    referrer_page = browser.new_page()
    login(referrer_page, live_server, referrer.email, PASSWORD)
    referrer_page.get_by_role("link", name="Your requests").first.click()
    axe_check(referrer_page)
    referrer_page.get_by_role("link", name="R26-000002").click()
    expect(referrer_page.get_by_role("heading", name="The front door's decision")).to_be_visible()
    expect(referrer_page.locator("main")).to_contain_text("Stay and Play at Saltmere Children's Centre")
    expect(referrer_page.locator("main")).to_contain_text("Hunger and lateness for both children")
    axe_check(referrer_page)
    referrer_page.close()

    request.refresh_from_db()
    assert request.status == RequestStatus.DECIDED
    assert request.feedback.read_at is not None
