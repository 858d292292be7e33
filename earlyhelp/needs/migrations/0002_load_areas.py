from django.db import migrations

from earlyhelp.needs import reference


def load(apps, schema_editor):
    reference.load(apps.get_model("needs", "NeedArea"), apps.get_model("codes", "Code"))


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial"), ("codes", "0005_sf_headlines")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
