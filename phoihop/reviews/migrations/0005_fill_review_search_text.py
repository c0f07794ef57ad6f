"""Fill the folded title and number of reviews written before the field existed."""

from django.db import migrations

from phoihop.lib.text import fold


def fill(apps, schema_editor):
    ReviewReport = apps.get_model("reviews", "ReviewReport")
    for review in ReviewReport.objects.only("pk", "title", "number").iterator():
        words = (review.title, review.number)
        text = " | ".join(fold(w) for w in words if w)[:400]
        ReviewReport.objects.filter(pk=review.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0004_review_search_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
