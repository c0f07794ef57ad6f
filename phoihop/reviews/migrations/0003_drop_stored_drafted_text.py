"""Drafts made before the sentences were drafted at render time (0002) stored the drafted
text in "results" and "limitations": printed beside the sentences drafted now, it would
appear twice. Drop from each draft the lines its creation wrote (its first history
version holds them), keeping every line the secretariat added or rewrote since. Issued
reports are left as signed (render/text.py prints their stored text only)."""

from django.db import migrations

DRAFTED_FIELDS = ("results", "limitations")  # the only parts review_create drafted then


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def without_drafted_lines(current: str, drafted: str) -> str:
    generated = set(_lines(drafted))
    return "\n".join(line for line in _lines(current) if line not in generated)


def drop_stored_drafted_text(apps, schema_editor):
    ReviewReport = apps.get_model("reviews", "ReviewReport")
    History = apps.get_model("reviews", "HistoricalReviewReport")
    for report in ReviewReport.objects.filter(status="draft").exclude(results="", limitations=""):
        first = History.objects.filter(id=report.pk).order_by("history_date", "history_id").first()
        if first is None:
            continue
        changed = []
        for name in DRAFTED_FIELDS:
            cleaned = without_drafted_lines(getattr(report, name), getattr(first, name))
            if _lines(getattr(first, name)) and cleaned != getattr(report, name):
                setattr(report, name, cleaned)
                changed.append(name)
        if changed:
            report.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_review_assessment_parts")]

    # Reversing keeps the cleaned text: the dropped lines are drafted again at render time.
    operations = [migrations.RunPython(drop_stored_drafted_text, migrations.RunPython.noop)]
