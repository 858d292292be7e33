"""The fictional Northshire service directory, for the demo seed (earlyhelp/demo/synthetic.py).

Everything is invented: the services, their addresses and their web sites. Phone numbers are in Ofcom's ranges for
drama (01632 960xxx, 07700 900xxx, 0808 157 0xxx), email addresses and web sites use reserved domains.
Idempotent: an area or a service already there (by name) is left alone, so running it twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from earlyhelp.codes.lists import LANGUAGE
from earlyhelp.codes.models import Code
from earlyhelp.directory.models import Area, Need, Service
from earlyhelp.organisations.models import Agency

ALL = ("*",)
WEB = "https://{}.northshire-services.example"

# Needs, by the names the migration gives them.
PARENTING = "Parenting"
BEHAVIOUR = "Behaviour"
ATTENDANCE = "School attendance"
SEND = "Special educational needs and disabilities (SEND)"
MENTAL_HEALTH = "Emotional wellbeing and mental health"
DOMESTIC_ABUSE = "Domestic abuse"
SUBSTANCES = "Substance misuse"
MONEY = "Money and debt"
HOUSING = "Housing"
FOOD = "Food poverty"
YOUNG_CARERS = "Young carers"
EARLY_YEARS = "Early years development"
SPEECH = "Speech and language"
YOUTH = "Youth activities"
EXPLOITATION = "Exploitation"
BEREAVEMENT = "Bereavement"
CONFLICT = "Family conflict and separation"
HEALTH = "Physical health"
WORK = "Employment and training"


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    provider: str  # a demo agency key, or the name of a provider outside the partnership
    description: str
    needs: tuple[str, ...]
    areas: tuple[str, ...]  # town names, or ALL
    routes: str  # W walk in, S self-referral, P professional referral
    ages: tuple[int | None, int | None] = (None, None)
    pregnancy: bool = False
    languages: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    opening_times: str = ""
    cost: str = "Free"


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "Incredible Years parenting programme",
        "council",
        "A 14-week group for parents of children aged 3 to 8 whose behaviour is hard to manage. Parents learn play, "
        "praise, clear limits and calm consequences, with other parents. Crèche provided.",
        (PARENTING, BEHAVIOUR),
        ALL,
        "SP",
        (3, 8),
        languages=("pol", "urd"),
        phone="01632 960501",
        email="parenting@northshire.example",
        address="Family hubs in Northby, Kelsworth and Eastwold",
        opening_times="Groups start in September, January and April. Daytime and evening groups.",
    ),
    ServiceSpec(
        "Parenting Teens group",
        "council",
        "Eight weekly sessions for parents and carers of 11 to 17 year olds: arguments, boundaries, screens, "
        "risk-taking and staying connected.",
        (PARENTING, BEHAVIOUR, CONFLICT),
        ALL,
        "SP",
        (11, 17),
        phone="01632 960501",
        email="parenting@northshire.example",
        opening_times="Tuesday evenings, 6pm to 8pm, at Northby Family Hub",
    ),
    ServiceSpec(
        "Northby Family Hub",
        "council",
        "Drop in for advice on anything to do with family life, stay and play sessions, baby clinics and help "
        "to find the right service. Staff can help families fill in forms.",
        (PARENTING, EARLY_YEARS, MONEY, HOUSING),
        ("Northby",),
        "WSP",
        (0, 19),
        pregnancy=True,
        languages=("pol", "ron", "ara"),
        phone="01632 960502",
        email="northby.hub@northshire.example",
        address="Northby Family Hub\n12 Mill Lane\nNorthby\nNS1 4QT",
        opening_times="Monday to Friday, 9am to 5pm. Saturday, 10am to 12pm.",
    ),
    ServiceSpec(
        "Kelsworth Family Hub",
        "council",
        "Drop in for advice on family life, stay and play, baby weighing, and help from the family hub team.",
        (PARENTING, EARLY_YEARS),
        ("Kelsworth", "Hallowmere"),
        "WSP",
        (0, 19),
        pregnancy=True,
        phone="01632 960503",
        email="kelsworth.hub@northshire.example",
        address="Kelsworth Family Hub\nStation Road\nKelsworth\nNS5 2LB",
        opening_times="Monday to Thursday, 9am to 5pm. Friday, 9am to 1pm.",
    ),
    ServiceSpec(
        "Eastwold and Saltmere Family Hub",
        "council",
        "Family hub for the east of Northshire: parenting advice, stay and play, and a welfare benefits surgery "
        "on Wednesdays.",
        (PARENTING, EARLY_YEARS, MONEY),
        ("Eastwold", "Saltmere"),
        "WSP",
        (0, 19),
        pregnancy=True,
        phone="01632 960504",
        email="eastwold.hub@northshire.example",
        address="The Old Library\nHigh Street\nEastwold\nNS8 1AW",
        opening_times="Monday to Friday, 9am to 4.30pm",
    ),
    ServiceSpec(
        "Bridges family support workers",
        "vcs_family",
        "A family support worker visits at home for up to 12 weeks to help with routines, boundaries, school "
        "attendance and getting other help. For families who need more than advice but not a social worker.",
        (PARENTING, ATTENDANCE, BEHAVIOUR, CONFLICT),
        ALL,
        "P",
        (0, 18),
        phone="01632 960505",
        email="referrals@bridges-family.example",
        website=WEB.format("bridges"),
        opening_times="Monday to Friday, 9am to 5pm",
    ),
    ServiceSpec(
        "School attendance support team",
        "council",
        "Advice to schools and families when a child misses school, including emotionally based school "
        "avoidance. Works with the school before any legal action.",
        (ATTENDANCE, MENTAL_HEALTH),
        ALL,
        "P",
        (5, 16),
        phone="01632 960506",
        email="attendance@northshire.example",
    ),
    ServiceSpec(
        "Money and debt advice",
        "Northshire Money Advice Centre",
        "Free, confidential advice on debt, rent and council tax arrears, benefits and budgeting. Can speak to "
        "creditors for you.",
        (MONEY, HOUSING),
        ALL,
        "WSP",
        languages=("pol", "ben", "ara"),
        phone="0808 157 0123",
        email="advice@northshire-money.example",
        website=WEB.format("money-advice"),
        address="3 Market Place\nNorthby\nNS2 7HD",
        opening_times="Drop in: Monday, Wednesday and Friday, 10am to 3pm. Phone: Monday to Friday, 9am to 5pm.",
    ),
    ServiceSpec(
        "Welfare rights and benefits checks",
        "council",
        "A benefits check for the whole family, help to claim, and representation at appeals.",
        (MONEY,),
        ALL,
        "SP",
        phone="01632 960507",
        email="welfare.rights@northshire.example",
    ),
    ServiceSpec(
        "Housing options and homelessness prevention",
        "housing",
        "Advice for families at risk of losing their home: eviction notices, rent arrears, disrepair, and "
        "applying for social housing. Call as soon as a notice arrives.",
        (HOUSING, MONEY),
        ALL,
        "WSP",
        phone="01632 960508",
        email="housing.options@northshire.example",
        address="Northshire Homes\nCivic Centre\nNorthby\nNS1 1AA",
        opening_times="Monday to Friday, 9am to 5pm. Out of hours emergency line on the same number.",
    ),
    ServiceSpec(
        "Tenancy sustainment",
        "housing",
        "A support worker helps tenants of Northshire Homes keep their tenancy: paying rent, repairs, "
        "neighbours and setting up home.",
        (HOUSING,),
        ALL,
        "P",
        phone="01632 960509",
        email="tenancy.support@northshire.example",
    ),
    ServiceSpec(
        "Northshire Young Carers Project",
        "vcs_young_carers",
        "For children and young people who look after someone at home. Young carers' assessments, clubs, trips, "
        "and a worker who can talk to school.",
        (YOUNG_CARERS, MENTAL_HEALTH, YOUTH),
        ALL,
        "SP",
        (8, 18),
        phone="01632 960510",
        email="hello@northshire-youngcarers.example",
        website=WEB.format("young-carers"),
        opening_times="Clubs after school on Wednesdays in Northby and Eastwold",
    ),
    ServiceSpec(
        "CAMHS getting help",
        "camhs",
        "Specialist mental health assessment and treatment for children and young people with moderate to "
        "severe difficulties. Referral by a GP, school or other professional.",
        (MENTAL_HEALTH,),
        ALL,
        "P",
        (0, 17),
        phone="01632 960511",
        email="camhs.spa@northshire-health.example",
    ),
    ServiceSpec(
        "Mental Health Support Team in Schools",
        "camhs",
        "Short, guided help in school for mild to moderate anxiety, low mood and worries, and advice for staff. "
        "Only in schools that have the team.",
        (MENTAL_HEALTH, ATTENDANCE),
        ("Northby", "Brackenford", "Hallowmere"),
        "P",
        (5, 18),
        phone="01632 960512",
    ),
    ServiceSpec(
        "Online counselling for young people",
        "Talk Online Northshire",
        "Free, anonymous online chat with a counsellor, moderated forums and self-help for young people. No "
        "referral needed.",
        (MENTAL_HEALTH, BEREAVEMENT),
        ALL,
        "S",
        (11, 25),
        website=WEB.format("online-wellbeing"),
        opening_times="Chat: Monday to Friday, 12pm to 10pm. Weekends, 6pm to 10pm.",
    ),
    ServiceSpec(
        "Domestic abuse outreach",
        "vcs_domestic_abuse",
        "Support for anyone experiencing domestic abuse: safety planning, help with housing and the courts, and "
        "support for children. High-risk cases are discussed at MARAC.",
        (DOMESTIC_ABUSE,),
        ALL,
        "SP",
        languages=("urd", "pan", "pol"),
        phone="0808 157 0456",
        email="support@northshire-da.example",
        website=WEB.format("domestic-abuse"),
        opening_times="Helpline every day, 8am to 8pm",
    ),
    ServiceSpec(
        "Children and young people's domestic abuse recovery group",
        "vcs_domestic_abuse",
        "A 10-week group for children who have lived with domestic abuse, run alongside a group for their "
        "mothers. The abuse must have stopped.",
        (DOMESTIC_ABUSE, MENTAL_HEALTH),
        ALL,
        "P",
        (4, 16),
        phone="0808 157 0456",
        email="support@northshire-da.example",
    ),
    ServiceSpec(
        "Healthy relationships programme for parents who harm",
        "Northshire Respect Project",
        "A group for parents who have been abusive or controlling and want to change. Each referral is assessed "
        "for safety first.",
        (DOMESTIC_ABUSE, CONFLICT),
        ALL,
        "SP",
        phone="01632 960513",
        email="change@respect-northshire.example",
    ),
    ServiceSpec(
        "Speech and language drop-in",
        "health_visiting",
        "Drop in with a speech and language therapist for advice about a young child's talking, understanding "
        "or stammering. No appointment needed.",
        (SPEECH, EARLY_YEARS),
        ALL,
        "WS",
        (0, 5),
        phone="01632 960514",
        address="At each family hub, in turn: see the timetable",
        opening_times="Every other Thursday, 1pm to 3pm",
    ),
    ServiceSpec(
        "Children's speech and language therapy",
        "hospital",
        "Assessment and therapy for children with speech, language, communication or swallowing needs.",
        (SPEECH, SEND),
        ALL,
        "P",
        (0, 18),
        phone="01632 960515",
        email="slt@northshire-health.example",
    ),
    ServiceSpec(
        "Northby Youth Club",
        "council",
        "Open youth club with sports, music, cooking and youth workers to talk to. Young people can just turn up.",
        (YOUTH, EXPLOITATION),
        ("Northby",),
        "W",
        (11, 19),
        address="Northby Youth Centre\nPark Road\nNorthby\nNS3 5RE",
        opening_times="Monday, Wednesday and Friday, 6pm to 9pm",
    ),
    ServiceSpec(
        "Brackenford Youth Club",
        "council",
        "Youth club with a games room, a football session and detached youth work in the town centre.",
        (YOUTH,),
        ("Brackenford",),
        "W",
        (11, 19),
        address="Brackenford Community Centre\nChurch Street\nBrackenford\nNS10 3PJ",
        opening_times="Tuesday and Thursday, 6pm to 9pm",
    ),
    ServiceSpec(
        "Saltmere youth sailing club",
        "Saltmere Sailing Club",
        "Sailing, rowing and teamwork for young people, with help towards uniform costs.",
        (YOUTH,),
        ("Saltmere", "Eastwold"),
        "S",
        (10, 18),
        email="youth@saltmere-sailing.example",
        opening_times="Monday and Thursday, 7pm to 9pm",
        cost="£5 a month; free for families on a low income",
    ),
    ServiceSpec(
        "Northshire Food Bank",
        "Northshire Food Bank",
        "Three days of emergency food for a household, with a referral from a professional. Toiletries and baby "
        "items too. Can also arrange a chat about money.",
        (FOOD, MONEY),
        ALL,
        "P",
        phone="01632 960516",
        email="info@northshire-foodbank.example",
        address="Distribution centres in Northby, Kelsworth, Eastwold and Saltmere",
        opening_times="Northby: Tuesday and Friday, 11am to 2pm. Others: see the web site.",
        website=WEB.format("foodbank"),
    ),
    ServiceSpec(
        "Community pantry",
        "Kelsworth Community Partnership",
        "Members pay a small weekly amount and choose groceries worth much more. No referral needed.",
        (FOOD, MONEY),
        ("Kelsworth", "Hallowmere"),
        "WS",
        address="St Mark's Hall\nKelsworth\nNS6 2DE",
        opening_times="Wednesday, 10am to 1pm",
        cost="£5 a week",
    ),
    ServiceSpec(
        "Holiday activities and food",
        "council",
        "Free activities and a healthy meal in the school holidays for children on free school meals.",
        (FOOD, YOUTH),
        ALL,
        "S",
        (5, 16),
        website=WEB.format("holidays"),
        opening_times="Easter, summer and Christmas holidays",
    ),
    ServiceSpec(
        "SEND information, advice and support service (SENDIASS)",
        "Northshire SENDIASS",
        "Impartial, confidential advice for parents and young people about SEN support, education, health and "
        "care plans, exclusions and appeals.",
        (SEND,),
        ALL,
        "S",
        (0, 25),
        phone="01632 960517",
        email="sendiass@northshire.example",
        website=WEB.format("sendiass"),
        opening_times="Monday to Friday, 9.30am to 4.30pm",
    ),
    ServiceSpec(
        "Short breaks for disabled children",
        "council",
        "Activities and clubs that give disabled children new experiences and their carers a break.",
        (SEND, YOUTH),
        ALL,
        "SP",
        (5, 18),
        phone="01632 960518",
        email="shortbreaks@northshire.example",
    ),
    ServiceSpec(
        "Breastfeeding peer support",
        "health_visiting",
        "Trained volunteer mums help with feeding in the first weeks: drop-in groups and a phone line.",
        (EARLY_YEARS, HEALTH),
        ALL,
        "WS",
        (0, 2),
        pregnancy=True,
        languages=("pol", "ben"),
        phone="07700 900501",
        opening_times="Groups at each family hub; phone line every day, 9am to 9pm",
    ),
    ServiceSpec(
        "Health visiting",
        "health_visiting",
        "Health visitors support every family from pregnancy to age 5: development reviews, feeding, sleep, "
        "maternal mental health and safety at home.",
        (EARLY_YEARS, HEALTH, PARENTING),
        ALL,
        "SP",
        (0, 5),
        pregnancy=True,
        phone="01632 960519",
        email="healthvisiting@northshire-health.example",
    ),
    ServiceSpec(
        "School nursing drop-in",
        "school_nursing",
        "Confidential drop-in at secondary schools for health, sexual health, sleep and emotional wellbeing.",
        (HEALTH, MENTAL_HEALTH),
        ALL,
        "WS",
        (11, 19),
        phone="01632 960520",
        opening_times="Weekly in each secondary school during term",
    ),
    ServiceSpec(
        "Hidden Harm: family service for parental substance misuse",
        "Northshire Recovery Partnership",
        "Support for children and parents when a parent uses drugs or alcohol: one-to-one work with children and "
        "family sessions.",
        (SUBSTANCES, PARENTING, MENTAL_HEALTH),
        ALL,
        "SP",
        (5, 18),
        phone="01632 960521",
        email="families@northshire-recovery.example",
    ),
    ServiceSpec(
        "Young people's drug and alcohol service",
        "Northshire Recovery Partnership",
        "Confidential advice and support for young people worried about their own drug or alcohol use.",
        (SUBSTANCES, EXPLOITATION),
        ALL,
        "SP",
        (10, 18),
        phone="01632 960522",
        email="young.people@northshire-recovery.example",
    ),
    ServiceSpec(
        "Adult drug and alcohol treatment",
        "Northshire Recovery Partnership",
        "Treatment and recovery support for adults, including parents. Open access assessment clinic.",
        (SUBSTANCES,),
        ALL,
        "WSP",
        (18, None),
        phone="01632 960523",
        address="Recovery Hub\n4 Quay Street\nNorthby\nNS2 8JU",
        opening_times="Open access clinic: Monday to Friday, 10am to 12pm",
    ),
    ServiceSpec(
        "Exploitation prevention mentoring",
        "youth_justice",
        "A mentor for young people at risk of criminal or sexual exploitation, county lines or going missing.",
        (EXPLOITATION, YOUTH),
        ALL,
        "P",
        (10, 17),
        phone="01632 960524",
        email="prevention.yjs@northshire.example",
    ),
    ServiceSpec(
        "Child bereavement support",
        "Northshire Child Bereavement Trust",
        "One-to-one and group support for children and young people after someone important to them has died, "
        "and advice for parents and schools.",
        (BEREAVEMENT, MENTAL_HEALTH),
        ALL,
        "SP",
        (4, 18),
        phone="01632 960525",
        email="support@childbereavement-northshire.example",
    ),
    ServiceSpec(
        "Reducing parental conflict workshops",
        "council",
        "Online and face-to-face sessions for parents, together or apart, whose arguing is affecting their children.",
        (CONFLICT, PARENTING),
        ALL,
        "SP",
        (0, 18),
        phone="01632 960526",
        email="parenting@northshire.example",
    ),
    ServiceSpec(
        "Family mediation",
        "Northshire Family Mediation",
        "Help for separated parents to agree arrangements for children and money without going to court.",
        (CONFLICT,),
        ALL,
        "S",
        phone="01632 960527",
        website=WEB.format("mediation"),
        cost="Free for the first meeting; then free with legal aid or £90 a session",
    ),
    ServiceSpec(
        "Family learning and employment support",
        "council",
        "Courses, help with CVs and job applications, and a work coach for parents who want to get back into work.",
        (WORK, MONEY),
        ALL,
        "SP",
        phone="01632 960528",
        email="adult.learning@northshire.example",
    ),
    ServiceSpec(
        "16 to 18 education, employment and training team",
        "council",
        "Personal advisers for young people not in education, employment or training.",
        (WORK, YOUTH),
        ALL,
        "SP",
        (16, 18),
        phone="01632 960529",
        email="neet@northshire.example",
    ),
    ServiceSpec(
        "Healthy weight and active families",
        "Northshire Active",
        "A 10-week programme for families to eat well and be more active together, with free leisure passes.",
        (HEALTH,),
        ("Northby", "Kelsworth", "Brackenford"),
        "SP",
        (4, 15),
        phone="01632 960530",
    ),
)


def _areas(names: Sequence[str]) -> dict[str, Area]:
    return {name: Area.objects.get_or_create(name=name)[0] for name in names}


@transaction.atomic
def create_demo_services(*, towns: Sequence[str], agencies: Mapping[str, Agency]) -> int:
    """Northshire's areas (one per town) and its directory of services. Returns how many services it added."""
    areas = _areas(towns)
    needs = {need.name: need for need in Need.objects.all()}
    languages = {code.code: code for code in Code.objects.of(LANGUAGE)}
    existing = set(Service.objects.values_list("name", flat=True))
    created = 0
    for spec in SERVICES:
        if spec.name in existing:
            continue
        agency = agencies.get(spec.provider)
        service = Service.objects.create(
            name=spec.name,
            provider=agency,
            provider_name="" if agency else spec.provider,
            description=spec.description,
            min_age=spec.ages[0],
            max_age=spec.ages[1],
            for_pregnancy=spec.pregnancy,
            covers_all_areas=spec.areas == ALL,
            walk_in="W" in spec.routes,
            self_referral="S" in spec.routes,
            professional_referral="P" in spec.routes,
            phone=spec.phone,
            email=spec.email,
            website=spec.website,
            address=spec.address,
            opening_times=spec.opening_times,
            cost=spec.cost,
        )
        service.needs.set([needs[name] if name in needs else Need.objects.create(name=name) for name in spec.needs])
        if spec.areas != ALL:
            service.areas.set([areas[name] for name in spec.areas if name in areas])
        service.languages.set([languages[code] for code in spec.languages if code in languages])
        created += 1
    return created
