"""What the journey tests share: accounts, people, form helpers, and an episode already under way.

`case_under_way` gives the Ashworth family an open episode as it stands about two months in: allocated to a lead
practitioner, a signed-off assessment, an approved plan with an outcome for each child, three identified needs,
a Family Star Plus baseline with Rachel and review 1 scheduled. Everything before that point is written through
the services where they exist; the assessment and plan, whose journeys issue 4's test walks, are written
directly with their sign-off.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page

from earlyhelp.access.models import Consent
from earlyhelp.access.roles import FRONT_DOOR, PRACTITIONER, TEAM_MANAGER
from earlyhelp.assessments.models import Assessment, AssessmentStatus, ChildAssessment, HowGathered
from earlyhelp.episodes.models import Episode
from earlyhelp.episodes.services import episode_allocate_lead, episode_open
from earlyhelp.needs.models import EpisodeNeed, NeedArea
from earlyhelp.needs.services import need_record
from earlyhelp.organisations.models import Agency, AgencyType, PractitionerProfile, Team
from earlyhelp.outcometools.models import OutcomeTool, ReadingStage
from earlyhelp.outcometools.services import reading_record
from earlyhelp.people.models import Family, FamilyMember, Person, PersonRelationship, RelationshipType
from earlyhelp.people.names import compute_name_keys, search_names_for
from earlyhelp.plans.models import ActionStatus, Plan, PlanAction, PlanOutcome, PlanStatus
from earlyhelp.reviews.models import Review
from earlyhelp.reviews.services import review_schedule_first

PASSWORD = "a-long-demo-password-1"


def account(django_user_model: Any, email: str, role: str, agency: Agency, name: str, team: Team | None = None) -> Any:
    user = django_user_model.objects.create_user(email=email, password=PASSWORD, full_name=name)
    user.groups.add(Group.objects.get(name=role))
    PractitionerProfile.objects.create(user=user, agency=agency, team=team, job_title=name.split()[0])
    return user


def person(first: str, last: str, born: datetime.date) -> Person:
    return Person.objects.create(
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=born,
        search_names=search_names_for(first=first, last=last),
        name_keys=compute_name_keys(first=first, last=last),
    )


def fill_date(page: Page, name: str, day: datetime.date) -> None:
    page.fill(f"input[name='{name}_day']", str(day.day))
    page.fill(f"input[name='{name}_month']", str(day.month))
    page.fill(f"input[name='{name}_year']", str(day.year))


def submit(page: Page, button: str) -> None:
    """Press a form's button and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


@dataclass
class Case:
    council: Agency
    team: Team
    manager: Any
    lead: Any
    front_door: Any
    family: Family
    rachel: Person
    maisie: Person
    noah: Person
    episode: Episode
    plan: Plan
    needs: list[EpisodeNeed]
    review: Review
    tool: OutcomeTool


# The needs: three Supporting Families headlines (SF01 attendance, SF05 parenting, SF10 money).
NEED_CODES = ("N06", "N07", "N13")


