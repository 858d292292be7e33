from django.db import migrations

from earlyhelp.outcometools import reference


def load(apps, schema_editor):
    reference.load(apps.get_model("outcometools", "OutcomeTool"), apps.get_model("outcometools", "ToolArea"))


class Migration(migrations.Migration):
    dependencies = [("outcometools", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
