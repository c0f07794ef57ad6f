"""Fill the folded title of activities recorded before the field existed."""

from django.db import migrations


def fill(apps, schema_editor):
    from phoihop.lib.text import fold

    Activity = apps.get_model("activities", "Activity")
    for activity in Activity.objects.only("pk", "title").iterator():
        Activity.objects.filter(pk=activity.pk).update(search_text=fold(activity.title)[:300])


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_activity_search_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
