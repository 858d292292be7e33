from django.db import migrations

from earlyhelp.codes import lists


def load(apps, schema_editor):
    lists.load(apps.get_model("codes", "Code"), [lists.CIN_FACTOR, lists.ASSESSMENT_DIMENSION])


class Migration(migrations.Migration):
    dependencies = [("codes", "0003_referral_source")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
