"""Plan figures of a review: tasks and their completion, targets, expected reports, models.

Each is taken as of a day (`as_of`, the review's end): tasks' progress and status on it
(activities.selectors.progress_for_tasks), the reports due and submitted by it, each
model's recognition as decided by it.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Case as Conditional
from django.db.models import CharField, Count, DateField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from phoihop.practices.models import CoordinationModel, ModelStatus, Replication
from phoihop.programs.models import Task
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.reviews.data import MemberResult, NamedModel, TaskResult

SUBMITTED = [ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]


def plan_tasks(user, scope):
    """Tasks of the annual plans of the years the period touches."""
    tasks = Task.objects.visible_to(user).filter(
        plan__program_id=scope.program_id,
        plan__year__gte=scope.start.year,
        plan__year__lte=scope.end.year,
    )
    if scope.member_id:
        tasks = tasks.filter(
            Q(lead_id=scope.member_id) | Q(partners__id=scope.member_id)
        ).distinct()
    return tasks.select_related("plan", "lead").order_by("plan__year", "number", "pk")


def task_results(tasks, progress) -> list[TaskResult]:
    return [_task_row(task, progress[task.pk]) for task in tasks]


def _task_row(task, progress) -> TaskResult:
    ratios = [min(float(t.ratio), 1.0) for t in progress.targets if t.ratio is not None]
    return TaskResult(
        task.plan.year,
        task.number,
        task.title,
        task.lead.short_name or task.lead.name,
        task.due_date,
        progress.status,
        sum(ratios) / len(ratios) if ratios else None,
    )


def target_sums(progress, scope) -> dict[int, tuple[Decimal, Decimal]]:
    """indicator id → (the period's target, what the linked activities of its tasks achieved).

    The period's target is the sum of the targets of the plan tasks DUE within the
    period [start, end] (a task's due date places it in one period; plans carry no
    targets of their own, only their tasks do). A five-year review thus adds every annual
    plan's tasks of the five years; a six-month review only the tasks due in that half;
    a task due after the end sets no target for the period, even if it has begun. The
    plan-linked result is what the activities linked to those same tasks achieved within
    the period, from its start to the review's day (`in_period`: a task's activities
    before the start belong to an earlier review), so it is part of the period's result
    and never exceeds it.
    """
    sums: dict[int, tuple[Decimal, Decimal]] = {}
    for task_progress in progress.values():
        if not scope.start <= task_progress.task.due_date <= scope.end:
            continue
        for row in task_progress.targets:
            target, achieved = sums.get(row.indicator.pk, (Decimal(0), Decimal(0)))
            in_period = row.achieved if row.in_period is None else row.in_period
            sums[row.indicator.pk] = (target + row.target, achieved + in_period)
    return sums


def report_tallies(user, scope, *, as_of: dt.date) -> dict[int, tuple[int, int, int]]:
    """organization id → (reports due, on time, late) on `as_of`, for the periods ending in
    the review period. Submitted by `as_of`: submitted (or accepted) on or before it. Due:
    submitted by then, or its due date had passed; a report due later and not yet in is
    not counted. (A report returned and submitted again counts on its last submission.)"""
    reports = PeriodReport.objects.visible_to(user).filter(
        program_id=scope.program_id, period_end__gte=scope.start, period_end__lte=scope.end
    )
    submitted = Q(status__in=SUBMITTED) & (
        Q(submitted_at__isnull=True) | Q(submitted_at__date__lte=as_of)
    )
    on_time = submitted & (Q(submitted_at__isnull=True) | Q(submitted_at__date__lte=F("due_date")))
    rows = (
        reports.order_by()
        .values("organization_id")
        .annotate(
            due=Count("pk", filter=submitted | Q(due_date__lt=as_of)),
            on_time=Count("pk", filter=on_time),
            late=Count("pk", filter=submitted & Q(submitted_at__date__gt=F("due_date"))),
        )
    )
    return {row["organization_id"]: (row["due"], row["on_time"], row["late"]) for row in rows}


def apply_report_tallies(members: list[MemberResult], tallies) -> tuple[float | None, float | None]:
    """Fill each member's report counts; return overall (completeness, timeliness)."""
    for member in members:
        due, on_time, late = tallies.get(member.organization_id, (0, 0, 0))
        member.reports_expected, member.reports_on_time, member.reports_late = due, on_time, late
    due = sum(m.reports_expected for m in members)
    if not due:
        return None, None
    on_time = sum(m.reports_on_time for m in members)
    return (on_time + sum(m.reports_late for m in members)) / due, on_time / due


def _models_then(user, scope, *, as_of: dt.date):
    """Coordination models running during the period, annotated with their recognition on
    `as_of` (`status_then`, `decided_then`): the status of the model's last version
    (simple-history) decided by then, or never decided. A model without versions keeps its
    status unless decided after `as_of` (then it was still proposed)."""
    models = CoordinationModel.objects.visible_to(user).filter(
        program_id=scope.program_id, started_on__lte=scope.end
    )
    models = models.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=scope.start))
    if scope.member_id:
        models = models.filter(members__id=scope.member_id)
    versions = CoordinationModel.history.model.objects.filter(id=OuterRef("pk")).filter(
        Q(decided_on__isnull=True) | Q(decided_on__lte=as_of)
    ).order_by("-history_date", "-history_id")
    recorded = Conditional(
        When(decided_on__gt=as_of, then=Value(ModelStatus.PROPOSED.value)),
        default=F("status"),
        output_field=CharField(),
    )
    decided = Conditional(When(decided_on__lte=as_of, then=F("decided_on")), default=None, output_field=DateField())
    return models.order_by().annotate(
        status_then=Coalesce(Subquery(versions.values("status")[:1]), recorded),
        decided_then=Coalesce(Subquery(versions.values("decided_on")[:1]), decided, output_field=DateField()),
    )


def models_in_review(user, scope, *, as_of: dt.date) -> tuple[dict[str, int], dict[int, list[NamedModel]]]:
    """(models running in the period by their recognition on `as_of`, the models section
    II names by content area id: recognized (decided) within [start, as_of] or taken up in
    new places within it, recognized ones first). Two queries."""
    spread = (
        Replication.objects.filter(model_id=OuterRef("pk"), started_on__gte=scope.start, started_on__lte=as_of)
        .order_by()
        .values("model_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    models = list(
        _models_then(user, scope, as_of=as_of)
        .annotate(spread=Coalesce(Subquery(spread), 0))
        .distinct()
        .order_by("content_area_id", "name", "pk")
        .values_list("pk", "content_area_id", "name", "status_then", "decided_then", "spread")
    )
    counts = {status: sum(1 for row in models if row[3] == status) for status in ModelStatus.values}
    ids = [row[0] for row in models] or [0]  # queried even when empty: the query count stays fixed
    replications = {row[0]: row[5] for row in models}
    members = defaultdict(list)
    through = CoordinationModel.members.through.objects.filter(coordinationmodel_id__in=ids)
    for model_id, short_name, name in through.order_by("coordinationmodel_id", "pk").values_list(
        "coordinationmodel_id", "organization__short_name", "organization__name"
    ):
        members[model_id].append(short_name or name)
    named = defaultdict(list)
    for pk, area_id, name, status, decided, _spread in models:
        recognized = status != ModelStatus.PROPOSED and decided is not None and scope.start <= decided <= as_of
        if recognized or replications.get(pk):
            named[area_id].append(NamedModel(name, members[pk], status, recognized, replications.get(pk, 0)))
    for area_models in named.values():
        area_models.sort(key=lambda m: not m.recognized_in_period)
    return counts, dict(named)

