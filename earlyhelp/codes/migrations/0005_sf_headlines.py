from django.db import migrations

from earlyhelp.codes import lists


def load(apps, schema_editor):
    lists.load(apps.get_model("codes", "Code"), [lists.SF_HEADLINE])


class Migration(migrations.Migration):
    dependencies = [("codes", "0004_assessment_codes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
