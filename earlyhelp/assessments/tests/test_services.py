"""Services of the Early Help Assessment: start with history, sections, submit, sign-off, re-assessment."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from earlyhelp.assessments import services
from earlyhelp.assessments.models import (
    Assessment,
    AssessmentStatus,
    CarerAssessment,
    ChildAssessment,
    Contribution,
    DimensionRating,
    Participation,
)
from earlyhelp.assessments.selectors import carers_of, dimensions, missing_sections
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import ChronologyEntry, ChronologyKind, Episode, EpisodeStatus
from earlyhelp.frontdoor.models import RequestPerson, SupportRequest

pytestmark = pytest.mark.django_db

CHILD_DONE = {"wishes_and_feelings": "Wants her dad at sports day", "daily_lived_experience": "Gets herself up"}


def _fresh(case):
    """The episode with no assessment yet (the case context has one)."""
    Assessment.objects.filter(episode=case["episode"]).delete()
    return case["episode"]


def _complete(case, assessment):
    """Everything submission needs: both children heard, Darren's non-involvement explained, an analysis."""
    darren = next(c for c in carers_of(case["episode"]) if c.person == case["darren"])
    for child in (case["maisie"], case["noah"]):
        assessment = services.child_section_save(
            user=case["lead"], assessment=assessment, person=child, version=None, data=CHILD_DONE, ratings={}
        )
    assessment = services.carer_section_save(
        user=case["lead"],
        assessment=assessment,
        carer=darren,
        version=None,
        data={"participation": Participation.NOT_INVOLVED, "not_involved_reason": "Declined three invitations"},
        ratings={},
    )
    return services.assessment_family_update(
        user=case["lead"], assessment=assessment, version=None, data={"analysis": "Maisie carries worry for Mum"}
    )


def test_start_prefills_family_history_from_earlier_requests_and_episodes(case):
    episode = _fresh(case)
    request = SupportRequest.objects.create(
        source="professional",
        created_by=case["lead"],
        status="decided",
        reference="R25-T9",
        submitted_at=timezone.now() - datetime.timedelta(days=400),
        concerns="Maisie missing school on Mondays",
    )
    RequestPerson.objects.create(
        request=request, is_child=True, first_name="Maisie", last_name="Ashworth", matched_person=case["maisie"]
    )
    Episode.objects.create(
        reference="EH24-T00002",
        family=case["family"],
        status=EpisodeStatus.CLOSED,
        opened_at=timezone.now() - datetime.timedelta(days=800),
        closed_at=timezone.now() - datetime.timedelta(days=600),
        closure_reason="needs_met",
    )

    assessment = services.assessment_start(user=case["lead"], episode=episode)

    assert assessment.number == 1
    assert "R25-T9" in assessment.family_history
    assert "Maisie missing school on Mondays" in assessment.family_history
    assert "EH24-T00002" in assessment.family_history
    assert "needs met" in assessment.family_history
    assert ChronologyEntry.objects.filter(episode=episode, kind=ChronologyKind.ASSESSMENT).count() == 1


def test_start_twice_gives_one_assessment(case):
    episode = _fresh(case)
    first = services.assessment_start(user=case["lead"], episode=episode)
    assert services.assessment_start(user=case["lead"], episode=episode) == first
    assert Assessment.objects.filter(episode=episode).count() == 1


def test_a_team_around_the_family_member_cannot_start_or_write(case):
    episode = _fresh(case)
    with pytest.raises(PermissionDenied):
        services.assessment_start(user=case["nurse"], episode=episode)
    with pytest.raises(PermissionDenied):
        services.assessment_family_update(
            user=case["nurse"], assessment=case["assessment"], version=None, data={"analysis": "x"}
        )


def test_carers_include_a_father_outside_the_household_as_a_male_carer(case):
    carers = {c.person.legal_first_name: c for c in carers_of(case["episode"])}
    assert set(carers) == {"Rachel", "Darren"}
    assert carers["Darren"].is_male_carer
    assert not carers["Darren"].lives_in_household
    assert carers["Darren"].relationship == "Father"
    assert not carers["Rachel"].is_male_carer


def test_child_section_saves_ratings_and_bumps_the_version(case):
    assessment = case["assessment"]
    health = dimensions("CDN").get(code="CDN.HEALTH")
    saved = services.child_section_save(
        user=case["lead"],
        assessment=assessment,
        person=case["maisie"],
        version=assessment.version,
        data={**CHILD_DONE, "seen": True, "seen_alone": True},
        ratings={health: ("some_need", "Dental check overdue")},
    )
    assert saved.version == assessment.version + 1
    section = ChildAssessment.objects.get(assessment=assessment, person=case["maisie"])
    assert section.seen_alone is True
    rating = DimensionRating.objects.get(assessment=assessment, person=case["maisie"], dimension=health)
    assert (rating.rating, rating.note) == ("some_need", "Dental check overdue")


