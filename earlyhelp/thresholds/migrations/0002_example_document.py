"""Version 1 of the threshold document, published: an example for the partnership to replace with its own (R1.4).

Sources:
- Level numbers, names and expected responses: the "generic_model" of `shared/codes/threshold_levels_examples.json`
  (copied verbatim to earlyhelp/codes/data/), which summarises:
  - London Threshold Document: Continuum of Help and Support (London Safeguarding Children Partnership), as
    reproduced at https://southwarkcs.trixonline.co.uk/chapter/threshold-document-continuum-of-help-and-support
    and https://www.proceduresonline.com/bristol/cs/p_threshold.html;
  - Cornwall "Levels of Need" (https://www.supportincornwall.org.uk/kb5/cornwall/directory/site.page?id=kFKlmieyATU);
  - East Sussex "Level indicators"
    (https://eastsussex.gov.uk/children-families/professional-resources/level-indicators);
  - Wigan "Thresholds of Need" (https://wiganlscb.com/Parent/Thresholds-of-Need.aspx);
  - Lancashire/Blackburn/Blackpool "Working well with children and families"; Trafford "Level 2 – Early
    Help/Prevention"; Buckinghamshire Continuum of Need; Surrey "Effective Family Resilience" (2019).
- Level descriptions: ours, in plain English, following the Cornwall definitions in the same file (vulnerable:
  additional needs; complex: health or development impaired or at high risk of significant impairment; acute:
  experiencing or high likelihood of significant harm).
- Indicators: ours, grouped by the assessment framework dimensions of `shared/codes/assessment_framework_domains.json`
  (Framework for the Assessment of Children in Need and their Families, 2000), in the style of the London, East
  Sussex and Trafford documents. The level 2 examples Trafford lists in the file (developmental milestones,
  attendance below 90%, young carer, underage experimentation with drugs or alcohol, negative peer groups) are
  among them.

The migration only adds version 1 to a database with no threshold document, and never touches it again:
administrators change the document by publishing new versions.
"""

import json

from django.db import migrations
from django.utils import timezone

from earlyhelp.codes.lists import DATA_DIR

TITLE = "Continuum of need (example)"

SUMMARY = """\
This is an example threshold document. It is drawn from the published documents of several partnerships in \
England (London, Cornwall, East Sussex, Wigan and Trafford). Your local safeguarding partnership should agree its \
own document and publish it here in place of this example.

The document describes four levels of need and the help expected at each. Use it when you ask for help for a \
family, and when you decide what help a family should get. The levels describe the help a child needs, not the \
child: a family's needs can go up or down, and one child in a family can need more help than another.

The indicators are examples of what you might see. They are not a checklist. No single indicator sets the level: \
think about how long a need has lasted, how it affects the child, what the family has already tried, and what is \
going well. Talk to the family, and ask for their consent to share information unless that would put a child at \
risk.

If you think a child is at risk of significant harm now, contact the children's front door straight away. If a \
child is in immediate danger, call the police on 999."""

DESCRIPTIONS = {
    1: """\
Children whose needs are met by their family and by the services every child uses: early years settings, \
schools, GPs, health visitors and school nurses. They are healthy, safe and making progress.

If a universal service can meet a small need by itself, for example with advice or a change at school, no \
early help assessment is needed.""",
    2: """\
Children with additional needs, or needs that are starting to show, that are not being met by universal \
services alone. Without help now the needs could grow.

One agency, or a few agencies working together, can meet these needs with the family's agreement. An early help \
assessment is done with the family and names a lead practitioner. Children's social care is not involved.""",
    3: """\
Children with several needs at once, or needs serious enough that their health or development is being \
impaired, or is at high risk of significant impairment, without help.

Agencies work together with the family as a Team Around the Family, to one plan coordinated by a lead \
practitioner. Some partnerships give this help as "child in need" support under section 17 of the Children Act \
1989.""",
    4: """\
Children who have suffered, or are likely to suffer, significant harm, or whose health or development is likely \
to be seriously impaired without services from children's social care.

Contact the children's front door straight away. Children's social care will decide whether to assess the child \
under section 17 or make child protection enquiries under section 47 of the Children Act 1989. The child may \
need a child protection plan or to be looked after by the local authority.""",
}

