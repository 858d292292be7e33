"""Reference data of the fictional Northshire partnership and the spreads used to draw synthetic families.

Everything here is invented: Northshire is not a real council, its towns, streets and organisations do not exist,
postcodes use the unused "NS" postcode area, identifiers are in test ranges (NHS numbers 999..., LA code 999),
and phone numbers are in Ofcom's ranges reserved for drama (01632 960xxx, 07700 900xxx).
"""

from __future__ import annotations

from dataclasses import dataclass

from earlyhelp.access import roles
from earlyhelp.organisations.models import AgencyType


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PARTNERSHIP = "Northshire"
DEMO_PASSWORD = "Northshire-demo-2026"  # noqa: S105 - the published password of the synthetic demo accounts
SOURCE = "seed"
CHANGE_REASON = "Synthetic demo data (manage.py seed)"
STAFF_DOMAIN = "northshire.example"

# --- organisations ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    type: str
    identifier: str = ""
    teams: tuple[str, ...] = ()


COUNCIL = "council"
SOCIAL_CARE = "social_care"
CORPORATE = "corporate"
HEALTH_VISITING = "health_visiting"
DSL_SCHOOL = "school_hallowmere"

AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec(
        COUNCIL,
        "Northshire Council Early Help and Family Help Service",
        AgencyType.COUNCIL_EARLY_HELP,
        "NSC-EH",
        (
            "Front Door (MASH)",
            "Early Help North",
            "Early Help South",
            "Family Help East",
            "Quality Assurance",
            "Service Management",
        ),
    ),
    AgencySpec(
        SOCIAL_CARE,
        "Northshire Children's Social Care",
        AgencyType.CHILDRENS_SOCIAL_CARE,
        "NSC-CSC",
        ("Assessment and Intervention Team", "Child Protection and Court Team"),
    ),
    AgencySpec(DSL_SCHOOL, "Hallowmere Primary School", AgencyType.SCHOOL, "URN 999101", ("Pastoral Team",)),
    AgencySpec(
        "school_st_aidans", "St Aidan's CofE Primary School", AgencyType.SCHOOL, "URN 999102", ("Pastoral Team",)
    ),
    AgencySpec("school_kelsworth", "Kelsworth Infant and Nursery School", AgencyType.SCHOOL, "URN 999103"),
    AgencySpec("school_eastwold", "Eastwold Community Primary School", AgencyType.SCHOOL, "URN 999104"),
    AgencySpec("school_northby", "Northby High School", AgencyType.SCHOOL, "URN 999105", ("Pastoral Team",)),
    AgencySpec(
        "school_brackenford", "Brackenford Academy", AgencyType.SCHOOL, "URN 999106", ("Pastoral Team", "Inclusion")
    ),
    AgencySpec("early_years", "Little Acorns Day Nursery", AgencyType.EARLY_YEARS, "EY999101", ("Nursery Team",)),
    AgencySpec(
        HEALTH_VISITING,
        "Northshire Community Health – Health Visiting",
        AgencyType.HEALTH_VISITING,
        "NS9HV",
        ("Health Visiting North", "Health Visiting South"),
    ),
    AgencySpec(
        "school_nursing",
        "Northshire Community Health – School Nursing",
        AgencyType.SCHOOL_NURSING,
        "NS9SN",
        ("School Nursing Team",),
    ),
    AgencySpec("gp_riverside", "Riverside Medical Practice", AgencyType.GP, "Y99901"),
    AgencySpec("gp_kelsworth", "Kelsworth Health Centre", AgencyType.GP, "Y99902"),
    AgencySpec("gp_saltmere", "Saltmere Surgery", AgencyType.GP, "Y99903"),
    AgencySpec(
        "hospital", "Northshire General Hospital", AgencyType.HOSPITAL, "NS9GH", ("Paediatric Liaison", "Maternity")
    ),
    AgencySpec(
        "camhs",
        "Northshire CAMHS",
        AgencyType.MENTAL_HEALTH,
        "NS9MH",
        ("CAMHS Core Team", "Mental Health Support Team in Schools"),
    ),
    AgencySpec("police", "Northshire Police", AgencyType.POLICE, "Force 99", ("Public Protection Unit",)),
    AgencySpec("housing", "Northshire Homes", AgencyType.HOUSING, "", ("Tenancy Sustainment",)),
    AgencySpec("adults", "Northshire Adult Social Care", AgencyType.ADULT_SERVICES, "", ("Adult Duty Team",)),
    AgencySpec(
        "youth_justice", "Northshire Youth Justice Service", AgencyType.YOUTH_JUSTICE, "", ("Prevention Team",)
    ),
    AgencySpec(
        "vcs_domestic_abuse",
        "Northshire Domestic Abuse Support",
        AgencyType.VOLUNTARY_SECTOR,
        "Charity 9990001",
        ("Outreach Team",),
    ),
    AgencySpec(
        "vcs_young_carers",
        "Northshire Young Carers",
        AgencyType.VOLUNTARY_SECTOR,
        "Charity 9990002",
        ("Young Carers Project",),
    ),
    AgencySpec(
        "vcs_family",
        "Bridges Family Support",
        AgencyType.VOLUNTARY_SECTOR,
        "Charity 9990003",
        ("Family Support Team",),
    ),
    AgencySpec(
        CORPORATE,
        "Northshire Council Corporate Services",
        AgencyType.OTHER,
        "NSC-CORP",
        ("Information Governance", "Performance and Intelligence", "Digital and ICT"),
    ),
)

