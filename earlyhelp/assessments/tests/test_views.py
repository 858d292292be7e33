"""Pages of the assessment: the task list, sections saved without losing anything, autosave, sign-off."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from earlyhelp.assessments.models import Assessment, AssessmentStatus, CarerAssessment, ChildAssessment
from earlyhelp.episodes.models import EpisodeChild
from earlyhelp.people.tests.factories import FamilyMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(f"assessments:{name}", args=[case["episode"].pk, *args])


def test_start_the_assessment(case, sign_in):
    Assessment.objects.filter(episode=case["episode"]).delete()
    client = sign_in(case["lead"])
    page = client.get(url("overview", case))
    assert "Start the assessment" in page.content.decode()
    response = client.post(url("start", case))
    assert response.status_code == 302
    assert client.post(url("start", case)).status_code == 302
    assert Assessment.objects.filter(episode=case["episode"]).count() == 1


def test_overview_is_a_task_list_with_every_child_and_carer(case, sign_in):
    page = sign_in(case["lead"]).get(url("overview", case)).content.decode()
    for text in (
        "Family history",
        "Maisie Ashworth",
        "Noah Ashworth",
        "Rachel Ashworth",
        "Darren Ashworth",
        "does not live in the household",
        "Family and environment",
        "Contributions from the Team Around the Family",
        "Strengths, needs and risks",
        "Analysis",
        "Factors identified",
        "Submit for sign-off",
        "Test school nurse, Oakfield Primary School",
    ):
        assert text in page, text
    assert "govuk-task-list" in page
    assert 'id="child-2-status"' in page


def test_overview_queries_do_not_grow_with_the_family(case, sign_in, django_assert_max_num_queries):
    client = sign_in(case["lead"])
    client.get(url("overview", case))
    with django_assert_max_num_queries(40) as few:
        client.get(url("overview", case))
    for n in range(4):
        child = PersonFactory(legal_first_name=f"Child{n}", date_of_birth=datetime.date(2018, 1, n + 1))
        FamilyMemberFactory(family=case["family"], person=child)
        EpisodeChild.objects.create(episode=case["episode"], person=child, added_at=timezone.now())
        ChildAssessment.objects.create(assessment=case["assessment"], person=child, needs="Some")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("overview", case))


def test_a_male_carer_not_involved_needs_a_reason_to_continue(case, sign_in):
    client = sign_in(case["lead"])
    darren = url("carer", case, case["darren"].pk)
    version = case["assessment"].version
    page = client.post(darren, {"version": version, "participation": "not_involved"})
    assert page.status_code == 200
    assert "Record why Darren is not involved" in page.content.decode()
    # A draft keeps what was typed, reason or not: nothing is lost.
    response = client.post(darren, {"version": version, "participation": "not_involved", "later": "1"})
    assert response.status_code == 302
    assert CarerAssessment.objects.get(person=case["darren"]).participation == "not_involved"


def test_child_seen_but_not_alone_needs_a_reason(case, sign_in):
    client = sign_in(case["lead"])
    page = client.post(
        url("child", case, case["maisie"].pk),
        {"version": case["assessment"].version, "seen": "yes", "seen_alone": "no"},
    )
    assert "Record why Maisie was not seen alone" in page.content.decode()


def test_autosave_answers_204_with_the_new_version_and_does_not_conflict_with_itself(case, sign_in):
    client = sign_in(case["lead"])
    analysis = url("analysis", case)
    version = case["assessment"].version
    first = client.post(analysis, {"version": version, "analysis": "Draft 1"}, headers={"X-Autosave": "1"})
    assert first.status_code == 204
    next_version = int(first["X-Assessment-Version"])
    assert next_version == version + 1
    second = client.post(analysis, {"version": next_version, "analysis": "Draft 2"}, headers={"X-Autosave": "1"})
    assert second.status_code == 204
    assert Assessment.objects.get(pk=case["assessment"].pk).analysis == "Draft 2"
    stale = client.post(analysis, {"version": version, "analysis": "Old tab"}, headers={"X-Autosave": "1"})
    assert stale.status_code == 409


def test_two_people_editing_get_a_conflict_message_and_keep_their_text(case, sign_in, client):
    version = case["assessment"].version
    sign_in(case["manager"]).post(url("strengths", case), {"version": version, "risks": "Manager's risks"})
    client.logout()
    page = sign_in(case["lead"]).post(url("strengths", case), {"version": version, "risks": "Lead's risks"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Someone else changed this assessment since you opened it" in body
    assert "Lead&#x27;s risks" in body
    assert Assessment.objects.get(pk=case["assessment"].pk).risks == "Manager's risks"


def test_section_pages_render_with_autosave(case, sign_in):
    client = sign_in(case["lead"])
    for name, args in [
        ("history", ()),
        ("child", (case["maisie"].pk,)),
        ("carer", (case["darren"].pk,)),
        ("family", ()),
        ("strengths", ()),
        ("analysis", ()),
        ("factors", ()),
    ]:
        page = client.get(url(name, case, *args)).content.decode()
        assert "assessments/autosave.js" in page, name
        assert 'aria-live="polite"' in page, name
        assert "Save and come back later" in page, name


def test_history_factors_and_ratings_save(case, sign_in):
    client = sign_in(case["lead"])
    client.post(url("history", case), {"family_history": "Moved in 2024", "history_reviewed": "on", "later": "1"})
    page = client.get(url("factors", case)).content.decode()
    assert "Alcohol misuse" in page
    from earlyhelp.codes.models import Code

    factor = Code.objects.of("cin_factor").get(code="1B")
    client.post(url("factors", case), {"factors": [factor.pk]})
    fef = Code.objects.of("assessment_dimension").get(code="FEF.HOUSING")
    client.post(url("family", case), {f"rating_{fef.pk}": "some_need", f"note_{fef.pk}": "Damp"})
    assessment = Assessment.objects.get(pk=case["assessment"].pk)
    assert assessment.history_reviewed
    assert assessment.family_history == "Moved in 2024"
    assert list(assessment.factors.all()) == [factor]
    assert assessment.ratings.get(dimension=fef).note == "Damp"


def test_contribution_is_attributed(case, sign_in):
    client = sign_in(case["nurse"])
    response = client.post(url("contribute", case), {"about": str(case["noah"].pk), "text": "Noah is tired at school"})
    assert response.status_code == 302
    page = client.get(url("overview", case)).content.decode()
    assert "Noah is tired at school" in page
    assert "Test school nurse, Oakfield Primary School" in page


def test_submit_refused_lists_missing_then_manager_signs_off_and_lead_reassesses(case, sign_in, client):
    lead = sign_in(case["lead"])
    page = lead.get(url("submit", case)).content.decode()
    assert "Record Maisie Ashworth’s wishes and feelings" in page
    done = {
        "wishes_and_feelings": "Happy",
        "daily_lived_experience": "School",
        "seen": "no",
        "how_gathered": "observed",
    }
    for child in (case["maisie"], case["noah"]):
        lead.post(url("child", case, child.pk), done)
    lead.post(
        url("carer", case, case["darren"].pk), {"participation": "not_involved", "not_involved_reason": "Declined"}
    )
    submitted = lead.post(url("submit", case), {})
    assert submitted.status_code == 302
    assert Assessment.objects.get(pk=case["assessment"].pk).status == AssessmentStatus.SUBMITTED
    client.logout()
    manager = sign_in(case["manager"])
    assert "Record your decision" in manager.get(url("sign_off", case)).content.decode()
    assert manager.post(url("sign_off", case), {"decision": "sign_off", "comment": "Good"}).status_code == 302
    client.logout()
    lead = sign_in(case["lead"])
    assert lead.post(url("reassess", case), {"reason": "School exclusion"}).status_code == 302
    page = lead.get(url("overview", case)).content.decode()
    assert "Assessment 2" in page
    assert "Earlier versions" in page
    old = lead.get(url("version", case, 1)).content.decode()
    assert "Replaced by a re-assessment" in old
