from django.db import migrations

from earlyhelp.access.roles import create_groups


def create_roles(apps, schema_editor):
    create_groups(apps.get_model("auth", "Group"))


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