# Teams a family can be allocated to, with the share of allocations each gets.
EARLY_HELP_TEAMS = ("Early Help North", "Early Help South", "Family Help East")
# The locality (a town, the directory's Area) each early help team serves: reports filter by it.
TEAM_AREAS = {"Early Help North": "Northby", "Early Help South": "Brackenford", "Family Help East": "Eastwold"}

SKILLS: tuple[str, ...] = (
    "Domestic abuse",
    "Parenting programmes",
    "Special educational needs and disabilities (SEND)",
    "Neglect",
    "Youth work",
    "Mental health",
    "Substance misuse",
    "Housing and money",
    "Young carers",
    "School attendance",
    "Child exploitation",
    "Early years and child development",
    "Perinatal mental health",
    "Family conflict and separation",
    "Bereavement",
    "Online safety",
)

# --- demo users ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: str
    agency: str
    team: str | None
    job_title: str
    skills: tuple[str, ...] = ()
    caseload_limit: int = 0
    is_staff: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "practitioner@example.org",
        roles.PRACTITIONER,
        COUNCIL,
        "Early Help North",
        "Early Help Practitioner",
        ("Parenting programmes", "Neglect", "Domestic abuse"),
        22,
    ),
    DemoUser("frontdoor@example.org", roles.FRONT_DOOR, COUNCIL, "Front Door (MASH)", "Front Door Practitioner"),
    DemoUser(
        "teammanager@example.org",
        roles.TEAM_MANAGER,
        COUNCIL,
        "Early Help North",
        "Team Manager, Early Help North",
        ("Domestic abuse", "Child exploitation"),
        5,
    ),
    DemoUser(
        "servicemanager@example.org",
        roles.SERVICE_MANAGER,
        COUNCIL,
        "Service Management",
        "Service Manager, Early Help and Family Help",
    ),
    DemoUser(
        "dsl@example.org",
        roles.SAFEGUARDING_LEAD,
        DSL_SCHOOL,
        "Pastoral Team",
        "Designated Safeguarding Lead",
        ("School attendance",),
    ),
    DemoUser(
        "referrer@example.org",
        roles.REFERRER,
        HEALTH_VISITING,
        "Health Visiting North",
        "Health Visitor",
        ("Early years and child development", "Perinatal mental health"),
    ),
    DemoUser("auditor@example.org", roles.AUDITOR, COUNCIL, "Quality Assurance", "Practice Quality Lead"),
    DemoUser(
        "ig@example.org", roles.INFORMATION_GOVERNANCE, CORPORATE, "Information Governance", "Data Protection Officer"
    ),
    DemoUser("analyst@example.org", roles.ANALYST, CORPORATE, "Performance and Intelligence", "Performance Analyst"),
    DemoUser(
        "admin@example.org", roles.SYSTEM_ADMIN, CORPORATE, "Digital and ICT", "System Administrator", is_staff=True
    ),
)

# A partner-agency practitioner: sees a family only as a Team Around the Family member with consent.
SCHOOL_WORKER = DemoUser(
    "school.worker@example.org",
    roles.PRACTITIONER,
    DSL_SCHOOL,
    "Pastoral Team",
    "Family Liaison Officer",
    ("School attendance", "Special educational needs and disabilities (SEND)"),
    15,
)

# The system administrator manages accounts, role membership, organisations and code lists, never case content.
# Users and codes are deactivated, never deleted (codes.models, accounts.models).
ADMIN_PERMISSIONS: tuple[tuple[str, str], ...] = (
    ("accounts", "add_user"),
    ("accounts", "change_user"),
    ("accounts", "view_user"),
    ("auth", "view_group"),
    ("codes", "add_code"),
    ("codes", "change_code"),
    ("codes", "view_code"),
)
ADMIN_PERMISSION_APPS = ("organisations",)  # every permission of these apps

OTHER_PRACTITIONERS = 40
# Where the other practitioners work: (agency key, team, job titles, share).
PRACTITIONER_POSTS: tuple[tuple[str, str | None, tuple[str, ...], int], ...] = (
    (COUNCIL, "Early Help North", ("Early Help Practitioner", "Family Support Worker"), 5),
    (
        COUNCIL,
        "Early Help South",
        ("Early Help Practitioner", "Family Support Worker", "Senior Early Help Practitioner"),
        5,
    ),
    (COUNCIL, "Family Help East", ("Family Help Practitioner", "Senior Family Help Practitioner"), 5),
    (COUNCIL, "Front Door (MASH)", ("Front Door Practitioner",), 1),
    (SOCIAL_CARE, "Assessment and Intervention Team", ("Social Worker",), 2),
    ("school_st_aidans", "Pastoral Team", ("Learning Mentor", "Family Liaison Officer"), 2),
    ("school_northby", "Pastoral Team", ("Pastoral Lead", "Attendance Officer"), 2),
    ("school_brackenford", "Inclusion", ("SENCo", "Pastoral Lead"), 2),
    ("early_years", "Nursery Team", ("Early Years Practitioner",), 1),
    (HEALTH_VISITING, "Health Visiting South", ("Health Visitor", "Community Nursery Nurse"), 3),
    ("school_nursing", "School Nursing Team", ("School Nurse",), 2),
    ("camhs", "Mental Health Support Team in Schools", ("Education Mental Health Practitioner",), 2),
    ("youth_justice", "Prevention Team", ("Youth Justice Officer",), 2),
    ("housing", "Tenancy Sustainment", ("Tenancy Sustainment Officer",), 1),
    ("vcs_domestic_abuse", "Outreach Team", ("Domestic Abuse Outreach Worker", "IDVA"), 2),
    ("vcs_young_carers", "Young Carers Project", ("Young Carers Support Worker",), 1),
    ("vcs_family", "Family Support Team", ("Family Support Worker", "Parenting Practitioner"), 2),
)

