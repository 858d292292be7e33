from django.db import migrations

from earlyhelp.quality import reference


def load(apps, schema_editor):
    reference.load(
        apps.get_model("quality", "AuditTemplate"),
        apps.get_model("quality", "AuditSection"),
        apps.get_model("quality", "AuditQuestion"),
    )


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
