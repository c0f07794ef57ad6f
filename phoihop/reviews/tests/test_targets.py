"""The period's target: the targets of the plan tasks due within the review's period."""

import datetime as dt
from decimal import Decimal

import pytest

from phoihop.programs.models import AnnualPlan, Task, TaskTarget
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind
from phoihop.reviews.tests.conftest import program_scope

pytestmark = pytest.mark.django_db


def _plan_task(cast, program, year: int, due: dt.date, target: int) -> Task:
    plan, _new = AnnualPlan.objects.get_or_create(
        program=program, year=year, defaults={"title": f"Kế hoạch phối hợp năm {year}"}
    )
    task = Task.objects.create(
        plan=plan, number=1, title=f"Tuyên truyền năm {year}",
        content_area=cast.task.content_area, lead=cast.dan_van, due_date=due,
    )
    TaskTarget.objects.create(task=task, indicator=cast.sessions, value=target)
    return task


def _target(review, code):
    total = review.total(code)
    return total.target if total else None


def test_a_five_year_review_adds_the_targets_of_every_annual_plan_of_its_years(
    cast, program, record, clock
):
    _plan_task(cast, program, 2017, dt.date(2017, 12, 15), 20)
    _plan_task(cast, program, 2018, dt.date(2018, 12, 15), 30)
    _plan_task(cast, program, 2019, dt.date(2019, 6, 15), 40)
    in_2020 = sum(
        (t.value for t in TaskTarget.objects.filter(indicator=cast.sessions, task__plan__year=2020)),
        Decimal(0),
    )
    five_years = review_compute(user=cast.secretariat, scope=program_scope(program))
    assert _target(five_years, cast.sessions.code) == 20 + 30 + 40 + in_2020
    year_2019 = review_compute(
        user=cast.secretariat,
        scope=program_scope(program, start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), kind=Kind.ANNUAL),
    )
    assert _target(year_2019, cast.sessions.code) == 40


def test_a_task_due_after_the_period_sets_no_target_for_it(cast, program, record, clock):
    _plan_task(cast, program, 2019, dt.date(2019, 11, 30), 40)
    first_half = review_compute(
        user=cast.secretariat,
        scope=program_scope(program, start=dt.date(2019, 1, 1), end=dt.date(2019, 6, 30), kind=Kind.SIX_MONTHS),
    )
    assert _target(first_half, cast.sessions.code) is None
