"""Activity tests run on 20 November 2020 (reports of future dates are refused)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from phoihop.activities.services import (
    ActivityData,
    activity_confirm,
    activity_create,
    participation_respond,
)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def activity_data(cast, **overrides) -> ActivityData:
    values = dict(
        title="Tuyên truyền Luật Đất đai tại xã Thanh Hải",
        start_date=dt.date(2020, 10, 5),
        end_date=dt.date(2020, 10, 5),
        content_area_id=cast.program.content_areas.get(number=1).pk,
        lead_id=cast.dan_van.pk,
        partner_ids=[cast.military.pk, cast.women.pk],
        task_id=cast.task.pk,
        figures={cast.sessions.pk: Decimal(4), cast.attendance.pk: Decimal(350)},
    )
    return ActivityData(**(values | overrides))


@pytest.fixture
def make_activity(cast, program):
    """`make_activity(actor=..., submit=True, **data)` through the service."""

    def make(actor=None, submit=True, **overrides):
        return activity_create(
            actor=actor or cast.secretariat,
            program=program,
            data=activity_data(cast, **overrides),
            submit=submit,
        )

    return make


@pytest.fixture
def joint_activity(cast, make_activity):
    """Ban Dân vận leads, the Military Command and the Women's Union confirm; the
    secretariat confirms: a joint activity of three members."""
    activity = make_activity()
    for user in (cast.military_focal, cast.women_focal):
        part = activity.participations.get(organization=user.organization)
        participation_respond(
            actor=user, participation=part, accept=True, contribution="Cử báo cáo viên"
        )
    activity_confirm(actor=cast.secretariat, activity=activity)
    activity.refresh_from_db()
    return activity
