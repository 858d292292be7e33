"""manage.py seed: reproducible, valid identifiers, the family structures and the access the demo relies on."""

from __future__ import annotations

import io
import random
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from earlyhelp.access import policy, roles
from earlyhelp.access.models import Consent, Involvement, InvolvementKind, Restriction
from earlyhelp.demo import data, synthetic
from earlyhelp.demo.progress import Progress
from earlyhelp.episodes.models import Episode, EpisodeStatus
from earlyhelp.organisations.models import Agency, AgencyType, PractitionerProfile
from earlyhelp.people.models import (
    Address,
    Family,
    FamilyMember,
    Person,
    PersonAlias,
    PersonRelationship,
    RelationshipType,
    age_on,
)
from earlyhelp.people.validators import check_nhs_number, validate_postcode, validate_upn

FAMILIES = 30
SEED = 7
R = RelationshipType


def run_seed(**options: object) -> str:
    out = io.StringIO()
    call_command("seed", stdout=out, stderr=io.StringIO(), **{"families": FAMILIES, "seed": SEED, **options})
    return out.getvalue()


@pytest.fixture
def seeded(db: None) -> str:
    return run_seed(no_progress=True)


def fingerprint() -> list[tuple[object, ...]]:
    """What the families look like, independent of primary keys."""
    rows: list[tuple[object, ...]] = []
    for family in Family.objects.order_by("reference").prefetch_related("memberships__person__aliases"):
        people = sorted(
            (
                (
                    m.person.legal_first_name,
                    m.person.legal_middle_names,
                    m.person.legal_last_name,
                    m.person.date_of_birth,
                    m.person.expected_date_of_birth,
                    m.person.nhs_number,
                    m.person.upn,
                    m.lives_in_household,
                    tuple(sorted((a.first_name, a.last_name, a.kind) for a in m.person.aliases.all())),
                )
                for m in family.memberships.all()
            ),
            key=repr,
        )
        rows.append((family.reference, family.name, tuple(people)))
    relationships = PersonRelationship.objects.values_list(
        "person__memberships__family__reference",
        "person__legal_first_name",
        "relative__legal_first_name",
        "type",
        "parental_responsibility",
    )
    rows.append(tuple(sorted(tuple(map(str, row)) for row in relationships)))
    addresses = Address.objects.values_list("line_1", "postcode", "moved_in", "moved_out")
    rows.append(tuple(sorted(tuple(map(str, row)) for row in addresses)))
    return rows


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_families() -> None:
    fingerprints = []
    for if_empty in (True, False):  # --if-empty on an empty database seeds it
        with transaction.atomic():
            run_seed(no_progress=True, if_empty=if_empty)
            fingerprints.append(fingerprint())
            transaction.set_rollback(True)
    assert Family.objects.count() == 0
    assert fingerprints[0] == fingerprints[1]
    assert len(fingerprints[0]) == FAMILIES + 2


def test_another_seed_gives_other_families(db: None) -> None:
    today = timezone.localdate()
    names = []
    for seed in (1, 2):
        builder = synthetic.FamilyBuilder(
            random.Random(seed), synthetic.make_fakers(seed), synthetic.CodeBook(), today
        )
        names.append([p.first for i in range(10) for p in builder.draft(i).people])
    assert names[0] != names[1]


def test_seed_creates_the_families_and_prints_the_logins(seeded: str) -> None:
    references = list(Family.objects.order_by("reference").values_list("reference", flat=True))
    assert references == [f"NS-{n:06d}" for n in range(1, FAMILIES + 1)]
    assert all(name.endswith(" family") for name in Family.objects.values_list("name", flat=True))
    assert FamilyMember.objects.values("family").distinct().count() == FAMILIES
    for spec in [*data.DEMO_USERS, data.SCHOOL_WORKER]:
        assert spec.email in seeded
    assert data.DEMO_PASSWORD in seeded
    assert {a.type for a in Agency.objects.all()} == set(AgencyType.values)