# --- places ---------------------------------------------------------------------------------------------------------

# Fictional towns with outward codes in the unused "NS" postcode area (well formed: [A-Z]{1,2}[0-9][A-Z0-9]?).
TOWNS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("Northby", ("NS1", "NS2", "NS3", "NS4"), 30),
    ("Kelsworth", ("NS5", "NS6"), 18),
    ("Hallowmere", ("NS7",), 12),
    ("Eastwold", ("NS8", "NS9"), 16),
    ("Brackenford", ("NS10", "NS11"), 14),
    ("Saltmere", ("NS12",), 10),
)
STREETS_PER_TOWN = 60
# Letters used in the inward part of real postcodes (never C, I, K, M, O or V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
STREET_WORDS = _words(
    "Mill Church Station Oak Beech Elm Ash Willow Hawthorn Meadow Orchard Chapel Victoria Albert Queens Kings "
    "Park Brook River Bridge Castle Abbey Priory Hill Moor Heath Fern Heather Larch Rowan Sycamore Juniper "
    "Kestrel Heron Falcon Wren Lark Linnet Foxglove Bluebell Primrose Clover Thistle Granary Foundry Weavers "
    "Tanners Coopers Potters Lime Cedar Holly Hazel Poplar Alder Birch Maple Chestnut Sandy Stony Green "
    "Windmill Well Spring Northgate Southgate Westgate Eastgate Cobble Saxon Tudor Jubilee Coronation Beacon "
    "Harbour Quarry Furnace"
)
STREET_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("Road", 22),
    ("Street", 18),
    ("Lane", 10),
    ("Close", 10),
    ("Avenue", 8),
    ("Drive", 7),
    ("Way", 6),
    ("Crescent", 5),
    ("Gardens", 4),
    ("Grove", 4),
    ("Court", 3),
    ("Place", 3),
    ("Terrace", 3),
    ("Rise", 2),
    ("View", 2),
    ("Walk", 2),
    ("Mews", 1),
)
BUILDING_SUFFIXES = ("House", "Court", "Lodge", "Point", "Heights")

# Fictional DfE establishment numbers (the 4 digits after the LA code in a UPN) of Northshire schools.
PRIMARY_ESTABLISHMENTS = tuple(range(2001, 2081))
SECONDARY_ESTABLISHMENTS = tuple(range(4001, 4021))
UPN_LA_CODE = "999"

# --- people ----------------------------------------------------------------------------------------------------------

# England's pupils by DfE ethnicity code (school census, rounded, per mille).
# Every code appears in every 200 families (synthetic.FamilyBuilder.family_ethnicity).
ETHNICITY_SPREAD: tuple[tuple[str, int], ...] = (
    ("WBRI", 620),
    ("WIRI", 3),
    ("WIRT", 2),
    ("WOTH", 75),
    ("WROM", 4),
    ("MWBC", 15),
    ("MWBA", 9),
    ("MWAS", 19),
    ("MOTH", 25),
    ("AIND", 35),
    ("APKN", 45),
    ("ABAN", 20),
    ("AOTH", 22),
    ("BCRB", 10),
    ("BAFR", 45),
    ("BOTH", 7),
    ("CHNE", 5),
    ("OOTH", 22),
    ("REFU", 8),
    ("NOBT", 5),
)
ETHNICITY_DECK_SIZE = 200

STRUCTURES: tuple[tuple[str, int], ...] = (
    ("single_mother", 28),
    ("two_parents", 24),
    ("blended", 12),
    ("non_resident_father", 12),
    ("kinship_grandparents", 6),
    ("unborn", 7),
    ("large_sibling_group", 5),
    ("teenage_parent", 3),
    ("single_father", 3),
)


@dataclass(frozen=True)
class Culture:
    """How a family's adults are named and which languages and religions are likely.

    `locale` names a Faker locale for names; otherwise the pools are used. `home_language_share` is how often a
    child born here has the family's language (not English) as first language.
    """

    ethnicity: str
    languages: tuple[tuple[str, int], ...] = (("eng", 1),)
    religions: tuple[tuple[str, int], ...] = (("NOREL", 1),)
    locale: str = ""
    female: tuple[str, ...] = ()
    male: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    female_surnames: tuple[str, ...] = ()  # e.g. Begum, Kaur: used by some women instead of the family surname
    polish_surnames: bool = False  # -ski/-ska, -cki/-cka
    home_language_share: float = 0.5
    married_share: float = 0.45
    british_child_names: float = 0.2  # share of children given a first name from the modern British pools