def case_under_way(django_user_model: Any) -> Case:
    council = Agency.objects.create(name="Northshire Early Help", type=AgencyType.COUNCIL_EARLY_HELP)
    team = Team.objects.create(agency=council, name="Early Help North", email="ehnorth@northshire.example")
    front_door_team = Team.objects.create(agency=council, name="Front door", email="frontdoor@northshire.example")
    manager = account(django_user_model, "manager@northshire.example", TEAM_MANAGER, council, "Morgan Reid", team)
    lead = account(django_user_model, "lead@northshire.example", PRACTITIONER, council, "Lee Patel", team)
    front_door = account(
        django_user_model, "mash@northshire.example", FRONT_DOOR, council, "Farah Quinn", front_door_team
    )

    family = Family.objects.create(reference="NS-000001", name="Ashworth family")
    rachel = person("Rachel", "Ashworth", datetime.date(1990, 2, 3))
    maisie = person("Maisie", "Ashworth", datetime.date(2016, 7, 1))
    noah = person("Noah", "Ashworth", datetime.date(2019, 11, 20))
    for member in (rachel, maisie, noah):
        FamilyMember.objects.create(family=family, person=member)
    for child in (maisie, noah):
        PersonRelationship.objects.create(person=rachel, relative=child, type=RelationshipType.MOTHER)
    consent = Consent.objects.create(
        person=rachel,
        given_on=timezone.localdate() - datetime.timedelta(days=70),
        how_obtained=Consent.HowObtained.WRITTEN,
    )
    consent.agencies.add(council)

    episode = episode_open(user=manager, family=family, children=[maisie, noah], team=team)
    episode = episode_allocate_lead(user=manager, episode=episode, lead=lead, reason="Lee knows the school.")
    started = timezone.now() - datetime.timedelta(days=60)
    Episode.objects.filter(pk=episode.pk).update(opened_at=started, allocated_at=started)
    episode.refresh_from_db()

    assessment = Assessment.objects.create(
        episode=episode,
        status=AssessmentStatus.SIGNED_OFF,
        started_by=lead,
        started_at=started,
        family_history="No earlier requests or episodes.",
        history_reviewed=True,
        family_strengths="Rachel wants things to change; grandparents nearby.",
        family_needs="Morning routines, Maisie's attendance and rent arrears.",
        risks="No immediate risk of significant harm identified.",
        analysis="Practical help with routines and money should get both children to school on time.",
        submitted_at=started + datetime.timedelta(days=15),
        submitted_by=lead,
        signed_off_at=started + datetime.timedelta(days=16),
        signed_off_by=manager,
        sign_off_comment="Each child's voice is clear. Agreed.",
    )
    for child in (maisie, noah):
        ChildAssessment.objects.create(
            assessment=assessment,
            person=child,
            how_gathered=HowGathered.SPOKE_WITH,
            seen=True,
            seen_alone=child is maisie,
            not_seen_alone_reason="" if child is maisie else "Too young to be seen alone",
            wishes_and_feelings="Wants calmer mornings.",
            daily_lived_experience="Often late; tired.",
        )
    approved = started + datetime.timedelta(days=20)
    plan = Plan.objects.create(
        episode=episode,
        status=PlanStatus.APPROVED,
        child_views="Calmer mornings.",
        family_views="Help with the rent.",
        created_by=lead,
        submitted_at=approved,
        approved_at=approved,
        approved_by=manager,
        approval_comment="Approved.",
        first_approved_at=approved,
    )
    for order, (child, change, measure, baseline, target) in enumerate(
        (
            (maisie, "Maisie gets to school on time every day", "Attendance", "82%", "95%"),
            (noah, "Noah sleeps through and is ready for school", "Sleep diary", "3 nights", "6 nights"),
        )
    ):
        outcome = PlanOutcome.objects.create(
            plan=plan,
            child=child,
            what_must_change=change,
            measure=measure,
            baseline=baseline,
            target=target,
            target_date=timezone.localdate() + datetime.timedelta(days=60),
            order=order,
        )
        action = PlanAction.objects.create(
            plan=plan,
            what="Weekly home visit to build a morning routine",
            owner_user=lead,
            due_on=timezone.localdate() + datetime.timedelta(days=30),
            status=ActionStatus.IN_PROGRESS,
            order=order,
        )
        action.outcomes.add(outcome)
    review = review_schedule_first(episode=episode, approved_at=approved)
    assert review is not None

    areas = {area.code: area for area in NeedArea.objects.filter(code__in=NEED_CODES)}
    needs = [
        need_record(
            user=lead,
            episode=episode,
            area=areas[code],
            children=[maisie, noah],
            description=f"{areas[code].label}: found in the assessment.",
        )
        for code in NEED_CODES
    ]
    tool = OutcomeTool.objects.get(code="FAMILY_STAR_PLUS")
    reading_record(
        user=lead,
        episode=episode,
        tool=tool,
        person=rachel,
        stage=ReadingStage.BASELINE,
        taken_on=approved.date(),
        scores={area.pk: 3 for area in tool.areas.filter(active=True)},
    )
    return Case(
        council=council,
        team=team,
        manager=manager,
        lead=lead,
        front_door=front_door,
        family=family,
        rachel=rachel,
        maisie=maisie,
        noah=noah,
        episode=episode,
        plan=plan,
        needs=needs,
        review=review,
        tool=tool,
    )
