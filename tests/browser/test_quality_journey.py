"""Issue 7's journey: a multi-agency audit of three sampled cases, with axe-core on every page on the way.

A service manager sets up a programme on the early help case audit and samples "plans in place about six weeks":
exactly the three families whose plans were first approved 40 days ago, not the one approved last week. A school
auditor and a school nursing auditor each audit all three cases; the service manager moderates them (the agencies
disagree on the first, so the notes are required), escalates the second to children's social care from the audit,
and recommends an action for the first. The findings reach the lead practitioner by email and on the episode; they
confirm the action and respond. When the window has closed the auditor gets "Page not found".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from journey_helpers import PASSWORD, account, fill_date, person, submit
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.access.models import Consent, Involvement, InvolvementKind
from earlyhelp.access.roles import AUDITOR, PRACTITIONER, SERVICE_MANAGER, TEAM_MANAGER
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.escalations.models import Escalation, Subject
from earlyhelp.organisations.models import Agency, AgencyType, Team
from earlyhelp.people.models import Family, FamilyMember
from earlyhelp.plans.models import Plan, PlanStatus
from earlyhelp.quality.models import AuditProgramme, CaseAudit, RecommendedAction

pytestmark = pytest.mark.browser

Login = Callable[[Page, LiveServer, str, str], None]
Axe = Callable[[Page], None]
FAMILIES = ("Ashworth", "Brennan", "Chaudhry", "Dlamini")


def _setup(django_user_model: Any) -> dict[str, Any]:
    council = Agency.objects.create(name="Northshire Early Help", type=AgencyType.COUNCIL_EARLY_HELP)
    school = Agency.objects.create(name="Hallowmere Primary School", type=AgencyType.SCHOOL)
    nursing = Agency.objects.create(name="Northshire School Nursing", type=AgencyType.SCHOOL_NURSING)
    team = Team.objects.create(agency=council, name="Early Help North", email="ehnorth@northshire.example")
    manager = account(django_user_model, "manager@northshire.example", TEAM_MANAGER, council, "Morgan Reid", team)
    lead = account(django_user_model, "lead@northshire.example", PRACTITIONER, council, "Lee Patel", team)
    users = {
        "manager": manager,
        "lead": lead,
        "service_manager": account(
            django_user_model, "qa.lead@northshire.example", SERVICE_MANAGER, council, "Sam Okafor"
        ),
        "school_auditor": account(django_user_model, "audit@hallowmere.example", AUDITOR, school, "Jo Hart"),
        "health_auditor": account(django_user_model, "audit@nursing.example", AUDITOR, nursing, "Ade Cole"),
    }
    now = timezone.now()
    episodes = []
    for number, surname in enumerate(FAMILIES, start=1):
        family = Family.objects.create(reference=f"NS-00000{number}", name=f"{surname} family")
        parent = person("Alex", surname, datetime.date(1989, 5, number))
        child = person("Robin", surname, datetime.date(2015, 3, number))
        for member in (parent, child):
            FamilyMember.objects.create(family=family, person=member)
        consent = Consent.objects.create(
            person=parent, given_on=timezone.localdate() - datetime.timedelta(days=60), how_obtained="written"
        )
        consent.agencies.add(council, school, nursing)
        episode = Episode.objects.create(
            reference=f"EH26-0000{number}",
            family=family,
            status=EpisodeStatus.OPEN,
            opened_at=now - datetime.timedelta(days=70),
            team=team,
            lead_practitioner=lead,
            allocated_at=now - datetime.timedelta(days=68),
        )
        Involvement.objects.create(family=family, team=team, kind=InvolvementKind.TEAM_ALLOCATION, source="test")
        Involvement.objects.create(family=family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER, source="test")
        # The last family's plan was approved a week ago: too soon for the six-week audit.
        approved = now - datetime.timedelta(days=7 if surname == "Dlamini" else 40)
        Plan.objects.create(
            episode=episode,
            status=PlanStatus.APPROVED,
            created_by=lead,
            submitted_at=approved,
            approved_at=approved,
            approved_by=manager,
            first_approved_at=approved,
        )
        episodes.append(episode)
    return {"users": users, "episodes": episodes}


def _answer_section(page: Page, grade: str, ypn: str) -> None:
    """Answer every question on the section page: graded questions with `grade`, the others with `ypn`."""
    for group in page.locator(".app-audit-question").all():
        labels = group.locator(".govuk-radios__label").all_inner_texts()
        choice = grade if grade in labels else ypn
        group.get_by_label(choice, exact=True).check()
        group.locator("textarea").fill(f"{choice}: seen in the case notes and the plan.")
    submit(page, "Save and continue")


def _audit_all(page: Page, axe_check: Axe, grade: str, *, check_errors: bool = False) -> None:
    page.get_by_role("link", name="1. The child's lived experience and voice").click()
    axe_check(page)
    if check_errors:
        submit(page, "Save and continue")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Select an answer to question 1.1")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the evidence for question 1.1")
        axe_check(page)
    for _ in range(4):
        _answer_section(page, grade, "Yes")
    expect(page.get_by_role("link", name="Check and send your findings")).to_be_visible()
    page.get_by_role("link", name="Check and send your findings").click()
    axe_check(page)
    page.get_by_role("group", name=re.compile("Overall, how good")).get_by_label(grade, exact=True).check()
    page.get_by_label("Summary of your findings").fill(f"Overall {grade.lower()}: the child's voice is clear.")
    page.get_by_role("group", name=re.compile("children's social care now")).get_by_label("No", exact=True).check()
    submit(page, "Send findings")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your findings have been sent")


def test_a_multi_agency_audit_of_three_sampled_cases(
    page: Page, live_server: LiveServer, login: Login, axe_check: Axe, django_user_model: Any, settings: Any
) -> None:
    settings.DEMO_MODE = True
    world = _setup(django_user_model)
    users, episodes = world["users"], world["episodes"]
    today = timezone.localdate()

    # The service manager sets up the programme and samples by rule.
    login(page, live_server, users["service_manager"].email, PASSWORD)
    page.get_by_role("link", name="Case audits").first.click()
    axe_check(page)
    page.get_by_role("button", name="Set up an audit programme").click()
    axe_check(page)
    page.get_by_label("Name of the audit programme").fill("Multi-agency audit: plans at six weeks")
    page.get_by_label("Early help case audit").check()
    fill_date(page, "window_start", today)
    fill_date(page, "window_end", today + datetime.timedelta(days=21))
    submit(page, "Continue")
    axe_check(page)
    page.get_by_role("button", name="Choose cases by a rule").click()
    axe_check(page)
    page.get_by_label("Plans in place about six weeks").check()
    page.get_by_label("How many cases?").fill("5")
    submit(page, "Choose cases")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 cases added to the sample")
    axe_check(page)
    programme = AuditProgramme.objects.get()
    cases = list(programme.cases.order_by("pk"))
    assert {c.episode_id for c in cases} == {e.pk for e in episodes[:3]}
    assert {c.rule for c in cases} == {"plan_six_weeks"}

    # Two partner agencies audit each case.
    for case in cases:
        page.get_by_role("link", name=case.reference, exact=True).click()
        for auditor in ("Jo Hart", "Ade Cole"):
            page.get_by_role("button", name="Assign an auditor").click()
            expect(page.locator("h1")).to_have_text("Assign an auditor")
            page.get_by_label("Who will audit this case?").select_option(
                label=next(
                    t.strip()
                    for t in page.locator("#id_auditor option").all_inner_texts()
                    if t.strip().startswith(auditor)
                )
            )
            submit(page, "Assign auditor")
        axe_check(page)
        page.get_by_role("link", name="Back to the programme").click()

    for auditor, grades in (
        ("school_auditor", ("Good", "Good", "Good")),
        ("health_auditor", ("Requires improvement", "Good", "Good")),
    ):
        page.context.clear_cookies()
        login(page, live_server, users[auditor].email, PASSWORD)
        page.get_by_role("link", name="Case audits").first.click()
        axe_check(page)
        for index, case in enumerate(cases):
            page.get_by_role("link", name=re.compile(f"^{case.reference}")).click()
            axe_check(page)
            if index == 0:
                # The auditor reads the case itself, read-only.
                page.get_by_role("link", name=re.compile("Read the case")).click()
                expect(page.locator("h1")).to_be_visible()
                page.go_back()
            _audit_all(page, axe_check, grades[index], check_errors=index == 0 and auditor == "school_auditor")
    assert all(audit.submitted_at for case in cases for audit in case.agency_audits.all())

    # Moderation: the agencies disagree on the first case; the second needs social care now.
    page.context.clear_cookies()
    mail.outbox.clear()
    login(page, live_server, users["service_manager"].email, PASSWORD)
    for index, case in enumerate(cases):
        page.goto(f"{live_server.url}/quality/cases/{case.pk}/")
        axe_check(page)
        page.get_by_role("link", name=re.compile("^Moderate")).click()
        axe_check(page)
        page.get_by_role("group", name=re.compile("overall grade")).get_by_label("Good", exact=True).check()
        needs_care = "Yes" if index == 1 else "No"
        page.get_by_role("group", name=re.compile("children's social care now")).get_by_label(
            needs_care, exact=True
        ).check()
        if index == 1:
            page.get_by_label("Why does it need children's social care now?").fill(
                "Both agencies found the mother's partner has returned; the children are not safe at home."
            )
        submit(page, "Record moderation")
        if index == 0:
            expect(page.locator(".govuk-error-summary")).to_contain_text("The agencies proposed different grades")
            axe_check(page)
            page.get_by_label("How was the grade agreed?").fill("School nursing saw no health measure; agreed good.")
            submit(page, "Record moderation")
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Moderation recorded")
    escalation = Escalation.objects.get()
    assert escalation.subject == Subject.AUDIT_FINDING
    assert escalation.subject_reference == cases[1].reference
    assert escalation.family_id == cases[1].family_id

    # A recommended action for the lead practitioner on the first case.
    page.goto(f"{live_server.url}/quality/cases/{cases[0].pk}/")
    page.get_by_role("button", name="Recommend an action").click()
    axe_check(page)
    page.get_by_label("What should be done?").fill("Add a measure to the health outcome with the school nurse.")
    page.get_by_label("Who will do it?").select_option(label="Lee Patel")
    fill_date(page, "due_on", today + datetime.timedelta(days=14))
    submit(page, "Agree action")
    axe_check(page)
    page.get_by_role("link", name="Back to the programme").click()
    page.get_by_role("link", name="Findings across the programme").click()
    expect(page.locator("h1")).to_have_text("Findings: Multi-agency audit: plans at six weeks")
    # Three cases, all agreed good; one escalated.
    overall = page.get_by_role("table", name="Overall grade agreed at moderation")
    expect(overall.get_by_role("row", name=re.compile("^Good"))).to_contain_text("3")
    expect(page.get_by_role("table", name="The programme in figures")).to_contain_text(
        "Cases escalated to children's social care"
    )
    axe_check(page)

    # The feedback reached the lead practitioner and their manager.
    shared = [m for m in mail.outbox if m.subject.startswith("Case audit findings")]
    assert len(shared) == 3
    assert all({"lead@northshire.example", "manager@northshire.example"} <= set(m.to) for m in shared)
    page.context.clear_cookies()
    login(page, live_server, users["lead"].email, PASSWORD)
    page.goto(f"{live_server.url}/episodes/{cases[0].episode_id}/")
    page.get_by_role("link", name="Case audits").last.click()
    axe_check(page)
    page.get_by_role("link", name=re.compile(f"^{cases[0].reference}")).click()
    expect(page.locator("main")).to_contain_text("School nursing saw no health measure")
    axe_check(page)
    page.get_by_role("link", name=re.compile("^Confirm")).click()
    page.get_by_label("Yes, it was done").check()
    submit(page, "Confirm")
    page.get_by_role("button", name="Respond to the findings").click()
    axe_check(page)
    page.get_by_label("Your response to the findings").fill("The plan now measures Robin's health outcome.")
    submit(page, "Send response")
    expect(page.locator("main")).to_contain_text("The plan now measures Robin's health outcome.")
    assert RecommendedAction.objects.get().confirmation == "done"
    assert CaseAudit.objects.get(pk=cases[0].pk).responded_by == users["lead"]

    # After the window the auditor can no longer read the case or the audit.
    AuditProgramme.objects.filter(pk=programme.pk).update(
        window_start=today - datetime.timedelta(days=30), window_end=today - datetime.timedelta(days=1)
    )
    Involvement.objects.filter(kind=InvolvementKind.AUDIT).update(
        ended_at=timezone.now() - datetime.timedelta(hours=1),
        read_only_until=timezone.now() - datetime.timedelta(hours=1),
    )
    page.context.clear_cookies()
    login(page, live_server, users["school_auditor"].email, PASSWORD)
    audit = cases[0].agency_audits.get(auditor=users["school_auditor"])
    page.goto(f"{live_server.url}/quality/audits/{audit.pk}/")
    expect(page.locator("h1")).to_contain_text("Page not found")
    page.goto(f"{live_server.url}/episodes/{cases[0].episode_id}/")
    expect(page.locator("h1")).to_contain_text("Page not found")