BRITISH_RELIGIONS = (("NOREL", 46), ("CHR", 36), ("NOBT", 12), ("OTH", 2), ("REFU", 2), ("BUD", 1), ("MUS", 1))

CULTURES: dict[str, Culture] = {
    "british": Culture("WBRI", religions=BRITISH_RELIGIONS, locale="en_GB", british_child_names=0.95),
    "irish": Culture(
        "WIRI",
        (("eng", 97), ("gle", 3)),
        (("CHR", 65), ("NOREL", 25), ("NOBT", 10)),
        locale="en_IE",
        british_child_names=0.5,
    ),
    "traveller": Culture(
        "WIRT",
        religions=(("CHR", 85), ("NOBT", 15)),
        female=_words("Bridget Mary Margaret Kathleen Nora Josie Shannon Tiffany Chantelle Kerry Marie Ellen Winnie"),
        male=_words("Patrick Michael John Martin Johnny Paddy Thomas James Christy Bernard Edward Willie Joseph"),
        surnames=_words("Ward McDonagh Joyce O'Brien Connors Doherty McGinley Maughan Sheridan Mongan Delaney Stokes"),
        married_share=0.85,
        british_child_names=0.3,
    ),
    "polish": Culture(
        "WOTH",
        (("pol", 88), ("eng", 12)),
        (("CHR", 82), ("NOREL", 12), ("NOBT", 6)),
        locale="pl_PL",
        polish_surnames=True,
        home_language_share=0.55,
        married_share=0.6,
    ),
    "romanian": Culture(
        "WOTH",
        (("ron", 90), ("eng", 10)),
        (("CHR", 88), ("NOBT", 12)),
        locale="ro_RO",
        home_language_share=0.6,
        married_share=0.6,
    ),
    "portuguese": Culture(
        "WOTH",
        (("por", 88), ("eng", 12)),
        (("CHR", 80), ("NOREL", 12), ("NOBT", 8)),
        locale="pt_PT",
        home_language_share=0.5,
    ),
    "hungarian": Culture(
        "WOTH",
        (("hun", 88), ("eng", 12)),
        (("CHR", 70), ("NOREL", 22), ("NOBT", 8)),
        locale="hu_HU",
        home_language_share=0.5,
    ),
    "ukrainian": Culture(
        "WOTH",
        (("ukr", 70), ("rus", 25), ("eng", 5)),
        (("CHR", 80), ("NOREL", 15), ("NOBT", 5)),
        female=_words("Olena Kateryna Daria Iryna Oksana Yulia Anastasiia Sofiia Viktoriia Tetiana Nataliia Alina"),
        male=_words("Oleksandr Dmytro Andrii Serhii Mykola Ivan Maksym Bohdan Yurii Taras Vladyslav Artem"),
        surnames=_words("Shevchenko Kovalenko Bondarenko Tkachenko Melnyk Kravchenko Boiko Moroz Lysenko Savchenko"),
        home_language_share=0.7,
        married_share=0.6,
    ),
    "roma": Culture(
        "WROM",
        (("rom", 45), ("ron", 25), ("slk", 15), ("ces", 10), ("eng", 5)),
        (("CHR", 85), ("NOBT", 15)),
        female=_words("Mirela Denisa Ramona Florentina Gabriela Monika Vanesa Nikola Adriana Simona Sabina Roxana"),
        male=_words("Marian Florin Costel Ionel Dusan Roman Milan Marek Adrian Nicolae Patrik Lukas Tibor"),
        surnames=_words("Lakatos Balog Horvath Kovac Stoica Dinu Rostas Gabor Sarkozi Olah Pompa Lingurar Mirga"),
        home_language_share=0.7,
        married_share=0.7,
    ),
    "indian": Culture(
        "AIND",
        (("eng", 40), ("guj", 20), ("pan", 20), ("hin", 8), ("tam", 4), ("mal", 4), ("tel", 4)),
        (("HIN", 44), ("SIK", 26), ("MUS", 14), ("CHR", 6), ("NOREL", 5), ("NOBT", 5)),
        female=_words(
            "Priya Anjali Kavita Sunita Neha Pooja Meera Asha Simran Harpreet Jaspreet Manpreet Navdeep Riya Aanya "
            "Diya Isha Kiran Nisha Reena Hema Bhavna Amrit Jasleen Avni"
        ),
        male=_words(
            "Raj Arjun Rohan Vikram Sanjay Amit Rahul Harjit Gurpreet Jaswinder Sukhdev Aarav Vihaan Dev Krishna "
            "Nikhil Ravi Sunil Manish Deepak Jasdeep Hardeep Ranjit Jay"
        ),
        surnames=_words(
            "Patel Singh Sharma Gill Sandhu Shah Mistry Parmar Chauhan Kumar Sidhu Dhillon Bains Mehta Lad Solanki "
            "Joshi Rana Grewal Johal Atwal Chopra Kapoor Desai"
        ),
        female_surnames=("Kaur",),
        home_language_share=0.3,
        married_share=0.9,
    ),
    "pakistani": Culture(
        "APKN",
        (("eng", 35), ("urd", 35), ("pan", 25), ("pus", 5)),
        (("MUS", 93), ("NOBT", 5), ("NOREL", 2)),
        female=_words(
            "Aisha Fatima Zainab Maryam Amina Hafsa Sana Nadia Ayesha Samina Rukhsana Shabana Farzana Hina Sadia Iqra "
            "Anaya Inaaya Khadija Yasmin Mariam Alishba Noor Zara Saima Nazia Rabia Shazia"
        ),
        male=_words(
            "Mohammed Muhammad Ahmed Ali Hassan Hussain Ibrahim Yusuf Imran Tariq Asif Zain Ayaan Rayyan Bilal Usman "
            "Hamza Adnan Shahid Abdul Rizwan Faisal Sajid Arif Kamran Haris Zakariya Musa"
        ),
        surnames=_words(
            "Khan Ahmed Hussain Ali Shah Iqbal Mahmood Akhtar Butt Malik Rashid Anwar Aslam Mirza Raza Qureshi "
            "Chaudhry Javed Rehman Bashir Nawaz Hanif Latif Sadiq Yousaf"
        ),
        female_surnames=("Bibi", "Begum"),
        home_language_share=0.45,
        married_share=0.92,
        british_child_names=0.05,
    ),
    "bangladeshi": Culture(
        "ABAN",
        (("ben", 60), ("eng", 40)),
        (("MUS", 95), ("NOBT", 5)),
        female=_words(
            "Tahmina Ruksana Nasima Shahina Salma Rehana Fahmida Sumaiya Tasnim Nusrat Jannat Maryam Aisha Halima "
            "Rumana Shirin Afia Raisa Mahira"
        ),
        male=_words(
            "Abdul Mohammed Shahid Jamal Rafiq Kamal Anwar Rahim Sohel Shafiq Ayaan Zayan Ibrahim Yusuf Rayan Tanvir "
            "Faruk Shamim Habib Mizanur"
        ),
        surnames=_words("Miah Uddin Rahman Islam Ahmed Ali Hossain Choudhury Hoque Alam Karim Ullah Sarkar Haque"),
        female_surnames=("Begum", "Khatun"),
        home_language_share=0.5,
        married_share=0.92,
        british_child_names=0.05,
    ),
    "sri_lankan": Culture(
        "AOTH",
        (("tam", 70), ("sin", 10), ("eng", 20)),
        (("HIN", 65), ("CHR", 20), ("BUD", 10), ("NOBT", 5)),
        female=_words("Tharshini Kavya Anusha Thivya Nirosha Sharmila Jeyanthi Abinaya Kayathiri Mathumitha"),
        male=_words("Suresh Kumaran Ramesh Aravind Thiru Kajan Sivakumar Nirujan Pirashanth Jathusan"),
        surnames=_words("Sivakumar Rajendran Selvarajah Thambiah Kanagaratnam Nadarajah Shanmugam Yogarajah Ratnam"),
        married_share=0.9,
    ),
    "nepali": Culture(
        "AOTH",
        (("nep", 80), ("eng", 20)),
        (("HIN", 60), ("BUD", 35), ("NOBT", 5)),
        female=_words("Sita Gita Anita Sunita Bimala Sarita Manisha Pooja Asmita Srijana"),
        male=_words("Bikash Ram Hari Krishna Suman Rajesh Dipak Prakash Sanjay Bishal"),
        surnames=_words("Gurung Rai Thapa Tamang Limbu Magar Pun Shrestha Ghale Sherpa"),
        married_share=0.9,
    ),
    "filipino": Culture(
        "AOTH",
        (("tgl", 70), ("eng", 30)),
        (("CHR", 92), ("NOBT", 8)),
        female=_words("Maricel Joy Rosalie Maria Jasmine Kristine Angelica Princess Rowena Cherry"),
        male=_words("Jose Mark Reynaldo John Christian Jerome Rodel Arnel Joel Ramon"),
        surnames=_words("Santos Reyes Cruz Bautista Garcia Mendoza Villanueva Ramos Aquino Castillo"),
        british_child_names=0.4,
    ),
    "afghan": Culture(
        "AOTH",
        (("prs", 55), ("pus", 40), ("eng", 5)),
        (("MUS", 97), ("NOBT", 3)),
        female=_words("Mariam Zahra Fereshta Parwana Maryam Shabnam Nilofar Freshta Sodaba Mursal"),
        male=_words("Ahmad Mohammad Ali Reza Jawad Farid Mustafa Hamid Sayed Naweed"),
        surnames=_words("Ahmadi Rahimi Karimi Hussaini Sultani Noori Popal Stanikzai Safi Wardak"),
        home_language_share=0.7,
        married_share=0.95,
        british_child_names=0.0,
    ),
    "caribbean": Culture(
        "BCRB",
        religions=(("CHR", 58), ("NOREL", 25), ("NOBT", 12), ("OTH", 5)),
        locale="en_GB",
        surnames=_words(
            "Campbell Brown Williams Thomas Clarke Francis Grant Reid Bailey Henry Johnson Robinson Lewis Edwards "
            "Morgan Walker Wright Forbes Barrett Gordon"
        ),
        married_share=0.3,
        british_child_names=0.9,
    ),
    "black_british": Culture(
        "BOTH",
        religions=(("CHR", 55), ("NOREL", 25), ("MUS", 10), ("NOBT", 10)),
        locale="en_GB",
        surnames=_words("Campbell Mensah Okafor Grant Boateng Francis Adeyemi Clarke Osei Reid"),
        married_share=0.35,
        british_child_names=0.8,
    ),
    "nigerian": Culture(
        "BAFR",
        (("eng", 45), ("yor", 35), ("ibo", 20)),
        (("CHR", 82), ("MUS", 14), ("NOBT", 4)),
        female=_words(
            "Chiamaka Adaeze Ngozi Folake Temitope Blessing Grace Favour Esther Funmilayo Adaobi Chioma Oluwakemi "
            "Precious Ifeoma"
        ),
        male=_words(
            "Chinedu Emeka Oluwaseun Tunde Ayodele Samuel David Daniel Emmanuel Ebuka Olumide Chukwuemeka Babatunde "
            "Femi Obinna"
        ),
        surnames=_words(
            "Okafor Adeyemi Okonkwo Adebayo Oduya Eze Nwosu Ogunleye Balogun Afolabi Okeke Olawale Obi Adewale Akinola"
        ),
        home_language_share=0.25,
        married_share=0.75,
        british_child_names=0.35,
    ),
    "ghanaian": Culture(
        "BAFR",
        (("twi", 60), ("eng", 40)),
        (("CHR", 88), ("MUS", 8), ("NOBT", 4)),
        female=_words("Abena Ama Akosua Efua Adwoa Yaa Esi Afia Akua Comfort"),
        male=_words("Kwame Kofi Yaw Kwabena Kwaku Kojo Kwesi Nana Kwadwo Emmanuel"),
        surnames=_words("Mensah Asante Boateng Osei Owusu Appiah Agyeman Darko Ofori Amoah"),
        home_language_share=0.3,
        married_share=0.7,
        british_child_names=0.35,
    ),
    "somali": Culture(
        "BAFR",
        (("som", 85), ("eng", 15)),
        (("MUS", 98), ("NOBT", 2)),
        female=_words("Hodan Amran Fadumo Hibaq Sahra Ayan Ifrah Nimco Sagal Ikran Hamdi Deeqa"),
        male=_words("Abdirahman Abdi Mohamed Abdullahi Ahmed Hassan Yusuf Omar Ismail Abdiaziz Liban Mahad"),
        surnames=_words("Warsame Farah Abdi Hassan Mohamed Ali Jama Osman Ahmed Omar Aden Hersi Nur Yusuf Ibrahim"),
        home_language_share=0.6,
        married_share=0.85,
        british_child_names=0.0,
    ),
    "eritrean": Culture(
        "BAFR",
        (("tir", 90), ("amh", 5), ("eng", 5)),
        (("CHR", 85), ("MUS", 15)),
        female=_words("Saba Winta Selam Helen Luwam Ruta Senait Yodit Hiwet Semhar"),
        male=_words("Yonas Tesfaye Dawit Yohannes Samuel Filmon Robel Habtom Mussie Aron"),
        surnames=_words("Tesfay Gebremedhin Haile Berhane Tekle Kidane Ghebreyesus Mehari Woldu Negash"),
        home_language_share=0.7,
        married_share=0.8,
        british_child_names=0.1,
    ),
    "zimbabwean": Culture(
        "BAFR",
        (("sna", 50), ("eng", 50)),
        (("CHR", 88), ("NOREL", 6), ("NOBT", 6)),
        female=_words("Tendai Rudo Chipo Nyasha Tsitsi Farai Rumbidzai Memory Precious Fadzai"),
        male=_words("Tinashe Tatenda Farai Tapiwa Blessing Kudakwashe Tonderai Simba Takudzwa Munashe"),
        surnames=_words("Moyo Dube Ncube Sibanda Ndlovu Chikwanha Mutasa Mhlanga Chiweshe Marufu"),
        home_language_share=0.3,
        married_share=0.7,
        british_child_names=0.3,
    ),
    "chinese": Culture(
        "CHNE",
        (("yue", 45), ("cmn", 40), ("eng", 15)),
        (("NOREL", 55), ("BUD", 20), ("CHR", 20), ("NOBT", 5)),
        female=_words("Mei Ying Xin Hui Jing Wing Lai Yan Li Chloe Grace Emily Jessica Amy"),
        male=_words("Wei Jun Hao Ming Kai Chun Lok Wai Jason Kevin Michael Daniel Ryan"),
        surnames=_words("Wong Chan Li Zhang Wang Chen Liu Lee Cheung Lam Ng Ho Yip Tang Lau"),
        home_language_share=0.45,
        married_share=0.85,
        british_child_names=0.4,
    ),
    "arab": Culture(
        "OOTH",
        (("ara", 85), ("eng", 15)),
        (("MUS", 85), ("CHR", 10), ("NOBT", 5)),
        female=_words("Layla Noor Rania Dalia Hana Sara Maryam Fatima Amira Yasmin Lina Reem"),
        male=_words("Omar Karim Ahmad Samir Mustafa Yasin Khalid Youssef Hamza Adam Tariq Bilal"),
        surnames=_words("Al-Sayed Haddad Saleh Aziz Hamid Mahmoud Nasser Khalil Abdullah Hassan Ibrahim Yousef"),
        home_language_share=0.6,
        married_share=0.9,
        british_child_names=0.05,
    ),
    "kurdish": Culture(
        "OOTH",
        (("kur", 85), ("ara", 5), ("fas", 5), ("eng", 5)),
        (("MUS", 85), ("NOREL", 10), ("NOBT", 5)),
        female=_words("Roza Shirin Nasrin Berivan Jiyan Dilan Rezan Avin Helin Zhino"),
        male=_words("Rebin Dara Karwan Hawre Soran Azad Kawa Aram Shwan Rawand"),
        surnames=_words("Barzani Rasul Ahmed Aziz Karim Mohammed Hama Qadir Salih Mahmud"),
        home_language_share=0.65,
        married_share=0.9,
        british_child_names=0.05,
    ),
    "iranian": Culture(
        "OOTH",
        (("fas", 85), ("eng", 15)),
        (("MUS", 55), ("NOREL", 28), ("CHR", 12), ("NOBT", 5)),
        female=_words("Shirin Parisa Zahra Maryam Nazanin Fatemeh Sara Ladan Mahsa Niloofar"),
        male=_words("Reza Ali Hossein Amir Mehdi Dariush Arash Babak Kian Saeed"),
        surnames=_words("Hosseini Ahmadi Mohammadi Karimi Rezaei Moradi Jafari Rahimi Tehrani Sadeghi"),
        home_language_share=0.5,
        married_share=0.85,
        british_child_names=0.1,
    ),
    "latin_american": Culture(
        "OOTH",
        (("spa", 75), ("por", 20), ("eng", 5)),
        (("CHR", 80), ("NOREL", 15), ("NOBT", 5)),
        locale="es_CO",
        home_language_share=0.6,
        married_share=0.5,
        british_child_names=0.25,
    ),
}

