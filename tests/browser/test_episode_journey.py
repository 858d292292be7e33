"""Issue 4: a manager allocates an episode; the lead practitioner assesses two children (one seen alone) and a
father who is not involved, records a Family Star Plus baseline, invites a school nurse to the Team Around the
Family, writes a plan with SMART outcomes per child and downloads the family's PDF; the nurse updates her own
action. axe-core checks every page on the way."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from journey_helpers import PASSWORD, account, fill_date, person, submit
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.access.models import Consent
from earlyhelp.access.roles import PRACTITIONER, TEAM_MANAGER
from earlyhelp.episodes.models import Episode
from earlyhelp.episodes.services import episode_open
from earlyhelp.organisations.models import Agency, AgencyType, Team
from earlyhelp.people.models import Family, FamilyMember, PersonRelationship, RelationshipType

pytestmark = pytest.mark.browser


def test_episode_from_allocation_to_the_family_copy(
    page: Page,
    live_server: LiveServer,
    settings: Any,
    django_user_model: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    settings.DEMO_MODE = True
    council = Agency.objects.create(name="Northshire Early Help", type=AgencyType.COUNCIL_EARLY_HELP)
    nursing = Agency.objects.create(name="Northshire School Nursing", type=AgencyType.SCHOOL_NURSING)
    team = Team.objects.create(agency=council, name="Early Help North")
    manager = account(django_user_model, "manager@northshire.example", TEAM_MANAGER, council, "Morgan Reid", team)
    lead = account(django_user_model, "lead@northshire.example", PRACTITIONER, council, "Lee Patel", team)
    nurse = account(django_user_model, "nurse@northshire.example", PRACTITIONER, nursing, "Nia Jones")

    family = Family.objects.create(reference="NS-000001", name="Ashworth family")
    rachel = person("Rachel", "Ashworth", datetime.date(1990, 2, 3))
    maisie = person("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    noah = person("Noah", "Ashworth", datetime.date(2019, 11, 20))
    darren = person("Darren", "Ashworth", datetime.date(1988, 5, 9))
    for member in (rachel, maisie, noah):
        FamilyMember.objects.create(family=family, person=member)
    FamilyMember.objects.create(family=family, person=darren, lives_in_household=False)
    for child in (maisie, noah):
        PersonRelationship.objects.create(person=darren, relative=child, type=RelationshipType.FATHER)
        PersonRelationship.objects.create(person=rachel, relative=child, type=RelationshipType.MOTHER)
    consent = Consent.objects.create(
        person=rachel, given_on=datetime.date(2026, 11, 2), how_obtained=Consent.HowObtained.WRITTEN
    )
    consent.agencies.add(nursing)
    episode = episode_open(user=manager, family=family, children=[maisie, noah], team=team)
    Episode.objects.filter(pk=episode.pk).update(opened_at=timezone.now() - datetime.timedelta(days=3))
    url = f"{live_server.url}{reverse('episodes:detail', args=[episode.pk])}"

    # The manager allocates the lead practitioner.
    login(page, live_server, manager.email, PASSWORD)
    page.get_by_role("link", name="Allocate").first.click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Ashworth family")).first.click()
    axe_check(page)
    page.get_by_label(re.compile("Lee Patel")).check()
    page.get_by_label("Why this practitioner?").fill("Lee has room and works with Oakfield.")
    submit(page, "Allocate")
    expect(page.locator("main")).to_contain_text("Lee Patel")
    page.context.clear_cookies()

    # The lead practitioner assesses the family.
    login(page, live_server, lead.email, PASSWORD)
    page.goto(url)
    axe_check(page)
    page.get_by_role("link", name="Assessment", exact=True).first.click()
    submit(page, "Start the assessment")
    axe_check(page)

    child_url = f"{live_server.url}{reverse('assessments:child', args=[episode.pk, maisie.pk])}"
    page.goto(child_url)
    axe_check(page)
    page.get_by_label("Spoke with the child").check()
    page.locator("fieldset", has_text="Was Maisie seen?").first.get_by_label("Yes").check()
    page.locator("fieldset", has_text="Was Maisie seen alone?").get_by_label("Yes").check()
    page.get_by_label("Maisie’s wishes and feelings").fill("Maisie wants mum to be less tired.")
    page.get_by_label("Maisie’s daily lived experience").fill("Gets herself and Noah ready most mornings.")
    submit(page, "Save and continue")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)

    page.goto(f"{live_server.url}{reverse('assessments:child', args=[episode.pk, noah.pk])}")
    axe_check(page)
    page.get_by_label("Observed the child (too young or unable to say)").check()
    page.locator("fieldset", has_text="Was Noah seen?").first.get_by_label("Yes").check()
    page.locator("fieldset", has_text="Was Noah seen alone?").get_by_label("No").check()
    page.get_by_label("Why was Noah not seen alone?").fill("Noah is six and wanted his sister with him.")
    page.get_by_label("Noah’s wishes and feelings").fill("Noah says he likes football club.")
    page.get_by_label("Noah’s daily lived experience").fill("Often late to school; tired.")
    submit(page, "Save and continue")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)

    page.goto(f"{live_server.url}{reverse('assessments:carer', args=[episode.pk, darren.pk])}")
    axe_check(page)
    page.get_by_role("radio", name="Not involved").check()
    submit(page, "Save and continue")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Record why Darren is not involved")
    axe_check(page)
    page.get_by_role("textbox", name=re.compile("Why is Darren not involved")).fill(
        "Darren has not replied to two letters and a call."
    )
    submit(page, "Save and continue")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)

    # A Family Star Plus baseline with Rachel.
    page.goto(f"{live_server.url}{reverse('outcometools:readings', args=[episode.pk])}")
    axe_check(page)
    submit(page, "Record a reading")
    axe_check(page)
    page.get_by_label(re.compile("Family Star Plus")).check()
    submit(page, "Continue")
    page.get_by_label(re.compile("Rachel")).check()
    page.get_by_label("Baseline").check()
    fill_date(page, "taken_on", timezone.localdate())
    for n, score in enumerate(page.locator("input[name^='area_']").all()):
        score.fill(str(3 + n % 4))
    axe_check(page)
    submit(page, "Save reading")
    expect(page.locator("main")).to_contain_text("Family Star Plus")
    expect(page.locator("main svg[role='img']").first).to_be_visible()
    axe_check(page)

    # The school nurse joins the Team Around the Family.
    page.goto(f"{live_server.url}{reverse('plans:taf', args=[episode.pk])}")
    axe_check(page)
    page.get_by_role("link", name="Invite a professional").click()
    page.get_by_label("Name or email address").fill("Nia")
    submit(page, "Search")
    axe_check(page)
    page.get_by_label(re.compile("Nia Jones")).check()
    page.get_by_label("Their role in the Team Around the Family").fill("School nurse")
    submit(page, "Send invitation")
    expect(page.locator("main")).to_contain_text("Nia Jones")
    axe_check(page)

    # The plan: an outcome for each child and actions serving them.
    page.goto(f"{live_server.url}{reverse('plans:plan', args=[episode.pk])}")
    axe_check(page)
    submit(page, "Start the plan")
    axe_check(page)
    outcomes = (
        (maisie, "Maisie gets to school on time every day", "Attendance and punctuality", "82%", "95%"),
        (noah, "Noah sleeps through and is ready for school", "Sleep diary kept by mum", "3 nights", "6 nights"),
    )
    for child, change, measure, baseline, target in outcomes:
        page.get_by_role("link", name="Add an outcome").first.click()
        page.get_by_label(re.compile(child.legal_first_name)).first.check()
        axe_check(page)
        page.get_by_label("What must change").fill(change)
        page.get_by_label("How we will know (the measure)").fill(measure)
        page.locator("input[name='baseline']").fill(baseline)
        page.locator("input[name='target']").fill(target)
        fill_date(page, "target_date", timezone.localdate() + datetime.timedelta(days=90))
        submit(page, "Save outcome")
        expect(page.locator(".govuk-error-summary")).to_have_count(0)
    actions = (
        ("Weekly check-in with Maisie at school", "Nia Jones", "Maisie gets to school"),
        ("Bedtime routine sessions with mum", "Lee Patel", "Noah sleeps through"),
    )
    for what, owner, serves in actions:
        page.get_by_role("link", name="Add an action").first.click()
        page.get_by_label("What will be done").fill(what)
        page.get_by_label(re.compile(owner)).check()
        fill_date(page, "due_on", timezone.localdate() + datetime.timedelta(days=30))
        page.get_by_label(re.compile(serves)).check()
        axe_check(page)
        submit(page, "Save action")
        expect(page.locator(".govuk-error-summary")).to_have_count(0)
    main = page.locator("main")
    expect(main).to_contain_text("Maisie gets to school on time every day")
    expect(main).to_contain_text("Noah sleeps through and is ready for school")
    axe_check(page)
    page.get_by_role("link", name="Print the family's copy").click()
    expect(page.locator("main")).to_contain_text("Maisie gets to school on time every day")
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.path().read_bytes().startswith(b"%PDF")
    page.context.clear_cookies()

    # The school nurse signs in, sees who leads, and updates her own action.
    login(page, live_server, nurse.email, PASSWORD)
    page.goto(url)
    expect(page.locator("main")).to_contain_text("Lee Patel")
    axe_check(page)
    page.goto(f"{live_server.url}{reverse('plans:plan', args=[episode.pk])}")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Update")).first.click()
    axe_check(page)
    page.get_by_label("In progress").check()
    page.get_by_role("textbox", name=re.compile("^Progress")).fill(
        "Met Maisie on Monday; she was on time three days out of five."
    )
    submit(page, "Save update")
    expect(page.locator("main")).to_contain_text("In progress")
