"""A review of [start, end] is the records as they stood at `end`, whenever it is computed.

The story: Hà Nam's first half of 2020 is recorded day by day through the services (the
clock travels to each day), the H1 review is computed on 30/06/2020, then the second half
happens (an activity of 18/09/2020 that completes a task, a case resolved in September,
another reopened in August, a model recognized in October, a hotspot lifted in
September, a report submitted in July) and the H1 review is computed again months later:
every figure is the same.
"""

import dataclasses
import datetime as dt
import importlib

import pytest
import time_machine

from phoihop.hotspots.services import hotspot_designate, hotspot_lift
from phoihop.practices.models import ModelStatus
from phoihop.practices.services import coordination_model_create, coordination_model_decide
from phoihop.programs.models import Task, TaskTarget
from phoihop.programs.selectors import TaskStatus
from phoihop.reporting.models import PeriodReport
from phoihop.reporting.services import period_report_submit, period_reports_generate
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind, Scope
from phoihop.reviews.tests.conftest import Recorder
from phoihop.situations import services as cases
from phoihop.situations.models import CaseStatus, Topic

pytestmark = pytest.mark.django_db

H1_END = dt.date(2020, 6, 30)


def on(day: dt.date):
    """Travel to 9 o'clock (Hà Nội) of `day`, clock stopped."""
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 2, 0, tzinfo=dt.UTC), tick=False)


def h1(program) -> Scope:
    return Scope(program.pk, dt.date(2020, 1, 1), H1_END, Kind.SIX_MONTHS)


def figures(review) -> dict:
    """The whole review but the moment it was computed."""
    return dataclasses.asdict(review) | {"computed_at": None}


def _case(cast, *, opened: dt.date, title: str):
    with on(opened):
        report = cases.report_create(
            actor=cast.military_focal,
            committee=cast.committee,
            reported_on=opened,
            locality=cast.places.lamha,
            topic=Topic.objects.get(code="moi-truong"),
            title=title,
            description="Người dân phản ánh ô nhiễm kéo dài.",
        )
        case = cases.case_open(actor=cast.secretariat, report=report, opened_on=opened)
        return cases.case_assign(actor=cast.secretariat, case=case, lead=cast.military)


def _task(cast, number: int, due: dt.date, target: int) -> Task:
    task = Task.objects.create(
        plan=cast.plan,
        number=number,
        title=f"Nhiệm vụ {number}",
        content_area=cast.task.content_area,
        lead=cast.dan_van,
        due_date=due,
    )
    TaskTarget.objects.create(task=task, indicator=cast.sessions, value=target)
    return task


@pytest.fixture
def first_half(cast, program):
    """The records of 30/06/2020, made on their days."""
    record = Recorder(cast, program)
    story = dataclasses.make_dataclass("Story", ["record", "september_task", "may_task"])(
        record, _task(cast, 2, dt.date(2020, 9, 30), 5), _task(cast, 3, dt.date(2020, 5, 31), 10)
    )
    with on(dt.date(2020, 3, 2)):
        record.activity(day=dt.date(2020, 3, 2), task=cast.task, figures={cast.sessions: 8})
        record.activity(day=dt.date(2020, 3, 2), task=story.may_task, figures={cast.sessions: 3})
        model = coordination_model_create(
            actor=cast.secretariat,
            program=program,
            name="Mô hình “Dân vận khéo” bảo vệ môi trường",
            content_area=cast.task.content_area,
            members=[cast.dan_van, cast.military],
            started_on=dt.date(2020, 3, 1),
            description="Hội viên cùng bộ đội thu gom rác thải ven sông.",
        )
    story.model = model
    story.resolved_later = _case(cast, opened=dt.date(2020, 4, 10), title="Ô nhiễm sông Châu")
    story.reopened_later = _case(cast, opened=dt.date(2020, 2, 10), title="Bãi rác tự phát")
    with on(dt.date(2020, 5, 20)):
        cases.case_close(
            actor=cast.secretariat,
            case=story.reopened_later,
            status=CaseStatus.RESOLVED,
            outcome="Đã di dời bãi rác.",
        )
    with on(dt.date(2020, 4, 15)):
        story.hotspot = hotspot_designate(
            actor=cast.secretariat,
            committee=cast.committee,
            locality=cast.places.lamha,
            reason="Nhiều vụ việc môi trường kéo dài",
        )
        period_reports_generate(actor=None, program=program, until=dt.date(2020, 4, 15))
    story.reports = list(
        PeriodReport.objects.filter(
            program=program, period_end__gte=dt.date(2020, 1, 1), period_end__lte=H1_END
        ).order_by("organization__name")
    )
    assert story.reports, "the program owes reports for a period ending in H1 2020"
    with on(min(r.due_date for r in story.reports)):
        mine = next(r for r in story.reports if r.organization_id == cast.dan_van.pk)
        period_report_submit(actor=cast.secretariat, report=mine, narrative="Báo cáo quý I.")
    return story


