"""A coordination model of Hà Nam's program with its evidence, clock pinned in Nov 2020."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from phoihop.activities.services import (
    ActivityData,
    activity_confirm,
    activity_create,
    participation_respond,
)
from phoihop.practices.services import coordination_model_create

TODAY = dt.date(2020, 11, 20)


@pytest.fixture(autouse=True)
def _clock():
    moment = dt.datetime(2020, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=False):
        yield


def make_activity(
    cast,
    program,
    *,
    lead,
    partners=(),
    day=dt.date(2020, 10, 5),
    sessions=4,
    attendance=350,
    confirm=True,
    submit=True,
):
    data = ActivityData(
        title=f"Tuyên truyền Luật Đất đai ngày {day:%d/%m/%Y}",
        start_date=day,
        end_date=day,
        content_area_id=program.content_areas.get(number=1).pk,
        lead_id=lead.pk,
        partner_ids=[p.pk for p in partners],
        figures={cast.sessions.pk: Decimal(sessions), cast.attendance.pk: Decimal(attendance)},
    )
    writer = {
        cast.dan_van: cast.secretariat,
        cast.military: cast.military_focal,
        cast.women: cast.women_focal,
    }
    activity = activity_create(actor=writer[lead], program=program, data=data, submit=submit)
    for partner in partners:
        part = activity.participations.get(organization=partner)
        participation_respond(actor=writer[partner], participation=part, accept=True)
    if confirm:
        activity_confirm(actor=cast.secretariat, activity=activity)
    return activity


@pytest.fixture
def practice(cast, program):
    """ "Dân vận khéo" land-law model of the Military Command and the Women's Union, with
    a joint confirmed activity (4 sessions, 350 people), a confirmed one of the Military
    Command (6 sessions, 500 people) and one still waiting for confirmation (not counted)."""
    joint = make_activity(cast, program, lead=cast.military, partners=[cast.women])
    alone = make_activity(
        cast, program, lead=cast.military, day=dt.date(2020, 10, 20), sessions=6, attendance=500
    )
    waiting = make_activity(
        cast, program, lead=cast.military, day=dt.date(2020, 11, 2), sessions=9, confirm=False
    )
    model = coordination_model_create(
        actor=cast.military_focal,
        program=program,
        name="  Dân vận khéo   trong tuyên truyền pháp luật đất đai ",
        content_area=program.content_areas.get(number=1),
        members=[cast.military, cast.women],
        localities=[cast.places.lamha],
        started_on=dt.date(2020, 3, 1),
        description="Tổ công tác chung của quân sự và phụ nữ đến từng hộ dân.",
        evidence=[joint, alone, waiting],
    )
    return SimpleNamespace(model=model, joint=joint, alone=alone, waiting=waiting, program=program)