# Family ethnicity -> cultures of its adults: (first parent, second parent or "" for the same), with weights.
# For the mixed codes the children are mixed and each parent has their own ethnicity.
ETHNICITY_CULTURES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "WBRI": (("british", "", 1),),
    "WIRI": (("irish", "", 1),),
    "WIRT": (("traveller", "", 1),),
    "WOTH": (
        ("polish", "", 40),
        ("romanian", "", 28),
        ("portuguese", "", 14),
        ("hungarian", "", 6),
        ("ukrainian", "", 12),
    ),
    "WROM": (("roma", "", 1),),
    "MWBC": (("british", "caribbean", 1),),
    "MWBA": (
        ("british", "nigerian", 4),
        ("british", "ghanaian", 2),
        ("british", "zimbabwean", 2),
        ("british", "somali", 1),
    ),
    "MWAS": (("british", "indian", 3), ("british", "pakistani", 2), ("british", "bangladeshi", 1)),
    "MOTH": (
        ("british", "chinese", 2),
        ("british", "arab", 2),
        ("british", "latin_american", 2),
        ("british", "filipino", 2),
        ("polish", "nigerian", 1),
        ("indian", "caribbean", 1),
    ),
    "AIND": (("indian", "", 1),),
    "APKN": (("pakistani", "", 1),),
    "ABAN": (("bangladeshi", "", 1),),
    "AOTH": (("sri_lankan", "", 35), ("nepali", "", 25), ("filipino", "", 20), ("afghan", "", 20)),
    "BCRB": (("caribbean", "", 1),),
    "BAFR": (
        ("nigerian", "", 35),
        ("ghanaian", "", 15),
        ("somali", "", 25),
        ("eritrean", "", 10),
        ("zimbabwean", "", 15),
    ),
    "BOTH": (("black_british", "", 1),),
    "CHNE": (("chinese", "", 1),),
    "OOTH": (("arab", "", 35), ("kurdish", "", 25), ("iranian", "", 20), ("latin_american", "", 20)),
    "REFU": (("british", "", 4), ("polish", "", 1)),
    "NOBT": (("british", "", 4), ("romanian", "", 1)),
}
# Codes recorded for every member, whatever their culture.
WHOLE_FAMILY_ETHNICITY = frozenset({"REFU", "NOBT"})

