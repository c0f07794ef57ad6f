"""The month rollup: confirmed activities added up per program and month, kept current.

Reviews, the dashboard and task progress add up a few hundred rows per month instead of
grouping every activity again (`tallies`, `monthly_counts`, `task_tallies`).

How it stays right:

- Writers count changes. Any save or delete of an activity, a participation or a
  figure, and any change of an activity's places, that touches a confirmed activity adds
  one to `changes` on the month (or months: an activity moved from March to April
  touches both) in the same transaction (`note_changes`, called by the receivers
  connected in ActivitiesConfig.ready). The receivers decide nothing: they say which
  months changed, wherever the write came from (services, the API, the admin).
- Once the write commits, its months are recomputed (`refresh`, on_commit): the writer
  pays for one month, the next reader pays nothing.
- Readers bring the months up to date first all the same (`refresh`): a month whose
  `refreshed` is behind `changes` is recomputed from the records
  (phoihop.activities.tallies) under a row lock, and `refreshed` set to the count it
  started from; a write made meanwhile leaves the month behind again, so it is
  recomputed on the next read, never lost.
- Partial months at either end of a period, and users who see only part of a program's
  activities, are computed from the records as before: the rollup serves whole months of
  whole programs.
- `rollup_rebuild` (a management command) recomputes everything, for rows written by
  raw SQL or bulk inserts that bypass the models (the benchmark's generator).
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.db.models import F, QuerySet, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save

from phoihop.activities.models import (
    Activity,
    ActivityMonth,
    ActivityStatus,
    Figure,
    MonthArea,
    MonthFigure,
    MonthPair,
    MonthPartner,
    MonthPlace,
    MonthTask,
    MonthTaskFigure,
    Participation,
)
from phoihop.activities.tallies import (
    Counted,
    Tallies,
    TaskDays,
    day_counts,
    from_records,
    task_counts,
    task_sums,
)
from phoihop.programs.models import Task

MONTH_ROWS = [MonthArea, MonthFigure, MonthPair, MonthPartner, MonthPlace, MonthTask, MonthTaskFigure]


def month_of(day: dt.date) -> dt.date:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return month_of(month_of(day) + dt.timedelta(days=32)) - dt.timedelta(days=1)


def split(start: dt.date, end: dt.date) -> tuple[tuple[dt.date, dt.date] | None, list]:
    """[start, end] as (first whole month, last whole month) or None, and the partial
    ranges left at either end."""
    first = start if start.day == 1 else month_end(start) + dt.timedelta(days=1)
    last = month_of(end)
    if month_end(last) != end:
        last = month_of(last - dt.timedelta(days=1))
    if first > last:
        return None, [(start, end)] if start <= end else []
    edges = []
    if start < first:
        edges.append((start, first - dt.timedelta(days=1)))
    if month_end(last) < end:
        edges.append((month_end(last) + dt.timedelta(days=1), end))
    return (first, last), edges


# --- Writers: count changes -------------------------------------------------------------


def note_changes(days: Iterable[tuple[int, dt.date]]) -> None:
    """Count a change on the month of each (program id, day). Months are created and
    updated in one order, so two writers touching the same months never deadlock."""
    keys = sorted({(program_id, month_of(day)) for program_id, day in days if program_id and day})
    if not keys:
        return
    ActivityMonth.objects.bulk_create(
        [ActivityMonth(program_id=p, month=m) for p, m in keys], ignore_conflicts=True
    )
    for program_id, month in keys:  # usually one or two
        ActivityMonth.objects.filter(program_id=program_id, month=month).update(
            changes=F("changes") + 1
        )
    # Once the write is committed, bring its months up to date, so the next reader does
    # not wait for them (should that fail, the reader still does it).
    programs = sorted({program_id for program_id, _ in keys})
    transaction.on_commit(partial(refresh, programs), robust=True)


def _counted_places(activity) -> list[tuple[int, dt.date]]:
    """Where `activity` counts now and where it counted when loaded (confirmed only)."""
    places = []
    before = getattr(activity, "counted_as", None)
    if before and before[2] == ActivityStatus.CONFIRMED:
        places.append(before[:2])
    if activity.status == ActivityStatus.CONFIRMED:
        places.append((activity.program_id, activity.start_date))
    return places


def _activity_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading a fixture: rollup_rebuild afterwards
        return
    note_changes(_counted_places(instance))
    instance.counted_as = (instance.program_id, instance.start_date, instance.status)


def _activity_deleted(sender, instance, **kwargs):
    note_changes(_counted_places(instance))


def _row_changed(sender, instance, raw=False, **kwargs):
    """A participation or a figure: its activity's month, when the activity counts."""
    if raw:
        return
    if sender.activity.is_cached(instance):
        activity = instance.activity
        note_changes(_counted_places(activity))
        return
    row = (
        Activity.objects.filter(pk=instance.activity_id)
        .values_list("program_id", "start_date", "status")
        .first()
    )
    if row and row[2] == ActivityStatus.CONFIRMED:
        note_changes([row[:2]])


