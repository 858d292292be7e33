"""Allocation to a team and to a lead practitioner from any agency (R4.1), and the queue of episodes waiting."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import Involvement, InvolvementKind
from earlyhelp.access.policy import family_relationship
from earlyhelp.assessments.models import Assessment
from earlyhelp.audit.models import AccessAction, AccessEvent
from earlyhelp.codes.models import Code
from earlyhelp.episodes import services
from earlyhelp.episodes.models import Allocation, ChronologyKind, Episode, EpisodeStatus
from earlyhelp.organisations.models import Skill
from earlyhelp.organisations.tests.factories import TeamFactory
from earlyhelp.people.tests.factories import FamilyFactory, FamilyMemberFactory, PersonFactory


@pytest.fixture
def front_door(make_user):
    return make_user(roles.FRONT_DOOR)


@pytest.fixture
def manager(make_user, team):
    return make_user(roles.TEAM_MANAGER, team=team)


@pytest.fixture
def episode(family, front_door, team):
    children = [m.person for m in family.memberships.select_related("person") if m.person.is_child]
    return services.episode_open(user=front_door, family=family, children=children, team=team)


def test_the_front_door_moves_the_episode_to_another_team(episode, front_door, team, council):
    other = TeamFactory(agency=council, name="Early Help South")
    services.episode_allocate_team(user=front_door, episode=episode, team=other, reason="Lives in the south")
    episode.refresh_from_db()
    assert episode.team == other
    current = Involvement.objects.current().filter(family=episode.family, kind=InvolvementKind.TEAM_ALLOCATION)
    assert [i.team for i in current if i.ended_at is None] == [other]
    assert Allocation.objects.filter(episode=episode, ended_at__isnull=True).get().team == other


def test_a_manager_allocates_the_lead_and_the_episode_opens(episode, manager, make_user, school):
    nurse = make_user(roles.PRACTITIONER, agency=school)
    services.episode_allocate_lead(user=manager, episode=episode, lead=nurse, reason="Knows the family")
    episode.refresh_from_db()
    assert episode.lead_practitioner == nurse
    assert episode.status == EpisodeStatus.OPEN
    assert family_relationship(nurse, episode.family_id).is_lead is False  # consent does not yet cover the school
    assert Involvement.objects.filter(user=nurse, kind=InvolvementKind.LEAD_PRACTITIONER, ended_at=None).exists()
    assert episode.chronology.filter(kind=ChronologyKind.ALLOCATION, summary__contains="Lead practitioner").exists()


def test_reallocation_ends_the_previous_leads_involvement_with_30_days_read_only(episode, manager, make_user, team):
    first = make_user(roles.PRACTITIONER, team=team)
    second = make_user(roles.PRACTITIONER, team=team)
    services.episode_allocate_lead(user=manager, episode=episode, lead=first)
    episode.refresh_from_db()
    services.episode_allocate_lead(user=manager, episode=episode, lead=second, loaded_version=episode.version)
    ended = Involvement.objects.get(user=first, kind=InvolvementKind.LEAD_PRACTITIONER)
    assert ended.ended_at is not None
    assert ended.read_only_until - ended.ended_at == datetime.timedelta(days=30)
    relationship = family_relationship(first, episode.family_id)
    assert relationship.case
    assert not relationship.can_write_case
    assert family_relationship(second, episode.family_id).is_lead
    assert Allocation.objects.filter(episode=episode, ended_at__isnull=True).get().lead_practitioner == second


def test_allocating_the_same_lead_twice_records_one_allocation(episode, manager, make_user, team):
    lead = make_user(roles.PRACTITIONER, team=team)
    version = Episode.objects.get(pk=episode.pk).version
    services.episode_allocate_lead(user=manager, episode=episode, lead=lead, loaded_version=version)
    services.episode_allocate_lead(user=manager, episode=episode, lead=lead, loaded_version=version)
    assert Allocation.objects.filter(episode=episode, lead_practitioner=lead).count() == 1


def test_a_stale_allocation_is_refused(episode, manager, make_user, team):
    lead = make_user(roles.PRACTITIONER, team=team)
    services.episode_allocate_lead(user=manager, episode=episode, lead=lead)
    with pytest.raises(services.StaleEdit):
        services.episode_allocate_lead(
            user=manager, episode=episode, lead=make_user(roles.PRACTITIONER), loaded_version=1
        )


def test_only_a_manager_names_the_lead(episode, front_door, make_user):
    with pytest.raises(PermissionDenied):
        services.episode_allocate_lead(user=front_door, episode=episode, lead=make_user(roles.PRACTITIONER))
    with pytest.raises(PermissionDenied):
        services.episode_allocate_lead(
            user=make_user(roles.TEAM_MANAGER), episode=episode, lead=make_user(roles.PRACTITIONER)
        )


def test_the_lead_page_shows_caseload_skills_languages_and_fit(
    episode, manager, make_user, team, school, sign_in, django_assert_max_num_queries
):
    polish = Code.objects.get(list_name="language", code="POL") if Code.objects.filter(code="POL").exists() else None
    polish = polish or Code.objects.filter(list_name="language").first()
    rachel = episode.family.memberships.select_related("person").get(person__legal_first_name="Rachel").person
    rachel.first_language = polish
    rachel.save()
    factor = Code.objects.filter(list_name="cin_factor", label__icontains="domestic").first()
    assessment = Assessment.objects.create(episode=episode, started_by=manager, started_at=timezone.now())
    assessment.factors.add(factor)
    skill = Skill.objects.create(name="Domestic abuse")
    busy = make_user(roles.PRACTITIONER, team=team)
    busy.full_name = "Alex Busy"
    busy.save()
    busy.profile.caseload_limit = 1
    busy.profile.save()
    busy.profile.skills.add(skill)
    busy.profile.languages.add(polish)
    other_family = FamilyFactory()
    FamilyMemberFactory(family=other_family, person=PersonFactory())
    Episode.objects.create(
        reference="EH26-A00009",
        family=other_family,
        opened_at=timezone.now(),
        lead_practitioner=busy,
        status=EpisodeStatus.OPEN,
    )
    outsider = make_user(roles.PRACTITIONER, agency=school)
    outsider.full_name = "Zoe Outsider"
    outsider.save()
    client = sign_in(manager)
    url = reverse("episodes:allocate_lead", args=[episode.pk])
    with django_assert_max_num_queries(QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Alex Busy") < html.index("Zoe Outsider")  # the allocated team first
    assert "Caseload 1 of 1" in html
    assert "govuk-tag--red" in html
    assert "fits: Domestic abuse" in html
    assert f"speaks the family's {polish.label}" in html
    # More candidates do not mean more queries.
    for _ in range(5):
        make_user(roles.PRACTITIONER, agency=school).profile.skills.add(skill)
    with django_assert_max_num_queries(QUERIES):
        assert client.get(url).status_code == 200
    # A search by name finds a practitioner in any agency.
    response = client.get(url, {"name": "outsider"})
    assert "Zoe Outsider" in response.content.decode()
    assert "Alex Busy" not in response.content.decode()


# Session, user, roles and profile, the episode and the relationship (3), the access event, the family's needs (3),
# the candidates with their skills and languages (3), the messages and navigation.
QUERIES = 20


def test_posting_the_lead_allocates_and_redirects(episode, manager, make_user, team, sign_in):
    lead = make_user(roles.PRACTITIONER, team=team)
    client = sign_in(manager)
    url = reverse("episodes:allocate_lead", args=[episode.pk])
    data = {"lead": lead.pk, "reason": "Has capacity", "version": Episode.objects.get(pk=episode.pk).version}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Episode.objects.get(pk=episode.pk).lead_practitioner == lead
    # A second tab with the old version gets a conflict, and keeps what was typed.
    response = client.post(url, {**data, "lead": make_user(roles.PRACTITIONER).pk, "reason": "Second thoughts"})
    assert response.status_code == 200
    assert "Someone else changed this since you opened it" in response.content.decode()
    assert "Second thoughts" in response.content.decode()


def test_posting_without_a_choice_shows_an_error(episode, manager, sign_in):
    response = sign_in(manager).post(reverse("episodes:allocate_lead", args=[episode.pk]), {"version": 1})
    assert response.status_code == 200
    assert "Choose a lead practitioner" in response.content.decode()


def test_the_front_door_allocates_a_team_on_the_page(episode, front_door, council, sign_in):
    other = TeamFactory(agency=council, name="Early Help South")
    response = sign_in(front_door).post(
        reverse("episodes:allocate_team", args=[episode.pk]), {"team": other.pk, "reason": ""}
    )
    assert response.status_code == 302
    assert Episode.objects.get(pk=episode.pk).team == other


def test_the_queue_lists_the_managers_teams_episodes_oldest_first(
    episode, manager, front_door, council, sign_in, django_assert_max_num_queries
):
    older_family = FamilyFactory(name="Brook family")
    FamilyMemberFactory(family=older_family, person=PersonFactory(date_of_birth=datetime.date(2018, 1, 1)))
    older = services.episode_open(user=front_door, family=older_family, children=[], team=manager.profile.team)
    Episode.objects.filter(pk=older.pk).update(opened_at=timezone.now() - datetime.timedelta(days=3))
    elsewhere = FamilyFactory(name="Elsewhere family")
    services.episode_open(
        user=front_door, family=elsewhere, children=[], team=TeamFactory(agency=council, name="Other team")
    )
    client = sign_in(manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("episodes:awaiting_allocation"))
    html = response.content.decode()
    assert html.index("Brook family") < html.index("Ashworth family")
    assert "Elsewhere family" not in html
    event = AccessEvent.objects.get(user=manager)
    assert event.action == AccessAction.LIST
    assert sorted(event.record_ids) == sorted([episode.family_id, older_family.pk])


def test_the_queue_is_for_managers(make_user, sign_in):
    response = sign_in(make_user(roles.PRACTITIONER)).get(reverse("episodes:awaiting_allocation"))
    assert response.status_code == 403