# Popular first names of babies born in England and Wales 2006 to 2025 (ONS), for children of British families.
MODERN_GIRLS = _words(
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Sophia Grace Freya Florence Willow Evie Poppy Ella Charlotte "
    "Emily Daisy Sienna Ruby Millie Phoebe Harper Rosie Matilda Esme Chloe Layla Maisie Scarlett Holly Erin "
    "Jessica Lacey Ellie Summer Hollie Skye Paige Kayla Courtney Jade Leah Caitlin Amber Megan Lola Darcie Alice "
    "Eliza Lexi Aria Bella Imogen Niamh Tilly Orla Elsie Mila Maya Hallie"
)
MODERN_BOYS = _words(
    "Oliver Noah George Arthur Leo Muhammad Harry Oscar Archie Jack Henry Charlie Freddie Theodore Thomas Finley "
    "Alfie Jacob Isaac Teddy Tommy Reggie Ronnie Albie Jaxon Mason Kai Tyler Riley Logan Ethan Dylan Kian Callum "
    "Brandon Kyle Jayden Lewis Harvey Bobby Max Toby Reuben Louie Frankie Stanley Hunter Rory Joshua Connor Jake "
    "Luca Ezra Elijah Roman Ollie Zachary Kayden"
)

# Short forms used as preferred names.
DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "Elizabeth": ("Beth", "Lizzie", "Libby"),
    "William": ("Will", "Billy"),
    "Alexander": ("Alex", "Xander"),
    "Alexandra": ("Alex", "Lexi"),
    "Jessica": ("Jess",),
    "Samuel": ("Sam", "Sammy"),
    "Samantha": ("Sam",),
    "Thomas": ("Tom", "Tommy"),
    "Benjamin": ("Ben",),
    "Katherine": ("Kate", "Katie"),
    "Catherine": ("Cath", "Kate"),
    "Rebecca": ("Becky", "Becca"),
    "Jonathan": ("Jon",),
    "Daniel": ("Dan", "Danny"),
    "Joseph": ("Joe", "Joey"),
    "Michael": ("Mike", "Mikey"),
    "Christopher": ("Chris",),
    "Nicholas": ("Nick",),
    "Matthew": ("Matt",),
    "James": ("Jamie", "Jim"),
    "Margaret": ("Maggie", "Peggy"),
    "Victoria": ("Vicky", "Tori"),
    "Charlotte": ("Charlie", "Lottie"),
    "Olivia": ("Liv",),
    "Abigail": ("Abbie",),
    "Robert": ("Rob", "Bobby"),
    "Richard": ("Rich",),
    "Edward": ("Ed", "Teddy"),
    "Anthony": ("Tony",),
    "Stephen": ("Steve",),
    "Jennifer": ("Jen",),
    "Natalie": ("Nat",),
    "Isabella": ("Bella", "Izzy"),
    "Theodore": ("Theo", "Teddy"),
    "Frederick": ("Freddie",),
    "Harrison": ("Harry",),
    "Nathaniel": ("Nate",),
    "Jacqueline": ("Jackie",),
    "Patricia": ("Trish",),
    "Deborah": ("Debbie",),
    "Kimberley": ("Kim",),
    "Zachary": ("Zac",),
    "Muhammad": ("Mo",),
    "Mohammed": ("Mo",),
    "Oleksandr": ("Sasha",),
    "Abdirahman": ("Abdi",),
    "Oluwaseun": ("Seun",),
    "Chukwuemeka": ("Emeka",),
}