def test_nhs_numbers_are_unique_test_numbers_with_a_valid_check_digit(seeded: str) -> None:
    numbers = [n for n in Person.objects.values_list("nhs_number", flat=True) if n]
    assert len(numbers) > FAMILIES
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        assert number.startswith("999")
        assert check_nhs_number(number), number


def test_upns_are_valid_unique_and_only_for_pupils(seeded: str) -> None:
    today = timezone.localdate()
    pupils = Person.objects.exclude(upn="")
    upns = list(pupils.values_list("upn", flat=True))
    assert upns
    assert len(set(upns)) == len(upns)
    for person in pupils:
        validate_upn(person.upn)
        assert person.upn[1:4] == "999"
        assert person.date_of_birth is not None
        assert 4 <= age_on(person.date_of_birth, today) <= 18


def test_addresses_have_valid_postcodes_and_households_share_one(seeded: str) -> None:
    for postcode in Address.objects.values_list("postcode", flat=True):
        validate_postcode(postcode)
    for family in Family.objects.all()[:10]:
        current = {
            (a.line_1, a.postcode)
            for a in Address.objects.filter(
                person__memberships__family=family, person__memberships__lives_in_household=True, moved_out=None
            )
        }
        assert len(current) == 1, family


def test_the_families_include_every_structure_the_demo_needs(seeded: str) -> None:
    today = timezone.localdate()
    unborn = Person.objects.filter(date_of_birth=None, expected_date_of_birth__isnull=False)
    assert unborn.exists()
    for baby in unborn:
        assert baby.sex is not None
        assert baby.sex.code == "U"
        assert today + timedelta(days=28) <= baby.expected_date_of_birth <= today + timedelta(days=8 * 31)
        assert not baby.nhs_number

    non_resident_fathers = FamilyMember.objects.filter(
        lives_in_household=False, person__relationships_from__type=R.FATHER
    )
    assert non_resident_fathers.exists()
    father = non_resident_fathers.first()
    assert father is not None
    household_address = Address.objects.filter(
        person__memberships__family=father.family, person__memberships__lives_in_household=True, moved_out=None
    ).first()
    assert household_address is not None
    assert not father.person.addresses.filter(moved_out=None, line_1=household_address.line_1).exists()

    assert PersonRelationship.objects.filter(type=R.HALF_SIBLING).exists()
    carers = PersonRelationship.objects.filter(
        type__in=[R.GRANDMOTHER, R.GRANDFATHER],
        person__memberships__lives_in_household=True,
        relative__memberships__lives_in_household=True,
    )
    assert carers.exists()
    # A mother always has parental responsibility for her child (Children Act 1989, s.2).
    of_children = PersonRelationship.objects.filter(type=R.MOTHER).exclude(
        relative__date_of_birth__lte=today - timedelta(days=18 * 365)
    )
    assert of_children.exists()
    assert not of_children.filter(parental_responsibility=False).exists()


def test_partners_are_recorded_both_ways_and_siblings_once(seeded: str) -> None:
    partners = set(PersonRelationship.objects.filter(type=R.PARTNER).values_list("person", "relative"))
    assert partners
    assert all((b, a) in partners for a, b in partners)
    sibling_pairs = list(
        PersonRelationship.objects.filter(type__in=[R.SIBLING, R.HALF_SIBLING]).values_list("person", "relative")
    )
    assert len({frozenset(pair) for pair in sibling_pairs}) == len(sibling_pairs)


def test_search_names_include_aliases(seeded: str) -> None:
    alias = PersonAlias.objects.select_related("person").first()
    assert alias is not None
    assert alias.last_name.lower().replace("'", " ").replace("-", " ") in alias.person.search_names


