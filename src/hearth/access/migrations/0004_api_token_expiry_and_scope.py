"""API tokens get a name, a scope and an expiry (issue 13). Tokens issued before had neither:
they keep writing (scope "write") and expire 90 days after this migration runs."""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def expire_existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("access", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + timedelta(days=90))


class Migration(migrations.Migration):

    dependencies = [("access", "0003_audit_trail_append_only")]

    operations = [
        migrations.AlterModelOptions(name="apitoken",
                                     options={"ordering": ["-created_at", "-pk"]}),
        migrations.AddField(model_name="apitoken", name="name",
                            field=models.CharField(blank=True, default="", max_length=80)),
        migrations.AddField(model_name="apitoken", name="scope",
                            field=models.CharField(choices=[("read", "Read only"),
                                                            ("write", "Read and write")],
                                                   default="write", max_length=10)),
        migrations.AddField(model_name="apitoken", name="expires_at",
                            field=models.DateTimeField(null=True)),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(model_name="apitoken", name="scope",
                              field=models.CharField(choices=[("read", "Read only"),
                                                              ("write", "Read and write")],
                                                     default="read", max_length=10)),
        migrations.AlterField(model_name="apitoken", name="expires_at",
                              field=models.DateTimeField()),
    ]
