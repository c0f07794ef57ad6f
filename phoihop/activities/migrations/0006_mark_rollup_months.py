"""Existing databases: mark every month that has confirmed activities as behind, so the
first review after upgrading fills the rollup from the records (phoihop.activities.rollup)."""

from django.db import migrations


def mark_months(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    ActivityMonth = apps.get_model("activities", "ActivityMonth")
    days = Activity.objects.filter(status="confirmed").values_list("program_id", "start_date")
    months = {(program_id, day.replace(day=1)) for program_id, day in days.distinct().iterator()}
    ActivityMonth.objects.bulk_create(
        [ActivityMonth(program_id=p, month=m, changes=1) for p, m in sorted(months)],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_month_rollup")]

    operations = [migrations.RunPython(mark_months, migrations.RunPython.noop)]
