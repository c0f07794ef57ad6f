"""Review computation tests run on 20 November 2020, near the end of Hà Nam's 2016–2020 program.

`record` builds confirmed activities, cases and coordination models through small
helpers, so each test states only the figures its rule needs.
"""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import cache

from phoihop.activities.services import (
    ActivityData,
    activity_confirm,
    activity_create,
    participation_respond,
)
from phoihop.practices.models import CoordinationModel
from phoihop.reviews.data import Kind, Scope, Units
from phoihop.situations.models import Case, CaseStatus, Topic

TODAY = dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC)
ENDED = {CaseStatus.RESOLVED, CaseStatus.REFERRED, CaseStatus.CLOSED_UNRESOLVED}


@pytest.fixture(autouse=True)
def empty_cache():
    """The dashboard cache lives beyond a test's rolled-back transaction: start empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    """Pins the day; the review tests use it (`pytestmark`), the renderer tests need not."""
    with time_machine.travel(TODAY, tick=False):
        yield


def program_scope(program, **overrides) -> Scope:
    values = dict(
        program_id=program.pk,
        start=dt.date(2016, 1, 1),
        end=dt.date(2020, 12, 31),
        kind=Kind.PROGRAM,
    )
    return Scope(**(values | overrides))


class Recorder:
    def __init__(self, cast, program):
        self.cast, self.program = cast, program
        self.areas = {a.number: a for a in program.content_areas.all()}
        self.focal = {
            cast.dan_van.pk: cast.secretariat,
            cast.military.pk: cast.military_focal,
            cast.women.pk: cast.women_focal,
        }

    def activity(
        self,
        *,
        area=1,
        lead=None,
        partners=(),
        figures=None,
        localities=(),
        day=dt.date(2020, 6, 1),
        confirm=True,
        title="Hoạt động phối hợp",
        task=None,
    ):
        lead = lead or self.cast.dan_van
        data = ActivityData(
            title=title,
            start_date=day,
            end_date=day,
            content_area_id=self.areas[area].pk,
            lead_id=lead.pk,
            partner_ids=[p.pk for p in partners],
            locality_ids=[u.pk for u in localities],
            figures={i.pk: Decimal(v) for i, v in (figures or {}).items()},
            task_id=task.pk if task else None,
        )
        activity = activity_create(
            actor=self.focal[lead.pk], program=self.program, data=data, submit=True
        )
        for part in activity.participations.filter(role="partner"):
            participation_respond(
                actor=self.focal[part.organization_id], participation=part, accept=True
            )
        if confirm:
            activity_confirm(actor=self.cast.secretariat, activity=activity)
        return activity

    def case(
        self,
        topic_code,
        status=CaseStatus.RESOLVED,
        *,
        locality=None,
        opened=dt.date(2019, 3, 1),
        closed=dt.date(2019, 5, 1),
        lead=None,
        **extra,
    ):
        topic = Topic.objects.get(code=topic_code)
        return Case.objects.create(
            committee=self.cast.committee,
            title=f"Vụ việc {topic.name}",
            topic=topic,
            locality=locality or self.cast.places.lamha,
            sensitive=topic.sensitive,
            status=status,
            opened_on=opened,
            closed_on=closed if status in ENDED else None,
            lead=lead or self.cast.military,
            **extra,
        )

    def cases(self, topic_code, resolved: int, unresolved: int, **extra):
        for _ in range(resolved):
            self.case(topic_code, CaseStatus.RESOLVED, **extra)
        for _ in range(unresolved):
            self.case(topic_code, CaseStatus.CLOSED_UNRESOLVED, **extra)

    def model(self, status, *, area=1, name="Mô hình Dân vận khéo"):
        return CoordinationModel.objects.create(
            program=self.program,
            name=name,
            content_area=self.areas[area],
            started_on=dt.date(2018, 1, 1),
            description="Mô hình phối hợp",
            status=status,
        )


@pytest.fixture
def record(clock, cast, program) -> Recorder:
    return Recorder(cast, program)


@pytest.fixture
def seed_figures(cast, program, record):
    """Figures like the seed's: each of its four limitations should be drafted.

    14 activities spread two per content area, 2 of them joint (14%); 1 outstanding
    model; land, site clearance and religion resolved 3 of 10, the other topics 8 of 10.
    """
    for area in range(1, 8):
        record.activity(area=area, figures={cast.sessions: 10, cast.attendance: 500})
        partners = [cast.military] if area <= 2 else []
        record.activity(area=area, lead=cast.women, partners=partners, figures={cast.sessions: 5})
    record.model("outstanding")
    record.model("recognized")
    record.model("proposed")
    record.cases("dat-dai", 2, 4)
    record.cases("gpmb", 1, 1)
    record.cases("ton-giao", 0, 2)
    record.cases("moi-truong", 5, 1)
    record.cases("an-ninh-trat-tu", 3, 1)
    return SimpleNamespace(scope=program_scope(program), units=Units)
