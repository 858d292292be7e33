"""The front door's demo work: requests for support about Northshire's families, made through the front door's own
services so that every row is one a user could have made.

About 25 requests spread over the last 14 months: ten decided (every outcome, feedback sent and read, reviews of
no-further-action decisions, children linked to the register), twelve professional requests waiting in the queue
(one urgent safeguarding contact, some overdue, some naming children with the spelling slips and swapped dates a
triage worker meets every day, some about children not on the register, one repeat request) and three families'
own requests. The services stamp everything with the present moment; the demo's past is written afterwards with
`QuerySet.update()`, keeping each due time what the one-working-day clock gives for the back-dated receipt.

Reproducible: every choice is drawn from the `rng` and `fake` passed in. Synthetic only: real people are never
named, and NHS numbers come from the register, which holds only numbers in the 999 test range.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from faker import Faker

from earlyhelp.access import roles
from earlyhelp.access.models import Restriction
from earlyhelp.demo import data
from earlyhelp.frontdoor import services
from earlyhelp.frontdoor.models import (
    ChildOutcome,
    Consent,
    ConsentPosition,
    Decision,
    Feedback,
    NfaReview,
    Outcome,
    RequestPerson,
    RequestStatus,
    SupportRequest,
)
from earlyhelp.frontdoor.selectors import early_help_teams
from earlyhelp.organisations.models import Agency, AgencyType, PractitionerProfile, Team
from earlyhelp.people.models import (
    Address,
    Family,
    FamilyMember,
    Person,
    PersonRelationship,
    RelationshipType,
    YesNoUnknown,
    age_on,
)
from earlyhelp.thresholds.models import Indicator, Level
from earlyhelp.thresholds.selectors import threshold_current
from earlyhelp.timescales.working_days import LONDON, add_working_days, clock_start, is_working_day

FRONT_DOOR_USER = "frontdoor@example.org"
MANAGER = "teammanager@example.org"
SAFEGUARDING_LEAD = "dsl@example.org"
HEALTH_VISITOR = "referrer@example.org"
REFERRING_ROLES = (roles.REFERRER, roles.SAFEGUARDING_LEAD, roles.PRACTITIONER)
# Council staff work the requests; they do not send them in the demo.
NOT_REFERRING = (AgencyType.COUNCIL_EARLY_HELP, AgencyType.CHILDRENS_SOCIAL_CARE, AgencyType.OTHER)
FAMILIES_CONSIDERED = 80  # families drawn as candidates, so 10,000 families cost no more than 30
R = RelationshipType

# --- what referrers write ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One kind of worry, in the words a referrer from that agency would use. `{name}` is each child's first name."""

    level: int
    indicators: tuple[str, ...]  # the start of each indicator's text in the threshold document
    ages: tuple[int, int]
    concerns: str
    impact: str
    child_views: str
    tried_before: str
    tried_outcome: str
    strengths: str
    professional_views: str
    short: str  # what a referrer in a hurry writes instead
    sex: str = ""  # the words say "he" or "she": the sex code of the child they fit


