"""Rewrite timeline texts that copied another record's title into references.

Before 0005, linking a recurrence, escalating and merging wrote the other case's title
("vụ việc số 12 “…”") or the report's title into the event text, where a reader who may
not see that record still read it. This rewrites those texts to the placeholders
`{case}` / `{report}` and points `related_case` / `related_report` at the record; the
page then names it only for readers who may see it. Reversible: going back writes the
titles into the texts again.
"""

import re

from django.db import migrations

CASE_LABEL = re.compile(r"(?:vụ việc số|case no\.) (\d+) “.*”", re.DOTALL)
REPORT_TITLE = re.compile(
    r"^((?:Từ báo cáo của|Gộp báo cáo trùng của|From the report of|Merged duplicate report from) "
    r".*? (?:ngày|dated) \d{2}/\d{2}/\d{4}: )(.+)$",
    re.DOTALL,
)
CASE_KINDS = ["recurrence", "created"]
REPORT_KINDS = ["created", "merged"]


def _case_reference(event, Case) -> bool:
    found = CASE_LABEL.search(event.text)
    if not found:
        return False
    event.text = event.text[: found.start()] + "{case}" + event.text[found.end() :]
    event.related_case_id = Case.objects.filter(pk=int(found.group(1))).values_list("pk", flat=True).first()
    return True


def _report_reference(event, SituationReport) -> bool:
    found = REPORT_TITLE.match(event.text)
    if not found or "{report}" in event.text:
        return False
    title = found.group(2)
    event.related_report_id = (
        SituationReport.objects.filter(case_id=event.case_id, title=title).values_list("pk", flat=True).first()
    )
    event.text = found.group(1) + "{report}"
    return True


def forwards(apps, schema_editor):
    CaseEvent = apps.get_model("situations", "CaseEvent")
    Case = apps.get_model("situations", "Case")
    SituationReport = apps.get_model("situations", "SituationReport")
    events = CaseEvent.objects.filter(kind__in=sorted({*CASE_KINDS, *REPORT_KINDS})).exclude(text="")
    for event in events.iterator():
        changed = event.kind in CASE_KINDS and _case_reference(event, Case)
        changed = (event.kind in REPORT_KINDS and _report_reference(event, SituationReport)) or changed
        if changed:
            event.save(update_fields=["text", "related_case", "related_report"])


def backwards(apps, schema_editor):
    CaseEvent = apps.get_model("situations", "CaseEvent")
    referring = CaseEvent.objects.filter(related_case__isnull=False) | CaseEvent.objects.filter(
        related_report__isnull=False
    )
    for event in referring.select_related("related_case", "related_report").iterator():
        if event.related_case_id:
            label = "vụ việc số %s “%s”" % (event.related_case_id, event.related_case.title)
            event.text = event.text.replace("{case}", label)
        if event.related_report_id:
            event.text = event.text.replace("{report}", event.related_report.title)
        event.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("situations", "0005_event_references"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
