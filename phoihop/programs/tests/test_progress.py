"""Task progress is computed from confirmed activities, never typed in."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from phoihop.activities import rollup
from phoihop.activities.services import activity_return
from phoihop.programs.models import Aggregation, Indicator, Task, TaskTarget
from phoihop.programs.selectors import TaskStatus, plan_progress, task_progress
from phoihop.programs.tests.factories import report


@pytest.fixture(autouse=True)
def _pinned(clock):
    return clock


def test_a_task_without_confirmed_activities_is_not_started(cast, program):
    report(cast, confirm=False)  # submitted, waiting for the secretariat
    progress = task_progress(cast.task, as_of=timezone.localdate())
    assert progress.status == TaskStatus.NOT_STARTED
    assert progress.status_label == "chưa thực hiện"
    assert progress.targets[0].achieved == 0


def test_task_progress_updates_when_a_linked_activity_is_confirmed(cast, program, client_for):
    from phoihop.activities.services import activity_confirm

    activity = report(cast, figures={cast.sessions.pk: 5}, confirm=False)
    page = reverse("programs:plan_detail", args=[cast.plan.pk])
    client = client_for(cast.secretariat)
    assert "<b>0</b> / 20 buổi" in client.get(page).content.decode()

    activity_confirm(actor=cast.secretariat, activity=activity)

    progress = task_progress(cast.task, as_of=timezone.localdate())
    assert progress.status == TaskStatus.IN_PROGRESS
    assert progress.targets[0].achieved == Decimal(5)
    assert progress.targets[0].ratio == Decimal("0.25")
    html = client.get(page).content.decode()
    assert "<b>5</b> / 20 buổi" in html and "(25%)" in html and "Đang thực hiện" in html


def test_reaching_every_target_completes_the_task(cast, program):
    for _ in range(5):
        report(cast, figures={cast.sessions.pk: 4})
    progress = task_progress(cast.task, as_of=timezone.localdate())
    assert progress.targets[0].achieved == 20
    assert progress.targets[0].reached and progress.targets[0].bar_percent == 100
    assert progress.status == TaskStatus.DONE


def test_a_task_past_its_due_date_and_incomplete_is_overdue(cast, program, clock):
    report(cast)
    clock.move_to(dt.datetime(2020, 12, 20, 9, 0, tzinfo=dt.UTC))
    assert task_progress(cast.task, as_of=timezone.localdate()).status == TaskStatus.OVERDUE


def test_returned_and_draft_activities_do_not_count(cast, program):
    returned = report(cast, confirm=False)
    activity_return(actor=cast.secretariat, activity=returned, comment="Thiếu ảnh")
    report(cast, confirm=True, figures={cast.sessions.pk: 2})
    assert task_progress(cast.task, as_of=timezone.localdate()).targets[0].achieved == 2
    assert task_progress(cast.task, as_of=timezone.localdate()).confirmed_count == 1


def test_count_indicators_count_confirmed_activities(cast, program):
    meetings = Indicator.objects.create(
        code="hoi-nghi", name="Hội nghị", unit="hội nghị", aggregation=Aggregation.COUNT
    )
    TaskTarget.objects.create(task=cast.task, indicator=meetings, value=3)
    report(cast)
    report(cast)
    report(cast, confirm=False)
    rows = {row.indicator.code: row.achieved for row in task_progress(cast.task, as_of=timezone.localdate()).targets}
    assert rows["hoi-nghi"] == 2


def test_latest_indicators_take_the_activity_that_ended_last(cast, program):
    poverty = Indicator.objects.get(code="ty-le-ho-ngheo")
    TaskTarget.objects.create(task=cast.task, indicator=poverty, value=Decimal("2.5"))
    report(cast, figures={poverty.pk: "3.10"}, day=dt.date(2020, 9, 1))
    report(cast, figures={poverty.pk: "2.40"}, day=dt.date(2020, 10, 1))
    report(cast, figures={poverty.pk: "4.00"}, day=dt.date(2020, 8, 1))
    rows = {row.indicator.code: row.achieved for row in task_progress(cast.task, as_of=timezone.localdate()).targets}
    assert rows["ty-le-ho-ngheo"] == Decimal("2.40")


def test_plan_progress_keeps_tasks_apart(cast, program):
    other = Task.objects.create(
        plan=cast.plan, number=2, title="Nhiệm vụ khác", content_area=cast.task.content_area,
        lead=cast.military, due_date=dt.date(2020, 12, 31),
    )
    TaskTarget.objects.create(task=other, indicator=cast.sessions, value=10)
    report(cast, figures={cast.sessions.pk: 7})
    progress = plan_progress(cast.plan, as_of=timezone.localdate())
    assert progress[cast.task.pk].targets[0].achieved == 7
    assert progress[other.pk].targets[0].achieved == 0
    assert progress[other.pk].status == TaskStatus.NOT_STARTED


def test_plan_progress_takes_a_fixed_number_of_queries(cast, program, django_assert_max_num_queries):
    for number in range(2, 12):
        task = Task.objects.create(
            plan=cast.plan, number=number, title=f"Nhiệm vụ {number}",
            content_area=cast.task.content_area, lead=cast.dan_van, due_date=dt.date(2020, 12, 31),
        )
        TaskTarget.objects.create(task=task, indicator=cast.sessions, value=1)
        report(cast, task=task)
    tasks = list(cast.plan.tasks.all())
    rollup.refresh()  # the first reader after a change recomputes its month (test_rollup)
    # freshness check, counts, sums, targets (this month's days would add two: none here)
    with django_assert_max_num_queries(4):
        progress = plan_progress(cast.plan, tasks, as_of=timezone.localdate())
    assert len(progress) == 11


def test_progress_as_of_a_day_counts_only_activities_started_by_then(cast, program):
    report(cast, figures={cast.sessions.pk: 4}, day=dt.date(2020, 3, 10))
    report(cast, figures={cast.sessions.pk: 6}, day=dt.date(2020, 7, 2))
    report(cast, figures={cast.sessions.pk: 10}, day=dt.date(2020, 11, 18))
    counted = {
        day: task_progress(cast.task, as_of=day).targets[0].achieved
        for day in (dt.date(2020, 6, 30), dt.date(2020, 7, 1), dt.date(2020, 7, 2), dt.date(2020, 11, 30))
    }
    assert counted == {
        dt.date(2020, 6, 30): 4,
        dt.date(2020, 7, 1): 4,
        dt.date(2020, 7, 2): 10,
        dt.date(2020, 11, 30): 20,
    }
    assert task_progress(cast.task, as_of=dt.date(2020, 6, 30)).status == TaskStatus.IN_PROGRESS
    assert task_progress(cast.task, as_of=dt.date(2020, 11, 30)).status == TaskStatus.DONE


def test_a_task_is_never_overdue_before_its_due_date(cast, program):
    cast.task.due_date = dt.date(2020, 7, 15)
    cast.task.save(update_fields=["due_date"])
    before = task_progress(cast.task, as_of=dt.date(2020, 6, 30))
    on_the_day = task_progress(cast.task, as_of=dt.date(2020, 7, 15))
    after = task_progress(cast.task, as_of=dt.date(2020, 7, 16))
    assert (before.status, on_the_day.status) == (TaskStatus.NOT_STARTED, TaskStatus.NOT_STARTED)
    assert after.status == TaskStatus.OVERDUE
