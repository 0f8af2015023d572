"""Issue 17: only a statutory CP visit counts towards the CP visit frequency. Visits recorded
before visits had a purpose are "other" (visits/0006); a visit at which the child was on a
child protection plan that day (London date, from the plan's start to its end) was that plan's
visit, so it is marked "cp". Visits after the migration carry the purpose the worker chose.
Reversing leaves the purposes as they are."""

from django.db import migrations


def mark_cp_visits(apps, schema_editor):
    from zoneinfo import ZoneInfo

    CPPlan = apps.get_model("protection", "CPPlan")
    Visit = apps.get_model("visits", "Visit")
    london = ZoneInfo("Europe/London")
    for plan in CPPlan.objects.all().only("person_id", "start_on", "end_on").iterator():
        visits = Visit.objects.filter(child_id=plan.person_id, purpose="other")
        during = [pk for pk, at in visits.values_list("pk", "starts_at")
                  if plan.start_on <= at.astimezone(london).date()
                  and (plan.end_on is None or at.astimezone(london).date() <= plan.end_on)]
        Visit.objects.filter(pk__in=during).update(purpose="cp")


class Migration(migrations.Migration):

    dependencies = [
        ("protection", "0004_strategy_discussion_group"),
        ("visits", "0006_visit_purpose"),
    ]

    operations = [migrations.RunPython(mark_cp_visits, migrations.RunPython.noop)]
