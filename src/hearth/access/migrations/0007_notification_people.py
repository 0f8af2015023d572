"""The people a notification names, so that showing it audits the read (issue 13 item 3).

Notifications written before this name their person only in a link to the person's page; those
links fill the new field."""

import re

from django.db import migrations, models

PERSON_LINK = re.compile(r"/people/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def people_from_links(apps, schema_editor):
    Notification = apps.get_model("access", "Notification")
    for note in Notification.objects.filter(link__contains="/people/").iterator():
        found = PERSON_LINK.search(note.link)
        if found:
            note.people = [found.group(1)]
            note.save(update_fields=["people"])


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0006_idempotency_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="people",
            field=models.JSONField(blank=True, default=list, help_text="ids of the people the message names: showing it is a read of them, audited (issue 13 item 3)"),
        ),
        migrations.RunPython(people_from_links, migrations.RunPython.noop),
    ]
