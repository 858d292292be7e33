"""Synthetic data for demos and load tests: the fictional Northshire partnership, its demo users and N families.

Reproducible: everything is drawn from `random.Random(seed)` and Faker instances seeded with `seed_instance(seed)`,
never from global random state. Family i depends only on the seed and on the families before it, so the first
families of a 200-family run are the first families of a 10,000-family run.

Fast: families are built as plain Python objects, then written a chunk at a time with `bulk_create` inside one
transaction per chunk. The creation of personal data rows is recorded in their change history
(`simple_history.utils.bulk_create_with_history`), including the disabilities of a person.
"""

from __future__ import annotations

import itertools
import random
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from earlyhelp.access import roles
from earlyhelp.access.models import Consent, Involvement, InvolvementKind, Restriction
from earlyhelp.codes.models import Code
from earlyhelp.demo import data
from earlyhelp.demo.casework import seed_casework
from earlyhelp.demo.data import Culture, DemoUser
from earlyhelp.demo.frontdoor import seed_front_door
from earlyhelp.demo.history import seed_history
from earlyhelp.demo.quality import seed_quality
from earlyhelp.demo.reporting import seed_reporting_reference
from earlyhelp.directory.demo import create_demo_services
from earlyhelp.directory.models import Area
from earlyhelp.episodes.models import Allocation, ChildSeen, Contact, ContactKind, Episode, EpisodeChild, EpisodeStatus
from earlyhelp.organisations.models import Agency, PractitionerProfile, Skill, Team
from earlyhelp.people.models import (
    Address,
    Family,
    FamilyMember,
    GenderIdentity,
    Person,
    PersonAlias,
    PersonRelationship,
    RelationshipType,
    SenProvision,
    YesNoUnknown,
    age_on,
)
from earlyhelp.people.names import compute_name_keys, search_names_for
from earlyhelp.people.validators import check_nhs_number, upn_check_letter
from earlyhelp.plans.models import TafMember
from earlyhelp.reporting.services import standards_evaluate

CHUNK_SIZE = 500
BATCH_SIZE = 500
DAYS_IN_YEAR = 365.25
R = RelationshipType


def years(n: float) -> int:
    """A number of years in days, for date arithmetic."""
    return round(n * DAYS_IN_YEAR)


class Choice:
    """A weighted choice with its cumulative weights computed once."""

    def __init__(self, items: Iterable[tuple[Any, int | float]]) -> None:
        pairs = list(items)
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


# --- reference data ------------------------------------------------------------------------------------------------


