from django.db import migrations

from phoihop.situations.defaults import TOPICS


def add_topics(apps, schema_editor):
    Topic = apps.get_model("situations", "Topic")
    for order, (code, name, sensitive, days) in enumerate(TOPICS):
        Topic.objects.get_or_create(
            code=code, defaults=dict(name=name, sensitive=sensitive, handling_days=days, order=order)
        )


def remove_topics(apps, schema_editor):
    apps.get_model("situations", "Topic").objects.filter(code__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("situations", "0002_notification_preference")]

    operations = [migrations.RunPython(add_topics, remove_topics)]
