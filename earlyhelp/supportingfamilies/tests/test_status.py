"""sf_status on real records, the claim, and the pages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.closures.models import FollowUpCheck
from earlyhelp.episodes.models import EpisodeChild
from earlyhelp.supportingfamilies.models import Claim
from earlyhelp.supportingfamilies.rules import Status
from earlyhelp.supportingfamilies.selectors import add_months, sf_status, sf_statuses
from earlyhelp.supportingfamilies.services import claim_record
from earlyhelp.supportingfamilies.tests.helpers import add_needs, close, closed_family, make_eligible

pytestmark = pytest.mark.django_db


def _ready(case):
    add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    close(case["episode"], case["lead"], checked=True, came_back=False)
    return case["episode"]


def test_two_headlines_are_not_eligible(case):
    add_needs(case["episode"], case["lead"], ("N06", "N08"))
    make_eligible(case["episode"], case["lead"])
    status = sf_status(case["episode"])
    assert status.status == Status.NOT_ELIGIBLE
    assert [code.code for code in status.headline_codes] == ["SF01", "SF08"]


def test_two_needs_under_one_headline_count_once(case):
    add_needs(case["episode"], case["lead"], ("N02", "N06", "N08"))  # N02 and N06 are both SF01
    make_eligible(case["episode"], case["lead"])
    assert sf_status(case["episode"]).status == Status.NOT_ELIGIBLE


def test_three_headlines_in_an_open_episode_are_eligible_in_progress(case):
    add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    assert sf_status(case["episode"]).status == Status.ELIGIBLE_IN_PROGRESS


def test_not_eligible_without_a_signed_off_assessment_or_children(case):
    add_needs(case["episode"], case["lead"])
    status = sf_status(case["episode"])
    assert status.status == Status.NOT_ELIGIBLE
    assert any("assessment" in reason for reason in status.result.reasons)
    make_eligible(case["episode"], case["lead"])
    EpisodeChild.objects.filter(episode=case["episode"]).delete()
    assert sf_status(case["episode"]).result.reasons == ("The family has no dependent children in this episode",)


def test_archived_needs_do_not_count(case):
    needs = add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    needs[0].archived_at = needs[0].identified_at
    needs[0].save()
    assert sf_status(case["episode"]).status == Status.NOT_ELIGIBLE


def test_outcomes_not_met_names_the_needs(case):
    add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    close(case["episode"], case["lead"], improvement="some")
    status = sf_status(case["episode"])
    assert status.status == Status.OUTCOMES_NOT_MET
    assert "School attendance" in status.result.needs_not_met


def test_awaiting_sustainment_with_its_due_date(case):
    add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    closure = close(case["episode"], case["lead"])
    status = sf_status(case["episode"])
    assert status.status == Status.AWAITING_SUSTAINMENT
    assert status.result.due_on == closure.follow_ups.get().due_on


def test_awaiting_sustainment_without_a_check_record_is_due_six_months_after_closure(case):
    add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    closure = close(case["episode"], case["lead"])
    FollowUpCheck.objects.filter(closure=closure).delete()
    status = sf_status(case["episode"])
    assert status.status == Status.AWAITING_SUSTAINMENT
    assert status.result.due_on == add_months(closure.decided_at.date(), 6)


def test_a_new_request_within_six_months_is_not_sustained(case):
    add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    close(case["episode"], case["lead"], checked=True, came_back=True)
    assert sf_status(case["episode"]).status == Status.NOT_SUSTAINED


def test_ready_to_claim_then_claimed(case):
    episode = _ready(case)
    assert sf_status(episode).status == Status.READY_TO_CLAIM
    claim = claim_record(user=case["manager"], episode=episode, period="2026-27 q3")
    assert claim.period == "2026-27 Q3"
    assert sorted(claim.headlines.values_list("code", flat=True)) == ["SF01", "SF08", "SF09"]
    assert sf_status(episode).status == Status.CLAIMED


def test_a_reopened_closure_does_not_count(case):
    episode = _ready(case)
    closure = episode.closures.get()
    closure.reopened_at = closure.decided_at
    closure.save()
    assert sf_status(episode).status == Status.ELIGIBLE_IN_PROGRESS


def test_claim_refused_unless_ready(case):
    add_needs(case["episode"], case["lead"])
    make_eligible(case["episode"], case["lead"])
    with pytest.raises(ValidationError, match="not ready to claim"):
        claim_record(user=case["manager"], episode=case["episode"], period="2026-27 Q3")
    assert not Claim.objects.exists()


def test_one_claim_per_episode(case):
    episode = _ready(case)
    first = claim_record(user=case["manager"], episode=episode, period="2026-27 Q3")
    assert claim_record(user=case["manager"], episode=episode, period="2026-27 Q3") == first  # a double submit
    with pytest.raises(ValidationError, match="already been recorded"):
        claim_record(user=case["manager"], episode=episode, period="2026-27 Q4")
    assert Claim.objects.count() == 1


@pytest.mark.parametrize("period", ["", "2026 Q3", "2026-28 Q3", "2026-27 Q5", "Q3"])
def test_claim_period_must_be_a_quarter(case, period):
    episode = _ready(case)
    with pytest.raises(ValidationError, match="2026-27 Q3"):
        claim_record(user=case["manager"], episode=episode, period=period)


def test_only_a_manager_records_a_claim(case):
    episode = _ready(case)
    with pytest.raises(PermissionDenied):
        claim_record(user=case["lead"], episode=episode, period="2026-27 Q3")


def test_add_months_keeps_the_end_of_the_month():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 6) == datetime.date(2027, 5, 15)


def test_sf_statuses_queries_do_not_grow(case, team, django_assert_max_num_queries):
    episodes = [closed_family(team=team, lead=case["lead"], number=n) for n in range(2)]
    with django_assert_max_num_queries(9):
        sf_statuses(episodes)
    episodes += [closed_family(team=team, lead=case["lead"], number=n) for n in range(2, 8)]
    with django_assert_max_num_queries(9):
        sf_statuses(episodes)


# Pages.


def test_episode_page_shows_evidence_and_the_claim_form_to_managers(case, sign_in):
    episode = _ready(case)
    url = reverse("supportingfamilies:episode", args=[episode.pk])
    page = sign_in(case["manager"]).get(url)
    assert page.status_code == 200
    assert "Ready to claim" in page.content.decode()
    assert "Evidence " in page.content.decode()
    assert "Record claim" in page.content.decode()


def test_lead_sees_the_evidence_but_not_the_claim_form(case, sign_in):
    episode = _ready(case)
    page = sign_in(case["lead"]).get(reverse("supportingfamilies:episode", args=[episode.pk]))
    assert page.status_code == 200
    assert 'name="period"' not in page.content.decode()


def test_partner_gets_404(case, sign_in):
    page = sign_in(case["taf_member"]).get(reverse("supportingfamilies:episode", args=[case["episode"].pk]))
    assert page.status_code == 404


def test_claim_page_records_the_claim(case, sign_in):
    episode = _ready(case)
    http = sign_in(case["manager"])
    response = http.post(reverse("supportingfamilies:claim", args=[episode.pk]), {"period": "2026-27 Q3"})
    assert response.status_code == 302
    assert Claim.objects.get().episode == episode
    again = http.post(reverse("supportingfamilies:claim", args=[episode.pk]), {"period": "2026-27 Q4"})
    assert again.status_code == 200
    assert "already been recorded" in again.content.decode()


def test_claim_page_refuses_an_episode_not_ready(case, sign_in):
    response = sign_in(case["manager"]).post(
        reverse("supportingfamilies:claim", args=[case["episode"].pk]), {"period": "2026-27 Q3"}
    )
    assert response.status_code == 200
    assert "not ready to claim" in response.content.decode()
    assert not Claim.objects.exists()


def test_ready_list_for_managers_only(case, sign_in, make_user):
    assert sign_in(case["lead"]).get(reverse("supportingfamilies:ready")).status_code == 403


def test_ready_list_tabs_and_scoping(case, team, sign_in, make_user):
    from earlyhelp.organisations.tests.factories import TeamFactory

    ready = closed_family(team=team, lead=case["lead"], number=1, checked=True, came_back=False)
    waiting = closed_family(team=team, lead=case["lead"], number=2)
    not_met = closed_family(team=team, lead=case["lead"], number=3, improvement="none")
    came_back = closed_family(team=team, lead=case["lead"], number=4, checked=True, came_back=True)
    other_team = TeamFactory(agency=team.agency, name="Early Help South")
    elsewhere = closed_family(team=other_team, lead=case["lead"], number=5, checked=True, came_back=False)
    http = sign_in(case["manager"])
    url = reverse("supportingfamilies:ready")

    page = http.get(url).content.decode()
    assert ready.reference in page
    assert waiting.reference not in page
    assert came_back.reference not in page
    assert elsewhere.reference not in page
    assert waiting.reference in http.get(url, {"show": "awaiting"}).content.decode()
    assert not_met.reference in http.get(url, {"show": "not_met"}).content.decode()
    event = AccessEvent.objects.filter(action=AccessAction.LIST).last()
    assert event is not None

    service_manager = make_user(roles.SERVICE_MANAGER, agency=team.agency)
    assert elsewhere.reference in sign_in(service_manager).get(url).content.decode()


def test_ready_list_queries_do_not_grow(case, team, sign_in, django_assert_max_num_queries):
    http = sign_in(case["manager"])
    url = reverse("supportingfamilies:ready")
    for n in range(2):
        closed_family(team=team, lead=case["lead"], number=n, checked=True, came_back=False)
    http.get(url)
    with django_assert_max_num_queries(30) as few:
        assert http.get(url).status_code == 200
    for n in range(2, 10):
        closed_family(team=team, lead=case["lead"], number=n, checked=True, came_back=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = http.get(url)
    assert response.content.decode().count("EH26-T9") == 10