def test_two_people_editing_get_a_conflict_not_an_overwrite(case):
    assessment = case["assessment"]
    loaded = assessment.version
    services.assessment_family_update(
        user=case["lead"], assessment=assessment, version=loaded, data={"analysis": "First"}
    )
    with pytest.raises(services.StaleEdit):
        services.assessment_family_update(
            user=case["manager"], assessment=assessment, version=loaded, data={"analysis": "Second"}
        )
    assert Assessment.objects.get(pk=assessment.pk).analysis == "First"


def test_submit_is_refused_with_the_missing_sections(case):
    assessment = case["assessment"]
    assessment.analysis = ""
    assessment.save()
    darren = next(c for c in carers_of(case["episode"]) if c.person == case["darren"])
    services.carer_section_save(
        user=case["lead"],
        assessment=assessment,
        carer=darren,
        version=None,
        data={"participation": Participation.NOT_INVOLVED},
        ratings={},
    )
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(user=case["lead"], assessment=assessment, version=None)
    text = " ".join(refused.value.messages)
    assert "Record Maisie Ashworth’s wishes and feelings" in text
    assert "Record Noah Ashworth’s daily lived experience" in text
    assert "Record why Darren is not involved" in text
    assert "Write the analysis" in text
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.DRAFT


def test_submit_sign_off_and_return(case):
    assessment = _complete(case, case["assessment"])
    assert missing_sections(assessment) == []
    with pytest.raises(PermissionDenied):
        services.assessment_sign_off(user=case["lead"], assessment=assessment, version=None, comment="Mine")
    assessment = services.assessment_submit(user=case["lead"], assessment=assessment, version=assessment.version)
    assessment = services.assessment_return(
        user=case["manager"], assessment=assessment, version=None, comment="Say more about Noah"
    )
    assert assessment.status == AssessmentStatus.DRAFT
    assessment = services.assessment_submit(user=case["lead"], assessment=assessment, version=None)
    assessment = services.assessment_sign_off(
        user=case["manager"], assessment=assessment, version=None, comment="A clear analysis"
    )
    assert assessment.status == AssessmentStatus.SIGNED_OFF
    assert assessment.signed_off_by == case["manager"]
    summaries = list(ChronologyEntry.objects.filter(kind=ChronologyKind.ASSESSMENT).values_list("summary", flat=True))
    assert any("signed off" in s for s in summaries)
    assert any("returned" in s for s in summaries)


def test_reassessment_keeps_the_earlier_version(case):
    assessment = _complete(case, case["assessment"])
    factor = Code.objects.of("cin_factor").get(code="1B")
    fef = dimensions("FEF").get(code="FEF.HOUSING")
    assessment = services.assessment_family_update(
        user=case["lead"],
        assessment=assessment,
        version=None,
        data={"risks": "Dad's visits stopped"},
        ratings={fef: ("significant_need", "Rent arrears")},
        factors=[factor],
    )
    assessment = services.assessment_submit(user=case["lead"], assessment=assessment, version=None)
    with pytest.raises(ValidationError):
        services.assessment_reassess(user=case["lead"], assessment=assessment, reason="Not signed off yet")
    assessment = services.assessment_sign_off(user=case["manager"], assessment=assessment, version=None, comment="OK")

    new = services.assessment_reassess(user=case["lead"], assessment=assessment, reason="Police notification")

    old = Assessment.objects.get(pk=assessment.pk)
    assert old.status == AssessmentStatus.SUPERSEDED
    assert (old.number, new.number) == (1, 2)
    assert new.status == AssessmentStatus.DRAFT
    assert new.reason == "Police notification"
    assert new.analysis == old.analysis == "Maisie carries worry for Mum"
    assert list(new.factors.all()) == [factor]
    assert new.children.count() == old.children.count() == 2
    assert new.carers.get(person=case["darren"]).not_involved_reason == "Declined three invitations"
    assert new.ratings.get(dimension=fef).note == "Rent arrears"
    assert new.contributions.count() == old.contributions.count() == 1
    # Changing the new version leaves the old one as it was signed off.
    services.assessment_family_update(
        user=case["lead"], assessment=new, version=new.version, data={"analysis": "Changed"}
    )
    services.child_section_save(
        user=case["lead"], assessment=new, person=case["maisie"], version=None, data={"needs": "New"}, ratings={}
    )
    old.refresh_from_db()
    assert old.analysis == "Maisie carries worry for Mum"
    assert old.children.get(person=case["maisie"]).needs == ""
    with pytest.raises(ValidationError):
        services.assessment_family_update(user=case["lead"], assessment=old, version=None, data={"analysis": "x"})


def test_a_contribution_sent_twice_is_one(case):
    for _ in range(2):
        contribution = services.contribution_add(
            user=case["nurse"], assessment=case["assessment"], about=case["maisie"], text="Clinic visit went well"
        )
    assert contribution.agency.name == "Oakfield Primary School"
    assert Contribution.objects.filter(text="Clinic visit went well").count() == 1


def test_carer_section_records_whether_male(case):
    darren = next(c for c in carers_of(case["episode"]) if c.person == case["darren"])
    services.carer_section_save(
        user=case["lead"],
        assessment=case["assessment"],
        carer=darren,
        version=None,
        data={"participation": Participation.PARTLY},
        ratings={},
    )
    assert CarerAssessment.objects.get(person=case["darren"]).is_male_carer
