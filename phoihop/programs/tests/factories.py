"""Records the programs tests build through the real services."""

import datetime as dt
from decimal import Decimal


def report(cast, *, figures=None, day=dt.date(2020, 10, 5), confirm=True, task=None, lead=None):
    """An activity on the cast's task, submitted and (by default) confirmed."""
    from phoihop.activities.services import ActivityData, activity_confirm, activity_create

    data = ActivityData(
        title="Tuyên truyền Luật Đất đai tại phường Lam Hạ",
        start_date=day,
        end_date=day,
        content_area_id=cast.program.content_areas.get(number=1).pk,
        lead_id=(lead or cast.dan_van).pk,
        task_id=(task or cast.task).pk,
        figures={k: Decimal(v) for k, v in (figures or {cast.sessions.pk: 4}).items()},
    )
    activity = activity_create(actor=cast.secretariat, program=cast.program, data=data, submit=True)
    if confirm:
        activity_confirm(actor=cast.secretariat, activity=activity)
    return activity