def _places_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # activity.localities.add/remove/set/clear
        if action in ("post_add", "post_remove", "post_clear"):
            note_changes(_counted_places(instance))
        return
    confirmed = Activity.objects.filter(status=ActivityStatus.CONFIRMED)
    if action in ("post_add", "post_remove"):  # locality.activities.add/remove(...)
        note_changes(confirmed.filter(pk__in=pk_set).values_list("program_id", "start_date"))
    elif action == "pre_clear":  # locality.activities.clear(): its activities, while linked
        note_changes(confirmed.filter(localities=instance).values_list("program_id", "start_date"))


def connect() -> None:
    post_save.connect(_activity_saved, sender=Activity, dispatch_uid="rollup-activity-saved")
    post_delete.connect(_activity_deleted, sender=Activity, dispatch_uid="rollup-activity-del")
    for model in (Participation, Figure):
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"rollup-{model.__name__}-s")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"rollup-{model.__name__}-d")
    m2m_changed.connect(
        _places_changed, sender=Activity.localities.through, dispatch_uid="rollup-places"
    )


# --- Readers: bring months up to date, then add them up ---------------------------------


def refresh(program_ids: Iterable[int] | QuerySet | None = None) -> int:
    """Recompute the months of these programs (of every program when None) that are
    behind; how many were. One query when none is."""
    behind = ActivityMonth.objects.filter(changes__gt=F("refreshed"))
    if program_ids is not None:
        if not isinstance(program_ids, QuerySet):
            program_ids = list(program_ids)
        behind = behind.filter(program_id__in=program_ids)
    behind = list(behind.order_by("program_id", "month").values_list("pk", flat=True))
    for pk in behind:
        with transaction.atomic():
            month = ActivityMonth.objects.select_for_update().get(pk=pk)
            if month.refreshed < month.changes:
                _recompute(month)
                ActivityMonth.objects.filter(pk=pk).update(refreshed=month.changes)
    return len(behind)


def rebuild(program_ids: Iterable[int] | None = None) -> int:
    """Recompute every month of these programs (all programs when None) from the records,
    including months written around the models; how many months there are now."""
    activities = Activity.objects.filter(status=ActivityStatus.CONFIRMED)
    if program_ids is not None:
        program_ids = list(program_ids)
        activities = activities.filter(program_id__in=program_ids)
    days = activities.order_by().values_list("program_id", "start_date").distinct()
    with transaction.atomic():
        ActivityMonth.objects.bulk_create(  # months no write has told the rollup of
            [ActivityMonth(program_id=p, month=m) for p, m in {(p, month_of(d)) for p, d in days}],
            ignore_conflicts=True,
        )
        months = ActivityMonth.objects.all()
        if program_ids is not None:
            months = months.filter(program_id__in=program_ids)
        months.update(changes=F("changes") + 1)  # every one of them behind
    refresh(program_ids)
    return months.count()


def _recompute(month: ActivityMonth) -> None:
    counted = Counted(month.program_id, month.month, month_end(month.month))
    tallies = from_records(counted)
    for model in MONTH_ROWS:
        model.objects.filter(month=month).delete()
    MonthArea.objects.bulk_create(
        MonthArea(month=month, content_area_id=a, lead_id=lead, activities=n, joint=joint)
        for (a, lead), (n, joint) in tallies.areas.items()
    )
    MonthFigure.objects.bulk_create(
        MonthFigure(
            month=month, content_area_id=a, lead_id=lead, indicator_id=i, total=total, reported=n
        )
        for (a, lead, i), (total, n) in tallies.figures.items()
    )
    MonthPair.objects.bulk_create(
        MonthPair(month=month, first_id=a, second_id=b, activities=n)
        for (a, b), n in tallies.pairs.items()
    )
    MonthPartner.objects.bulk_create(
        MonthPartner(month=month, organization_id=org, activities=n)
        for org, n in tallies.partners.items()
    )
    MonthPlace.objects.bulk_create(
        MonthPlace(month=month, locality_id=loc, activities=n) for loc, n in tallies.places.items()
    )
    MonthTask.objects.bulk_create(
        MonthTask(month=month, task_id=task, activities=n)
        for task, n in task_counts(counted).items()
    )
    MonthTaskFigure.objects.bulk_create(
        MonthTaskFigure(month=month, task_id=task, indicator_id=i, total=total)
        for (task, i), total in task_sums(counted).items()
    )


