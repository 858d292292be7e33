"""The episode overview: children, the task list and the practice standards; the reduced page for a partner."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.assessments.models import AssessmentStatus
from earlyhelp.episodes.models import ChildSeen, Contact, ContactKind, EpisodeChild
from earlyhelp.episodes.tests.case_context import build_case_context
from earlyhelp.people.models import FamilyMember
from earlyhelp.people.tests.factories import PersonFactory
from earlyhelp.plans.models import PlanStatus


@pytest.fixture
def case(family, make_user, involve, team, school, consent):
    lead = make_user(roles.PRACTITIONER, team=team)
    involve(family, user=lead, kind=InvolvementKind.LEAD_PRACTITIONER)
    nurse = make_user(roles.PRACTITIONER, agency=school)
    ctx = build_case_context(family=family, lead=lead, team=team, taf_user=nurse, consent=consent)
    return {**ctx, "lead": lead, "nurse": nurse, "manager": make_user(roles.TEAM_MANAGER, team=team)}


def overview(client, case):
    return client.get(reverse("episodes:detail", args=[case["episode"].pk]))


def test_the_lead_sees_children_tasks_and_standards(case, sign_in):
    html = overview(sign_in(case["lead"]), case).content.decode()
    assert "Children in this episode" in html
    assert "Maisie Ashworth" in html
    assert "Noah Ashworth" in html
    assert "Not seen" in html  # nobody recorded seeing a child in the case context
    for label in ("Allocation", "Assessment", "Team Around the Family", "Plan", "Reviews", "Closure"):
        assert label in html
    assert reverse("assessments:overview", args=[case["episode"].pk]) in html
    assert reverse("plans:taf", args=[case["episode"].pk]) in html
    assert "1 member" in html
    assert "Start once the plan is approved" in html
    assert reverse("reviews:list", args=[case["episode"].pk]) in html
    assert reverse("closures:closure", args=[case["episode"].pk]) in html
    assert "Practice standards" in html
    assert "PS12" in html
    assert "Maisie Ashworth has not been seen" in html
    # The lead does not allocate: no link to the allocation pages.
    assert reverse("episodes:allocate_lead", args=[case["episode"].pk]) not in html


def test_task_statuses_follow_the_record(case, sign_in):
    case["assessment"].status = AssessmentStatus.SUBMITTED
    case["assessment"].save()
    case["plan"].status = PlanStatus.APPROVED
    case["plan"].approved_at = timezone.now()
    case["plan"].save()
    html = overview(sign_in(case["manager"]), case).content.decode()
    assert "Waiting for sign-off" in html
    assert "Approved" in html
    # A manager of the allocated team may reallocate the lead from the task list.
    assert reverse("episodes:allocate_lead", args=[case["episode"].pk]) in html


def test_a_partner_sees_only_their_own_actions(case, sign_in):
    html = overview(sign_in(case["nurse"]), case).content.decode()
    assert "Check in with Maisie each week" in html
    assert "Parenting course place" not in html
    assert "Practice standards" not in html
    assert "govuk-task-list" not in html
    assert "Children in this episode" not in html
    assert reverse("plans:plan", args=[case["episode"].pk]) in html


def test_queries_do_not_grow_with_children_and_contacts(case, sign_in, django_assert_max_num_queries):
    client = sign_in(case["lead"])
    episode = case["episode"]
    with django_assert_max_num_queries(QUERIES):
        assert overview(client, case).status_code == 200
    for name in ("Ada", "Ben", "Cal", "Dee"):
        child = PersonFactory(legal_first_name=name, legal_last_name="Ashworth")
        FamilyMember.objects.create(family=episode.family, person=child)
        EpisodeChild.objects.create(episode=episode, person=child, added_at=timezone.now())
        contact = Contact.objects.create(
            episode=episode,
            kind=ContactKind.HOME_VISIT,
            happened_at=timezone.now(),
            recorded_by=case["lead"],
            agency=case["lead"].profile.agency,
            summary="Visit",
        )
        ChildSeen.objects.create(contact=contact, person=child, seen=True, seen_alone=True)
    with django_assert_max_num_queries(QUERIES):
        response = overview(client, case)
    assert "Dee Ashworth" in response.content.decode()


# Session, user, roles, profile, the episode and the relationship, the access event, the standards' record (24),
# the Team Around the Family (2), the closure in progress (1), the non-engagement prompt (2), messages and
# navigation.
QUERIES = 39
