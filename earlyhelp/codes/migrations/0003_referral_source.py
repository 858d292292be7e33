from django.db import migrations

from earlyhelp.codes import lists


def load(apps, schema_editor):
    lists.load(apps.get_model("codes", "Code"), [lists.REFERRAL_SOURCE])


class Migration(migrations.Migration):
    dependencies = [("codes", "0002_load_official_lists")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
