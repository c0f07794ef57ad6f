"""Fill CaseEvent.due_date for the assignments and reopenings recorded before it existed.

Only assigning and reopening set a case's due date (situations.services), so:
- a reopening set `happened_on + topic.handling_days` (what case_reopen computes);
- a case's last assignment or reopening set the due date the case carries now;
- an earlier assignment set the date its text names ("…; hạn xử lý: 05/07/2020."),
  else the default of case_assign (`happened_on + topic.handling_days`).
"""

import datetime as dt
import re

from django.db import migrations

SETS_DUE = ("assigned", "reopened")
NAMED_DUE = re.compile(r"(\d{2})/(\d{2})/(\d{4})\.?\s*$")


def _named(text: str) -> dt.date | None:
    match = NAMED_DUE.search(text or "")
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _set_on(event, last_pk: int) -> dt.date | None:
    case = event.case
    if event.pk == last_pk and case.due_date:
        return case.due_date
    default = event.happened_on + dt.timedelta(days=case.topic.handling_days)
    if event.kind == "reopened":
        return default
    return _named(event.text) or default


def backfill(apps, schema_editor):
    CaseEvent = apps.get_model("situations", "CaseEvent")
    events = (
        CaseEvent.objects.filter(kind__in=SETS_DUE, due_date__isnull=True)
        .select_related("case__topic")
        .order_by("case_id", "happened_on", "recorded_at", "pk")
    )
    last = {}
    for case_id, pk in CaseEvent.objects.filter(kind__in=SETS_DUE).order_by(
        "case_id", "happened_on", "recorded_at", "pk"
    ).values_list("case_id", "pk"):
        last[case_id] = pk
    changed = []
    for event in events.iterator(chunk_size=2000):
        event.due_date = _set_on(event, last[event.case_id])
        changed.append(event)
    CaseEvent.objects.bulk_update(changed, ["due_date"], batch_size=1000)


def clear(apps, schema_editor):
    apps.get_model("situations", "CaseEvent").objects.update(due_date=None)


class Migration(migrations.Migration):
    dependencies = [("situations", "0008_caseevent_due_date")]

    operations = [migrations.RunPython(backfill, clear)]