class CodeBook:
    """Primary keys of the active codes of each list, loaded once."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, int]] = {}
        for list_name, code, pk in Code.objects.filter(active=True).values_list("list_name", "code", "id"):
            self.ids.setdefault(list_name, {})[code] = pk

    def id(self, list_name: str, code: str | None) -> int | None:
        if not code:
            return None
        return self.ids.get(list_name, {}).get(code)

    def codes(self, list_name: str) -> list[str]:
        return list(self.ids.get(list_name, {}))


# --- the partnership -----------------------------------------------------------------------------------------------


@dataclass
class Partnership:
    agencies: dict[str, Agency]
    teams: dict[tuple[str, str], Team]
    skills: dict[str, Skill]

    def team(self, agency_key: str, name: str | None) -> Team | None:
        return self.teams[(agency_key, name)] if name else None


def partnership_exists() -> bool:
    return Agency.objects.filter(name=data.AGENCIES[0].name).exists()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", ".", text.lower()).strip(".")


def create_partnership() -> Partnership:
    agencies: dict[str, Agency] = {}
    teams: dict[tuple[str, str], Team] = {}
    for number, spec in enumerate(data.AGENCIES):
        agency = Agency.objects.create(
            name=spec.name,
            type=spec.type,
            identifier=spec.identifier,
            email=f"{_slug(spec.key)}@{data.STAFF_DOMAIN}",
            phone=f"01632 960{number:03d}",
        )
        agencies[spec.key] = agency
        for team_name in spec.teams:
            teams[(spec.key, team_name)] = Team.objects.create(
                agency=agency, name=team_name, email=f"{_slug(team_name)}.{_slug(spec.key)}@{data.STAFF_DOMAIN}"
            )
    skills = {name: Skill.objects.create(name=name) for name in data.SKILLS}
    create_demo_services(towns=[town for town, _, _ in data.TOWNS], agencies=agencies)
    for team in teams.values():
        if team.name in data.TEAM_AREAS:
            team.area = Area.objects.get(name=data.TEAM_AREAS[team.name])
            team.save(update_fields=["area"])
    return Partnership(agencies, teams, skills)


# --- staff ---------------------------------------------------------------------------------------------------------


@dataclass
class Staff:
    demo: dict[str, Any]  # email -> User
    practitioners_by_team: dict[str, list[Any]] = field(default_factory=dict)  # team name -> users

    def user(self, email: str) -> Any:
        return self.demo[email]


def demo_logins() -> list[tuple[str, str, str]]:
    """(email, role, password) of the demo accounts that exist in the database."""
    specs = [*data.DEMO_USERS, *data.PARTNER_USERS]
    existing = set(get_user_model().objects.filter(email__in=[s.email for s in specs]).values_list("email", flat=True))
    return [(s.email, s.role, data.DEMO_PASSWORD) for s in specs if s.email in existing]


def _profile(
    user: Any,
    partnership: Partnership,
    *,
    agency: str,
    team: str | None,
    job_title: str,
    phone: str,
    caseload_limit: int,
    skills: Iterable[str],
    languages: Iterable[int],
) -> None:
    profile = PractitionerProfile.objects.create(
        user=user,
        agency=partnership.agencies[agency],
        team=partnership.team(agency, team),
        job_title=job_title,
        phone=phone,
        caseload_limit=caseload_limit,
    )
    profile.skills.set([partnership.skills[name] for name in skills])
    profile.languages.set([pk for pk in languages if pk])


def create_staff(rng: random.Random, fake: Faker, partnership: Partnership, codes: CodeBook) -> Staff:
    user_model = get_user_model()
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ROLES)}
    password = make_password(data.DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
    english = codes.id("language", "eng")
    staff = Staff(demo={})

    def spoken() -> list[int]:
        extra = [codes.id("language", rng.choice(data.PRACTITIONER_LANGUAGES))] if rng.random() < 0.25 else []
        return [pk for pk in [english, *extra] if pk]

    specs: list[DemoUser] = [*data.DEMO_USERS, *data.PARTNER_USERS]
    for number, spec in enumerate(specs):
        user = user_model(
            email=spec.email,
            full_name=f"{fake.first_name()} {fake.last_name()}",
            password=password,
            is_staff=spec.is_staff,
        )
        user.save()
        user.groups.add(groups[spec.role])
        _profile(
            user,
            partnership,
            agency=spec.agency,
            team=spec.team,
            job_title=spec.job_title,
            phone=f"07700 900{number:03d}",
            caseload_limit=spec.caseload_limit,
            skills=spec.skills,
            languages=spoken(),
        )
        if spec.role == roles.SYSTEM_ADMIN:
            user.user_permissions.set(_admin_permissions())
        staff.demo[spec.email] = user

    posts = Choice((post[:3], post[3]) for post in data.PRACTITIONER_POSTS)
    skill_names = list(data.SKILLS)
    taken = {s.email for s in specs}
    for number in range(data.OTHER_PRACTITIONERS):
        agency, team, titles = posts(rng)
        first, last = fake.first_name(), fake.last_name()
        email = f"{_slug(first)}.{_slug(last)}@{data.STAFF_DOMAIN}"
        for suffix in itertools.count(2):
            if email not in taken:
                break
            email = f"{_slug(first)}.{_slug(last)}{suffix}@{data.STAFF_DOMAIN}"
        taken.add(email)
        user = user_model(email=email, full_name=f"{first} {last}")
        user.set_unusable_password()  # only the demo accounts can sign in
        user.save()
        user.groups.add(groups[roles.PRACTITIONER])
        _profile(
            user,
            partnership,
            agency=agency,
            team=team,
            job_title=rng.choice(titles),
            phone=f"07700 900{100 + number:03d}",
            caseload_limit=rng.choice((12, 15, 18, 20, 22, 25)),
            skills=rng.sample(skill_names, rng.randint(1, 4)),
            languages=spoken(),
        )
        if team:
            staff.practitioners_by_team.setdefault(team, []).append(user)
    return staff


def _admin_permissions() -> list[Permission]:
    wanted = Q(content_type__app_label__in=data.ADMIN_PERMISSION_APPS)
    for app_label, codename in data.ADMIN_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(wanted))


# --- families: drafts ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    line_1: str
    line_2: str
    town: str
    postcode: str


@dataclass(eq=False)
class Draft:
    """A person being drawn, before it becomes a Person row."""

    first: str
    last: str
    sex: str  # M, F or U (unborn)
    dob: date | None
    culture: Culture
    ethnicity: str
    mother: str = ""  # keys of the biological parents, whether or not they are in the family
    father: str = ""
    key: str = ""
    middle: str = ""
    preferred: str = ""
    expected: date | None = None
    language: str | None = "eng"
    interpreter: str = YesNoUnknown.NOT_KNOWN
    religion: str | None = None
    gender_identity: str = GenderIdentity.NOT_KNOWN
    gender_description: str = ""
    sen: str = SenProvision.NOT_KNOWN
    young_carer: str = YesNoUnknown.NOT_KNOWN
    nhs: str = ""
    upn: str = ""
    in_household: bool = True
    own_place: Place | None = None
    disabilities: list[str] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)
    model: Person | None = None

    @property
    def unborn(self) -> bool:
        return self.dob is None


@dataclass
class FamilyDraft:
    index: int
    ethnicity: str
    cultures: tuple[Culture, Culture]  # mother's side, father's side
    structure: str
    people: list[Draft] = field(default_factory=list)
    relationships: list[tuple[Draft, Draft, str, bool, date | None]] = field(default_factory=list)
    consent_giver: Draft | None = None

    def add(self, draft: Draft) -> Draft:
        draft.key = draft.key or f"p{len(self.people)}"
        self.people.append(draft)
        return draft

    def relate(self, person: Draft, relative: Draft, type_: str, pr: bool = False, ended: date | None = None) -> None:
        self.relationships.append((person, relative, type_, pr, ended))

    def partners(self, a: Draft, b: Draft, ended: date | None = None) -> None:
        self.relate(a, b, R.PARTNER, ended=ended)
        self.relate(b, a, R.PARTNER, ended=ended)


@dataclass
class FamilyPlan:
    """Unsaved model instances of one family, ready for bulk_create."""

    index: int
    structure: str
    family: Family
    people: list[Person]
    members: list[FamilyMember]
    addresses: list[Address]
    aliases: list[PersonAlias]
    relationships: list[PersonRelationship]
    disabilities: list[tuple[Person, int]]
    consent_giver: Person | None
    has_school_age_child: bool


# --- families: the builder -----------------------------------------------------------------------------------------

SPELLING_RULES = (
    ("ph", "f"),
    ("f", "ph"),
    ("ie", "y"),
    ("y", "ie"),
    ("mm", "m"),
    ("nn", "n"),
    ("ll", "l"),
    ("ck", "k"),
    ("ee", "ea"),
    ("ai", "ay"),
    ("ou", "u"),
    ("ed", "ad"),
    ("ah", "a"),
    ("ei", "ey"),
    ("a", "ah"),
)
CHILDREN = Choice(((1, 35), (2, 35), (3, 20), (4, 10)))
LARGE = Choice(((5, 40), (6, 30), (7, 20), (8, 10)))
SEN_SCHOOL = Choice(((SenProvision.NONE, 72), (SenProvision.SEN_SUPPORT, 18), (SenProvision.EHC_PLAN, 6), ("", 4)))
SEN_NEED = Choice(((SenProvision.NONE, 10), (SenProvision.SEN_SUPPORT, 50), (SenProvision.EHC_PLAN, 40)))
SEN_EARLY = Choice((("", 85), (SenProvision.NONE, 10), (SenProvision.SEN_SUPPORT, 5)))
INTERPRETER = Choice(((YesNoUnknown.YES, 40), (YesNoUnknown.NO, 50), (YesNoUnknown.NOT_KNOWN, 10)))
ADULT_GENDER = Choice(
    (
        (GenderIdentity.SAME, 74),
        (GenderIdentity.NOT_KNOWN, 23),
        (GenderIdentity.PREFER_NOT, 2),
        (GenderIdentity.DIFFERENT, 1),
    )
)
TEEN_GENDER = Choice(
    (
        (GenderIdentity.SAME, 55),
        (GenderIdentity.NOT_KNOWN, 41),
        (GenderIdentity.DIFFERENT, 3),
        (GenderIdentity.PREFER_NOT, 1),
    )
)
CHILD_GENDER = Choice(((GenderIdentity.NOT_KNOWN, 80), (GenderIdentity.SAME, 20)))
LEARNING_NEEDS = frozenset({"AUT", "LD", "COMM", "BEH"})


class FamilyBuilder:
    """Draws families one at a time; `build(i)` must be called for i = 0, 1, 2, ... in order."""

    def __init__(self, rng: random.Random, fakers: dict[str, Faker], codes: CodeBook, today: date) -> None:
        self.rng = rng
        self.fakers = fakers
        self.codes = codes
        self.today = today
        self.nhs_numbers: set[str] = set()
        self.upn_serials: dict[tuple[int, int], int] = {}
        self.structure = Choice(data.STRUCTURES)
        self.structures_first = [name for name, _ in data.STRUCTURES]
        rng.shuffle(self.structures_first)  # the first families show every structure once
        self.ethnicity_deck: list[str] = []
        self.cultures = {
            code: Choice(((a, b), w) for a, b, w in pairs) for code, pairs in data.ETHNICITY_CULTURES.items()
        }
        self.child_disability = Choice(data.CHILD_DISABILITIES)
        self.adult_disability = Choice(data.ADULT_DISABILITIES)
        self.suffix = Choice(data.STREET_SUFFIXES)
        self.towns = Choice(((town, outward), weight) for town, outward, weight in data.TOWNS)
        self.streets: dict[str, list[tuple[str, str]]] = {}
        for town, outward, _ in data.TOWNS:
            names = sorted(
                {f"{rng.choice(data.STREET_WORDS)} {self.suffix(rng)}" for _ in range(data.STREETS_PER_TOWN)}
            )
            self.streets[town] = [(name, f"{rng.choice(outward)} {self._inward()}") for name in names]
        self.academic_year = today.year if today.month >= 9 else today.year - 1
        self._choices: dict[tuple[int, str], Choice] = {}

    # -- small draws -------------------------------------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def _inward(self) -> str:
        return f"{self.rng.randint(1, 9)}{self.rng.choice(data.INWARD_LETTERS)}{self.rng.choice(data.INWARD_LETTERS)}"

    def place(self) -> Place:
        town, _ = self.towns(self.rng)
        street, postcode = self.rng.choice(self.streets[town])
        if self.chance(0.6):
            # houses on one street share a few postcodes
            postcode = postcode[:-2] + "".join(self.rng.choice(data.INWARD_LETTERS) for _ in range(2))
        number = self.rng.randint(1, 180)
        if self.chance(0.18):
            building = f"{self.rng.choice(data.STREET_WORDS)} {self.rng.choice(data.BUILDING_SUFFIXES)}"
            return Place(f"Flat {self.rng.randint(1, 40)}, {building}", f"{number} {street}", town, postcode)
        return Place(f"{number} {street}", "", town, postcode)

    def nhs_number(self) -> str:
        """A unique NHS number in the 999 test range with a valid modulus 11 check digit."""
        if len(self.nhs_numbers) >= 850_000:  # of about 909,000 valid numbers 999 000 000 0 to 999 999 999 9
            raise RuntimeError("Ran out of NHS numbers in the 999 test range: seed fewer families")
        while True:
            body = f"999{self.rng.randrange(1_000_000):06d}"
            check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
            if check == 10:
                continue  # no valid number has this body
            number = body + str(0 if check == 11 else check)
            if number not in self.nhs_numbers and check_nhs_number(number):
                self.nhs_numbers.add(number)
                return number

    def school_year(self, dob: date) -> int:
        """National curriculum year this academic year: 0 is Reception, 13 is Year 13; negative before school."""
        return age_on(dob, date(self.academic_year, 8, 31)) - 4

    def upn(self, dob: date) -> str:
        """UPN allocated on entry to Reception: check letter + LA 999 + establishment + 2-digit year + serial."""
        year = (self.academic_year - self.school_year(dob)) % 100
        # Most pupils get their UPN at primary school, a few on joining a secondary school from elsewhere.
        everywhere = data.PRIMARY_ESTABLISHMENTS + data.SECONDARY_ESTABLISHMENTS
        pool = data.PRIMARY_ESTABLISHMENTS if self.chance(0.9) else data.SECONDARY_ESTABLISHMENTS
        for establishment in itertools.chain([self.rng.choice(pool)], everywhere):
            serial = self.upn_serials.get((establishment, year), 0) + 1
            if serial <= 999:
                self.upn_serials[(establishment, year)] = serial
                body = f"{data.UPN_LA_CODE}{establishment:04d}{year:02d}{serial:03d}"
                return upn_check_letter(body) + body
        raise RuntimeError("Ran out of synthetic UPNs for one school year: add establishments in demo/data.py")

    def choice_of(self, culture: Culture, attribute: str) -> str:
        key = (id(culture), attribute)
        if key not in self._choices:
            self._choices[key] = Choice(getattr(culture, attribute))
        return str(self._choices[key](self.rng))

    def _faker(self, culture: Culture) -> Faker:
        return self.fakers[culture.locale or "en_GB"]

    def first_name(self, culture: Culture, sex: str, *, child: bool, avoid: Sequence[str] = ()) -> str:
        for _ in range(10):
            if child and self.chance(culture.british_child_names):
                name = self.rng.choice(data.MODERN_GIRLS if sex == "F" else data.MODERN_BOYS)
            elif culture.female:
                name = self.rng.choice(culture.female if sex == "F" else culture.male)
            else:
                fake = self._faker(culture)
                name = fake.first_name_female() if sex == "F" else fake.first_name_male()
            if name not in avoid:
                return name
        return name

    def surname(self, culture: Culture) -> str:
        if culture.surnames and (not culture.locale or self.chance(0.6)):
            return self.rng.choice(culture.surnames)
        fake = self._faker(culture)
        return fake.last_name_male() if culture.polish_surnames else fake.last_name()

    @staticmethod
    def gendered(surname: str, sex: str, culture: Culture) -> str:
        if culture.polish_surnames and sex == "F":
            for male, female in (("ski", "ska"), ("cki", "cka")):
                if surname.endswith(male):
                    return surname[: -len(male)] + female
        return surname

    def dob_aged(self, min_days: int, max_days: int) -> date:
        return self.today - timedelta(days=self.rng.randint(min_days, max(min_days, max_days)))

    def children_dobs(self, k: int, *, youngest_min: int = 0, oldest: int = years(18) - 10) -> list[date]:
        """Dates of birth of k siblings, eldest first, all under 18 today."""
        limit = oldest - youngest_min
        high = max(330, min(1800, limit // max(1, k - 1)))
        gaps = [0 if self.chance(0.03) else self.rng.randint(300, high) for _ in range(k - 1)]
        while sum(gaps) > limit:
            gaps = [g * 3 // 4 if g > 280 else g for g in gaps]
            if all(g <= 280 for g in gaps):
                gaps = [0] * len(gaps)  # cannot happen with k <= 8; keeps the loop finite
        youngest = self.rng.randint(youngest_min, oldest - sum(gaps))
        dobs = [self.today - timedelta(days=youngest)]
        for gap in reversed(gaps):
            dobs.append(dobs[-1] - timedelta(days=gap))
        return list(reversed(dobs))

    # -- people ------------------------------------------------------------------------------------------------------

    def adult(
        self,
        fd: FamilyDraft,
        sex: str,
        dob: date,
        culture: Culture,
        last: str,
        *,
        in_household: bool = True,
        religion: str | None = None,
    ) -> Draft:
        language = self.choice_of(culture, "languages") if not self.chance(0.02) else "und"
        draft = Draft(
            first=self.first_name(culture, sex, child=False),
            last=self.gendered(last, sex, culture),
            sex=sex,
            dob=dob,
            culture=culture,
            ethnicity=fd.ethnicity if fd.ethnicity in data.WHOLE_FAMILY_ETHNICITY else culture.ethnicity,
            language=language,
            interpreter=YesNoUnknown.NO
            if language == "eng"
            else (YesNoUnknown.NOT_KNOWN if language == "und" else INTERPRETER(self.rng)),
            religion=religion or self.choice_of(culture, "religions"),
            in_household=in_household,
        )
        if self.chance(0.45):
            draft.middle = self.first_name(culture, sex, child=False, avoid=[draft.first])
        return fd.add(draft)

    def child(
        self,
        fd: FamilyDraft,
        dob: date | None,
        last: str,
        mother: Draft | str,
        father: Draft | str,
        *,
        culture: Culture | None = None,
        sex: str | None = None,
    ) -> Draft:
        culture = culture or (fd.cultures[0] if self.chance(0.5) else fd.cultures[1])
        sex = sex or self.rng.choice("MF")
        mother_draft = mother if isinstance(mother, Draft) else None
        home = mother_draft or next((p for p in fd.people if p.in_household and p.dob), None)
        siblings = [p.first for p in fd.people]
        language = "eng"
        speaks_other = home is not None and home.language not in ("eng", "und", None)
        if home and home.language and speaks_other and self.chance(home.culture.home_language_share):
            language = home.language
        religion = home.religion if home and self.chance(0.7) else "NOBT"
        draft = Draft(
            first=self.first_name(culture, sex, child=True, avoid=siblings),
            last=self.gendered(last, sex, culture),
            sex=sex,
            dob=dob,
            culture=culture,
            ethnicity=fd.ethnicity,
            mother=mother.key if isinstance(mother, Draft) else mother,
            father=father.key if isinstance(father, Draft) else father,
            language=language,
            interpreter=YesNoUnknown.NO,
            religion=religion,
        )
        if self.chance(0.6):
            draft.middle = self.first_name(culture, sex, child=True, avoid=[draft.first, *siblings])
            if self.chance(0.12):
                draft.middle += " " + self.first_name(culture, sex, child=True, avoid=[draft.first, draft.middle])
        return fd.add(draft)

    def unborn(self, fd: FamilyDraft, last: str, mother: Draft, father: Draft | str) -> Draft:
        draft = Draft(
            first="Unborn",
            last=last,
            sex="U",
            dob=None,
            culture=mother.culture,
            ethnicity=fd.ethnicity if self.chance(0.5) else "NOBT",
            mother=mother.key,
            father=father.key if isinstance(father, Draft) else father,
            expected=self.today + timedelta(days=self.rng.randint(31, 243)),
            language=None,
            religion=None,
        )
        return fd.add(draft)

    def parents_of(self, fd: FamilyDraft, parent: Draft, kids: Iterable[Draft], type_: str, pr: bool) -> None:
        for kid in kids:
            fd.relate(parent, kid, type_, pr)

    def mother_surname(self, culture: Culture, married_into: str, birth: str) -> tuple[str, str]:
        """Legal surname of a married woman and the birth surname to record as a previous name ('' for none)."""
        roll = self.rng.random()
        if culture.female_surnames and roll < 0.4:
            return self.rng.choice(culture.female_surnames), ""
        if roll < 0.85:
            return married_into, birth
        return birth, ""

    def child_surname(self, culture: Culture, mother_last: str, father_last: str, married: bool) -> str:
        if married:
            return father_last
        roll = self.rng.random()
        if roll < 0.55 or mother_last == father_last:
            return father_last
        if roll < 0.8 or culture.locale not in ("en_GB", "en_IE") or "-" in mother_last + father_last:
            return mother_last
        return f"{mother_last}-{father_last}"

    # -- structures --------------------------------------------------------------------------------------------------

    def _parents_for(self, dobs: Sequence[date], at_birth: tuple[int, int] = (17, 38)) -> date:
        """A mother's date of birth: aged at_birth at her eldest child's birth, and under 45 at the youngest's."""
        eldest, youngest = (dobs[0], dobs[-1]) if dobs else (self.today, self.today)
        dob = eldest - timedelta(days=self.rng.randint(years(at_birth[0]), years(at_birth[1])))
        return max(dob, youngest - timedelta(days=years(44) + self.rng.randint(0, 300)))

    def _father_dob(self, mother_dob: date, first_child: date | None) -> date:
        dob = mother_dob - timedelta(days=self.rng.randint(-years(3), years(9)))
        if first_child and (first_child - dob).days < years(18):
            dob = first_child - timedelta(days=years(18) + self.rng.randint(0, 900))
        dob = min(dob, self.today - timedelta(days=years(17) + self.rng.randint(0, 700)))
        return max(dob, self.today - timedelta(days=years(70) - 30))

    def single_mother(self, fd: FamilyDraft, k: int | None = None) -> None:
        mum_culture, dad_culture = fd.cultures
        k = k or CHILDREN(self.rng)
        dobs = self.children_dobs(k)
        birth_surname = self.surname(mum_culture)
        mother = self.adult(fd, "F", self._parents_for(dobs), mum_culture, birth_surname)
        split = self.rng.randint(1, k - 1) if k > 1 and self.chance(0.35) else k
        fathers = [("fa", self.surname(dad_culture)), ("fb", self.surname(dad_culture))]
        if self.chance(0.25):  # was married to the eldest children's father and kept his name
            mother.last = self.gendered(fathers[0][1], "F", mum_culture)
            mother.aliases.append((mother.first, self.gendered(birth_surname, "F", mum_culture), "previous"))
        for group, group_dobs in ((fathers[0], dobs[:split]), (fathers[1], dobs[split:])):
            last = mother.last if self.chance(0.55) else group[1]
            kids = [self.child(fd, dob, last, mother, group[0]) for dob in group_dobs]
            self.parents_of(fd, mother, kids, R.MOTHER, True)
        fd.consent_giver = mother

    def two_parents(self, fd: FamilyDraft, k: int | None = None) -> None:
        mum_culture, dad_culture = fd.cultures
        k = k or CHILDREN(self.rng)
        dobs = self.children_dobs(k)
        mother_dob = self._parents_for(dobs)
        father_last = self.surname(dad_culture)
        birth_surname = self.surname(mum_culture)
        married = self.chance(dad_culture.married_share)
        mother_last, previous = (
            self.mother_surname(dad_culture, father_last, birth_surname) if married else (birth_surname, "")
        )
        mother = self.adult(fd, "F", mother_dob, mum_culture, mother_last)
        if previous:
            mother.aliases.append((mother.first, self.gendered(previous, "F", mum_culture), "previous"))
        father = self.adult(
            fd,
            "M",
            self._father_dob(mother_dob, dobs[0]),
            dad_culture,
            father_last,
            religion=mother.religion if self.chance(0.85) else None,
        )
        fd.partners(mother, father)
        last = self.child_surname(mum_culture, birth_surname if married else mother_last, father_last, married)
        kids = [self.child(fd, dob, last, mother, father) for dob in dobs]
        self.parents_of(fd, mother, kids, R.MOTHER, True)
        self.parents_of(fd, father, kids, R.FATHER, married or self.chance(0.95))
        fd.consent_giver = mother

    def blended(self, fd: FamilyDraft) -> None:
        mum_culture, dad_culture = fd.cultures
        k_old, k_joint = self.rng.choice((1, 1, 2, 2, 3)), self.rng.choice((1, 1, 1, 2))
        dobs = self.children_dobs(k_old + k_joint)
        older, joint = dobs[:k_old], dobs[k_old:]
        ex_surname = self.surname(dad_culture)
        married = self.chance(0.4)
        mother_led = self.chance(0.75)
        birth_surname = self.surname(mum_culture)
        partner_last = self.surname(dad_culture)
        if mother_led:
            lead_dob = self._parents_for(dobs)
            mother_last, previous = (
                self.mother_surname(dad_culture, partner_last, birth_surname) if married else (birth_surname, "")
            )
            lead = self.adult(fd, "F", lead_dob, mum_culture, mother_last)
            if previous:
                lead.aliases.append((lead.first, self.gendered(previous, "F", mum_culture), "previous"))
            partner = self.adult(fd, "M", self._father_dob(lead_dob, joint[0]), dad_culture, partner_last)
            step_type = R.STEP_FATHER if married else R.MOTHERS_PARTNER
            old_last = ex_surname if self.chance(0.6) else birth_surname
            kids_old = [self.child(fd, dob, old_last, lead, "ex") for dob in older]
            joint_last = partner_last if married or self.chance(0.6) else lead.last
            kids_joint = [self.child(fd, dob, joint_last, lead, partner) for dob in joint]
            self.parents_of(fd, lead, kids_old + kids_joint, R.MOTHER, True)
            self.parents_of(fd, partner, kids_joint, R.FATHER, True)
            fd.consent_giver = lead
        else:
            lead_dob = self._father_dob(self._parents_for(dobs), dobs[0])
            lead = self.adult(fd, "M", lead_dob, dad_culture, ex_surname)
            partner_dob = min(
                max(
                    lead_dob + timedelta(days=self.rng.randint(-years(2), years(8))),
                    joint[-1] - timedelta(days=years(44)),  # a mother under 45 at her youngest child's birth
                ),
                joint[0] - timedelta(days=years(17) + self.rng.randint(0, 1500)),
            )
            partner_last, previous = (
                self.mother_surname(dad_culture, lead.last, birth_surname) if married else (birth_surname, "")
            )
            partner = self.adult(fd, "F", partner_dob, mum_culture, partner_last)
            if previous:
                partner.aliases.append((partner.first, self.gendered(previous, "F", mum_culture), "previous"))
            step_type = R.STEP_MOTHER if married else R.FATHERS_PARTNER
            kids_old = [self.child(fd, dob, lead.last, "exm", lead) for dob in older]
            kids_joint = [self.child(fd, dob, lead.last if married else partner.last, partner, lead) for dob in joint]
            self.parents_of(fd, lead, kids_old + kids_joint, R.FATHER, True)
            self.parents_of(fd, partner, kids_joint, R.MOTHER, True)
            fd.consent_giver = lead
        fd.partners(lead, partner)
        self.parents_of(fd, partner, kids_old, step_type, self.chance(0.08))
        for kid in kids_old:
            if mother_led and kid.last != partner.last and self.chance(0.2):  # known by the step-father's surname
                kid.aliases.append((kid.first, partner.last, "alias"))
        assert partner.dob is not None
        oldest = min(years(16), (self.today - partner.dob).days - years(18))
        if mother_led and oldest > years(3) and self.chance(0.2):
            # the partner's own child from an earlier relationship lives here too: step-siblings
            dob = self.dob_aged(years(3), oldest)
            for _ in range(10):  # born at least ten months apart from the partner's other children
                if all(abs((dob - other).days) >= 300 for other in joint):
                    break
                dob = self.dob_aged(years(3), oldest)
            own = self.child(fd, dob, partner.last, "sfex", partner, culture=partner.culture)
            fd.relate(partner, own, R.FATHER, True)
            fd.relate(lead, own, R.STEP_MOTHER if married else R.FATHERS_PARTNER, False)
            for kid in kids_old:
                a, b = (kid, own) if kid.dob and own.dob and kid.dob <= own.dob else (own, kid)
                fd.relate(a, b, R.STEP_SIBLING)

    def non_resident_father(self, fd: FamilyDraft) -> None:
        mum_culture, dad_culture = fd.cultures
        dobs = self.children_dobs(self.rng.choice((1, 1, 2, 2, 3)))
        mother_dob = self._parents_for(dobs)
        mother = self.adult(fd, "F", mother_dob, mum_culture, self.surname(mum_culture))
        father = self.adult(
            fd, "M", self._father_dob(mother_dob, dobs[0]), dad_culture, self.surname(dad_culture), in_household=False
        )
        father.own_place = self.place()
        last = father.last if self.chance(0.5) else mother.last
        kids = [self.child(fd, dob, last, mother, father) for dob in dobs]
        self.parents_of(fd, mother, kids, R.MOTHER, True)
        self.parents_of(fd, father, kids, R.FATHER, self.chance(0.7))  # named on the birth certificate
        if self.chance(0.5):
            youngest = kids[-1].dob or self.today
            separated = youngest + timedelta(days=self.rng.randint(30, max(31, (self.today - youngest).days)))
            fd.partners(mother, father, ended=min(separated, self.today))
        fd.consent_giver = mother

    def kinship_grandparents(self, fd: FamilyDraft) -> None:
        culture, dad_culture = fd.cultures
        dobs = self.children_dobs(self.rng.choice((1, 1, 2, 2, 3)), oldest=years(12))
        mum_dob = self._parents_for(dobs, (17, 28))
        gran_dob = mum_dob - timedelta(days=self.rng.randint(years(17), years(30)))
        gran_dob = max(gran_dob, self.today - timedelta(days=years(70) - 30))
        grandfather_present = self.chance(0.5)
        family_surname = self.surname(culture)
        gran = self.adult(fd, "F", gran_dob, culture, family_surname)
        grandparents = [gran]
        if grandfather_present:
            gran_birth = self.surname(culture)
            gran.aliases.append((gran.first, self.gendered(gran_birth, "F", culture), "previous"))
            gdad_dob = max(
                gran_dob - timedelta(days=self.rng.randint(-years(2), years(6))),
                self.today - timedelta(days=years(70) - 30),
            )
            gdad = self.adult(fd, "M", gdad_dob, culture, family_surname, religion=gran.religion)
            fd.partners(gran, gdad)
            grandparents.append(gdad)
        mum_in_family = self.chance(0.5)
        mum: Draft | str = "bm"
        if mum_in_family:
            mum = self.adult(fd, "F", mum_dob, culture, family_surname, in_household=False)
            mum.own_place = self.place()
            fd.relate(gran, mum, R.MOTHER, False)
            if grandfather_present:
                fd.relate(grandparents[1], mum, R.FATHER, False)
        fathers = [("fa", self.surname(dad_culture)), ("fb", self.surname(dad_culture))]
        kids = []
        for i, dob in enumerate(dobs):
            father_key, father_last = fathers[0] if i == 0 or self.chance(0.6) else fathers[1]
            last = family_surname if self.chance(0.5) else father_last
            kids.append(self.child(fd, dob, last, mum, father_key))
        special_guardianship = self.chance(0.65)
        for grandparent in grandparents:
            type_ = R.GRANDMOTHER if grandparent.sex == "F" else R.GRANDFATHER
            self.parents_of(fd, grandparent, kids, type_, special_guardianship)
        if isinstance(mum, Draft):
            self.parents_of(fd, mum, kids, R.MOTHER, True)
        fd.consent_giver = gran

    def unborn_baby(self, fd: FamilyDraft) -> None:
        mum_culture, dad_culture = fd.cultures
        k = self.rng.choice((0, 0, 0, 1, 1, 2))
        dobs = self.children_dobs(k, youngest_min=300) if k else []
        mother_dob = self._parents_for(dobs, (17, 36)) if dobs else self.dob_aged(years(17), years(42))
        mother_dob = max(mother_dob, self.today - timedelta(days=years(44)))  # under 45 when the baby is due
        birth_surname = self.surname(mum_culture)
        father: Draft | str = "fu"
        married = False
        if self.chance(0.6):
            father_last = self.surname(dad_culture)
            married = self.chance(dad_culture.married_share * 0.7)
            mother_last, previous = (
                self.mother_surname(dad_culture, father_last, birth_surname) if married else (birth_surname, "")
            )
            mother = self.adult(fd, "F", mother_dob, mum_culture, mother_last)
            if previous:
                mother.aliases.append((mother.first, self.gendered(previous, "F", mum_culture), "previous"))
            father = self.adult(
                fd, "M", self._father_dob(mother_dob, dobs[0] if dobs else None), dad_culture, father_last
            )
            fd.partners(mother, father)
        else:
            mother = self.adult(fd, "F", mother_dob, mum_culture, birth_surname)
        same_father = isinstance(father, Draft) and self.chance(0.7)
        kids = [
            self.child(
                fd,
                dob,
                father.last if isinstance(father, Draft) and same_father else mother.last,
                mother,
                father if same_father else "fx",
            )
            for dob in dobs
        ]
        baby_last = father.last if isinstance(father, Draft) and (married or self.chance(0.5)) else mother.last
        baby = self.unborn(fd, baby_last, mother, father)
        self.parents_of(fd, mother, [*kids, baby], R.MOTHER, True)
        if isinstance(father, Draft):
            if same_father:
                self.parents_of(fd, father, kids, R.FATHER, True)
            else:
                self.parents_of(fd, father, kids, R.STEP_FATHER if married else R.MOTHERS_PARTNER, False)
            fd.relate(father, baby, R.FATHER, married)
        fd.consent_giver = mother

    def large_sibling_group(self, fd: FamilyDraft) -> None:
        if self.chance(0.65):
            self.two_parents(fd, LARGE(self.rng))
        else:
            self.single_mother(fd, LARGE(self.rng))

    def teenage_parent(self, fd: FamilyDraft) -> None:
        culture, dad_culture = fd.cultures
        teen_dob = self.dob_aged(years(15) + 60, years(19) + 300)
        teen_age_days = (self.today - teen_dob).days
        baby_dob = self.dob_aged(0, min(years(2), teen_age_days - years(14) - 280))
        with_gran = self.chance(0.85 if (self.today - teen_dob).days < years(18) else 0.45)
        surname = self.surname(culture)
        gran: Draft | None = None
        if with_gran:
            gran = self.adult(
                fd, "F", teen_dob - timedelta(days=self.rng.randint(years(16), years(30))), culture, surname
            )
        teen_mother = (
            self.child(fd, teen_dob, surname, gran or "gm", "tf", culture=culture, sex="F")
            if (self.today - teen_dob).days < years(18)
            else self.adult(fd, "F", teen_dob, culture, surname)
        )
        teen_mother.mother, teen_mother.father = (gran.key if gran else "gm"), "tf"
        aunts: list[Draft] = []
        if gran is not None:
            fd.relate(gran, teen_mother, R.MOTHER, (self.today - teen_dob).days < years(18))
            taken = [teen_dob]
            for _ in range(self.rng.choice((0, 0, 1, 2))):
                dob = self.dob_aged(years(2), years(16))
                assert gran.dob is not None
                if any(abs((dob - other).days) < 300 for other in taken) or (dob - gran.dob).days > years(44):
                    continue  # siblings are born at least ten months apart, to a mother under 45
                taken.append(dob)
                aunt = self.child(fd, dob, surname, gran, "tf" if self.chance(0.5) else "gp2", culture=culture)
                fd.relate(gran, aunt, R.MOTHER, True)
                aunts.append(aunt)
        baby_father: Draft | str = "bf"
        if self.chance(0.5):
            father_dob = min(
                teen_dob - timedelta(days=self.rng.randint(-years(1), years(4))),
                self.today - timedelta(days=years(17) + self.rng.randint(0, 700)),
            )
            baby_father = self.adult(fd, "M", father_dob, dad_culture, self.surname(dad_culture), in_household=False)
            baby_father.own_place = self.place()
        last = baby_father.last if isinstance(baby_father, Draft) and self.chance(0.25) else teen_mother.last
        baby = self.child(fd, baby_dob, last, teen_mother, baby_father)
        fd.relate(teen_mother, baby, R.MOTHER, True)
        if isinstance(baby_father, Draft):
            fd.relate(baby_father, baby, R.FATHER, self.chance(0.3))
        if gran is not None:
            fd.relate(gran, baby, R.GRANDMOTHER, False)
            for aunt in aunts:
                fd.relate(aunt, baby, R.AUNT if aunt.sex == "F" else R.UNCLE)
        under_18 = (self.today - teen_dob).days < years(18)
        fd.consent_giver = gran if gran is not None and under_18 else teen_mother

    def single_father(self, fd: FamilyDraft) -> None:
        mum_culture, dad_culture = fd.cultures
        dobs = self.children_dobs(self.rng.choice((1, 1, 2, 3)))
        mother_dob = self._parents_for(dobs)
        father = self.adult(fd, "M", self._father_dob(mother_dob, dobs[0]), dad_culture, self.surname(dad_culture))
        mother: Draft | str = "ma"
        if self.chance(0.3):
            mother = self.adult(fd, "F", mother_dob, mum_culture, self.surname(mum_culture), in_household=False)
            mother.own_place = self.place()
        kids = [
            self.child(
                fd,
                dob,
                father.last if self.chance(0.8) else (mother.last if isinstance(mother, Draft) else father.last),
                mother,
                father,
            )
            for dob in dobs
        ]
        self.parents_of(fd, father, kids, R.FATHER, True)
        if isinstance(mother, Draft):
            self.parents_of(fd, mother, kids, R.MOTHER, True)
        fd.consent_giver = father

    STRUCTURE_METHODS: dict[str, str] = {
        "single_mother": "single_mother",
        "two_parents": "two_parents",
        "blended": "blended",
        "non_resident_father": "non_resident_father",
        "kinship_grandparents": "kinship_grandparents",
        "unborn": "unborn_baby",
        "large_sibling_group": "large_sibling_group",
        "teenage_parent": "teenage_parent",
        "single_father": "single_father",
    }

    # -- one family --------------------------------------------------------------------------------------------------

    def family_ethnicity(self, index: int) -> str:
        """Family ethnicities are dealt from a shuffled deck per 200 families, so every code appears in each 200."""
        if not self.ethnicity_deck:
            spread = data.ETHNICITY_SPREAD
            total = sum(w for _, w in spread)
            counts = {code: max(1, round(w * data.ETHNICITY_DECK_SIZE / total)) for code, w in spread}
            counts[spread[0][0]] += data.ETHNICITY_DECK_SIZE - sum(counts.values())
            self.ethnicity_deck = [code for code, n in counts.items() for _ in range(n)]
            self.rng.shuffle(self.ethnicity_deck)
        return self.ethnicity_deck.pop()

    def draft(self, index: int) -> FamilyDraft:
        ethnicity = self.family_ethnicity(index)
        first, second = self.cultures[ethnicity](self.rng)
        cultures = (data.CULTURES[first], data.CULTURES[second or first])
        if second and self.chance(0.4):
            cultures = (cultures[1], cultures[0])
        structure = self.structures_first[index] if index < len(self.structures_first) else self.structure(self.rng)
        fd = FamilyDraft(index=index, ethnicity=ethnicity, cultures=cultures, structure=structure)
        getattr(self, self.STRUCTURE_METHODS[structure])(fd)
        self.siblings(fd)
        self.details(fd)
        return fd

    def siblings(self, fd: FamilyDraft) -> None:
        """One row per pair of children sharing a parent: the older is `person`, the younger `relative`."""
        kids = [p for p in fd.people if p.mother or p.father]
        kids.sort(key=lambda p: p.dob or date.max)
        for i, older in enumerate(kids):
            for younger in kids[i + 1 :]:
                shared = int(bool(older.mother) and older.mother == younger.mother) + int(
                    bool(older.father) and older.father == younger.father
                )
                if shared:
                    fd.relate(older, younger, R.SIBLING if shared == 2 else R.HALF_SIBLING)

    def details(self, fd: FamilyDraft) -> None:
        """Identifiers, needs, preferred names and aliases: the same rules for every structure."""
        born = [p for p in fd.people if p.dob is not None]
        adults = [p for p in born if p.dob and age_on(p.dob, self.today) >= 18]
        for person in adults:
            if self.chance(0.11):
                person.disabilities.append(self.adult_disability(self.rng))
                if self.chance(0.15):
                    person.disabilities.append(self.adult_disability(self.rng))
        carers_disabled = any(p.disabilities for p in adults if p.in_household)
        for person in born:
            assert person.dob is not None
            age = age_on(person.dob, self.today)
            if age < 18:
                year = self.school_year(person.dob)
                if 0 <= year <= 13:
                    person.upn = self.upn(person.dob)
                needs_disability = self.chance(0.07)
                if needs_disability:
                    person.disabilities.append(self.child_disability(self.rng))
                if year >= 0:
                    need = bool(LEARNING_NEEDS & set(person.disabilities))
                    person.sen = (SEN_NEED if need else SEN_SCHOOL)(self.rng)
                else:
                    person.sen = SEN_EARLY(self.rng)
                if age >= 8:
                    if self.chance(0.25 if carers_disabled else 0.04):
                        person.young_carer = YesNoUnknown.YES
                    else:
                        person.young_carer = YesNoUnknown.NO if self.chance(0.7) else YesNoUnknown.NOT_KNOWN
                person.gender_identity = (TEEN_GENDER if age >= 11 else CHILD_GENDER)(self.rng)
                if self.chance(0.97):
                    person.nhs = self.nhs_number()
            else:
                person.gender_identity = ADULT_GENDER(self.rng)
                if self.chance(0.92):
                    person.nhs = self.nhs_number()
            person.disabilities = sorted(set(person.disabilities))
            if person.gender_identity == GenderIdentity.DIFFERENT:
                person.gender_description = self.rng.choice(data.GENDER_DESCRIPTIONS[person.sex])
            self.names(person)

    def names(self, person: Draft) -> None:
        if self.chance(0.07):
            shorts = data.DIMINUTIVES.get(person.first)
            if shorts:
                person.preferred = self.rng.choice(shorts)
            elif person.middle and self.chance(0.5):
                person.preferred = person.middle.split()[0]  # goes by their middle name
        if self.chance(0.025):
            if self.chance(0.5):
                first, last = person.first, self.other_spelling(person.last)
            else:
                first, last = self.other_spelling(person.first), person.last
            if first and last:
                person.aliases.append((first, last, "spelling"))
        if self.chance(0.02):
            person.aliases.append((person.first, self.surname(person.culture), "alias"))

    def other_spelling(self, name: str) -> str:
        lower = name.lower()
        for old, new in self.rng.sample(SPELLING_RULES, len(SPELLING_RULES)):
            position = lower.find(old, 1)
            if position > 0:
                variant = name[:position] + new + name[position + len(old) :]
                if variant != name:
                    return variant
        return ""

    # -- to model instances ------------------------------------------------------------------------------------------

    def build(self, index: int) -> FamilyPlan:
        fd = self.draft(index)
        codes = self.codes
        sexes = {"M": codes.id("sex", "M"), "F": codes.id("sex", "F"), "U": codes.id("sex", "U")}
        people: list[Person] = []
        aliases: list[PersonAlias] = []
        disabilities: list[tuple[Person, int]] = []
        for d in fd.people:
            person = Person(
                legal_first_name=d.first,
                legal_middle_names=d.middle,
                legal_last_name=d.last,
                preferred_name=d.preferred,
                date_of_birth=d.dob,
                expected_date_of_birth=d.expected,
                sex_id=sexes[d.sex],
                gender_identity=d.gender_identity,
                gender_identity_description=d.gender_description,
                ethnicity_id=codes.id("ethnicity", d.ethnicity),
                first_language_id=codes.id("language", d.language),
                interpreter_needed=d.interpreter,
                religion_id=codes.id("religion", d.religion),
                sen_provision=d.sen,
                young_carer=d.young_carer,
                nhs_number=d.nhs,
                upn=d.upn,
                search_names=search_names_for(
                    first=d.first,
                    middle=d.middle,
                    last=d.last,
                    preferred=d.preferred,
                    aliases=[(first, last) for first, last, _ in d.aliases],
                ),
                name_keys=compute_name_keys(first=d.first, last=d.last),
            )
            d.model = person
            people.append(person)
            for first, last, kind in d.aliases:
                aliases.append(PersonAlias(person=person, first_name=first, last_name=last, kind=kind))
            for code in d.disabilities:
                code_id = codes.id("disability", code)
                if code_id:
                    disabilities.append((person, code_id))
        family = Family(reference=f"NS-{index + 1:06d}", name=family_name(fd.people))
        members = [FamilyMember(family=family, person=d.model, lives_in_household=d.in_household) for d in fd.people]
        relationships = [
            PersonRelationship(
                person=a.model, relative=b.model, type=type_, parental_responsibility=pr, ended_on=ended
            )
            for a, b, type_, pr, ended in fd.relationships
        ]
        return FamilyPlan(
            index=index,
            structure=fd.structure,
            family=family,
            people=people,
            members=members,
            addresses=self.addresses(fd),
            aliases=aliases,
            relationships=relationships,
            disabilities=disabilities,
            consent_giver=fd.consent_giver.model if fd.consent_giver else None,
            has_school_age_child=any(d.upn and d.in_household for d in fd.people),
        )

    def addresses(self, fd: FamilyDraft) -> list[Address]:
        rows: list[Address] = []
        home = self.place()
        moved_in = self.today - timedelta(days=self.rng.randint(60, years(12)))
        previous = self.place() if self.chance(0.25) else None
        previous_in = moved_in - timedelta(days=self.rng.randint(years(1), years(8)))

        def address(person: Person, place: Place, start: date, end: date | None) -> Address:
            return Address(
                person=person,
                line_1=place.line_1,
                line_2=place.line_2,
                town=place.town,
                postcode=place.postcode,
                moved_in=start,
                moved_out=end,
            )

        for d in fd.people:
            if d.dob is None or d.model is None:
                continue  # the unborn have no address yet
            if d.in_household:
                rows.append(address(d.model, home, max(moved_in, d.dob), None))
                if previous and d.dob < moved_in:
                    rows.append(address(d.model, previous, max(previous_in, d.dob), moved_in))
            else:
                own_in = self.today - timedelta(days=self.rng.randint(30, years(6)))
                rows.append(address(d.model, d.own_place or self.place(), max(own_in, d.dob), None))
                if self.chance(0.4) and d.dob < own_in and moved_in < own_in:  # moved out of the family home
                    rows.append(
                        address(d.model, home, max(moved_in, d.dob, own_in - timedelta(days=years(5))), own_in)
                    )
        return rows