def _second_half(cast, story) -> None:
    """Everything after 30/06/2020."""
    late = next(r for r in story.reports if r.organization_id == cast.military.pk)
    with on(dt.date(2020, 7, 20)):
        period_report_submit(actor=cast.military_focal, report=late, narrative="Báo cáo quý I.")
    with on(dt.date(2020, 8, 15)):
        cases.case_reopen(actor=cast.secretariat, case=story.reopened_later, reason="Bãi rác tái diễn.")
    with on(dt.date(2020, 9, 18)):
        story.record.activity(
            day=dt.date(2020, 9, 18), task=story.september_task, figures={cast.sessions: 12}
        )
        story.record.activity(day=dt.date(2020, 9, 18), task=cast.task, figures={cast.sessions: 12})
        story.record.activity(day=dt.date(2020, 9, 18), task=story.may_task, figures={cast.sessions: 7})
        cases.case_close(
            actor=cast.secretariat,
            case=story.resolved_later,
            status=CaseStatus.RESOLVED,
            outcome="Doanh nghiệp đã xử lý nước thải.",
        )
    with on(dt.date(2020, 9, 25)):
        hotspot_lift(actor=cast.secretariat, hotspot=story.hotspot, reason="Tình hình đã ổn định")
    with on(dt.date(2020, 10, 5)):
        coordination_model_decide(
            actor=cast.secretariat,
            model=story.model,
            status=ModelStatus.RECOGNIZED,
            note="Quyết định số 12/QĐ-BCĐ",
        )