SCENARIOS: dict[str, Scenario] = {
    "attendance": Scenario(
        2,
        ("Attendance below 90%", "Parents find it hard to keep up regular meals"),
        (4, 11),
        "Attendance has fallen to 84% this term and the children arrive after the register closes most days, often "
        "without breakfast or a coat. Mum told me she has been working night shifts since the separation and finds "
        "the mornings very hard on her own.",
        "{name} is tired in the mornings, misses phonics and is falling behind in reading; staff have seen {name} "
        "asking friends for food at break time.",
        "{name} says mornings are 'rushed' and that they help get their little brother ready.",
        "Attendance letters, two meetings with Mum, and a free breakfast club place from September, which she took.",
        "Lateness improved for three weeks, then went back to how it was after half-term.",
        "Mum is warm with the children and comes to every parents' evening; the children are close to their nan.",
        "The school nurse shares our worry about the children's weight; the GP knows of no health problems.",
        "Poor attendance and lateness, please help.",
    ),
    "behaviour": Scenario(
        2,
        ("Low mood, worry or behaviour", "Parents struggle to set boundaries"),
        (5, 11),
        "Since Christmas there have been outbursts in class nearly every day: throwing chairs, running out of the "
        "room and hurting other children. Dad says bedtime at home has become a battle and he does not know what "
        "to do any more. Both parents asked us for help with parenting.",
        "{name} has been on a reduced timetable for two weeks and is losing friendships; {name} says other children "
        "do not want to play.",
        "{name} told the learning mentor: 'My head goes hot and I can't stop it.'",
        "A behaviour plan, a weekly check-in with the learning mentor and a referral to the school nurse.",
        "The check-ins help on the days they happen, but incidents have not gone down overall.",
        "Both parents are committed and open with school; {name} loves football and drawing.",
        "The school nurse thinks a parenting programme would help; no other services are involved.",
        "Behaviour very challenging at school.",
    ),
    "young_carer": Scenario(
        2,
        ("Young carer: looks after someone", "A parent's stress or low mood"),
        (8, 16),
        "Mum has multiple sclerosis and her mobility has got worse this year. The children do much of the cooking, "
        "shopping and caring, and the eldest often stays at home when Mum has a bad day. Mum is worried about how "
        "much they are doing and asked for help.",
        "{name} has missed eleven days this term to look after Mum, is often tired and has stopped going to after-"
        "school clubs.",
        "{name} says they do not mind helping but 'nobody else understands'.",
        "A referral to adult social care for a care assessment last year, and time with the school's pastoral lead.",
        "The care assessment did not happen because Mum was admitted to hospital; pastoral time has helped a little.",
        "A loving, close family; the children are proud of looking after Mum and their grandmother visits weekly.",
        "Northshire Young Carers think the family would benefit from a young carer's needs assessment.",
        "Young carer for mum.",
    ),
    "low_mood": Scenario(
        2,
        ("A parent's stress or low mood", "Family isolated"),
        (0, 2),
        "Mum scored 15 on the Edinburgh Postnatal Depression Scale at the six-week check. She is tearful, not "
        "sleeping, and says she has no family nearby since moving here. She is managing the baby's care but feels "
        "'on her own with it all'.",
        "{name} is feeding and gaining weight well, but Mum has stopped taking {name} out and misses groups.",
        "Too young to say; {name} is settled and responsive when held.",
        "Listening visits from the health visiting team, and a GP appointment for Mum, who started medication.",
        "Mum says the visits help but she is still very low and isolated between them.",
        "Mum is attentive to the baby, asks for help and wants to get out more; Dad is supportive when at home.",
        "The GP agrees with the referral; the perinatal mental health team did not accept her as not severe enough.",
        "Mum has low mood.",
    ),
    "development": Scenario(
        2,
        ("Not meeting some developmental milestones", "Missed health appointments", "Little play, reading"),
        (1, 4),
        "At the two-year review the child's speech, play and social skills were below what we would expect, and "
        "two earlier development checks were missed. The flat has few toys or books, and the television is on "
        "all day. Mum wants help but is not sure where to start.",
        "{name} uses about ten words, gets very frustrated when not understood and has no nursery place yet.",
        "{name} was shy at the review but enjoyed the bricks and the picture book.",
        "Advice on play and talking at the review, and a referral to speech and language therapy.",
        "The family were put on the speech therapy waiting list (about 20 weeks).",
        "Mum engaged well at the review and took up the offer of a Bookstart pack straight away.",
        "The nursery nurse who saw the family thinks a funded two-year-old place would help.",
        "Speech delay.",
    ),
    "home_conditions": Scenario(
        3,
        ("Home conditions, hygiene, food", "Parental mental ill health affecting"),
        (0, 4),
        "On a home visit the kitchen had no food in the fridge, dirty nappies on the floor and the baby's bottles "
        "were not sterilised. Mum said she had been 'struggling with her nerves' and Dad was working away. This is "
        "the second visit like this in a month.",
        "{name} had severe nappy rash and was in the same clothes as at the last visit; weight has dropped from the "
        "50th to the 25th centile.",
        "Too young to say; {name} was quiet and did not look for Mum's attention.",
        "Extra health visitor contacts, and advice on feeding and nappy care; Mum was referred to talking therapies.",
        "Mum did not go to her talking therapies appointment and things have got worse since the last visit.",
        "Mum loves the children and was honest about how hard things are; maternal grandmother lives nearby.",
        "The GP is worried about Mum's mental health; no other services are involved yet.",
        "Home conditions poor, baby losing weight.",
    ),
    "self_harm": Scenario(
        3,
        ("Self-harm, or mental health difficulties",),
        (11, 17),
        "Seen in surgery with Mum after cutting her forearms over several weeks. Low mood for six months, not "
        "sleeping and not in school for most of last half-term. Mum is very worried and does not know how to "
        "keep her safe at home; Dad left the family home in the summer.",
        "{name} has stopped seeing friends, has lost weight and is missing most of school.",
        "{name} says: 'I just want everything to be quiet in my head.'",
        "A referral to CAMHS, and safety planning with Mum in surgery.",
        "CAMHS have accepted the referral; the waiting list for a first appointment is about 14 weeks.",
        "Mum is very supportive and came with her; {name} likes art and has one close friend.",
        "CAMHS think early help could support the family while they wait; school is aware of the cutting.",
        "Self-harm, low mood.",
        sex="F",
    ),
    "money": Scenario(
        2,
        ("Missed health appointments", "Money worries or debt"),
        (0, 10),
        "The children have missed their last two immunisation appointments. When Dad came in he said the family "
        "is behind with the rent and has had the electricity cut off twice; he could not afford the bus fare to "
        "the surgery.",
        "{name} is behind on immunisations and was sent home from nursery with a cough that has not been treated.",
        "{name} was cheerful in surgery and talked about a new baby cousin.",
        "We booked the immunisations twice and gave Dad the details of Citizens Advice.",
        "Dad did not contact Citizens Advice; he said he feels ashamed to ask for help.",
        "Dad clearly cares and was open about the family's money worries.",
        "The practice nurse shares the concern about the missed appointments.",
        "Missed immunisations.",
    ),
    "domestic_abuse": Scenario(
        3,
        ("Domestic abuse in the household, assessed as standard", "Arguments between parents"),
        (0, 17),
        "Police attended the home at 23:40 after a neighbour heard shouting. Mum and her partner had argued; he "
        "had pushed her and broken her phone. The children were in the house and awake. DASH risk assessment: "
        "standard. He was arrested and released on bail with conditions not to attend the address.",
        "{name} was awake and crying when officers arrived and has told school about 'shouting at night'.",
        "{name} told the officer: 'I put my hands over my ears.'",
        "This is the third incident at the address this year; the previous two were verbal arguments with no "
        "offences recorded, and information was shared with the school.",
        "Mum has been given details of Northshire Domestic Abuse Support but has not contacted them yet.",
        "Mum is protective of the children and called the police herself at the last incident.",
        "Northshire Domestic Abuse Support will offer outreach if Mum agrees.",
        "Domestic incident, children present.",
    ),
    "high_risk_abuse": Scenario(
        4,
        ("Domestic abuse assessed as high risk", "Child has suffered or is likely to suffer significant harm"),
        (0, 17),
        "Police attended after Mum was strangled by her partner in front of the children. DASH risk assessment: "
        "high; referred to MARAC. He has left the address and his whereabouts are not known. Mum has gone to her "
        "sister's with the children tonight.",
        "{name} saw the assault and was hiding upstairs when officers arrived.",
        "{name} told officers that this has happened 'lots of times'.",
        "Two previous incidents this year, both assessed as medium risk.",
        "Mum did not support the previous prosecutions.",
        "Mum acted to protect the children and went to a safe place.",
        "The IDVA service has been contacted; MARAC is next Tuesday.",
        "High-risk domestic abuse, children present.",
    ),
    "missing": Scenario(
        3,
        ("Goes missing from home or school", "Early signs of exploitation"),
        (12, 17),
        "Reported missing by Mum three times in the last month, each time returning after midnight. On the last "
        "return he had a new phone and £80 in cash he could not explain, and he has been seen with older young "
        "people from outside the area. Return home interview completed.",
        "{name} is missing lessons, has been excluded for a day, and Mum says he is angry and secretive at home.",
        "{name} says he was 'just at a mate's' and does not see what the fuss is about.",
        "A return home interview after each missing episode, and advice to Mum on reporting.",
        "He engaged with the last return home interview but would not say where he had been.",
        "Mum reports every episode quickly and wants help; {name} is good at boxing and likes his coach.",
        "School shares the worry about older friends; the youth justice prevention team know the group.",
        "Missing episodes x3.",
        sex="M",
    ),
    "eviction": Scenario(
        3,
        ("Family at risk of eviction", "Serious debt"),
        (0, 17),
        "The family owe over £2,400 in rent and we have served a notice seeking possession. Mum has told me she is "
        "not opening letters and is skipping meals so the children can eat. The children share one bedroom with "
        "her.",
        "{name} is sleeping badly in the shared room and Mum says {name} is worried they will have to move school.",
        "{name} asked the officer whether they would have to leave their house.",
        "Two payment plans and a referral to the money advice service.",
        "Both payment plans failed after a month; Mum did not attend the money advice appointment.",
        "Mum is in touch with us and wants to keep the tenancy; the children are settled at school.",
        "The school has noticed the children seem hungry on Mondays.",
        "Rent arrears, eviction risk.",
    ),
    "anxiety": Scenario(
        2,
        ("Low mood, worry or behaviour", "Separation, bereavement or a move"),
        (5, 13),
        "Since her grandad died in the spring she has been very anxious: not sleeping alone, wetting the bed again "
        "and refusing to go into school on Mondays. Mum is grieving too and says she is struggling to cope with "
        "both children.",
        "{name} is missing the start of the school day and has stopped going to Brownies.",
        "{name} says she worries 'something bad will happen to Mummy'.",
        "Three school nurse sessions on sleep and worries, and advice on bedwetting.",
        "The bedwetting has improved but the worry about school has not.",
        "Mum is very loving and came to every session; {name} is doing well in lessons when she is there.",
        "The class teacher agrees; the family has not been in touch with the bereavement service.",
        "Anxious, wetting the bed.",
        sex="F",
    ),
    "conflict": Scenario(
        2,
        ("Arguments between parents", "Low mood, worry or behaviour"),
        (10, 17),
        "The parents are separating and argue in front of the children, including at handovers at school. The "
        "young person has been referred to our team for anxiety, but most of what worries her is at home.",
        "{name} has panic attacks before contact weekends and her grades have dropped.",
        "{name} says she feels 'stuck in the middle' and wants her parents to stop using her to pass on messages.",
        "Four sessions of guided self-help with our team.",
        "{name} uses the breathing techniques, but the panic attacks continue around contact.",
        "Both parents love her and each has asked for help; she has a good group of friends.",
        "School and our team agree that help for the parents' communication is what would make the difference.",
        "Anxiety linked to parents' separation.",
        sex="F",
    ),
    "disclosure": Scenario(
        4,
        ("Child says they have been abused", "Injury or bruising with no credible explanation"),
        (4, 11),
        "At lunchtime the child showed a teaching assistant a bruise on the upper arm and said Dad hit them with a "
        "belt last night because they would not go to bed. The bruise is about 5 cm long with a clear edge. The "
        "child is frightened to go home. Parents have not been told about this contact.",
        "{name} was tearful and withdrawn all morning and did not want to go out at playtime.",
        "{name} said: 'Daddy said I'm not allowed to tell anyone.'",
        "Nothing: this is the first concern of this kind. There was an earlier attendance concern last year.",
        "Attendance is now good.",
        "{name} has a trusted relationship with the teaching assistant and a close friendship group.",
        "Not yet discussed with other professionals because of the urgency.",
        "Disclosure of physical abuse, bruise to arm.",
    ),
    "antisocial": Scenario(
        3,
        ("Involved in anti-social behaviour", "Spends time with friends who get into trouble"),
        (10, 17),
        "Given a community resolution for criminal damage at the park with three older boys. He is out late most "
        "nights and Mum says she cannot stop him going out. No offences before this.",
        "{name} has had two fixed-term exclusions this year and has dropped out of football.",
        "{name} says he was 'bored' and that the older boys are his mates.",
        "A community resolution and a meeting with Mum and {name}.",
        "Mum came to the meeting and agreed to a curfew, but {name} has been out late since.",
        "Mum is worried and wants help; {name} was polite and honest in the meeting.",
        "Northby High School share the worry about the older group; no other services are involved.",
        "ASB, out late.",
        sex="M",
    ),
    "new_baby": Scenario(
        2,
        ("Family new to the area", "Family isolated"),
        (0, 2),
        "The family moved to Northshire from out of area six weeks ago, just before the baby was born. They are in "
        "a privately rented flat with little furniture, know nobody here, and Mum has not registered with a GP yet.",
        "{name} is well but has not had the six-to-eight-week check because the family are not registered.",
        "Too young to say; {name} is alert and feeding well.",
        "Information about GP registration and the local family hub.",
        "Not yet known: this was the first visit.",
        "Both parents are caring and attentive with the baby and keen to settle in.",
        "None yet: the family have not met any other services here.",
        "New family to area.",
    ),
}