def family_name(people: Iterable[Draft]) -> str:
    """Household surnames as in "Khan\N{EN DASH}Wood family", without a double-barrelled name whose parts are there."""
    surnames = list(dict.fromkeys(d.last for d in people if d.in_household and not d.unborn))
    parts = {name for name in surnames if "-" not in name}
    shown = [name for name in surnames if "-" not in name or not set(name.split("-")) <= parts]
    return "\N{EN DASH}".join(shown[:3]) + " family"


# --- writing -------------------------------------------------------------------------------------------------------


def _with_history(objs: list[Any], model: type[models.Model]) -> None:
    if objs:
        bulk_create_with_history(objs, model, batch_size=BATCH_SIZE, default_change_reason=data.CHANGE_REASON)


def save_plans(plans: Sequence[FamilyPlan]) -> None:
    """Write a chunk of families in one transaction; history records the creation of every personal data row."""
    with transaction.atomic():
        _with_history([p.family for p in plans], Family)
        _with_history([person for p in plans for person in p.people], Person)
        _with_history([m for p in plans for m in p.members], FamilyMember)
        _with_history([a for p in plans for a in p.addresses], Address)
        _with_history([a for p in plans for a in p.aliases], PersonAlias)
        _with_history([r for p in plans for r in p.relationships], PersonRelationship)
        pairs = [pair for p in plans for pair in p.disabilities]
        if pairs:
            through = Person.disabilities.through
            rows = through.objects.bulk_create(
                [through(person_id=person.pk, code_id=code_id) for person, code_id in pairs], batch_size=BATCH_SIZE
            )
            # The disabilities belong to the person's creation record in history, as if saved with the person.
            history_ids = dict(
                Person.history.filter(id__in={person.pk for person, _ in pairs}, history_type="+").values_list(
                    "id", "history_id"
                )
            )
            historical = apps.get_model("people", "HistoricalPerson_disabilities")
            historical.objects.bulk_create(
                [
                    historical(
                        history_id=history_ids[row.person_id], id=row.pk, person_id=row.person_id, code_id=row.code_id
                    )
                    for row in rows
                ],
                batch_size=BATCH_SIZE,
            )


