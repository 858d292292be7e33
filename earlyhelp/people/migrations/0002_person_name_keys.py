# Sound-alike name keys on Person for duplicate matching (issue 3, item 6), filled for the people already recorded.

from django.db import migrations, models

from earlyhelp.people.names import compute_name_keys

BATCH_SIZE = 2000


def fill_name_keys(apps, schema_editor):
    # compute_name_keys is a pure function of the two names. If its rules ever change, a later migration refills.
    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.only("pk", "legal_first_name", "legal_last_name").iterator(chunk_size=BATCH_SIZE):
        person.name_keys = compute_name_keys(first=person.legal_first_name, last=person.legal_last_name)
        batch.append(person)
        if len(batch) == BATCH_SIZE:
            Person.objects.bulk_update(batch, ["name_keys"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["name_keys"])


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalperson",
            name="name_keys",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=30),
        ),
        migrations.AddField(
            model_name="person",
            name="name_keys",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=30),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop, elidable=True),
    ]
