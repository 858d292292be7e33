"""The needs a service can help with (issue 3, item 11): a starting list for administrators to edit.

Drawn from the headline problems of the Supporting Families outcome framework (money, housing, education,
health, domestic abuse, crime and exploitation, early years) and the services early help most often signposts to.
Administrators disable a need rather than delete it. The migration only adds names that are not there yet.
"""

from django.db import migrations

NEEDS = (
    "Parenting",
    "Behaviour",
    "School attendance",
    "Special educational needs and disabilities (SEND)",
    "Emotional wellbeing and mental health",
    "Domestic abuse",
    "Substance misuse",
    "Money and debt",
    "Housing",
    "Food poverty",
    "Young carers",
    "Early years development",
    "Speech and language",
    "Youth activities",
    "Exploitation",
    "Bereavement",
    "Family conflict and separation",
    "Physical health",
    "Employment and training",
)


def add_needs(apps, schema_editor):
    Need = apps.get_model("directory", "Need")
    for name in NEEDS:
        Need.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(add_needs, migrations.RunPython.noop)]
