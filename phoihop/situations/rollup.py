"""The case-state rollup: each case's state by the days its timeline changed (CaseState).

A review, the dashboard and the hotspot scores of a window ask every case of a committee
how it stood on a day (selectors.as_of_state). Reading that from the timeline costs
three correlated subqueries per case; the rollup holds one row per case and event day,
so the as-of state is one join on a date range.

How it stays right:

- Any save or delete of a CaseEvent, wherever it comes from (services, the admin, the
  demo load, fixtures, the API), rebuilds that case's rows in the same transaction
  (`case_states_refresh`, called by the receivers connected in SituationsConfig.ready).
  A case has a handful of events, so the writer pays one small read and insert.
- The rows say only what the events say: the fallback to the case's own fields (a case
  without a timeline, or a day before its first event) stays in as_of_state, read from
  the case row as before.
- `case_states_rebuild` (a management command) rebuilds every case, for events written
  by queryset updates, bulk inserts or raw SQL that bypass the models. Migration
  situations 0012 ran it once over the events recorded before the rollup existed.
"""

import datetime as dt
from collections.abc import Iterable
from itertools import groupby

from django.db import transaction
from django.db.models.signals import post_delete, post_save

BATCH = 2_000

# (valid_from, valid_until, status, moved_on, due_date), as in CaseState
State = tuple[dt.date, dt.date | None, str, dt.date | None, dt.date | None]


def timeline_states(events: Iterable[tuple[dt.date, str, dt.date | None]]) -> list[State]:
    """A case's states from its events as (happened_on, to_status, due_date), oldest
    first in the timeline's order (happened_on, recorded_at, pk): one state per event
    day, holding the newest move and due date on or before that day."""
    status, moved_on, due, days = "", None, None, []
    for day, same_day in groupby(events, key=lambda event: event[0]):
        for _day, to_status, due_date in same_day:
            if to_status:
                status, moved_on = to_status, day
            if due_date is not None:
                due = due_date
        days.append((day, status, moved_on, due))
    ends = [day for day, *_ in days[1:]] + [None]
    return [
        (day, until, status, moved, due)
        for (day, status, moved, due), until in zip(days, ends, strict=True)
    ]


def case_states_refresh(case_ids: Iterable[int], *, event_model=None, state_model=None) -> int:
    """Rebuild the rows of these cases from their events; the number of rows written.
    The models may be passed (a migration passes its historical ones)."""
    # Late: migration 0012 imports this module and passes its historical models instead.
    from phoihop.situations.models import CaseEvent, CaseState

    event_model, state_model = event_model or CaseEvent, state_model or CaseState
    case_ids = sorted(set(case_ids))
    with transaction.atomic():
        return _rewrite(case_ids, event_model, state_model)


def _rewrite(case_ids: list[int], event_model, state_model) -> int:
    """Under a lock on the cases' rows (two writers of one case's events take turns, the
    second reading the first's events once it committed), their rows rewritten."""
    cases = state_model._meta.get_field("case").related_model
    list(cases.objects.select_for_update().filter(pk__in=case_ids).order_by("pk").values_list("pk"))
    state_model.objects.filter(case_id__in=case_ids).delete()
    events = (
        event_model.objects.filter(case_id__in=case_ids)
        .order_by("case_id", "happened_on", "recorded_at", "pk")
        .values_list("case_id", "happened_on", "to_status", "due_date")
    )
    rows = [
        state_model(
            case_id=case_id,
            valid_from=start,
            valid_until=until,
            status=status,
            moved_on=moved,
            due_date=due,
        )
        for case_id, timeline in groupby(
            events.iterator(chunk_size=BATCH), key=lambda event: event[0]
        )
        for start, until, status, moved, due in timeline_states(event[1:] for event in timeline)
    ]
    state_model.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def case_states_rebuild(*, event_model=None, state_model=None) -> int:
    """Every case with a timeline, BATCH cases at a time; rows left by cases without
    events are removed. The number of rows written."""
    # Late: migration 0012 imports this module and passes its historical models instead.
    from phoihop.situations.models import CaseEvent, CaseState

    event_model, state_model = event_model or CaseEvent, state_model or CaseState
    state_model.objects.exclude(case_id__in=event_model.objects.values("case_id")).delete()
    case_ids = list(
        event_model.objects.order_by("case_id").values_list("case_id", flat=True).distinct()
    )
    return sum(
        case_states_refresh(
            case_ids[at : at + BATCH], event_model=event_model, state_model=state_model
        )
        for at in range(0, len(case_ids), BATCH)
    )


def _event_written(sender, instance, **kwargs) -> None:
    case_states_refresh([instance.case_id])


def _event_deleted(sender, instance, origin=None, **kwargs) -> None:
    """A case deleted takes its events and its rows with it: nothing to rebuild then."""
    if isinstance(origin, sender) or getattr(origin, "model", None) is sender:
        case_states_refresh([instance.case_id])


def connect() -> None:
    # Late: called from SituationsConfig.ready(), once the models are loaded.
    from phoihop.situations.models import CaseEvent

    post_save.connect(_event_written, sender=CaseEvent, dispatch_uid="case-states-event-saved")
    post_delete.connect(_event_deleted, sender=CaseEvent, dispatch_uid="case-states-event-deleted")