# --- access for the demo -------------------------------------------------------------------------------------------


@dataclass
class AccessPlan:
    """Which families (by index) the demo users work with, chosen before the families are drawn."""

    lead: list[int]
    other: list[int]
    remembered: dict[int, FamilyPlan] = field(default_factory=dict)

    @classmethod
    def choose(cls, rng: random.Random, families: int) -> AccessPlan:
        chosen = rng.sample(range(families), min(80, families))
        return cls(lead=sorted(chosen[:20]), other=sorted(chosen[20:]))

    def wanted(self, index: int) -> bool:
        return index in self.lead or index in self.other


def create_access(rng: random.Random, plan: AccessPlan, staff: Staff, partnership: Partnership, now: datetime) -> None:
    """Involvements, consent and one restriction, as the workflow would have made them."""
    practitioner = staff.user("practitioner@example.org")
    manager = staff.user("teammanager@example.org")
    school_worker = staff.user(data.SCHOOL_WORKER.email)
    north = partnership.team(data.COUNCIL, "Early Help North")
    assert north is not None
    involvements: list[Involvement] = []

    episodes: dict[int, Episode] = {}

    def involve(family: Family, kind: str, *, user: Any = None, team: Team | None = None, days_ago: int) -> None:
        involvements.append(
            Involvement(
                family=family,
                user=user,
                team=team,
                kind=kind,
                started_at=now - timedelta(days=days_ago, minutes=rng.randint(0, 600)),
                source=f"episode:{episodes[family.pk].pk}",
                created_by=manager,
            )
        )

    def open_episode(fp: FamilyPlan, team: Team, lead: Any, days_ago: int) -> None:
        """The episode behind the involvements, allocated as the workflow would have done it."""
        opened = now - timedelta(days=days_ago)
        episode = Episode.objects.create(
            reference=f"EH-demo-{fp.family.pk}",
            family=fp.family,
            status=EpisodeStatus.OPEN if lead else EpisodeStatus.AWAITING_ALLOCATION,
            opened_at=opened,
            opened_by=manager,
            source_summary="Opened before the partnership moved to this system.",
            team=team,
            lead_practitioner=lead,
            allocated_at=opened + timedelta(days=7) if lead else None,
        )
        Episode.objects.filter(pk=episode.pk).update(reference=f"EH{opened:%y}-{episode.pk:06d}")
        EpisodeChild.objects.bulk_create(
            EpisodeChild(episode=episode, person=person, added_at=opened) for person in fp.people if person.is_child
        )
        Allocation.objects.create(episode=episode, team=team, allocated_by=manager, allocated_at=opened)
        if lead:
            Allocation.objects.create(
                episode=episode, team=team, lead_practitioner=lead, allocated_by=manager, allocated_at=opened
            )
        episodes[fp.family.pk] = episode
        if lead:
            # A recent home visit, so the demo shows children seen rather than every family "not engaging".
            children = [person for person in fp.people if person.is_child]
            visit = Contact.objects.create(
                episode=episode,
                kind=ContactKind.HOME_VISIT,
                happened_at=now - timedelta(days=rng.randint(1, min(days_ago, 15)), hours=rng.randint(0, 6)),
                recorded_by=lead,
                agency=lead.profile.agency,
                who_was_there="The children and their parent",
                summary="Home visit. Talked with the children about school and home; agreed next steps.",
            )
            ChildSeen.objects.bulk_create(
                ChildSeen(
                    contact=visit,
                    person=child,
                    seen=True,
                    seen_alone=age_on(child.date_of_birth, now.date()) >= 8,
                )
                for child in children
                if child.date_of_birth
            )

    lead_plans = [plan.remembered[i] for i in plan.lead]
    for fp in lead_plans:
        days = rng.randint(14, 300)
        open_episode(fp, north, practitioner, days)
        involve(fp.family, InvolvementKind.TEAM_ALLOCATION, team=north, days_ago=days)
        involve(fp.family, InvolvementKind.LEAD_PRACTITIONER, user=practitioner, days_ago=days - 7)
    teams = [partnership.team(data.COUNCIL, name) for name in data.EARLY_HELP_TEAMS]
    for i in plan.other:
        fp = plan.remembered[i]
        team = rng.choice(teams)
        assert team is not None
        days = rng.randint(3, 300)
        workers = staff.practitioners_by_team.get(team.name, [])
        lead = rng.choice(workers) if workers and rng.random() < 0.7 else None  # the rest wait for allocation
        open_episode(fp, team, lead, days)
        involve(fp.family, InvolvementKind.TEAM_ALLOCATION, team=team, days_ago=days)
        if lead is not None:
            involve(fp.family, InvolvementKind.LEAD_PRACTITIONER, user=lead, days_ago=max(0, days - 10))

    # The school worker sits on the Team Around the Family of six of the practitioner's families; for five a parent
    # consented to sharing with the school, for the sixth not, so the demo shows consent being enforced.
    with_children = [fp for fp in lead_plans if fp.has_school_age_child and fp.consent_giver is not None]
    with_children += [fp for fp in lead_plans if fp not in with_children and fp.consent_giver is not None]
    taf = with_children[:6]
    school = partnership.agencies[data.SCHOOL_WORKER.agency]
    for n, fp in enumerate(taf):
        involve(fp.family, InvolvementKind.TAF_MEMBER, user=school_worker, days_ago=rng.randint(1, 10))
        TafMember.objects.create(
            episode=episodes[fp.family.pk],
            user=school_worker,
            name=school_worker.full_name,
            email=school_worker.email,
            agency=school,
            role=data.SCHOOL_WORKER.job_title,
            invited_by=practitioner,
            invited_at=now - timedelta(days=10),
        )
        if n < 5 and fp.consent_giver is not None:
            consent = Consent.objects.create(
                person=fp.consent_giver,
                given_on=(now - timedelta(days=rng.randint(11, 60))).date(),
                how_obtained=Consent.HowObtained.WRITTEN,
                recorded_by=practitioner,
            )
            # The consent covers school nursing too, so the school nurse can be invited to these families.
            consent.agencies.add(school, partnership.agencies[data.SCHOOL_NURSE.agency])
    bulk_create_with_history(
        involvements, Involvement, batch_size=BATCH_SIZE, default_change_reason=data.CHANGE_REASON
    )

    others = [fp for fp in lead_plans if fp not in taf]
    if others:
        restriction = Restriction.objects.create(
            family=others[-1].family,
            reason=data.RESTRICTION_REASON,
            approved_by=staff.user("servicemanager@example.org"),
            review_due=(now + timedelta(days=60)).date(),
        )
        restriction.members.add(manager)