def test_every_role_has_exactly_one_demo_user(seeded: str) -> None:
    user_model = get_user_model()
    by_role = {spec.role: spec for spec in data.DEMO_USERS}
    assert set(by_role) == set(roles.ROLES)
    assert len(data.DEMO_USERS) == len(roles.ROLES)
    for role, spec in by_role.items():
        user = user_model.objects.get(email=spec.email)
        assert set(user.groups.values_list("name", flat=True)) == {role}
        assert user.check_password(data.DEMO_PASSWORD)
        assert user.full_name
        assert PractitionerProfile.objects.filter(user=user).exists()
        assert user.is_superuser is False
        assert user.is_staff is (role == roles.SYSTEM_ADMIN)
    admin = user_model.objects.get(email="admin@example.org")
    assert admin.has_perm("accounts.change_user")
    assert admin.has_perm("organisations.add_agency")
    assert admin.has_perm("codes.change_code")
    assert not admin.has_perm("codes.delete_code")
    worker = user_model.objects.get(email=data.SCHOOL_WORKER.email)
    assert worker.profile.agency.type == AgencyType.SCHOOL
    nurse = user_model.objects.get(email=data.SCHOOL_NURSE.email)
    assert nurse.profile.agency.type == AgencyType.SCHOOL_NURSING
    # The demo practitioner, the two partner practitioners and the teams' practitioners.
    assert user_model.objects.filter(groups__name=roles.PRACTITIONER).count() == 3 + data.OTHER_PRACTITIONERS


def test_demo_involvements_come_from_episodes(seeded: str) -> None:
    """Every allocation in the demo is an episode's: the involvement names it, and its lead matches."""
    from earlyhelp.episodes.models import Episode

    leads = Involvement.objects.filter(kind=InvolvementKind.LEAD_PRACTITIONER, source__startswith="episode:")
    assert leads.exists()
    for involvement in leads:
        episode = Episode.objects.get(pk=int(involvement.source.split(":")[1]))
        assert episode.family_id == involvement.family_id
        assert episode.lead_practitioner_id == involvement.user_id
        assert episode.episode_children.exists() or not any(
            m.person.is_child for m in episode.family.memberships.all()
        )
    assert Episode.objects.filter(status="awaiting_allocation").exists()


def test_demo_access_shows_allocation_consent_and_restriction(seeded: str) -> None:
    user_model = get_user_model()
    practitioner = user_model.objects.get(email="practitioner@example.org")
    manager = user_model.objects.get(email="teammanager@example.org")
    worker = user_model.objects.get(email=data.SCHOOL_WORKER.email)
    leads = Involvement.objects.filter(user=practitioner, kind=InvolvementKind.LEAD_PRACTITIONER)
    assert leads.count() == 20
    assert Involvement.objects.filter(kind=InvolvementKind.TEAM_ALLOCATION).count() == FAMILIES
    working = Involvement.objects.exclude(kind=InvolvementKind.AUDIT).values_list("source", flat=True)
    assert all(source.startswith("episode:") for source in working)
    # The demo's multi-agency audit gives its auditors access through the audit assignment, ending with the window.
    audits = Involvement.objects.filter(kind=InvolvementKind.AUDIT)
    assert audits.exists()
    assert all(i.source.startswith("quality.caseaudit:") and i.read_only_until == i.ended_at for i in audits)

    restriction = Restriction.objects.get()
    assert list(restriction.members.all()) == [manager]
    assert leads.filter(family=restriction.family).exists()
    assert restriction.review_due == timezone.localdate() + timedelta(days=60)

    taf = Involvement.objects.filter(user=worker, kind=InvolvementKind.TAF_MEMBER)
    assert taf.count() == 6
    # The Team Around the Family consents; the demo step-down re-confirms one more consent at the front door.
    consents = Consent.objects.filter(recorded_by=practitioner)
    assert consents.count() == 5
    for consent in consents:
        nurse = user_model.objects.get(email=data.SCHOOL_NURSE.email)
        assert set(consent.agencies.all()) == {worker.profile.agency, nurse.profile.agency}
        assert consent.how_obtained == Consent.HowObtained.WRITTEN
        assert consent.given_on < timezone.localdate()

    # What the demo shows: the access policy honours the seeded relationships.
    # All but the restricted family, and the demo family whose episode closed more than 30 days ago (read-only
    # access has ended); the school worker also loses the sixth family, whose parents gave no consent.
    closed = set(Episode.objects.filter(status=EpisodeStatus.CLOSED).values_list("family_id", flat=True))
    assert len(closed) == 1
    assert policy.families_visible(practitioner).count() == 19 - len(closed)
    consented = {consent.person.memberships.get().family_id for consent in consents}
    assert policy.families_visible(worker).count() == len(consented - closed)
    assert policy.can_view_family(manager, restriction.family_id)