# Spellings a referrer might use for a name they heard (Jaydon for Jayden): applied after the first letter.
SPELLINGS = (
    ("ayden", "aydon"),
    ("ph", "f"),
    ("ie", "y"),
    ("y", "ie"),
    ("ck", "k"),
    ("nn", "n"),
    ("ll", "l"),
    ("ai", "ay"),
    ("ee", "ea"),
    ("c", "k"),
    ("k", "c"),
    ("i", "y"),
    ("e", "a"),
    ("a", "e"),
)

# --- the register, as the demo needs it ---------------------------------------------------------------------------


@dataclass
class Household:
    """One family on the register: its children and adults, and how each adult is related to the children."""

    family: Family
    children: list[Person]
    adults: list[Person]
    relationship: dict[int, str] = field(default_factory=dict)  # adult pk -> type
    living: dict[int, bool] = field(default_factory=dict)  # person pk -> lives in the household
    address: dict[int, tuple[str, str]] = field(default_factory=dict)  # person pk -> (address, postcode)

    def children_aged(self, ages: tuple[int, int], today: date, sex: str = "") -> list[Person]:
        return [
            c
            for c in self.children
            if c.date_of_birth
            and ages[0] <= age_on(c.date_of_birth, today) <= ages[1]
            and (not sex or (c.sex is not None and c.sex.code == sex))
        ]


