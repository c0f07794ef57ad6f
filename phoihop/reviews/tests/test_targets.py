"""The period's target: the targets of the plan tasks due within the review's period."""

import datetime as dt
from decimal import Decimal

import pytest

from phoihop.activities.selectors import progress_for_tasks
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


def test_the_plan_linked_result_counts_only_the_task_activities_within_the_period(
    cast, program, record, clock
):
    task = _plan_task(cast, program, 2020, dt.date(2020, 11, 30), 10)
    record.activity(task=task, day=dt.date(2020, 3, 2), figures={cast.sessions: 8})  # before the period
    record.activity(task=task, day=dt.date(2020, 8, 3), figures={cast.sessions: 5})
    second_half = review_compute(
        user=cast.secretariat,
        scope=program_scope(program, start=dt.date(2020, 7, 1), end=dt.date(2020, 12, 31), kind=Kind.SIX_MONTHS),
    )
    sessions = second_half.total(cast.sessions.code)
    assert sessions.achieved == 5  # not 13: the March activity belongs to the first half
    assert sessions.achieved <= sessions.value
    # The task's status still counts its progress up to the review's day: 8 + 5 reach 10.
    row = next(t for t in second_half.tasks if t.title == task.title)
    assert row.status == "done"


def test_a_task_progress_since_a_day_keeps_its_status_from_all_its_activities(cast, program, record, clock):
    task = _plan_task(cast, program, 2020, dt.date(2020, 11, 30), 10)
    record.activity(task=task, day=dt.date(2020, 3, 2), figures={cast.sessions: 8})
    record.activity(task=task, day=dt.date(2020, 8, 3), figures={cast.sessions: 5})
    whole = progress_for_tasks([task], as_of=dt.date(2020, 11, 20))[task.pk]
    since = progress_for_tasks([task], as_of=dt.date(2020, 11, 20), since=dt.date(2020, 7, 1))[task.pk]
    assert whole.status == since.status == "done"
    assert [(t.achieved, t.in_period) for t in whole.targets] == [(13, None)]
    assert [(t.achieved, t.in_period) for t in since.targets] == [(13, 5)]