def test_history_records_the_creation_of_seeded_personal_data(seeded: str) -> None:
    for model in (Person, Family, FamilyMember, Address, PersonRelationship, PersonAlias):
        assert model.history.filter(history_type="+").count() == model.objects.count()
    person = Person.objects.exclude(disabilities=None).first()
    assert person is not None
    record = person.history.earliest()
    assert record.history_change_reason == data.CHANGE_REASON
    assert {row.code_id for row in record.disabilities.all()} == set(person.disabilities.values_list("id", flat=True))


def test_if_empty_on_a_seeded_database_adds_nothing(seeded: str) -> None:
    before = (Family.objects.count(), Person.objects.count(), get_user_model().objects.count())
    output = run_seed(if_empty=True, families=5, seed=99)
    assert (Family.objects.count(), Person.objects.count(), get_user_model().objects.count()) == before
    assert "nothing added" in output
    assert "practitioner@example.org" in output
    assert data.DEMO_PASSWORD in output


def test_seeding_a_seeded_database_again_is_refused(seeded: str) -> None:
    with pytest.raises(CommandError, match="already"):
        run_seed()


def test_every_ethnicity_code_appears_in_200_families(db: None) -> None:
    codes = synthetic.CodeBook()
    builder = synthetic.FamilyBuilder(random.Random(42), synthetic.make_fakers(42), codes, timezone.localdate())
    drafts = [builder.draft(i) for i in range(200)]
    assert {d.ethnicity for fd in drafts for d in fd.people} >= set(codes.codes("ethnicity"))
    assert {fd.structure for fd in drafts} == {name for name, _ in data.STRUCTURES}


def test_progress_prints_a_line_every_tenth_without_a_terminal() -> None:
    out = io.StringIO()
    progress = Progress(200, out, mode=Progress.LINES)
    for done in range(1, 201):
        progress.update(done)
    progress.finish()
    lines = out.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[4].startswith("Families  100/200   50% [##########          ]")


def test_progress_bar_redraws_one_line() -> None:
    out = io.StringIO()
    progress = Progress(10_000, out, mode=Progress.BAR)
    for done in range(1, 10_001):
        progress.update(done)
    progress.finish()
    text = out.getvalue()
    assert text.endswith("\n")
    assert text.count("\n") == 1
    assert "Families  10,000/10,000  100% [####################]" in text


def test_demo_casework_shows_each_situation_managers_must_see(seeded: str) -> None:
    from earlyhelp.closures.models import Closure, ClosureStatus, FollowUpCheck
    from earlyhelp.escalations.models import EscalationAction
    from earlyhelp.reviews.models import Review, ReviewStatus
    from earlyhelp.transitions.models import StepDown, StepUp, StepUpStatus

    today = timezone.localdate()
    assert Closure.objects.filter(status=ClosureStatus.APPROVED).count() == 1
    assert Closure.objects.filter(status=ClosureStatus.SUBMITTED).count() == 1
    # The closed episode's six-month check is due, its twelve-month one is not.
    assert [check.due_on <= today for check in FollowUpCheck.objects.order_by("months")] == [True, False]
    assert StepUp.objects.filter(status=StepUpStatus.SENT).count() == 1
    assert StepDown.objects.get().episode.status == EpisodeStatus.OPEN
    assert EscalationAction.objects.get().due_on < today
    open_episodes = Episode.objects.filter(plan__isnull=False).exclude(status=EpisodeStatus.CLOSED)
    # Every open episode with a plan has its next review waiting.
    assert Review.objects.live().exclude(status=ReviewStatus.COMPLETED).count() == open_episodes.count()
    assert Review.objects.filter(status=ReviewStatus.COMPLETED).exists()
