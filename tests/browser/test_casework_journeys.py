"""Issue 5's journeys, each from a case already under way (`journey_helpers.case_under_way`), with axe-core on
every page on the way:

- a review rates progress on each child's outcome, takes a second Family Star Plus reading and shows the
  distance-travelled chart;
- a manager records oversight and approves a closure with an outcome for each need, and the family answers the
  feedback questionnaire by link;
- a family steps up to children's social care and later steps down with a handover into a new episode;
- an escalation whose agreed action nobody confirms shows as overdue.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from journey_helpers import PASSWORD, Case, case_under_way, fill_date, submit
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.closures import services as closure_services
from earlyhelp.closures.models import Closure, ClosureReason, ClosureStatus, FamilyFeedback, Improvement
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.escalations.models import EscalationAction
from earlyhelp.escalations.services import escalations_notify_overdue
from earlyhelp.outcometools.models import Reading
from earlyhelp.oversight.models import OversightEntry
from earlyhelp.reviews.models import Review, ReviewStatus
from earlyhelp.transitions.models import SocialCareDecision, StepDown, StepUp, StepUpStatus

pytestmark = pytest.mark.browser

Login = Callable[[Page, LiveServer, str, str], None]
Axe = Callable[[Page], None]


@pytest.fixture
def case(django_user_model: Any, settings: Any) -> Case:
    settings.DEMO_MODE = True
    return case_under_way(django_user_model)


def go(page: Page, live_server: LiveServer, name: str, *args: Any) -> None:
    page.goto(f"{live_server.url}{reverse(name, args=args)}")


def choose(page: Page, label: str, starting: str) -> None:
    """Select the option of a select box whose text starts with `starting`."""
    select = page.get_by_label(label)
    options = [text.strip() for text in select.locator("option").all_inner_texts()]
    select.select_option(label=next(text for text in options if text.startswith(starting)))


def no_errors(page: Page) -> None:
    expect(page.locator(".govuk-error-summary")).to_have_count(0)


def test_a_review_records_progress_and_a_second_reading(
    page: Page, live_server: LiveServer, case: Case, login: Login, axe_check: Axe
) -> None:
    login(page, live_server, case.lead.email, PASSWORD)
    go(page, live_server, "episodes:detail", case.episode.pk)
    axe_check(page)
    page.get_by_role("link", name="Reviews", exact=True).first.click()
    expect(page.locator("main")).to_contain_text("Review 1 due")
    axe_check(page)
    page.get_by_role("link", name="Record review 1").click()
    axe_check(page)

    # The second Family Star Plus reading, taken at the review, comes back to the review.
    page.get_by_role("link", name=re.compile("Record a Family Star Plus")).click()
    axe_check(page)
    page.get_by_label(re.compile("Family Star Plus")).check()
    submit(page, "Continue")
    page.get_by_label(re.compile("Rachel")).check()
    expect(page.get_by_label("Review", exact=True)).to_be_checked()
    fill_date(page, "taken_on", timezone.localdate())
    for n, score in enumerate(page.locator("input[name^='area_']").all()):
        score.fill(str(5 + n % 3))
    axe_check(page)
    submit(page, "Save reading")
    expect(page.locator("h1")).to_contain_text("Review 1")
    expect(page.locator("main")).to_contain_text("with Rachel Ashworth: review")

    # Progress on each child's outcome, with the evidence of impact; one is missed at first.
    fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("No, not at a meeting").check()
    page.get_by_label("The children's views").fill("Maisie says mornings are calmer; Noah likes his star chart.")
    page.get_by_label("The family's views").fill("Rachel feels more in control; the rent plan is holding.")
    maisie = page.locator("fieldset", has_text="Progress on: Maisie gets to school on time every day")
    maisie.get_by_label("Good progress").check()
    page.get_by_label("What is different for Maisie").fill("Attendance up from 82% to 93%; on time 4 days in 5.")
    noah = page.locator("fieldset", has_text="Progress on: Noah sleeps through")
    noah.get_by_label("Some progress").check()
    submit(page, "Save and continue to the decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what is different for Noah")
    axe_check(page)
    page.get_by_label("What is different for Noah").fill("The sleep diary shows 5 full nights last week, up from 3.")
    submit(page, "Save and continue to the decision")
    no_errors(page)

    # The check-your-answers page and the decision.
    expect(page.locator("h1")).to_contain_text("Check review 1")
    axe_check(page)
    page.get_by_label("Continue with the plan").check()
    page.get_by_label("Why?").fill("Both children are better off; keep going until the targets are met.")
    submit(page, "Complete the review")
    no_errors(page)
    review = Review.objects.get(pk=case.review.pk)
    assert review.status == ReviewStatus.COMPLETED
    assert Review.objects.filter(episode=case.episode, number=2, status=ReviewStatus.SCHEDULED).exists()
    assert Reading.objects.filter(episode=case.episode, tool=case.tool).count() == 2

    # The reviews page: review 1 done, review 2 waiting, and how far the family has come.
    go(page, live_server, "reviews:list", case.episode.pk)
    main = page.locator("main")
    expect(main).to_contain_text("Review 2 due")
    expect(main).to_contain_text("Progress on 2 of 2 outcomes")
    expect(main).to_contain_text("Distance travelled")
    chart = main.locator("svg[role='img']").first
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("aria-labelledby", re.compile(".+"))
    axe_check(page)


def test_a_manager_records_oversight_and_approves_a_closure(
    page: Page, live_server: LiveServer, browser: Any, case: Case, login: Login, axe_check: Axe
) -> None:
    # The lead prepares the closure from its task list.
    login(page, live_server, case.lead.email, PASSWORD)
    go(page, live_server, "closures:closure", case.episode.pk)
    axe_check(page)
    submit(page, "Start closing the episode")
    axe_check(page)
    page.get_by_role("link", name="Reason for closing").click()
    axe_check(page)
    page.get_by_label("Outcomes achieved").check()
    submit(page, "Save and continue")
    no_errors(page)

    page.get_by_role("link", name="Outcome for each need").click()
    axe_check(page)
    improvements = {"School attendance": "Significant improvement", "Parenting capacity": "Significant improvement"}
    improvements["Finance and debt"] = "Some improvement"
    for label, improvement in improvements.items():
        page.locator("fieldset", has_text=f"What changed: {label}").get_by_label(improvement).check()
        page.get_by_label(f"Evidence: {label}").fill(f"{label}: the figures and what Rachel and the school told us.")
    expect(page.locator("main")).to_contain_text("Attendance is unchanged or lower")  # the descriptors as hints
    submit(page, "Save and continue")
    no_errors(page)

    page.get_by_role("link", name="Summary", exact=True).click()
    axe_check(page)
    page.get_by_label("What changed for each child, and what the family said").fill(
        "Maisie is at school on time; Noah sleeps through most nights. Rachel says home is calmer."
    )
    page.get_by_label("Support the family will carry on using").fill("The children's centre stay-and-play.")
    submit(page, "Save and continue")
    no_errors(page)

    # A link for the family's feedback, answered without an account.
    page.get_by_role("link", name="Family feedback link").click()
    axe_check(page)
    submit(page, "Create a link")
    link = page.locator("#feedback-link").inner_text()
    assert link.startswith(live_server.url)
    axe_check(page)
    family_context = browser.new_context(locale="en-GB")
    family_page = family_context.new_page()
    family_page.goto(link)
    expect(family_page.locator("main")).not_to_contain_text("Ashworth")
    axe_check(family_page)
    family_page.get_by_label("A parent or carer").check()
    for question in ("Did the help make a difference", "Did we listen to you", "Are things better for your children"):
        family_page.locator("fieldset", has_text=question).get_by_label("A lot").check()
    family_page.get_by_label("What helped most?").fill("Someone who came every week and did not judge.")
    submit(family_page, "Send")
    expect(family_page.locator("main")).to_contain_text("Thank you")
    axe_check(family_page)
    family_context.close()
    assert FamilyFeedback.objects.filter(request__closure__episode=case.episode).count() == 1

    go(page, live_server, "closures:closure", case.episode.pk)
    page.get_by_role("link", name="Send for approval").click()
    axe_check(page)
    expect(page.locator("main")).to_contain_text("Significant improvement")
    submit(page, "Send for approval")
    no_errors(page)
    expect(page.locator("main")).to_contain_text("waiting for a manager's approval")
    page.context.clear_cookies()

    # The manager records oversight on the child's file, then approves the closure.
    login(page, live_server, case.manager.email, PASSWORD)
    go(page, live_server, "oversight:dashboard")
    axe_check(page)
    go(page, live_server, "oversight:episode", case.episode.pk)
    axe_check(page)
    page.get_by_role("button", name="Record management oversight").click()
    axe_check(page)
    page.get_by_label(re.compile("Maisie")).check()
    page.get_by_label(re.compile("Noah")).check()
    page.get_by_label("Is the plan working?").fill("Yes: attendance and sleep have both moved towards target.")
    page.get_by_label("Are the children's circumstances improving?").fill("Yes; both children say home is calmer.")
    page.get_by_label("Decisions").fill("Closure is right: outcomes met and the family has universal support.")
    submit(page, "Record oversight")
    no_errors(page)
    expect(page.locator("main")).to_contain_text("Closure is right")
    axe_check(page)
    assert OversightEntry.objects.filter(episode=case.episode, recorded_by=case.manager).count() == 1

    go(page, live_server, "closures:closure", case.episode.pk)
    page.get_by_role("link", name="Approve or return it").click()
    axe_check(page)
    main = page.locator("main")
    expect(main).to_contain_text("School attendance")
    expect(main).to_contain_text("Some improvement")
    submit(page, "Record decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether you approve the closure")
    axe_check(page)
    page.get_by_label("Yes, approve the closure").check()
    page.get_by_label("Comment").fill("Outcomes evidenced for each need. Approved.")
    submit(page, "Record decision")
    no_errors(page)
    axe_check(page)

    closure = Closure.objects.get(episode=case.episode)
    assert closure.status == ClosureStatus.APPROVED
    assert {o.need.area.code: o.improvement for o in closure.need_outcomes.select_related("need__area")} == {
        "N06": Improvement.SIGNIFICANT,
        "N07": Improvement.SIGNIFICANT,
        "N13": Improvement.SOME,
    }
    episode = Episode.objects.get(pk=case.episode.pk)
    assert episode.status == EpisodeStatus.CLOSED
    assert sorted(closure.follow_ups.values_list("months", flat=True)) == [6, 12]

    # Within the window the manager could still reopen it.
    go(page, live_server, "closures:reopen", case.episode.pk)
    expect(page.get_by_label("Why are you reopening the episode?")).to_be_visible()
    axe_check(page)


def _close_as_stepped_up(case: Case) -> None:
    """The lead closes with "stepped up" and the manager approves; the closure journey walks those pages."""
    closure = closure_services.closure_start(user=case.lead, episode=case.episode)
    closure = closure_services.closure_reason_save(user=case.lead, closure=closure, reason=ClosureReason.STEPPED_UP)
    closure = closure_services.closure_outcomes_save(
        user=case.lead,
        closure=closure,
        outcomes=[
            closure_services.NeedOutcomeInput(need_id=need.pk, improvement=Improvement.NONE, evidence="Stepped up.")
            for need in case.needs
        ],
    )
    closure = closure_services.closure_summary_save(
        user=case.lead, closure=closure, summary="Stepped up after a disclosure."
    )
    closure = closure_services.closure_submit(user=case.lead, closure=closure)
    closure_services.closure_decide(user=case.manager, closure=closure, approve=True, comment="Agreed.")


def test_a_family_steps_up_and_later_steps_down_with_a_handover(
    page: Page, live_server: LiveServer, case: Case, login: Login, axe_check: Axe
) -> None:
    # The lead sends the step-up straight to the front door: no panel.
    login(page, live_server, case.lead.email, PASSWORD)
    go(page, live_server, "episodes:detail", case.episode.pk)
    page.get_by_role("link", name="Step-up and step-down").first.click()
    axe_check(page)
    page.get_by_role("link", name="Request a step-up").click()
    axe_check(page)
    page.get_by_label(re.compile("Maisie")).check()
    page.get_by_label(re.compile("Noah")).check()
    page.get_by_label("Why does the family need children's social care now?").fill(
        "Maisie told her teacher that mum's new partner hit her; the school nurse saw bruising."
    )
    page.get_by_label("What are the risks to each child?").fill("Physical harm to Maisie; Noah lives in the house.")
    page.get_by_label("What has been tried (optional)").fill("Safety planning with Rachel; school checks daily.")
    page.locator("fieldset", has_text="Have the parents been told").get_by_label("Yes").check()
    page.locator("fieldset", has_text="Will you stay involved").get_by_label("No").check()
    submit(page, "Continue")
    no_errors(page)
    axe_check(page)
    expect(page.locator("main")).to_contain_text("mum's new partner hit her")
    submit(page, "Send step-up")
    no_errors(page)
    step_up = StepUp.objects.get(episode=case.episode)
    expect(page.locator("h1")).to_contain_text(step_up.reference)
    axe_check(page)
    assert step_up.status == StepUpStatus.SENT
    assert any(step_up.reference in message.subject for message in mail.outbox)
    page.context.clear_cookies()

    # The front door receives it and records social care's decision.
    login(page, live_server, case.front_door.email, PASSWORD)
    page.get_by_role("link", name="Step-ups").first.click()
    axe_check(page)
    page.get_by_role("link", name=re.compile(step_up.reference)).click()
    axe_check(page)
    submit(page, "Mark as received")
    page.get_by_role("link", name="Record social care's decision").click()
    axe_check(page)
    page.get_by_label("Accepted for a social work assessment").check()
    page.get_by_label("Reason for the decision").fill("Threshold for a child and family assessment met.")
    page.get_by_label("Social worker (optional)").fill("Assessment Team 2")
    submit(page, "Record decision")
    no_errors(page)
    timeline = page.locator(".moj-timeline")
    for event in ("Sent", "Received", "Accepted for a social work assessment"):
        expect(timeline).to_contain_text(re.compile(event, re.IGNORECASE))
    axe_check(page)
    step_up.refresh_from_db()
    assert step_up.status == StepUpStatus.DECIDED
    assert step_up.decision == SocialCareDecision.ACCEPTED_FOR_ASSESSMENT
    assert step_up.sent_at < step_up.received_at < step_up.decided_at
    page.context.clear_cookies()

    # The lead sees the decision and is told to close; the closure is approved.
    login(page, live_server, case.lead.email, PASSWORD)
    go(page, live_server, "transitions:step_up_detail", step_up.pk)
    expect(page.locator("main")).to_contain_text("Close the episode with the reason")
    axe_check(page)
    page.context.clear_cookies()
    _close_as_stepped_up(case)
    assert Episode.objects.get(pk=case.episode.pk).status == EpisodeStatus.CLOSED

    # Months later social care steps the family down: a handover, consent re-confirmed, a new episode.
    login(page, live_server, case.front_door.email, PASSWORD)
    go(page, live_server, "people:family_detail", case.family.pk)
    axe_check(page)
    page.get_by_role("link", name="Record a step-down from children's social care").click()
    axe_check(page)
    page.get_by_label(re.compile("Maisie")).check()
    page.get_by_label(re.compile("Noah")).check()
    page.get_by_label("Summary of the social care history").fill(
        "Child and family assessment, then a child in need plan for four months. The partner has left."
    )
    page.get_by_label("Risks that remain").fill("The former partner lives nearby; the safety plan stays.")
    page.get_by_label("What worked, and what did not").fill("Rachel's Freedom Programme; daily school check-ins.")
    page.get_by_label("Social worker and team").fill("Sam Okoro, Assessment Team 2")
    choose(page, "Receiving early help team", "Early Help North")
    fill_date(page, "handover_meeting_on", timezone.localdate() - datetime.timedelta(days=1))
    page.get_by_label("Who was at the handover meeting").fill("Sam Okoro, Lee Patel, Rachel, school DSL")
    submit(page, "Continue")
    # Consent was not re-confirmed yet: refused, nothing typed is lost.
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Risks that remain")).to_have_value(re.compile("former partner"))
    axe_check(page)
    fill_date(page, "consent_reconfirmed_on", timezone.localdate() - datetime.timedelta(days=1))
    page.get_by_label("In writing").check()
    page.locator("fieldset", has_text="Who re-confirmed consent?").get_by_label(re.compile("Rachel")).check()
    choose(page, "Which step-up does this follow? (optional)", step_up.reference)
    submit(page, "Continue")
    no_errors(page)
    axe_check(page)
    submit(page, "Record step-down")
    no_errors(page)
    step_down = StepDown.objects.get(family=case.family)
    expect(page.locator("h1")).to_contain_text(step_down.reference)
    expect(page.locator("main")).to_contain_text(step_up.reference)
    axe_check(page)
    page.context.clear_cookies()

    # The receiving team's manager finds the new episode with the social care history on it.
    new_episode = step_down.episode
    assert new_episode is not None
    assert new_episode.pk != case.episode.pk
    assert new_episode.status == EpisodeStatus.AWAITING_ALLOCATION
    assert new_episode.team_id == case.team.pk
    login(page, live_server, case.manager.email, PASSWORD)
    go(page, live_server, "episodes:awaiting_allocation")
    expect(page.locator("main")).to_contain_text(new_episode.reference)
    go(page, live_server, "episodes:detail", new_episode.pk)
    expect(page.locator("main")).to_contain_text("child in need plan for four months")
    axe_check(page)


def test_an_escalation_nobody_confirms_shows_as_overdue(
    page: Page, live_server: LiveServer, case: Case, login: Login, axe_check: Axe
) -> None:
    # The lead disagrees with another agency's (in)action and raises it from the episode.
    login(page, live_server, case.lead.email, PASSWORD)
    go(page, live_server, "episodes:detail", case.episode.pk)
    page.get_by_role("link", name="Raise an escalation").click()
    axe_check(page)
    expect(page.get_by_label("Reference of the decision or record")).to_have_value(case.episode.reference)
    page.get_by_label("Another agency's action").check()
    page.get_by_label("Why should it be looked at again?").fill(
        "Housing agreed at two TAF meetings to fix the damp in the children's bedroom; nothing has happened."
    )
    submit(page, "Raise the escalation")
    no_errors(page)
    expect(page.locator("main")).to_contain_text("Waiting for someone to take it on")
    axe_check(page)
    detail_url = page.url
    page.context.clear_cookies()

    # The manager takes it on and agrees an action with a due date.
    login(page, live_server, case.manager.email, PASSWORD)
    page.get_by_role("link", name="Escalations").first.click()
    axe_check(page)
    page.goto(detail_url)
    submit(page, "Take this on")
    page.get_by_role("button", name="Add an agreed action").click()
    axe_check(page)
    page.get_by_label("What was agreed?").fill("Housing to complete the damp repairs in the children's bedroom")
    choose(page, "Who will do it?", "Morgan Reid")
    fill_date(page, "due_on", timezone.localdate() + datetime.timedelta(days=7))
    submit(page, "Add the action")
    no_errors(page)
    expect(page.locator("main")).to_contain_text("Not confirmed")
    expect(page.locator("main")).not_to_contain_text("Overdue")
    axe_check(page)
    page.context.clear_cookies()

    # Three weeks on, nobody has said whether it was done.
    action = EscalationAction.objects.get(escalation__family=case.family)
    EscalationAction.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=14))
    assert escalations_notify_overdue(today=timezone.localdate()) == 1
    assert any("past its due date" in message.body for message in mail.outbox)

    login(page, live_server, case.lead.email, PASSWORD)
    page.goto(detail_url)
    main = page.locator("main")
    expect(main.locator(".govuk-tag", has_text="Overdue")).to_have_count(2)  # the escalation and its action
    axe_check(page)
    page.get_by_role("link", name="Escalations").first.click()
    expect(page.locator("main .govuk-tag", has_text="Overdue")).to_have_count(1)
    axe_check(page)

    # The lead answers "was it done?": no, so the escalation stays open, but it is no longer overdue.
    page.goto(detail_url)
    page.get_by_role("link", name=re.compile("^Confirm")).click()
    axe_check(page)
    page.get_by_label("No, it was not done").check()
    page.get_by_label(re.compile("Anything to add")).fill("Visited on Monday: the damp is worse.")
    submit(page, "Save the answer")
    no_errors(page)
    expect(page.locator("main")).to_contain_text("No, it was not done")
    expect(page.locator("main .govuk-tag", has_text="Overdue")).to_have_count(0)
    axe_check(page)
