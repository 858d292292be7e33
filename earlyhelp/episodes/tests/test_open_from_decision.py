"""episode_open_from_decision: which family, which children, what the chronology says (issue 4)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.episodes.models import ChronologyKind, Episode
from earlyhelp.episodes.services import episode_open, episode_open_from_decision
from earlyhelp.frontdoor.models import ChildOutcome, Decision, Outcome, RequestPerson, SupportRequest
from earlyhelp.people.models import Family, FamilyMember
from earlyhelp.people.tests.factories import FamilyFactory, FamilyMemberFactory, PersonFactory
from earlyhelp.thresholds.selectors import threshold_current


@pytest.fixture
def worker(make_user):
    return make_user(roles.FRONT_DOOR)


def decided(worker, children_outcomes, *, reference="R26-O0001"):
    request = SupportRequest.objects.create(
        source="professional", created_by=worker, status="decided", reference=reference, submitted_at=timezone.now()
    )
    level = threshold_current().levels.get(number=2)
    decision = Decision.objects.create(
        request=request,
        decided_by=worker,
        decided_at=timezone.now(),
        threshold_document=level.document,
        level=level,
        needs_identified=True,
        rationale="Test",
        consent_position="given",
    )
    for person, outcome, team in children_outcomes:
        child = RequestPerson.objects.create(
            request=request,
            is_child=True,
            first_name=person.legal_first_name if person else "Ivy",
            last_name="Ashworth",
            matched_person=person,
        )
        ChildOutcome.objects.create(decision=decision, child=child, outcome=outcome, team=team)
    return decision


def test_a_child_in_two_families_joins_the_one_with_help_under_way(worker, team, family):
    maisie = family.memberships.get(person__legal_first_name="Maisie").person
    grandparents = FamilyFactory(name="Grandparents' household")
    FamilyMemberFactory(family=grandparents, person=maisie)
    open_episode = episode_open(user=worker, family=family, children=[maisie], team=team)
    episode = episode_open_from_decision(user=worker, decision=decided(worker, [(maisie, Outcome.EARLY_HELP, team)]))
    assert episode == open_episode
    assert Episode.objects.count() == 1


def test_a_new_family_gets_a_register_reference(worker, team):
    child = PersonFactory(legal_first_name="Theo", legal_last_name="Marsh")
    decision = decided(worker, [(child, Outcome.EARLY_HELP, team)])
    episode = episode_open_from_decision(user=worker, decision=decision)
    family = Family.objects.get()
    assert episode.family == family
    assert family.name == "Marsh family"
    assert family.reference == f"NS-{family.pk:06d}"
    assert list(FamilyMember.objects.filter(family=family).values_list("person_id", flat=True)) == [child.pk]
    kinds = set(episode.chronology.values_list("kind", flat=True))
    assert {ChronologyKind.REQUEST, ChronologyKind.DECISION, ChronologyKind.EPISODE_OPENED} <= kinds


def test_nothing_opens_without_early_help(worker, family):
    maisie = family.memberships.get(person__legal_first_name="Maisie").person
    assert episode_open_from_decision(user=worker, decision=decided(worker, [(maisie, Outcome.ADVICE, None)])) is None
    assert not Episode.objects.exists()