# level -> [(dimension code, indicator)], in the order they are shown within each dimension.
INDICATORS = {
    2: [
        ("CDN.HEALTH", "Not meeting some developmental milestones, with no medical reason known"),
        ("CDN.HEALTH", "Missed health appointments, immunisations or development checks"),
        ("CDN.EDUCATION", "Attendance below 90% or persistent lateness"),
        ("CDN.EDUCATION", "Falling behind at nursery or school, or at risk of suspension"),
        (
            "CDN.EMOTIONAL_BEHAVIOURAL",
            "Low mood, worry or behaviour that concerns the family or school, but does not need specialist help",
        ),
        ("CDN.EMOTIONAL_BEHAVIOURAL", "Underage experimentation with alcohol or drugs"),
        ("CDN.IDENTITY", "Being bullied or treated unfairly because of who they are"),
        (
            "CDN.FAMILY_SOCIAL_RELATIONSHIPS",
            "Young carer: looks after someone in the family, and it is starting to affect school or friendships",
        ),
        ("CDN.FAMILY_SOCIAL_RELATIONSHIPS", "Spends time with friends who get into trouble"),
        ("PC.BASIC_CARE", "Parents find it hard to keep up regular meals, clean clothes or routines"),
        ("PC.ENSURING_SAFETY", "Supervision not always right for the child's age"),
        ("PC.EMOTIONAL_WARMTH", "A parent's stress or low mood is starting to affect the attention the child gets"),
        ("PC.STIMULATION", "Little play, reading or talking with the child at home"),
        ("PC.GUIDANCE_BOUNDARIES", "Parents struggle to set boundaries or to manage the child's behaviour"),
        ("PC.STABILITY", "Separation, bereavement or a move that unsettles the child"),
        (
            "FEF.FAMILY_HISTORY_FUNCTIONING",
            "Arguments between parents that upset the child, with no violence or controlling behaviour",
        ),
        ("FEF.HOUSING", "Overcrowded or poor housing that affects the child's sleep, health or homework"),
        ("FEF.EMPLOYMENT", "Parents out of work and wanting help to find work or training"),
        ("FEF.INCOME", "Money worries or debt: the family sometimes goes without essentials"),
        ("FEF.SOCIAL_INTEGRATION", "Family isolated, with little support from friends, neighbours or community"),
        ("FEF.COMMUNITY_RESOURCES", "Family new to the area and unsure how to use local services"),
    ],
    3: [
        (
            "CDN.HEALTH",
            "Health or development clearly held back, for example faltering growth, or a disability whose needs "
            "are not being met",
        ),
        ("CDN.EDUCATION", "Attendance below 80%, repeated suspensions, or not in school at all"),
        ("CDN.EMOTIONAL_BEHAVIOURAL", "Self-harm, or mental health difficulties that affect daily life"),
        ("CDN.EMOTIONAL_BEHAVIOURAL", "Regular drug or alcohol use that affects health, learning or safety"),
        ("CDN.EMOTIONAL_BEHAVIOURAL", "Involved in anti-social behaviour or at risk of offending"),
        ("CDN.FAMILY_SOCIAL_RELATIONSHIPS", "Goes missing from home or school for short periods"),
        (
            "CDN.FAMILY_SOCIAL_RELATIONSHIPS",
            "Early signs of exploitation: unexplained money, gifts or phones, or much older friends",
        ),
        ("CDN.SELF_CARE", "Young carer whose caring is harming their health or education"),
        ("PC.BASIC_CARE", "Parental mental ill health affecting the child's care"),
        ("PC.BASIC_CARE", "Home conditions, hygiene, food or health care often below what the child needs"),
        ("PC.ENSURING_SAFETY", "Parental drug or alcohol misuse that affects the child's care or supervision"),
        ("PC.ENSURING_SAFETY", "Domestic abuse in the household, assessed as standard or medium risk"),
        ("PC.EMOTIONAL_WARMTH", "Child often criticised, blamed or left out by their parents"),
        (
            "PC.GUIDANCE_BOUNDARIES",
            "Parents cannot keep the child safe from risks outside the home, such as going missing",
        ),
        ("PC.STABILITY", "Child has moved between carers or addresses several times, or been told to leave home"),
        (
            "FEF.FAMILY_HISTORY_FUNCTIONING",
            "Needs are growing and the family has not taken up the early help offered",
        ),
        ("FEF.WIDER_FAMILY", "Relationships with the wider family have broken down, leaving no one to help"),
        ("FEF.HOUSING", "Family at risk of eviction, or living in temporary accommodation"),
        ("FEF.INCOME", "Serious debt or no recourse to public funds: not enough food or heating"),
        (
            "FEF.SOCIAL_INTEGRATION",
            "Family experiencing harassment, hate crime or serious anti-social behaviour from neighbours",
        ),
    ],
    4: [
        ("CDN.HEALTH", "Child has suffered or is likely to suffer significant harm"),
        ("CDN.HEALTH", "Injury or bruising with no credible explanation, above all in a baby who is not yet mobile"),
        ("CDN.EMOTIONAL_BEHAVIOURAL", "Serious self-harm or a suicide attempt, and parents cannot keep the child safe"),
        (
            "CDN.FAMILY_SOCIAL_RELATIONSHIPS",
            "Child is being sexually or criminally exploited, including through county lines",
        ),
        ("CDN.FAMILY_SOCIAL_RELATIONSHIPS", "Child goes missing often or for long periods"),
        ("CDN.FAMILY_SOCIAL_RELATIONSHIPS", "Child says they have been abused, or someone alleges abuse"),
        ("PC.BASIC_CARE", "Persistent neglect: the child's basic needs are not met, and help has not changed this"),
        ("PC.BASIC_CARE", "Parental mental ill health or substance misuse leaves the child without safe care"),
        (
            "PC.ENSURING_SAFETY",
            "Domestic abuse assessed as high risk, including cases heard at a multi-agency risk assessment "
            "conference (MARAC)",
        ),
        ("PC.ENSURING_SAFETY", "Someone in the household or visiting it poses a risk to children"),
        ("PC.ENSURING_SAFETY", "At risk of female genital mutilation, forced marriage or honour-based abuse"),
        ("PC.EMOTIONAL_WARMTH", "Child is persistently frightened, rejected or humiliated at home"),
        ("PC.STABILITY", "No parent or carer able or willing to look after the child"),
        (
            "FEF.FAMILY_HISTORY_FUNCTIONING",
            "Earlier children removed from the parents' care, or a history of serious harm to a child",
        ),
        ("FEF.WIDER_FAMILY", "Child in the UK without a parent or carer: unaccompanied, or trafficked"),
        ("FEF.HOUSING", "Family homeless, or the home is dangerous for the child"),
        ("FEF.INCOME", "Family destitute, with no money, food or shelter"),
        ("FEF.SOCIAL_INTEGRATION", "Family involved in or targeted by gang violence or organised crime"),
    ],
}


def seed_example(apps, schema_editor):
    ThresholdDocument = apps.get_model("thresholds", "ThresholdDocument")
    Level = apps.get_model("thresholds", "Level")
    Indicator = apps.get_model("thresholds", "Indicator")
    if ThresholdDocument.objects.exists():
        return
    examples = json.loads((DATA_DIR / "threshold_levels_examples.json").read_text(encoding="utf-8"))
    document = ThresholdDocument.objects.create(
        title=TITLE, summary=SUMMARY, version=1, status="published", published_at=timezone.now()
    )
    for entry in examples["generic_model"]:
        number = entry["level"]
        level = Level.objects.create(
            document=document,
            number=number,
            name=entry["label"],
            description=DESCRIPTIONS[number],
            expected_response=entry["response"],
        )
        Indicator.objects.bulk_create(
            Indicator(level=level, dimension=dimension, text=text, order=order)
            for order, (dimension, text) in enumerate(INDICATORS.get(number, []))
        )


class Migration(migrations.Migration):
    dependencies = [("thresholds", "0001_initial")]
    operations = [migrations.RunPython(seed_example, migrations.RunPython.noop)]
