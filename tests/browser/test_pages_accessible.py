"""Every page not walked by a journey test, opened as the demo user who would use it, passes axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from earlyhelp.accounts.models import User
from earlyhelp.assessments.services import assessment_start
from earlyhelp.closures.models import Closure, ClosureStatus
from earlyhelp.demo.data import DEMO_PASSWORD
from earlyhelp.episodes.models import Episode
from earlyhelp.escalations.models import Escalation
from earlyhelp.frontdoor.models import NfaReview, SupportRequest
from earlyhelp.people.models import Family
from earlyhelp.quality.models import AgencyAudit, AuditProgramme, CaseAudit
from earlyhelp.transitions.models import StepDown, StepUp

pytestmark = pytest.mark.browser


def pages_for(email: str) -> Callable[[], list[str]]:
    def front_door() -> list[str]:
        waiting = StepUp.objects.get(status="sent")
        return [
            "/requests/queue/",
            "/requests/unmet-need/",
            "/requests/feedback-to-send/",
            reverse("episodes:reevaluations"),
            reverse("episodes:allocate_team", args=[Episode.objects.filter(status="open").first().pk]),
            # The demo's step-up waiting at the front door, and the family it came from.
            reverse("transitions:step_ups"),
            reverse("transitions:step_up_detail", args=[waiting.pk]),
            reverse("transitions:step_up_decide", args=[waiting.pk]),
            reverse("transitions:step_down_new", args=[waiting.episode.family_id]),
            reverse("transitions:step_down_detail", args=[StepDown.objects.get().pk]),
        ]

    def manager() -> list[str]:
        review = NfaReview.objects.first()
        # The demo's case work (earlyhelp/demo/casework.py): a closure waiting for approval, an overdue escalation.
        closing = Closure.objects.get(status=ClosureStatus.SUBMITTED).episode
        escalation = Escalation.objects.first()
        practitioner = User.objects.get(email="practitioner@example.org")
        return [
            "/requests/nfa-reviews/",
            *([f"/requests/nfa-reviews/{review.pk}/"] if review else []),
            reverse("episodes:awaiting_allocation"),
            reverse("oversight:dashboard"),
            reverse("oversight:supervisions"),
            reverse("oversight:supervision_add", args=[practitioner.pk]),
            reverse("oversight:episode", args=[closing.pk]),
            reverse("oversight:entry_add", args=[closing.pk]),
            reverse("closures:decide", args=[closing.pk]),
            reverse("closures:follow_ups"),
            reverse("supportingfamilies:ready"),
            reverse("supportingfamilies:episode", args=[closing.pk]),
            reverse("reviews:overdue"),
            reverse("escalations:list"),
            *([reverse("escalations:detail", args=[escalation.pk])] if escalation else []),
            *(
                reverse(f"escalations:{name}", args=[escalation.pk])
                for name in ("action_add", "move", "resolve")
                if escalation
            ),
        ]

    def referrer() -> list[str]:
        decided = SupportRequest.objects.filter(created_by__email=email, status="decided").first()
        extra = [f"/requests/{decided.pk}/sent/", f"/requests/{decided.pk}/reconsider/"] if decided else []
        return ["/requests/mine/", *extra]

    def practitioner() -> list[str]:
        # The pages of an episode that the journey test does not walk.
        episode = Episode.objects.filter(lead_practitioner__email=email, assessments=None).first()
        assert episode is not None
        # An episode with the demo's case work: a plan, needs and the next review waiting.
        worked = Episode.objects.filter(
            lead_practitioner__email=email, status="open", reviews__status="scheduled", closures=None
        ).first()
        assert worked is not None
        pending = worked.reviews.get(status="scheduled")
        escalation = Escalation.objects.filter(raised_by__email=email).first()
        # An assessment under way, so its section pages have something to show.
        assessment_start(user=episode.lead_practitioner, episode=episode)
        child = episode.episode_children.first()
        note = episode.contacts.first()
        sections = ["history", "family", "strengths", "analysis", "factors", "contribute", "submit"]
        inside = [
            "episodes:notes",
            "episodes:note_add",
            "episodes:chronology",
            "episodes:reevaluation_request",
            "assessments:overview",
            "plans:taf_meeting_add",
            "plans:taf_member_add",
        ]
        return [
            "/families/",
            "/people/search/?name=an",
            "/services/",
            "/thresholds/",
            *(reverse(name, args=[episode.pk]) for name in inside),
            *(reverse(f"assessments:{name}", args=[episode.pk]) for name in sections),
            *([reverse("assessments:child", args=[episode.pk, child.person_id])] if child else []),
            *([reverse("episodes:note_detail", args=[episode.pk, note.pk])] if note else []),
            *([reverse("episodes:attachment_add", args=[episode.pk, note.pk])] if note else []),
            reverse("assessments:version", args=[episode.pk, 1]),
            *(
                reverse(name, args=[worked.pk])
                for name in (
                    "needs:list",
                    "needs:add",
                    "reviews:list",
                    "closures:closure",
                    "closures:reason",
                    "closures:summary",
                )
            ),
            reverse("reviews:record", args=[worked.pk, pending.pk]),
            reverse("needs:archive", args=[worked.pk, worked.needs.first().pk]),
            reverse("reviews:overdue"),
            reverse("escalations:list"),
            reverse("escalations:raise"),
            *([reverse("escalations:detail", args=[escalation.pk])] if escalation else []),
            reverse("oversight:supervisions"),
            reverse("transitions:episode", args=[worked.pk]),
            reverse("transitions:step_up_new", args=[worked.pk]),
            # The demo's moderated audit, shared with its lead practitioner (earlyhelp/demo/quality.py).
            *(
                url
                for audited in CaseAudit.objects.filter(shared_at__isnull=False)[:1]
                for url in (
                    reverse("quality:episode_audits", args=[audited.episode_id]),
                    reverse("quality:case", args=[audited.pk]),
                    reverse("quality:case_respond", args=[audited.pk]),
                    reverse("quality:action_confirm", args=[audited.actions.get().pk]),
                )
            ),
        ]

    def information_governance() -> list[str]:
        family = Family.objects.first()
        return ["/audit/events/", f"/audit/families/{family.pk}/viewers/"]

    def auditor() -> list[str]:
        # The demo's multi-agency audit (earlyhelp/demo/quality.py): the council auditor's audit in progress.
        audit = AgencyAudit.objects.filter(auditor__email=email, submitted_at__isnull=True).first()
        return [
            reverse("quality:home"),
            reverse("quality:audit", args=[audit.pk]),
            reverse("quality:audit_section", args=[audit.pk, 2]),
            reverse("quality:audit_submit", args=[audit.pk]),
        ]

    def quality_lead() -> list[str]:
        programme = AuditProgramme.objects.get()
        moderated, waiting = programme.cases.order_by("pk")[:2]
        return [
            reverse("quality:home"),
            reverse("quality:programme", args=[programme.pk]),
            reverse("quality:programme_sample", args=[programme.pk]),
            reverse("quality:programme_case_add", args=[programme.pk]),
            reverse("quality:case", args=[moderated.pk]),
            reverse("quality:case_reaudit", args=[moderated.pk]),
            reverse("quality:case", args=[waiting.pk]),
            reverse("quality:case_assign", args=[waiting.pk]),
            reverse("quality:case_moderate", args=[waiting.pk]),
            reverse("quality:findings", args=[programme.pk]),
        ]

    return {
        "auditor@example.org": auditor,
        "servicemanager@example.org": quality_lead,
        "frontdoor@example.org": front_door,
        "teammanager@example.org": manager,
        "dsl@example.org": referrer,
        "practitioner@example.org": practitioner,
        "ig@example.org": information_governance,
    }[email]


@pytest.mark.parametrize(
    "email",
    [
        "frontdoor@example.org",
        "teammanager@example.org",
        "dsl@example.org",
        "practitioner@example.org",
        "ig@example.org",
        "auditor@example.org",
        "servicemanager@example.org",
    ],
)
def test_pages_pass_axe(
    email: str,
    page: Page,
    live_server: LiveServer,
    settings: Any,
    login: Callable[[Page, LiveServer, str, str], None],
    axe_check: Callable[[Page], None],
) -> None:
    settings.DEMO_MODE = True
    call_command("seed", families=40, seed=3, no_progress=True, verbosity=0)
    login(page, live_server, email, DEMO_PASSWORD)
    urls = pages_for(email)()
    assert urls
    for url in urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None
        assert response.status == 200, url
        expect(page.locator("h1").first).to_be_visible()
        axe_check(page)