def tallies(counted: Counted, organizations: list[int] | None = None) -> Tallies:
    """The tallies of `counted`: whole months from the rollup, the rest from the records.
    With `within` (part of a program's activities) everything comes from the records."""
    if counted.within is not None:
        return from_records(counted, organizations)
    months, edges = split(counted.start, counted.end)
    result = Tallies()
    if months:
        refresh([counted.program_id])
        result.add(_read_months(counted.program_id, *months))
    for start, end in edges:
        result.add(from_records(Counted(counted.program_id, start, end), organizations))
    if organizations is not None:
        wanted = set(organizations)
        result.pairs = Counter(
            {k: n for k, n in result.pairs.items() if k[0] in wanted and k[1] in wanted}
        )
        result.partners = Counter({k: n for k, n in result.partners.items() if k in wanted})
    return result


def _read_months(program_id: int, first: dt.date, last: dt.date) -> Tallies:
    """Five small GROUP BY queries over the months' rows."""
    where = {"month__program_id": program_id, "month__month__gte": first, "month__month__lte": last}

    def summed(model, keys: list[str], **sums):
        return model.objects.filter(**where).order_by().values_list(*keys).annotate(**sums)

    return Tallies(
        areas={
            (a, lead): [n, joint]
            for a, lead, n, joint in summed(
                MonthArea, ["content_area_id", "lead_id"], n=Sum("activities"), j=Sum("joint")
            )
        },
        figures={
            (a, lead, i): [total or Decimal(0), n]
            for a, lead, i, total, n in summed(
                MonthFigure,
                ["content_area_id", "lead_id", "indicator_id"],
                t=Sum("total"),
                n=Sum("reported"),
            )
        },
        pairs=Counter(
            {
                (a, b): n
                for a, b, n in summed(MonthPair, ["first_id", "second_id"], n=Sum("activities"))
            }
        ),
        partners=Counter(dict(summed(MonthPartner, ["organization_id"], n=Sum("activities")))),
        places=Counter(dict(summed(MonthPlace, ["locality_id"], n=Sum("activities")))),
    )


def monthly_counts(counted: Counted) -> dict[dt.date, int]:
    """first day of the month → counted activities that started in it."""
    counts: dict[dt.date, int] = defaultdict(int)
    months, edges = split(counted.start, counted.end)
    if counted.within is not None:
        months, edges = None, [(counted.start, counted.end)]
    if months:
        refresh([counted.program_id])
        rows = (
            MonthArea.objects.filter(
                month__program_id=counted.program_id,
                month__month__gte=months[0],
                month__month__lte=months[1],
            )
            .order_by()
            .values_list("month__month")
            .annotate(n=Sum("activities"))
        )
        for month, n in rows:
            counts[month] += n
    for start, end in edges:
        part = Counted(counted.program_id, start, end, counted.within)
        for day, n in day_counts(part).items():
            counts[month_of(day)] += n
    return dict(counts)


def task_tallies(
    task_ids: list[int], *, until: dt.date
) -> tuple[dict[int, int], dict[tuple[int, int], Decimal]]:
    """(task id → confirmed activities linked to it, (task id, indicator id) → their sum),
    over the activities that started on or before `until`: whole months from the rollup;
    when `until` ends before its month does and that month has linked activities, the
    month's days up to `until` from the records (two more queries)."""
    if not task_ids:
        return {}, {}
    refresh(Task.objects.filter(pk__in=task_ids).values("plan__program_id"))
    last = month_of(until)
    partial = month_end(until) != until
    counts: Counter = Counter()
    partial_seen = False
    for task, month, n in (
        MonthTask.objects.filter(task_id__in=task_ids, month__month__lte=last)
        .order_by()
        .values_list("task_id", "month__month")
        .annotate(n=Sum("activities"))
    ):
        if partial and month == last:
            partial_seen = True
        else:
            counts[task] += n
    whole = {"month__month__lt" if partial else "month__month__lte": last}
    sums: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for task, indicator, total in (
        MonthTaskFigure.objects.filter(task_id__in=task_ids, **whole)
        .order_by()
        .values_list("task_id", "indicator_id")
        .annotate(total=Sum("total"))
    ):
        sums[(task, indicator)] += total or Decimal(0)
    if partial_seen:
        days = TaskDays(task_ids, last, until)
        counts.update(task_counts(days))
        for key, total in task_sums(days).items():
            sums[key] += total
    return dict(counts), dict(sums)
