"""Non-engagement (R8: never silently closed): failed attempts and days without contact prompt an interpreter, a
home visit and a re-evaluation at the front door; closing for non-engagement needs the front door to say so."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.episodes.models import (
    ChronologyEntry,
    ChronologyKind,
    Contact,
    ContactKind,
    ContactOutcome,
    EpisodeStatus,
    Reevaluation,
)
from earlyhelp.episodes.selectors import non_engagement_prompt
from earlyhelp.episodes.services import (
    StaleEdit,
    check_can_close,
    contact_record,
    episode_close,
    reevaluation_decide,
    reevaluation_request,
)
from earlyhelp.episodes.tests.case_context import build_case_context

PROMPT = "Consider an interpreter, a home visit at a different time, or a re-evaluation at the front door"


@pytest.fixture
def case(family, make_user, involve, team, school, consent, settings):
    settings.NON_ENGAGEMENT_FAILED_ATTEMPTS = 3
    settings.NON_ENGAGEMENT_DAYS = 20
    lead = make_user(roles.PRACTITIONER)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    Involvement.objects.filter(family=family).update(source=f"episode:{ctx['episode'].pk}")
    # The last visit that happened was five days ago.
    Contact.objects.filter(pk=ctx["shared_note"].pk).update(happened_at=timezone.now() - datetime.timedelta(days=5))
    return {
        **ctx,
        "lead": lead,
        "nurse": nurse,
        "front_door": make_user(roles.FRONT_DOOR),
        "manager": make_user(roles.TEAM_MANAGER, team=team),
    }


def attempt(case, hours_ago, outcome=ContactOutcome.NO_ANSWER, kind=ContactKind.HOME_VISIT):
    return contact_record(
        user=case["lead"],
        episode=case["episode"],
        kind=kind,
        outcome=outcome,
        happened_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        summary=f"{outcome} {hours_ago}",
    )


def test_the_prompt_appears_after_n_failed_attempts_and_not_before(case):
    episode = case["episode"]
    attempt(case, 30)
    attempt(case, 20, outcome=ContactOutcome.CANCELLED_BY_FAMILY)
    assert non_engagement_prompt(episode) is None
    # A case note is not an attempt at contact.
    attempt(case, 15, kind=ContactKind.CASE_NOTE)
    assert non_engagement_prompt(episode) is None
    attempt(case, 10, outcome=ContactOutcome.DECLINED)
    prompt = non_engagement_prompt(episode)
    assert prompt is not None
    assert prompt.by_attempts
    assert prompt.failed_attempts == 3


def test_a_contact_that_happened_starts_the_count_again(case):
    for hours in (60, 50, 40):
        attempt(case, hours)
    assert non_engagement_prompt(case["episode"]) is not None
    attempt(case, 30, outcome=ContactOutcome.COMPLETED)
    attempt(case, 20)
    attempt(case, 10)
    assert non_engagement_prompt(case["episode"]) is None


def test_the_prompt_appears_after_d_days_without_contact_and_not_before(case):
    episode = case["episode"]
    Contact.objects.filter(episode=episode).update(happened_at=timezone.now() - datetime.timedelta(days=30))
    episode.opened_at = timezone.now() - datetime.timedelta(days=19)
    episode.save()
    assert non_engagement_prompt(episode) is None
    episode.opened_at = timezone.now() - datetime.timedelta(days=20, hours=1)
    episode.save()
    prompt = non_engagement_prompt(episode)
    assert prompt is not None
    assert prompt.by_days
    assert prompt.days_without_contact == 20
    attempt(case, 24 * 5, outcome=ContactOutcome.COMPLETED)
    assert non_engagement_prompt(episode) is None


def test_the_prompt_shows_on_the_notes_page_to_the_lead_not_to_partners(case, sign_in):
    for hours in (30, 20, 10):
        attempt(case, hours)
    url = reverse("episodes:notes", args=[case["episode"].pk])
    page = sign_in(case["lead"]).get(url).content.decode()
    assert PROMPT in page
    assert "3 attempts at contact in a row did not happen" in page
    # The front door has already been asked (the case has a waiting re-evaluation): no second request link.
    assert "the front door has not decided yet" in page
    assert PROMPT not in sign_in(case["nurse"]).get(url).content.decode()


def test_the_lead_asks_for_a_re_evaluation_once(case, sign_in):
    Reevaluation.objects.filter(episode=case["episode"]).update(result=Reevaluation.Result.CONTINUE)
    client = sign_in(case["lead"])
    url = reverse("episodes:reevaluation_request", args=[case["episode"].pk])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"what_was_tried": ""})
    assert "Enter what has been tried to engage the family" in empty.content.decode()
    for _ in range(2):
        response = client.post(url, {"what_was_tried": "Four visits at different times; Polish interpreter"})
        assert response.status_code == 302
    waiting = Reevaluation.objects.filter(episode=case["episode"], result="")
    assert waiting.count() == 1
    assert waiting.get().requested_by == case["lead"]
    assert ChronologyEntry.objects.filter(kind=ChronologyKind.NON_ENGAGEMENT).count() == 1


def test_a_partner_cannot_ask_for_a_re_evaluation(case, sign_in):
    client = sign_in(case["nurse"])
    url = reverse("episodes:reevaluation_request", args=[case["episode"].pk])
    assert client.post(url, {"what_was_tried": "Visits"}).status_code == 404


def test_the_front_door_lists_and_decides_re_evaluations(case, sign_in):
    client = sign_in(case["front_door"])
    listing = client.get(reverse("episodes:reevaluations"))
    assert listing.status_code == 200
    assert case["episode"].reference in listing.content.decode()
    url = reverse("episodes:reevaluation_decide", args=[case["episode"].pk, case["reevaluation"].pk])
    assert client.get(url).status_code == 200
    missing = client.post(url, {"result": "", "rationale": ""})
    assert "Select what should happen next" in missing.content.decode()
    response = client.post(url, {"result": Reevaluation.Result.CLOSE, "rationale": "Every reasonable chance given"})
    assert response.status_code == 302
    decided = Reevaluation.objects.get(pk=case["reevaluation"].pk)
    assert decided.result == Reevaluation.Result.CLOSE
    assert decided.decided_by == case["front_door"]
    assert ChronologyEntry.objects.filter(kind=ChronologyKind.NON_ENGAGEMENT, source__contains="reevaluation").exists()
    assert url not in client.get(reverse("episodes:reevaluations")).content.decode()


def test_only_the_front_door_decides(case, sign_in):
    url = reverse("episodes:reevaluation_decide", args=[case["episode"].pk, case["reevaluation"].pk])
    lead = sign_in(case["lead"])
    assert lead.post(url, {"result": "close", "rationale": "No"}).status_code == 404
    assert lead.get(reverse("episodes:reevaluations")).status_code == 403
    with pytest.raises(PermissionDenied):
        reevaluation_decide(user=case["lead"], reevaluation=case["reevaluation"], result="close", rationale="No")
    assert not Reevaluation.objects.get(pk=case["reevaluation"].pk).result


def test_closing_for_non_engagement_is_refused_without_the_re_evaluation(case):
    episode = case["episode"]
    # The re-evaluation is waiting: not decided yet.
    assert check_can_close(episode, "non_engagement")
    with pytest.raises(ValidationError, match="re-evaluated"):
        episode_close(user=case["lead"], episode=episode, reason="non_engagement")
    Reevaluation.objects.all().delete()
    with pytest.raises(ValidationError, match="re-evaluated"):
        episode_close(user=case["lead"], episode=episode, reason="non_engagement")
    reevaluation = reevaluation_request(user=case["lead"], episode=episode, what_was_tried="Visits")
    reevaluation_decide(user=case["front_door"], reevaluation=reevaluation, result="continue", rationale="Try again")
    with pytest.raises(ValidationError, match="re-evaluated"):
        episode_close(user=case["lead"], episode=episode, reason="non_engagement")
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.OPEN


def test_closing_for_non_engagement_is_allowed_after_the_front_door_decides_to_close(case):
    episode = case["episode"]
    reevaluation_decide(
        user=case["front_door"], reevaluation=case["reevaluation"], result="close", rationale="Every chance given"
    )
    assert check_can_close(episode, "non_engagement") == []
    closed = episode_close(user=case["lead"], episode=episode, reason="non_engagement", loaded_version=episode.version)
    assert closed.status == EpisodeStatus.CLOSED
    assert closed.closed_at is not None
    assert closed.closure_reason == "non_engagement"
    ended = Involvement.objects.filter(family=episode.family, kind=InvolvementKind.LEAD_PRACTITIONER).get()
    assert ended.ended_at is not None
    assert ended.read_only_until > timezone.now() + datetime.timedelta(days=29)
    assert ChronologyEntry.objects.filter(episode=episode, kind=ChronologyKind.CLOSURE).exists()
    assert non_engagement_prompt(closed) is None


def test_closing_for_another_reason_needs_no_re_evaluation_but_checks_the_version(case):
    episode = case["episode"]
    with pytest.raises(StaleEdit):
        episode_close(user=case["lead"], episode=episode, reason="needs_met", loaded_version=episode.version - 1)
    closed = episode_close(user=case["lead"], episode=episode, reason="needs_met")
    assert closed.status == EpisodeStatus.CLOSED
    assert check_can_close(closed, "needs_met") == ["This episode is already closed."]


def test_a_partner_cannot_close(case):
    with pytest.raises(PermissionDenied):
        episode_close(user=case["nurse"], episode=case["episode"], reason="needs_met")