def load_households(rng: random.Random, today: date) -> list[Household]:
    """Up to FAMILIES_CONSIDERED families with a born child, in an order drawn from `rng`; sealed ones left out."""
    sealed = Restriction.objects.values("family_id")
    ids = list(Family.objects.live().exclude(pk__in=sealed).order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(ids, min(FAMILIES_CONSIDERED, len(ids)))
    members = (
        FamilyMember.objects.filter(family_id__in=chosen, person__archived_at__isnull=True)
        .select_related("family", "person__sex", "person__first_language")
        .order_by("family_id", "person__date_of_birth", "person_id")
    )
    by_family: dict[int, Household] = {}
    for member in members:
        household = by_family.setdefault(member.family_id, Household(member.family, [], []))
        person = member.person
        household.living[person.pk] = member.lives_in_household
        if person.date_of_birth is None:
            continue  # not born yet: requests in the demo are about born children
        if age_on(person.date_of_birth, today) < 18:
            household.children.append(person)
        else:
            household.adults.append(person)
    household_of = {p.pk: h for h in by_family.values() for p in (*h.children, *h.adults)}
    children = {c.pk for h in by_family.values() for c in h.children}
    relationships = (
        PersonRelationship.objects.filter(person_id__in=household_of, relative_id__in=children, ended_on__isnull=True)
        .order_by("pk")
        .values_list("person_id", "relative_id", "type")
    )
    for person_id, relative_id, type_ in relationships:
        household = household_of[person_id]
        if person_id not in children and household is household_of[relative_id]:
            household.relationship.setdefault(person_id, type_)
    addresses = Address.objects.live().filter(person_id__in=household_of, moved_out__isnull=True).order_by("pk")
    for address in addresses:
        line = ", ".join(part for part in (address.line_1, address.line_2, address.town) if part)
        household_of[address.person_id].address[address.person_id] = (line, address.postcode)
    return [by_family[pk] for pk in chosen if pk in by_family and by_family[pk].children]


# --- the people who make and decide requests ----------------------------------------------------------------------


@dataclass
class Cast:
    front_door: Any
    manager: Any
    referrers: dict[str, list[Any]]  # agency type -> users, plus "dsl" and "hv" for the two demo referrers
    teams: list[Team]

    def referrer(self, kind: str, rng: random.Random) -> Any:
        """A user of this kind; an agency the demo has no practitioner at hands its request to a demo referrer."""
        health = (AgencyType.EARLY_YEARS, AgencyType.HEALTH_VISITING, AgencyType.SCHOOL_NURSING, AgencyType.GP)
        users = self.referrers.get(kind) or self.referrers["hv" if kind in health else "dsl"]
        return rng.choice(users)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", ".", text.lower()).strip(".")


def _partner_referrer(fake: Faker, rng: random.Random, agency: Agency, job_title: str) -> Any:
    """A referrer at an agency that has no demo user of its own (a GP practice, the police), who cannot sign in."""
    user_model = get_user_model()
    first, last = fake.first_name(), fake.last_name()
    email = f"{_slug(first)}.{_slug(last)}@{data.STAFF_DOMAIN}"
    suffix = 2
    while user_model.objects.filter(email=email).exists():
        email = f"{_slug(first)}.{_slug(last)}{suffix}@{data.STAFF_DOMAIN}"
        suffix += 1
    user = user_model(email=email, full_name=f"{first} {last}")
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=roles.REFERRER))
    PractitionerProfile.objects.create(
        user=user,
        agency=agency,
        team=agency.teams.order_by("pk").first(),
        job_title=job_title,
        phone=f"07700 900{rng.randint(900, 999):03d}",
    )
    return user


def load_cast(fake: Faker, rng: random.Random) -> Cast:
    user_model = get_user_model()
    profiles = (
        PractitionerProfile.objects.filter(user__is_active=True, user__groups__name__in=REFERRING_ROLES)
        .exclude(agency__type__in=NOT_REFERRING)
        .select_related("user", "agency")
        .order_by("user__email")
        .distinct()
    )
    referrers: dict[str, list[Any]] = {}
    for profile in profiles:
        referrers.setdefault(profile.agency.type, []).append(profile.user)
    # The two demo referrers make most requests, so that their own "My requests" pages are full.
    referrers["dsl"] = [user_model.objects.get(email=SAFEGUARDING_LEAD)]
    referrers["hv"] = [user_model.objects.get(email=HEALTH_VISITOR)]
    for agency_type, job_title in ((AgencyType.GP, "GP partner"), (AgencyType.POLICE, "Police Constable")):
        if agency_type not in referrers:
            agency = Agency.objects.filter(type=agency_type).order_by("pk").first()
            if agency is not None:
                referrers[agency_type] = [_partner_referrer(fake, rng, agency, job_title)]
    names = set(data.EARLY_HELP_TEAMS)
    teams = [team for team in early_help_teams().order_by("pk") if team.name in names] or list(early_help_teams())
    return Cast(
        front_door=user_model.objects.get(email=FRONT_DOOR_USER),
        manager=user_model.objects.get(email=MANAGER),
        referrers=referrers,
        teams=teams,
    )


# --- the plan ------------------------------------------------------------------------------------------------------

FULL, PARTIAL, POOR = "full", "partial", "poor"
SPELLING, HYPHEN, SWAP, EXACT = "spelling", "hyphen", "swap", "exact"


@dataclass(frozen=True)
class Decided:
    """What the front door decided for each child, in order, and what happened after."""

    outcomes: tuple[str, ...]
    needs: bool
    feedback: str  # "read", "sent" or "" (not sent yet)
    review: str = ""  # "agree", "agree_note", "waiting" or "" (by the rules)


@dataclass(frozen=True)
class Slot:
    referrer: str
    scenario: str
    children: int = 1
    adults: int = 1
    quality: str = FULL
    harm: bool = False
    variant: str = EXACT
    new_family: bool = False  # children not on the register
    tag: str = ""  # households shared between slots, for repeat requests
    matched: bool = False  # the front door has already linked the children to the register
    awaiting: bool = False
    rag: str = "green"
    days_ago: int = 0
    decided: Decided | None = None


A, S, E = Outcome.ADVICE, Outcome.SINGLE_AGENCY, Outcome.EARLY_HELP
C, N = Outcome.SOCIAL_CARE, Outcome.NO_FURTHER_ACTION