# --- the whole thing -----------------------------------------------------------------------------------------------


@dataclass
class Summary:
    families: int
    seconds: float
    counts: dict[str, int]


def make_fakers(seed: int) -> dict[str, Faker]:
    locales = sorted({"en_GB", *(c.locale for c in data.CULTURES.values() if c.locale)})
    fakers = {}
    for locale in locales:
        fake = Faker(locale)
        fake.seed_instance(seed)
        fakers[locale] = fake
    return fakers


def seed(
    *,
    families: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    today: date | None = None,
    history: bool = False,
) -> Summary:
    """Create the partnership, its staff and `families` families. The database must not hold Northshire yet.

    With `history`, also three years of requests and episodes in proportion to the families (earlyhelp.demo.history).
    """
    with _no_query_log():
        return _seed(
            families=families, seed=seed, progress=progress, chunk_size=chunk_size, today=today, history=history
        )


@contextmanager
def _no_query_log() -> Iterator[None]:
    """Seeding runs without Django's DEBUG query log, whatever the settings.

    With DEBUG on (config.settings.local), Django keeps the last 9,000 statements in `connection.queries` and, on
    SQLite, quotes every parameter of every INSERT to do so: a third slower and 150 MB more for 10,000 families.
    """
    previous = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = previous


def _seed(
    *,
    families: int,
    seed: int,
    progress: Callable[[int], None] | None,
    chunk_size: int,
    today: date | None,
    history: bool = False,
) -> Summary:
    started = time.monotonic()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    fakers = make_fakers(seed)
    codes = CodeBook()
    with transaction.atomic():
        partnership = create_partnership()
        staff = create_staff(rng, fakers["en_GB"], partnership, codes)
    access = AccessPlan.choose(random.Random(seed + 1), families)
    builder = FamilyBuilder(rng, fakers, codes, today)
    for start in range(0, families, chunk_size):
        plans = []
        for index in range(start, min(start + chunk_size, families)):
            plans.append(builder.build(index))
            if progress:
                progress(index + 1)
        save_plans(plans)
        for fp in plans:
            if access.wanted(fp.index):
                access.remembered[fp.index] = fp
    with transaction.atomic():
        create_access(random.Random(seed + 2), access, staff, partnership, timezone.now())
    requests = seed_front_door(rng=random.Random(seed + 3), fake=fakers["en_GB"], now=timezone.now())
    # Nobody gets mail about synthetic cases. The quality services email auditors and practitioners once the
    # transaction commits, so the dummy backend wraps the transaction, not only the call that makes the audits.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        seed_casework(random.Random(seed + 4), timezone.now())
        seed_reporting_reference(random.Random(seed + 5), today)
        seed_quality(random.Random(seed + 7), timezone.now())
    if history:
        # Each chunk of families is written in its own transaction.
        requests += seed_history(rng=random.Random(seed + 6), now=timezone.now())
    # The practice standards report reads the nightly evaluation: store one, as the daily jobs would.
    standards_evaluate()
    counts = {
        "families": Family.objects.count(),
        "people": Person.objects.count(),
        "relationships": PersonRelationship.objects.count(),
        "addresses": Address.objects.count(),
        "aliases": PersonAlias.objects.count(),
        "users": get_user_model().objects.count(),
        "requests for support": requests,
        "episodes": Episode.objects.count(),
    }
    return Summary(families=families, seconds=time.monotonic() - started, counts=counts)
