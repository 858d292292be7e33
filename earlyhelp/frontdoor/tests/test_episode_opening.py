"""A front-door decision of early help opens the family's episode, or joins the one already open (issue 4)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.episodes.models import ChronologyKind, Episode, EpisodeStatus
from earlyhelp.frontdoor import services
from earlyhelp.frontdoor.models import Outcome, RequestPerson, RequestStatus
from earlyhelp.frontdoor.services import ChildOutcomeInput
from earlyhelp.frontdoor.tests.factories import RequestChildFactory, SupportRequestFactory
from earlyhelp.people.models import Family, FamilyMember
from earlyhelp.thresholds.selectors import threshold_current


@pytest.fixture
def level2(db):
    return threshold_current().levels.get(number=2)


@pytest.fixture
def worker(make_user):
    return make_user(roles.FRONT_DOOR)


def new_request(reference: str, *, submitted_at: datetime.datetime | None = None):
    return SupportRequestFactory(
        reference=reference,
        status=RequestStatus.NEW,
        submitted_at=submitted_at or timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=1),
    )


def decide(worker, request, level, outcomes):
    return services.decision_record(
        user=worker,
        support_request=request,
        level=level,
        indicators=[],
        needs_identified=True,
        rationale="Level 2 needs: hunger, lateness.",
        consent_position="given",
        outcomes=outcomes,
    )


def members(family):
    memberships = FamilyMember.objects.filter(family=family).select_related("person")
    return sorted(m.person.legal_first_name for m in memberships)


def test_unmatched_children_are_registered_into_a_new_family(worker, level2, team):
    submitted = timezone.now() - datetime.timedelta(hours=5)
    request = new_request("R26-100001", submitted_at=submitted)
    maisie = RequestChildFactory(request=request, first_name="Maisie", date_of_birth=datetime.date(2016, 7, 1))
    noah = RequestChildFactory(request=request, first_name="Noah", date_of_birth=datetime.date(2019, 11, 20))
    RequestPerson.objects.create(request=request, is_child=False, first_name="Unmatched", last_name="Adult")
    decision = decide(
        worker,
        request,
        level2,
        [
            ChildOutcomeInput(child=maisie, outcome=Outcome.EARLY_HELP, team=team),
            ChildOutcomeInput(child=noah, outcome=Outcome.ADVICE, support_detail="Youth club"),
        ],
    )
    maisie.refresh_from_db()
    noah.refresh_from_db()
    assert maisie.matched_person is not None
    assert maisie.match_confirmed_by == worker
    assert noah.matched_person is None  # advice only: nothing goes on the register
    episode = Episode.objects.get()
    assert episode.status == EpisodeStatus.AWAITING_ALLOCATION
    assert episode.team == team
    assert episode.level_id == decision.level_id
    assert episode.source_decision == decision
    assert [c.person for c in episode.episode_children.all()] == [maisie.matched_person]
    family = episode.family
    assert family.name == "Ashworth family"
    assert family.reference.startswith("NS-")
    assert members(family) == ["Maisie"]  # the unmatched adult is not put on the register
    # The allocated team's managers now have a relationship to the family.
    assert Involvement.objects.filter(family=family, team=team, kind=InvolvementKind.TEAM_ALLOCATION).exists()
    lines = {line.kind: line for line in episode.chronology.all()}
    assert lines[ChronologyKind.REQUEST].occurred_at == submitted
    assert "R26-100001" in lines[ChronologyKind.REQUEST].summary
    assert lines[ChronologyKind.DECISION].occurred_at == decision.decided_at
    assert ChronologyKind.EPISODE_OPENED in lines
    assert ChronologyKind.ALLOCATION in lines


def test_matched_children_open_an_episode_for_their_family_with_the_matched_adults(worker, level2, team, family):
    people = {m.person.legal_first_name: m.person for m in family.memberships.select_related("person")}
    request = new_request("R26-100002")
    maisie = RequestChildFactory(request=request, first_name="Maisie", matched_person=people["Maisie"])
    baby = RequestChildFactory(request=request, first_name="Ivy", date_of_birth=datetime.date(2025, 1, 2))
    RequestPerson.objects.create(
        request=request, is_child=False, first_name="Rachel", last_name="Ashworth", matched_person=people["Rachel"]
    )
    decide(
        worker,
        request,
        level2,
        [
            ChildOutcomeInput(child=maisie, outcome=Outcome.EARLY_HELP, team=team),
            ChildOutcomeInput(child=baby, outcome=Outcome.EARLY_HELP, team=team),
        ],
    )
    episode = Episode.objects.get()
    assert episode.family == family
    assert Family.objects.count() == 1
    # The newly registered baby joins the family she was referred with.
    assert members(family) == ["Ivy", "Maisie", "Noah", "Rachel"]
    assert sorted(c.person.legal_first_name for c in episode.episode_children.all()) == ["Ivy", "Maisie"]


def test_a_second_request_joins_the_open_episode(worker, level2, team, family):
    people = {m.person.legal_first_name: m.person for m in family.memberships.select_related("person")}
    first = new_request("R26-100003")
    maisie = RequestChildFactory(request=first, first_name="Maisie", matched_person=people["Maisie"])
    decide(worker, first, level2, [ChildOutcomeInput(child=maisie, outcome=Outcome.EARLY_HELP, team=team)])
    second = new_request("R26-100004")
    noah = RequestChildFactory(request=second, first_name="Noah", matched_person=people["Noah"])
    decide(worker, second, level2, [ChildOutcomeInput(child=noah, outcome=Outcome.EARLY_HELP, team=team)])
    episode = Episode.objects.get()
    assert sorted(c.person.legal_first_name for c in episode.episode_children.all()) == ["Maisie", "Noah"]
    requests = [line.summary for line in episode.chronology.filter(kind=ChronologyKind.REQUEST)]
    assert sorted(requests) == [
        "Request for support R26-100003 received",
        "Request for support R26-100004 received",
    ]
    assert episode.chronology.filter(kind=ChronologyKind.EPISODE_OPENED).count() == 1


def test_no_episode_without_early_help(worker, level2):
    request = new_request("R26-100005")
    child = RequestChildFactory(request=request, first_name="Maisie")
    decide(worker, request, level2, [ChildOutcomeInput(child=child, outcome=Outcome.ADVICE, support_detail="Club")])
    assert not Episode.objects.exists()
    child.refresh_from_db()
    assert child.matched_person is None