# Oldest first: a later request about the same child finds the earlier one.
DECIDED: tuple[Slot, ...] = (
    Slot("hv", "development", adults=1, quality=FULL, days_ago=418, decided=Decided((A,), True, "read")),
    Slot(
        AgencyType.POLICE,
        "domestic_abuse",
        children=2,
        adults=2,
        quality=PARTIAL,
        days_ago=381,
        decided=Decided((E, E), True, "sent"),
    ),
    Slot(AgencyType.SCHOOL_NURSING, "anxiety", quality=FULL, days_ago=329, decided=Decided((S,), True, "read")),
    Slot(
        AgencyType.GP,
        "money",
        children=2,
        quality=PARTIAL,
        days_ago=288,
        decided=Decided((N, N), True, "read", review="agree"),
    ),
    Slot(
        AgencyType.POLICE,
        "high_risk_abuse",
        adults=2,
        harm=True,
        quality=PARTIAL,
        days_ago=243,
        decided=Decided((C,), True, "read"),
    ),
    Slot(
        "dsl",
        "attendance",
        children=2,
        adults=2,
        quality=FULL,
        tag="repeat",
        days_ago=201,
        decided=Decided((E, E), True, "read"),
    ),
    Slot(
        AgencyType.HOUSING,
        "eviction",
        quality=POOR,
        days_ago=149,
        decided=Decided((N,), False, "sent", review="agree_note"),
    ),
    Slot("hv", "low_mood", children=2, quality=FULL, tag="baby", days_ago=108, decided=Decided((E, A), True, "read")),
    Slot(
        "dsl",
        "behaviour",
        quality=PARTIAL,
        tag="repeat",
        days_ago=59,
        decided=Decided((N,), True, "sent", review="waiting"),
    ),
    Slot(AgencyType.MENTAL_HEALTH, "conflict", quality=FULL, days_ago=19, decided=Decided((S,), True, "")),
)

OPEN: tuple[Slot, ...] = (
    Slot("dsl", "disclosure", adults=2, harm=True, quality=FULL, rag="green"),
    Slot("dsl", "young_carer", quality=PARTIAL, tag="repeat", matched=True, awaiting=True, rag="red"),
    Slot("hv", "home_conditions", adults=2, quality=FULL, tag="baby", variant=SPELLING, rag="amber"),
    Slot(AgencyType.GP, "self_harm", quality=PARTIAL, variant=HYPHEN, rag="red"),
    Slot(AgencyType.POLICE, "missing", adults=2, quality=PARTIAL, variant=SWAP, rag="red"),
    Slot(AgencyType.SCHOOL, "behaviour", children=2, quality=POOR, variant=SPELLING, rag="amber"),
    Slot(AgencyType.YOUTH_JUSTICE, "antisocial", quality=FULL, rag="green"),
    Slot(AgencyType.VOLUNTARY_SECTOR, "domestic_abuse", children=2, quality=PARTIAL, awaiting=True, rag="red"),
    Slot(AgencyType.EARLY_YEARS, "development", quality=PARTIAL, new_family=True, rag="green"),
    Slot(AgencyType.SCHOOL, "young_carer", children=2, quality=FULL, variant=SWAP, rag="amber"),
    Slot(AgencyType.HEALTH_VISITING, "new_baby", quality=FULL, new_family=True, rag="green"),
    Slot(AgencyType.SCHOOL_NURSING, "anxiety", children=2, quality=POOR, variant=SPELLING, rag="green"),
)

SUPPORT_DETAIL: dict[str, tuple[str, ...]] = {
    A: (
        "Stay and Play at Northby Family Hub on Tuesday and Thursday mornings, and the Bookstart Treasure pack. "
        "The funded two-year-old nursery place application has been sent to Mum.",
        "Information about the Little Acorns parent and baby group and the Northshire Family Information Service.",
    ),
    S: (
        "The school nursing team will offer six sessions on sleep and worries, and check in with school each half-"
        "term.",
        "The Mental Health Support Team in Schools will offer eight sessions of parent-led CBT with Mum and Dad.",
    ),
}
RATIONALE: dict[str, str] = {
    A: "Needs are emerging and the family want help; a universal service and advice should meet them.",
    S: "Needs at level 2 that one service already involved can meet, with the family's agreement.",
    E: "Several needs across the family at level 2 to 3: a whole-family early help assessment and a lead "
    "practitioner are needed. Parents consent.",
    C: "Risk of significant harm: high-risk domestic abuse with the children present. Passed to children's social "
    "care the same day under the consent override; MARAC informed.",
    N: "",
}
NO_HELP_REASONS = (
    "Mum declined early help when we called: she says things are better since she started a new job. The GP "
    "practice will keep in touch and knows how to ask again.",
    "Parents do not want further help now and are working with the school's pastoral team. The school will ask "
    "again if the worries continue.",
)
NFA_NO_NEED = (
    "The family already have the help they need from Tenancy Sustainment, who confirmed a payment plan is in "
    "place. No additional needs for the children identified."
)

# --- doing it ------------------------------------------------------------------------------------------------------


@contextmanager
def _settings(**values: Any) -> Iterator[None]:
    """Override settings for a block, as the seed does for DEBUG: no emails to the demo's made-up referrers, and
    the no-further-action sample drawn from the seed's random generator, not `secrets`."""
    previous = {name: getattr(settings, name) for name in values}
    for name, value in values.items():
        setattr(settings, name, value)
    try:
        yield
    finally:
        for name, value in previous.items():
            setattr(settings, name, value)


OFFICE_OPENS, OFFICE_CLOSES = time(8, 0), time(18, 30)


def _office_time(rng: random.Random, now: datetime, days_ago: int) -> datetime:
    day = (now - timedelta(days=days_ago)).astimezone(LONDON).date()
    while not is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(8, 30), tzinfo=LONDON) + timedelta(minutes=rng.randint(0, 8 * 60))


def receipt_times(now: datetime) -> dict[str, list[datetime]]:
    """Receipt times in office hours over the last eight days, most recent first, by the colour their
    one-working-day clock shows now. At a weekend there may be no amber or green: callers fall back."""
    times: dict[str, list[datetime]] = {"green": [], "amber": [], "red": []}
    for step in range(1, 8 * 24 * 4):
        received = now - timedelta(minutes=15 * step)
        if OFFICE_OPENS <= received.astimezone(LONDON).time() <= OFFICE_CLOSES:
            times[clock_start(received).rag(now)].append(received)
    return times


def _variant(rng: random.Random, name: str) -> str:
    lower = name.lower()
    spellings = [(lower.find(old, 1), old, new) for old, new in SPELLINGS if lower.find(old, 1) > 0]
    if not spellings:
        return name + "e"
    position, old, new = rng.choice(spellings[:3])
    return name[:position] + new + name[position + len(old) :]


def _swapped(day: date) -> date:
    if day.day <= 12 and day.day != day.month:
        return day.replace(day=day.month, month=day.day)
    return day - timedelta(days=1)


