from django.db import migrations

from earlyhelp.codes import lists


def load(apps, schema_editor):
    lists.load(apps.get_model("codes", "Code"))


class Migration(migrations.Migration):
    dependencies = [("codes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
