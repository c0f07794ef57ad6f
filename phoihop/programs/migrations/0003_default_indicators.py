from django.db import migrations

from phoihop.programs.defaults import INDICATORS


def add_indicators(apps, schema_editor):
    Indicator = apps.get_model("programs", "Indicator")
    for order, (code, name, unit, aggregation, summable, decimals) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            code=code,
            defaults=dict(
                name=name,
                unit=unit,
                aggregation=aggregation,
                summable_across_members=summable,
                decimals=decimals,
                order=order,
            ),
        )


def remove_indicators(apps, schema_editor):
    Indicator = apps.get_model("programs", "Indicator")
    Indicator.objects.filter(code__in=[row[0] for row in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_plans_tasks_indicators")]

    operations = [migrations.RunPython(add_indicators, remove_indicators)]