class FrontDoorSeeder:
    def __init__(self, rng: random.Random, fake: Faker, now: datetime) -> None:
        self.rng = rng
        self.fake = fake
        self.now = now
        self.today = now.astimezone(LONDON).date()
        self.cast = load_cast(fake, rng)
        self.households = load_households(rng, self.today)
        self.used: set[int] = set()
        self.tagged: dict[str, Household] = {}
        self.document = threshold_current()
        self.levels: dict[int, Level] = {level.number: level for level in self.document.levels.all()}
        self.created = 0
        self.receipts = receipt_times(now)

    def received(self, rag: str) -> datetime:
        """When an open request came in, for the colour it should show; any open request is green at worst."""
        times = self.receipts[rag]
        if not times:
            return self.now - timedelta(minutes=self.rng.randint(8, 150))
        # Green and amber: the latest times of that colour; red: any time in the last eight days.
        received = self.rng.choice(times if rag == "red" else times[:6])
        jittered = received - timedelta(minutes=self.rng.randint(0, 14))
        return jittered if clock_start(jittered).rag(self.now) == rag else received

    # -- choosing -----------------------------------------------------------------------------------------------------

    def household(self, slot: Slot, ages: tuple[int, int], sex: str = "") -> Household | None:
        if slot.tag and slot.tag in self.tagged:
            return self.tagged[slot.tag]
        fresh = [h for h in self.households if h.family.pk not in self.used]
        pool = (
            [h for h in fresh if h.children_aged(ages, self.today, sex)]
            or [h for h in fresh if h.children_aged(ages, self.today)]
            or fresh
        )
        # A hyphenated surname is kept for the request that leaves the hyphen out.
        hyphenated = [h for h in pool if any("-" in p.legal_last_name for p in h.children)]
        pool = (hyphenated if slot.variant == HYPHEN else [h for h in pool if h not in hyphenated]) or pool
        if not pool:
            return None
        household = pool[0]
        self.used.add(household.family.pk)
        if slot.tag:
            self.tagged[slot.tag] = household
        return household

    def indicators(self, scenario: Scenario) -> list[Indicator]:
        level = self.levels.get(scenario.level)
        if level is None:
            return []
        return [i for i in level.indicators.all() if any(i.text.startswith(start) for start in scenario.indicators)]

    # -- what the referrer typed --------------------------------------------------------------------------------------

    def answers(self, slot: Slot, scenario: Scenario, household: Household | None, *, name: str) -> dict[str, Any]:
        level = self.levels.get(scenario.level)
        interpreter = [a for a in (household.adults if household else []) if a.interpreter_needed == YesNoUnknown.YES]
        answers: dict[str, Any] = {
            "significant_harm_now": slot.harm,
            "concerns": scenario.concerns,
            "tried_before": scenario.tried_before,
            "tried_outcome": scenario.tried_outcome,
            "strengths": scenario.strengths,
            "professional_views": scenario.professional_views,
            "parents_aware": YesNoUnknown.YES,
            "consent": Consent.GIVEN,
            "interpreter_needed": YesNoUnknown.YES if interpreter else YesNoUnknown.NO,
            "languages": interpreter[0].first_language.label if interpreter and interpreter[0].first_language else "",
            "suggested_level": level,
            "suggested_indicators": self.indicators(scenario),
        }
        if slot.harm:
            # Telling the parents first could put the child at greater risk (Working Together 2023).
            answers |= {
                "parents_aware": YesNoUnknown.NO,
                "consent": Consent.NOT_ASKED,
                "consent_reason": "Telling the parents before children's social care have spoken to the child could "
                "put the child at greater risk.",
            }
        if slot.quality == PARTIAL:
            gaps = ["strengths", "professional_views", "tried", "interpreter", "level"]
            dropped = self.rng.sample(gaps, self.rng.randint(2, 3))
            if "strengths" in dropped:
                answers["strengths"] = ""
            if "professional_views" in dropped:
                answers["professional_views"] = ""
            if "tried" in dropped:
                answers |= {"tried_before": "", "tried_outcome": ""}
            if "interpreter" in dropped:
                answers |= {"interpreter_needed": YesNoUnknown.NOT_KNOWN, "languages": ""}
            if "level" in dropped:
                answers |= {"suggested_level": None, "suggested_indicators": []}
        elif slot.quality == POOR:
            answers |= {
                "concerns": scenario.short,
                "tried_before": "",
                "tried_outcome": "",
                "strengths": "",
                "professional_views": "",
                "parents_aware": YesNoUnknown.NOT_KNOWN,
                "consent": Consent.NOT_ASKED,
                "interpreter_needed": YesNoUnknown.NOT_KNOWN,
                "languages": "",
                "suggested_level": None,
                "suggested_indicators": [],
            }
        return {key: v.replace("{name}", name) if isinstance(v, str) else v for key, v in answers.items()}

    def named(self, slot: Slot, household: Household, person: Person, *, is_child: bool) -> dict[str, Any]:
        first, last, born = person.legal_first_name, person.legal_last_name, person.date_of_birth
        if slot.variant == SPELLING and is_child:
            first = _variant(self.rng, first)
        elif slot.variant == HYPHEN and "-" in last:
            last = last.replace("-", " ")
        elif slot.variant == HYPHEN and is_child:
            last = _variant(self.rng, last)
        elif slot.variant == SWAP and is_child and born:
            born = _swapped(born)
        address, postcode = household.address.get(person.pk, ("", ""))
        details: dict[str, Any] = {
            "first_name": first,
            "last_name": last,
            "other_names": person.preferred_name if person.preferred_name != first else "",
            "date_of_birth": born,
            "sex": person.sex,
            "lives_in_household": household.living.get(person.pk, True),
            "address": address,
            "postcode": postcode,
            # Health staff know the NHS number; others rarely do.
            "nhs_number": person.nhs_number if slot.referrer in ("hv", AgencyType.GP) else "",
        }
        if not is_child:
            details["relationship"] = household.relationship.get(person.pk, R.OTHER)
        return details

    def child_words(self, slot: Slot, scenario: Scenario, name: str) -> dict[str, Any]:
        if slot.quality == POOR:
            return {"impact": "", "child_views": ""}
        words = {"impact": scenario.impact.format(name=name), "child_views": scenario.child_views.format(name=name)}
        if slot.quality == PARTIAL and self.rng.random() < 0.5:
            words["child_views"] = ""
        return words

    def new_child(self, slot: Slot, scenario: Scenario) -> dict[str, Any]:
        female = self.rng.random() < 0.5
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        age_days = self.rng.randint(max(scenario.ages[0] * 365, 30), scenario.ages[1] * 365 + 300)
        outward = self.rng.choice(self.rng.choice(data.TOWNS)[1])
        letters = "".join(self.rng.choice(data.INWARD_LETTERS) for _ in range(2))
        return {
            "first_name": first,
            "last_name": self.fake.last_name(),
            "date_of_birth": self.today - timedelta(days=age_days),
            "postcode": f"{outward} {self.rng.randint(1, 9)}{letters}",
            "address": f"{self.rng.randint(1, 120)} {self.rng.choice(data.STREET_WORDS)} Road",
            **self.child_words(slot, scenario, first),
        }

    # -- making one request -------------------------------------------------------------------------------------------

    def request(self, slot: Slot) -> tuple[SupportRequest, list[tuple[RequestPerson, Person | None]]] | None:
        scenario = SCENARIOS[slot.scenario]
        household = None if slot.new_family else self.household(slot, scenario.ages, scenario.sex)
        if household is None and not slot.new_family:
            return None
        user = self.cast.referrer(slot.referrer, self.rng)
        draft = services.request_start(user=user)
        named: list[tuple[RequestPerson, Person | None]] = []
        agency = user.profile.agency
        school = agency.name if agency.type in (AgencyType.SCHOOL, AgencyType.EARLY_YEARS) else ""
        if household is None:
            child = self.new_child(slot, scenario)
            child["school_or_setting"] = school
            saved = services.request_person_save(
                user=user, support_request=draft, person=None, is_child=True, data=child
            )
            named.append((saved, None))
            if slot.adults:
                mother = {
                    "first_name": self.fake.first_name_female(),
                    "last_name": child["last_name"],
                    "relationship": R.MOTHER,
                    "lives_in_household": True,
                    "address": child["address"],
                    "postcode": child["postcode"],
                }
                saved = services.request_person_save(
                    user=user, support_request=draft, person=None, is_child=False, data=mother
                )
                named.append((saved, None))
        else:
            children = (
                household.children_aged(scenario.ages, self.today, scenario.sex)
                or household.children_aged(scenario.ages, self.today)
                or household.children
            )
            for person in children[-slot.children :]:
                details = self.named(slot, household, person, is_child=True)
                details |= self.child_words(slot, scenario, details["first_name"])
                details["school_or_setting"] = school
                saved = services.request_person_save(
                    user=user, support_request=draft, person=None, is_child=True, data=details
                )
                named.append((saved, person))
            parents = sorted(household.adults, key=lambda a: (a.pk not in household.relationship, a.pk))
            for person in parents[: slot.adults]:
                details = self.named(slot, household, person, is_child=False)
                saved = services.request_person_save(
                    user=user, support_request=draft, person=None, is_child=False, data=details
                )
                named.append((saved, person))
        answers = self.answers(slot, scenario, household, name=named[0][0].first_name)
        draft = services.request_update(user=user, support_request=draft, data=answers, version=draft.version)
        submitted = services.request_submit(user=user, support_request=draft)
        self.created += 1
        return submitted, named

    def backdate(self, request: SupportRequest, received: datetime, *, awaiting: bool = False) -> None:
        started = received - timedelta(minutes=self.rng.randint(6, 50))
        SupportRequest.objects.filter(pk=request.pk).update(
            created_at=started,
            updated_at=received,
            submitted_at=received,
            due_at=clock_start(received, services.DECISION_WORKING_DAYS).due_at,
            # The reference carries the year of receipt, as services._assign_reference gave it on the day.
            reference=f"R{received.astimezone(LONDON):%y}-{request.pk:06d}",
            **({"status": RequestStatus.AWAITING_INFORMATION} if awaiting else {}),
        )
        RequestPerson.objects.filter(request=request).update(created_at=started, updated_at=started)

    def confirm(self, named: Sequence[tuple[RequestPerson, Person | None]], at: datetime) -> None:
        for mention, person in named:
            if person is not None:
                services.request_person_match_confirm(user=self.cast.front_door, request_person=mention, person=person)
        ids = [mention.pk for mention, person in named if person is not None]
        RequestPerson.objects.filter(pk__in=ids).update(match_confirmed_at=at, updated_at=at)

    # -- deciding ----------------------------------------------------------------------------------------------------

    def decide(self, request: SupportRequest, slot: Slot) -> None:
        assert slot.decided is not None
        plan = slot.decided
        # Fresh from the database: the links to the register confirmed at triage decide whether this is a repeat.
        children = list(RequestPerson.objects.filter(request=request, is_child=True).order_by("pk"))
        team = self.rng.choice(self.cast.teams)  # brothers and sisters go to the same team
        outcomes: list[services.ChildOutcomeInput] = []
        for n, child in enumerate(children):
            outcome = plan.outcomes[min(n, len(plan.outcomes) - 1)]
            outcomes.append(self.child_outcome(child, outcome, plan.needs, team=team, received=request.submitted_at))
        first = plan.outcomes[0]
        number = 4 if first == C else 1 if first == N and not plan.needs else 3 if first == E else 2
        level = self.levels.get(number) or next(iter(self.levels.values()))
        rationale = RATIONALE[first] or (
            "Needs identified at level 2, but the family have declined help; the reason is recorded and the "
            "referrer knows how to ask again."
            if plan.needs
            else NFA_NO_NEED
        )
        positions: dict[str, str] = {
            C: ConsentPosition.OVERRIDE,
            A: ConsentPosition.NOT_NEEDED,
            N: ConsentPosition.REFUSED if plan.needs else ConsentPosition.NOT_NEEDED,
        }
        consent = positions.get(first, ConsentPosition.GIVEN)
        sampled = plan.review in ("agree", "agree_note")
        with _settings(NFA_REVIEW_SAMPLE_PERCENT=100 if sampled else 0):
            decision = services.decision_record(
                user=self.cast.front_door,
                support_request=request,
                level=level,
                indicators=[i for i in request.suggested_indicators.all() if i.level_id == level.pk][:2]
                or list(level.indicators.all()[:1]),
                needs_identified=plan.needs,
                rationale=rationale,
                consent_position=consent,
                consent_note="Parents told the referrer they agree to the request." if consent == "given" else "",
                outcomes=outcomes,
            )
        assert request.submitted_at is not None
        decided = self.decided_at(request.submitted_at)
        Decision.objects.filter(pk=decision.pk).update(created_at=decided, updated_at=decided, decided_at=decided)
        ChildOutcome.objects.filter(decision=decision).update(created_at=decided, updated_at=decided)
        SupportRequest.objects.filter(pk=request.pk).update(updated_at=decided)
        feedback = Feedback.objects.get(request=request)
        Feedback.objects.filter(pk=feedback.pk).update(
            created_at=decided, updated_at=decided, due_at=add_working_days(decided, 1)
        )
        if plan.feedback:
            services.feedback_send(user=self.cast.front_door, feedback=feedback, text=feedback.text)
            sent = decided + timedelta(minutes=self.rng.randint(10, 200))
            read = sent + timedelta(hours=self.rng.randint(1, 30)) if plan.feedback == "read" else None
            if read is not None and request.created_by is not None:
                services.feedback_mark_read(user=request.created_by, feedback=Feedback.objects.get(pk=feedback.pk))
            Feedback.objects.filter(pk=feedback.pk).update(sent_at=sent, read_at=read, updated_at=read or sent)
        review = NfaReview.objects.filter(decision=decision).first()
        if review is not None:
            NfaReview.objects.filter(pk=review.pk).update(created_at=decided, updated_at=decided)
            if plan.review in ("agree", "agree_note"):
                note = "Agree: no unmet need for the children; the family know how to ask again." * (
                    plan.review == "agree_note"
                )
                services.nfa_review_record(user=self.cast.manager, review=review, result="agree", note=note)
                reviewed = decided + timedelta(days=self.rng.randint(2, 12), minutes=self.rng.randint(0, 400))
                NfaReview.objects.filter(pk=review.pk).update(reviewed_at=reviewed, updated_at=reviewed)

    def child_outcome(
        self, child: RequestPerson, outcome: str, needs: bool, *, team: Team, received: datetime | None
    ) -> services.ChildOutcomeInput:
        year = (received or self.now).astimezone(LONDON).year
        if outcome == E:
            return services.ChildOutcomeInput(child=child, outcome=outcome, team=team)
        if outcome in (A, S):
            return services.ChildOutcomeInput(
                child=child, outcome=outcome, support_detail=self.rng.choice(SUPPORT_DETAIL[outcome])
            )
        if outcome == C:
            return services.ChildOutcomeInput(
                child=child, outcome=outcome, social_care_reference=f"CSC-{year}-0{self.rng.randint(100, 999)}"
            )
        reason = self.rng.choice(NO_HELP_REASONS) if needs else ""
        return services.ChildOutcomeInput(child=child, outcome=outcome, no_help_reason=reason)

    def decided_at(self, received: datetime) -> datetime:
        started = clock_start(received).started_at
        decided = started + timedelta(minutes=self.rng.randint(40, 360))
        if decided.astimezone(LONDON).hour >= 18:
            decided = add_working_days(started, 1) - timedelta(minutes=self.rng.randint(30, 180))
        return decided

    # -- families asking for themselves ------------------------------------------------------------------------------

    def self_referrals(self) -> None:
        asks = (
            (
                "parent",
                "{name} has been really angry since their dad left and I can't get them to school most days. I would "
                "like help with the behaviour and someone to talk to.",
                True,
                (5, 12),
                26,
            ),
            (
                "young_person",
                "My mum drinks a lot and I look after my little brother or sister most evenings. I don't want to get "
                "mum in trouble but I'm really tired and I'm falling behind at school.",
                False,
                (12, 17),
                5,
            ),
            (
                "relative",
                "I'm their nan. My daughter is really struggling since the baby came, the house is a mess and "
                "{name} keeps missing nursery. I help when I can but I work full time.",
                True,
                (0, 5),
                15,
            ),
        )
        for relationship, concerns, consent, ages, hours_ago in asks:
            household = self.household(Slot("self", "behaviour"), ages)
            if household is None:
                return
            child = (household.children_aged(ages, self.today) or household.children)[0]
            adult = next(iter(household.adults), None)
            contact = (
                f"{adult.legal_first_name} {adult.legal_last_name}"
                if relationship == "parent" and adult
                else child.legal_first_name
                if relationship == "young_person"
                else f"{self.fake.first_name_female()} {self.fake.last_name()}"
            )
            others = [c for c in household.children if c.pk != child.pk]
            _, postcode = household.address.get(child.pk, ("", ""))
            request = services.self_referral_submit(
                data={
                    "token": uuid.UUID(int=self.rng.getrandbits(128), version=4),
                    "contact_name": contact,
                    "relationship": relationship,
                    "child_first_name": child.legal_first_name,
                    "child_last_name": child.legal_last_name,
                    "child_date_of_birth": child.date_of_birth if relationship != "relative" else None,
                    "other_children": ", ".join(
                        f"{c.legal_first_name} ({age_on(c.date_of_birth, self.today)})"  # type: ignore[arg-type]
                        for c in others
                    ),
                    "concerns": concerns.format(name=child.legal_first_name),
                    "postcode": postcode or "NS1 1AA",
                    "contact_phone": f"07700 900{self.rng.randint(0, 899):03d}",
                    "contact_email": f"{_slug(contact)}@example.com" if relationship != "young_person" else "",
                    "safe_to_contact": "Please text first, not after 6pm." if relationship == "young_person" else "",
                    "languages": "",
                    "consent": consent,
                }
            )
            self.created += 1
            self.backdate(request, self.now - timedelta(hours=hours_ago, minutes=self.rng.randint(0, 50)))

    # -- everything --------------------------------------------------------------------------------------------------

    def run(self) -> int:
        if not self.households:
            return 0
        for slot in DECIDED:
            made = self.request(slot)
            if made is None:
                continue
            request, named = made
            received = _office_time(self.rng, self.now, slot.days_ago)
            self.backdate(request, received)
            request.refresh_from_db()
            self.confirm(named, received + timedelta(minutes=self.rng.randint(15, 40)))
            self.decide(request, slot)
        for slot in OPEN:
            made = self.request(slot)
            if made is None:
                continue
            request, named = made
            received = self.received(slot.rag)
            self.backdate(request, received, awaiting=slot.awaiting)
            if slot.matched:
                self.confirm(named, received + timedelta(minutes=self.rng.randint(20, 90)))
        self.self_referrals()
        return self.created


def seed_front_door(*, rng: random.Random, fake: Faker, now: datetime) -> int:
    """Fill the front door with demo work about the seeded families; returns the number of requests made.

    Runs after the families and the demo users exist. Emails are switched off for the whole block, commit included,
    because feedback_send emails the referrer once the transaction commits.
    """
    if not Family.objects.live().exists():
        return 0
    with _settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        return FrontDoorSeeder(rng, fake, now).run()
