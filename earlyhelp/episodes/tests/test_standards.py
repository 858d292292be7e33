"""Practice standards PS1 to PS12, computed from the record: a complete record and an incomplete one (issue 4)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.assessments.models import (
    Assessment,
    AssessmentStatus,
    CarerAssessment,
    ChildAssessment,
    DimensionRating,
    Participation,
    Rating,
)
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import ChildSeen, Contact, ContactKind, Episode, EpisodeChild, EpisodeStatus
from earlyhelp.episodes.standards import practice_standards
from earlyhelp.frontdoor.models import Decision, Feedback, SupportRequest
from earlyhelp.people.models import FamilyMember, PersonRelationship
from earlyhelp.people.tests.factories import PersonFactory
from earlyhelp.plans.models import Plan, PlanAction, PlanOutcome, PlanStatus
from earlyhelp.thresholds.selectors import threshold_current

NOW = timezone.now()


def by_id(episode: Episode) -> dict[str, Any]:
    return {result.id: result for result in practice_standards(episode)}


def people(family) -> dict[str, Any]:
    return {m.person.legal_first_name: m.person for m in family.memberships.select_related("person")}


def decision_for(user, *, consent_position: str = "given", sent: bool = True, reference: str = "R26-S0001"):
    request = SupportRequest.objects.create(
        source="professional", created_by=user, status="decided", reference=reference, submitted_at=NOW
    )
    level = threshold_current().levels.first()
    decision = Decision.objects.create(
        request=request,
        decided_by=user,
        decided_at=NOW,
        threshold_document=level.document,
        level=level,
        needs_identified=True,
        rationale="Test",
        consent_position=consent_position,
    )
    Feedback.objects.create(request=request, text="Decided", due_at=NOW, sent_at=NOW if sent else None)
    return decision


def add_father(family, children) -> Any:
    liam = PersonFactory(legal_first_name="Liam", legal_last_name="Ashworth", date_of_birth=datetime.date(1988, 1, 1))
    FamilyMember.objects.create(family=family, person=liam, lives_in_household=False)
    for child in children:
        PersonRelationship.objects.create(person=liam, relative=child, type="father", parental_responsibility=True)
    return liam


def record_identity(persons) -> None:
    ethnicity = Code.objects.filter(list_name="ethnicity").first()
    language = Code.objects.filter(list_name="language").first()
    religion = Code.objects.filter(list_name="religion").first()
    for person in persons:
        person.ethnicity, person.first_language, person.religion = ethnicity, language, religion
        person.interpreter_needed = "no"
        person.save()


def see(episode, lead, children, *, alone: bool = True) -> Contact:
    contact = Contact.objects.create(
        episode=episode,
        kind=ContactKind.HOME_VISIT,
        happened_at=NOW - datetime.timedelta(days=2),
        recorded_by=lead,
        agency=lead.profile.agency,
        summary="Home visit",
    )
    for child in children:
        ChildSeen.objects.create(contact=contact, person=child, seen=True, seen_alone=alone)
    return contact


def complete_plan(episode, lead, children, *, approved_days_ago: int = 10) -> Plan:
    approved = NOW - datetime.timedelta(days=approved_days_ago)
    plan = Plan.objects.create(
        episode=episode,
        created_by=lead,
        status=PlanStatus.APPROVED,
        approved_at=approved,
        first_approved_at=approved,
        approved_by=lead,
    )
    for child in children:
        outcome = PlanOutcome.objects.create(
            plan=plan,
            child=child,
            what_must_change=f"{child.legal_first_name} goes to school every day",
            measure="Attendance",
            baseline="82%",
            target="95%",
            target_date=datetime.date(2027, 3, 31),
        )
        action = PlanAction.objects.create(
            plan=plan, what="Morning routine chart", owner_name="Mum", due_on=datetime.date(2027, 1, 31)
        )
        action.outcomes.add(outcome)
    return plan


@pytest.fixture
def lead(make_user, team):
    return make_user(roles.PRACTITIONER, team=team)


@pytest.fixture
def complete(family, lead, team, consent, council):
    """An episode where the record shows every standard met (reviews are not due yet)."""
    named = people(family)
    maisie, noah, rachel = named["Maisie"], named["Noah"], named["Rachel"]
    episode = Episode.objects.create(
        reference="EH26-S00001",
        family=family,
        status=EpisodeStatus.OPEN,
        opened_at=NOW,
        team=team,
        lead_practitioner=lead,
        allocated_at=NOW,
        source_decision=decision_for(lead),
    )
    for child in (maisie, noah):
        EpisodeChild.objects.create(episode=episode, person=child, added_at=NOW)
    liam = add_father(family, [maisie, noah])
    record_identity([maisie, noah, rachel, liam])
    consent(family, council)
    see(episode, lead, [maisie, noah])
    assessment = Assessment.objects.create(
        episode=episode,
        started_by=lead,
        started_at=NOW,
        status=AssessmentStatus.SIGNED_OFF,
        signed_off_at=NOW - datetime.timedelta(days=5),
        family_history="Two earlier requests (2023, 2024) about school attendance.",
        history_reviewed=True,
    )
    for child in (maisie, noah):
        ChildAssessment.objects.create(
            assessment=assessment,
            person=child,
            wishes_and_feelings="Wants mum to be less tired",
            daily_lived_experience="Gets herself ready for school",
            needs="Attendance",
        )
    CarerAssessment.objects.create(
        assessment=assessment,
        person=liam,
        is_male_carer=True,
        participation=Participation.NOT_INVOLVED,
        not_involved_reason="Lives abroad and declined to take part by phone",
    )
    complete_plan(episode, lead, [maisie, noah])
    return episode


def test_a_complete_record_meets_every_standard(complete):
    results = by_id(complete)
    assert list(results) == [f"PS{n}" for n in range(1, 13)]
    assert {key: r.status for key, r in results.items() if r.status != "met"} == {"PS7": "not_yet"}
    assert results["PS7"].detail.startswith("The first review is due by")
    assert "Maisie Ashworth last seen" in results["PS1"].detail


def test_an_incomplete_record_says_what_is_missing(family, lead, team):
    named = people(family)
    maisie, noah = named["Maisie"], named["Noah"]
    ivy = PersonFactory(legal_first_name="Ivy", legal_last_name="Ashworth", date_of_birth=datetime.date(2024, 6, 1))
    FamilyMember.objects.create(family=family, person=ivy)
    long_ago = NOW - datetime.timedelta(days=60)
    episode = Episode.objects.create(
        reference="EH26-S00002",
        family=family,
        status=EpisodeStatus.AWAITING_ALLOCATION,
        opened_at=long_ago,
        team=team,
        source_decision=decision_for(lead, consent_position="refused", sent=False, reference="R26-S0002"),
    )
    for child in (maisie, noah, ivy):
        EpisodeChild.objects.create(episode=episode, person=child, added_at=long_ago)
    add_father(family, [maisie])
    # Noah was seen but not alone; Ivy is two, so seeing her is enough; Maisie was not seen at all.
    see(episode, lead, [noah, ivy], alone=False)
    assessment = Assessment.objects.create(episode=episode, started_by=lead, started_at=long_ago)
    ChildAssessment.objects.create(assessment=assessment, person=maisie, wishes_and_feelings="Misses her dad")
    DimensionRating.objects.create(
        assessment=assessment,
        person=maisie,
        dimension=Code.objects.filter(list_name="assessment_dimension").first(),
        rating=Rating.SOME_NEED,
    )
    plan = Plan.objects.create(
        episode=episode,
        created_by=lead,
        status=PlanStatus.APPROVED,
        approved_at=long_ago,
        first_approved_at=long_ago,
    )
    PlanOutcome.objects.create(plan=plan, child=maisie, what_must_change="Maisie is happier", target="Happier")
    PlanAction.objects.create(plan=plan, what="Parenting course", owner_name="Mum", due_on=datetime.date(2027, 1, 1))

    results = by_id(episode)
    assert {key for key, r in results.items() if r.status != "not_met"} == set()
    detail = {key: r.detail for key, r in results.items()}
    assert detail["PS1"] == "Maisie Ashworth has not been seen. Noah Ashworth has not been seen alone."
    assert "Maisie Ashworth's daily lived experience is not recorded" in detail["PS2"]
    assert "Noah Ashworth's wishes and feelings are not recorded" in detail["PS2"]
    assert "Maisie Ashworth's wishes and feelings" not in detail["PS2"]
    assert (
        detail["PS3"] == "Noah Ashworth's needs have not been assessed. Ivy Ashworth's needs have not been assessed."
    )
    assert detail["PS4"] == "Liam Ashworth has not been considered in the assessment."
    assert "No family history is recorded" in detail["PS5"]
    assert "have not been marked as reviewed" in detail["PS5"]
    assert "has no measure" in detail["PS6"]
    assert "serves no outcome" in detail["PS6"]
    assert "There is no outcome for Noah Ashworth" in detail["PS6"]
    assert detail["PS7"].startswith("No review recorded")
    assert "more than 30 days ago" in detail["PS8"]
    assert detail["PS9"] == "No lead practitioner is allocated."
    assert "Rachel Ashworth: ethnicity, first language, religion, interpreter need not recorded" in detail["PS10"]
    assert detail["PS11"] == "No consent to share information is recorded for an adult in the family."
    assert detail["PS12"] == "The referrer has not been told the outcome of request R26-S0002."


def test_a_male_carer_not_involved_needs_a_reason(complete):
    carer = CarerAssessment.objects.get(assessment__episode=complete)
    carer.not_involved_reason = ""
    carer.save()
    result = by_id(complete)["PS4"]
    assert (result.status, result.detail) == ("not_met", "No reason is recorded why Liam Ashworth is not involved.")
    carer.participation = Participation.PARTLY
    carer.save()
    assert by_id(complete)["PS4"].status == "met"


def test_the_current_assessment_is_the_newest(complete, lead):
    Assessment.objects.filter(episode=complete).update(status=AssessmentStatus.SUPERSEDED)
    Assessment.objects.create(episode=complete, number=2, started_by=lead, started_at=NOW, reason="New information")
    results = by_id(complete)
    assert results["PS2"].status == "not_met"
    assert results["PS3"].status == "not_met"
    # The earlier sign-off is still management oversight within the interval.
    assert results["PS8"].status == "met"


def test_nothing_yet_is_not_due_yet_for_a_new_episode(family, team, lead):
    episode = Episode.objects.create(reference="EH26-S00003", family=family, opened_at=NOW, team=team)
    results = by_id(episode)
    assert results["PS8"].status == "not_yet"
    assert results["PS12"].status == "not_yet"
    assert results["PS7"].status == "not_yet"
    assert results["PS2"].detail == "No assessment has been started."


def test_consent_override_meets_ps11(family, lead, team):
    decision = decision_for(lead, consent_position="override")
    episode = Episode.objects.create(
        reference="EH26-S00004", family=family, opened_at=NOW, team=team, source_decision=decision
    )
    assert by_id(episode)["PS11"].status == "met"


def test_ps6_without_a_plan(family, team):
    episode = Episode.objects.create(reference="EH26-S00005", family=family, opened_at=NOW, team=team)
    assert by_id(episode)["PS6"].detail == "No plan has been written."


def test_queries_do_not_grow_with_the_record(complete, lead, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as before:
        practice_standards(Episode.objects.select_related("lead_practitioner").get(pk=complete.pk))
    assert len(before) <= QUERIES
    family = complete.family
    more = [
        PersonFactory(legal_first_name=name, legal_last_name="Ashworth", date_of_birth=datetime.date(2017, 1, 1))
        for name in ("Ada", "Ben", "Cal")
    ]
    assessment = Assessment.objects.get(episode=complete)
    for child in more:
        FamilyMember.objects.create(family=family, person=child)
        EpisodeChild.objects.create(episode=complete, person=child, added_at=NOW)
        ChildAssessment.objects.create(assessment=assessment, person=child, needs="Sleep")
        see(complete, lead, [child])
    plan = complete.plan
    for child in more:
        outcome = PlanOutcome.objects.create(plan=plan, child=child, what_must_change="Sleeps", measure="Nights")
        PlanAction.objects.create(plan=plan, what="Bedtime", owner_name="Mum").outcomes.add(outcome)
    with django_assert_max_num_queries(len(before)):
        results = practice_standards(Episode.objects.select_related("lead_practitioner").get(pk=complete.pk))
    assert "Ada Ashworth has not been seen" not in results[0].detail


# episode children, family members, male carers, children seen, the assessment and its children, carers (with
# people), ratings and factors, the plan with its outcomes, actions and their outcomes, consent, the decision and its
# feedback, the reviews (one), the last management oversight (five sources), plus the episode itself, fetched in the
# `with` block.
QUERIES = 24