def test_h1_2020_computed_months_later_equals_h1_2020_computed_on_30_june(cast, program, first_half):
    with on(H1_END):
        then = review_compute(user=cast.secretariat, scope=h1(program))
    _second_half(cast, first_half)
    with on(dt.date(2021, 3, 1)):
        later = review_compute(user=cast.secretariat, scope=h1(program))
        year = review_compute(
            user=cast.secretariat, scope=Scope(program.pk, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
        )

    assert figures(later) == figures(then)
    for part in ("tasks", "topics", "hotspots", "coordination", "members", "totals"):
        assert figures(later)[part] == figures(then)[part], part
    # What H1 saw on 30/06, and what only the whole year sees.
    assert [t.status for t in then.tasks] == [
        TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED, TaskStatus.OVERDUE
    ]
    assert [t.status for t in year.tasks] == [TaskStatus.DONE, TaskStatus.DONE, TaskStatus.DONE]
    environment = next(t for t in then.topics if t.code == "moi-truong")
    assert (environment.received, environment.resolved, environment.open) == (2, 1, 1)
    assert environment.overdue == 1  # assigned 10/04, due 30 days later, open on 30/06
    year_environment = next(t for t in year.topics if t.code == "moi-truong")
    assert (year_environment.resolved, year_environment.open) == (1, 1)  # one resolved, one reopened
    assert [h.designated for h in then.hotspots] == [True]
    assert [h.designated for h in year.hotspots] == [False]  # lifted on 25/09
    assert then.coordination.models_by_status[ModelStatus.PROPOSED] == 1
    assert year.coordination.models_by_status[ModelStatus.RECOGNIZED] == 1
    military = next(m for m in then.members if m.organization_id == cast.military.pk)
    assert (military.reports_expected, military.reports_on_time, military.reports_late) == (1, 0, 0)
    year_military = next(m for m in year.members if m.organization_id == cast.military.pk)
    assert (year_military.reports_expected, year_military.reports_late) == (1, 1)
    assert later.as_of == then.as_of == H1_END


def test_a_review_never_calls_a_task_overdue_before_its_due_date(cast, program, first_half):
    _second_half(cast, first_half)
    with on(dt.date(2021, 3, 1)):
        review = review_compute(user=cast.secretariat, scope=h1(program))
    overdue = [t for t in review.tasks if t.status == TaskStatus.OVERDUE]
    assert overdue and all(t.due_date < H1_END for t in overdue)
    assert [t.status for t in review.tasks if t.due_date > H1_END] == [
        TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED
    ]


def test_the_review_page_states_how_the_period_is_counted(cast, program, first_half):
    with on(H1_END):
        review = review_compute(user=cast.secretariat, scope=h1(program))
    assert "30/06/2020" in review.counting_rule
    assert "ngày bắt đầu" in review.counting_rule


def test_the_backfill_gives_old_assignments_and_reopenings_the_due_dates_they_set(cast, program):
    from django.apps import apps

    from phoihop.situations.models import CaseEvent

    case = _case(cast, opened=dt.date(2020, 2, 10), title="Bãi rác tự phát")  # due 11/03
    with on(dt.date(2020, 3, 1)):
        case = cases.case_assign(
            actor=cast.secretariat, case=case, lead=cast.military, due_date=dt.date(2020, 4, 1)
        )
        cases.case_close(actor=cast.secretariat, case=case, status=CaseStatus.RESOLVED, outcome="Xong.")
    with on(dt.date(2020, 8, 15)):
        cases.case_reopen(actor=cast.secretariat, case=case, reason="Bãi rác tái diễn.")
    events = CaseEvent.objects.filter(case=case, kind__in=["assigned", "reopened"])
    recorded = list(events.values_list("kind", "due_date"))
    events.update(due_date=None)  # as events were before the field existed
    migration = importlib.import_module("phoihop.situations.migrations.0009_backfill_caseevent_due_date")

    migration.backfill(apps, None)

    assert list(events.values_list("kind", "due_date")) == recorded
    assert [d for _, d in recorded] == [
        dt.date(2020, 2, 10) + dt.timedelta(days=case.topic.handling_days),
        dt.date(2020, 4, 1),
        dt.date(2020, 8, 15) + dt.timedelta(days=case.topic.handling_days),
    ]


def test_the_dashboard_shows_the_same_period_as_of_today(cast, program, first_half):
    from phoihop.reviews.dashboard import dashboard_for_user

    _second_half(cast, first_half)
    with on(dt.date(2020, 11, 2)):
        review = review_compute(user=cast.secretariat, scope=h1(program))
        board = dashboard_for_user(
            cast.secretariat, program=program, start=dt.date(2020, 1, 1), end=H1_END
        )
    assert board.review.topics == review.topics  # one resolved, one open: but not the same
    resolved, reopened = first_half.resolved_later.pk, first_half.reopened_later.pk
    assert _states([resolved, reopened], H1_END) == {
        resolved: (CaseStatus.ASSIGNED, None),
        reopened: (CaseStatus.RESOLVED, dt.date(2020, 5, 20)),
    }
    assert _states([resolved, reopened], dt.date(2020, 11, 2)) == {
        resolved: (CaseStatus.RESOLVED, dt.date(2020, 9, 18)),
        reopened: (CaseStatus.IN_PROGRESS, None),  # reopened with its lead
    }
    assert board.review.as_of == dt.date(2020, 11, 2) and review.as_of == H1_END
    assert [t.status for t in board.review.tasks] == [
        TaskStatus.DONE, TaskStatus.DONE, TaskStatus.DONE
    ]
    assert [h.designated for h in board.review.hotspots] == [False]


def _states(pks, day):
    from phoihop.reviews.compute.cases import as_of_state
    from phoihop.situations.models import Case

    rows = as_of_state(Case.objects.filter(pk__in=pks), as_of=day)
    return {pk: (status, closed) for pk, status, closed in rows.values_list("pk", "status_then", "closed_then")}