# Gender identity descriptions used for the few "different" answers, by sex registered at birth.
GENDER_DESCRIPTIONS = {"F": ("Trans boy", "Non-binary"), "M": ("Trans girl", "Non-binary")}

CHILD_DISABILITIES: tuple[tuple[str, int], ...] = (
    ("AUT", 35),
    ("LD", 20),
    ("COMM", 15),
    ("BEH", 14),
    ("HEAR", 5),
    ("VIS", 4),
    ("MOB", 4),
    ("PC", 2),
    ("CON", 1),
)
ADULT_DISABILITIES: tuple[tuple[str, int], ...] = (
    ("MOB", 30),
    ("DDA", 20),
    ("LD", 10),
    ("HEAR", 10),
    ("VIS", 10),
    ("COMM", 5),
    ("HAND", 5),
    ("AUT", 4),
    ("INC", 3),
    ("CON", 3),
)

# Languages practitioners speak besides English.
PRACTITIONER_LANGUAGES = ("pol", "urd", "pan", "ben", "guj", "ara", "som", "ron", "por", "fra", "spa", "bfi", "cym")

# Why a family's record is sealed in the demo.
RESTRICTION_REASON = "Relative of a member of staff"

# A health practitioner the lead practitioner can invite to a Team Around the Family (issue 4's journey).
SCHOOL_NURSE = DemoUser(
    "schoolnurse@example.org",
    roles.PRACTITIONER,
    "school_nursing",
    "School Nursing Team",
    "School Nurse",
    ("Mental health", "Early years and child development"),
    30,
)
# Partner agencies' auditors for the multi-agency case audit (issue 7): they read a case only while assigned to it
# in an open audit window, and only where the family's consent covers their agency.
SCHOOL_AUDITOR = DemoUser(
    "school.auditor@example.org", roles.AUDITOR, DSL_SCHOOL, "Pastoral Team", "Deputy Headteacher"
)
HEALTH_AUDITOR = DemoUser(
    "health.auditor@example.org",
    roles.AUDITOR,
    "school_nursing",
    "School Nursing Team",
    "Named Nurse for Safeguarding Children",
)
PARTNER_USERS: tuple[DemoUser, ...] = (SCHOOL_WORKER, SCHOOL_NURSE, SCHOOL_AUDITOR, HEALTH_AUDITOR)
