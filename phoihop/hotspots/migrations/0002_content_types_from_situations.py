"""The moved models' content types follow them from situations to hotspots.

Permissions (add_/change_/delete_/view_…) and the admin's log point at a content type,
so renaming the row's app_label keeps every permission a group or user holds. A row for
the new label that a post_migrate made in between (migrating app by app) is dropped first.
"""

from django.contrib.contenttypes.models import ContentType as LiveContentType
from django.db import migrations

MODELS = ["hotspot", "historicalhotspot", "historicalhotspot_responses"]


def _relabel(apps, schema_editor, old: str, new: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    for model in MODELS:
        if content_types.filter(app_label=old, model=model).exists():
            content_types.filter(app_label=new, model=model).delete()
            content_types.filter(app_label=old, model=model).update(app_label=new)
    LiveContentType.objects.clear_cache()  # the cache may hold the old label


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "situations", "hotspots")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "hotspots", "situations")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("hotspots", "0001_moved_from_situations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
