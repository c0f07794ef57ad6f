"""Reads of programs, plans, tasks and indicators, always scoped to a user.

Task progress is computed from the CONFIRMED activities linked to a task, never typed
in (`activities.selectors.progress_for_tasks` counts it): `task_progress(task, as_of=day)`
for one task, `plan_progress(plan, as_of=day)` for all tasks of a plan in a fixed number
of queries. Progress is always "as of" a day: only activities that started on or before
it count, and the status is judged on it, so a review of a past period sees each task as
it stood at the period's end; pages pass today.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from phoihop.core.access import get_scoped, runs_secretariat_of
from phoihop.localities.models import Level, Locality
from phoihop.organizations.models import Committee
from phoihop.programs.models import (
    AnnualPlan,
    ContentArea,
    Indicator,
    Program,
    ProgramMember,
    Task,
    TaskStatus,
)

# --- Who may write -----------------------------------------------------------------------


def can_manage_program(user, program: Program) -> bool:
    """The secretariat of the program's committee (its host organization) or an administrator."""
    return runs_secretariat_of(user, program.committee)


def committees_for_new_program(user):
    """The committees `user` may start a program for: those whose secretariat they are
    (administrators: every committee still in force)."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    committees = Committee.objects.filter(valid_to__isnull=True).order_by("name")
    if user.is_administrator:
        return committees
    if not user.is_secretariat or user.organization_id is None:
        return committees.none()
    return committees.filter(host_id=user.organization_id)


def can_edit_indicators(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_administrator


# --- Scoped lookups ----------------------------------------------------------------------


def programs_for_user(user) -> QuerySet[Program]:
    return Program.objects.visible_to(user).select_related("committee")


def program_current_for_committee(committee, day: dt.date | None = None) -> Program | None:
    """The program running on `day` (today by default), else the latest one started."""
    day = day or timezone.localdate()
    programs = Program.objects.filter(committee=committee, period_start__lte=day)
    return programs.running_on(day).first() or programs.order_by("-period_end").first()


def get_program_for_user(user, pk, *, write: bool = False) -> Program:
    return get_scoped(
        programs_for_user(user).select_related("committee__host", "committee__locality"),
        pk,
        write=write,
        can_write=lambda program: can_manage_program(user, program),
    )


def plans_for_user(user) -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.visible_to(user).select_related("program__committee")


def get_plan_for_user(user, pk, *, write: bool = False) -> AnnualPlan:
    return get_scoped(
        plans_for_user(user),
        pk,
        write=write,
        can_write=lambda plan: can_manage_program(user, plan.program),
    )


def tasks_for_user(user) -> QuerySet[Task]:
    return Task.objects.visible_to(user).select_related(
        "plan__program__committee", "content_area", "lead"
    )


def get_task_for_user(user, pk, *, write: bool = False) -> Task:
    return get_scoped(
        tasks_for_user(user),
        pk,
        write=write,
        can_write=lambda task: can_manage_program(user, task.plan.program),
    )


def get_member_for_user(user, pk, *, write: bool = False) -> ProgramMember:
    return get_scoped(
        ProgramMember.objects.filter(program__in=Program.objects.visible_to(user)).select_related(
            "program__committee", "organization"
        ),
        pk,
        write=write,
        can_write=lambda member: can_manage_program(user, member.program),
    )


def get_content_area_for_user(user, pk, *, write: bool = False) -> ContentArea:
    return get_scoped(
        ContentArea.objects.filter(program__in=Program.objects.visible_to(user)).select_related(
            "program__committee"
        ),
        pk,
        write=write,
        can_write=lambda area: can_manage_program(user, area.program),
    )


def indicators_for_user(user) -> QuerySet[Indicator]:
    """The indicator catalogue is reference data for every signed-in, active user."""
    if not user.is_authenticated or not user.is_active:
        return Indicator.objects.none()
    return Indicator.objects.all()


def get_indicator_for_user(user, pk, *, write: bool = False) -> Indicator:
    return get_scoped(
        indicators_for_user(user), pk, write=write, can_write=lambda _i: can_edit_indicators(user)
    )


# --- Pages -------------------------------------------------------------------------------


@dataclass
class ProgramDetail:
    program: Program
    members: list[ProgramMember]
    content_areas: list[ContentArea]
    plans: list[AnnualPlan]
    can_manage: bool


def program_detail_for_user(user, program: Program) -> ProgramDetail:
    members = program.members.select_related("organization", "signatory").order_by(
        "joined_on", "organization__name"
    )
    return ProgramDetail(
        program=program,
        members=list(members),
        content_areas=list(program.content_areas.order_by("number")),
        plans=list(program.plans.annotate(task_count=Count("tasks")).order_by("-year")),
        can_manage=can_manage_program(user, program),
    )


def program_members_during(program: Program, year: int) -> QuerySet[ProgramMember]:
    """Members that belong to the program on at least one day of `year`."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return program.members.filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=end),
        Q(left_on__isnull=True) | Q(left_on__gt=start),
    )


def localities_valid_during(year: int) -> QuerySet[Locality]:
    """Units in force on at least one day of `year` (2025 holds both generations)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Locality.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_to__isnull=True) | Q(valid_to__gt=start),
    )


def task_localities_allowed(program: Program, year: int) -> QuerySet[Locality]:
    """Where a task of `program` in `year` may take place: units inside the committee's
    scope that were in force during the year."""
    return localities_valid_during(year).in_force_within(program.committee.locality)


def task_commune_choices(program: Program, year: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """Communes for the task form, grouped by district (one query)."""
    communes = (
        task_localities_allowed(program, year)
        .filter(level=Level.COMMUNE)
        .select_related("parent")
        .order_by("parent__name", "parent_id", "name")
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for unit in communes:
        label = unit.parent.name if unit.parent else ""
        groups.setdefault(label, []).append((unit.pk, unit.name))
    return list(groups.items())


def plan_tasks(plan: AnnualPlan) -> list[Task]:
    """The plan's tasks with everything the plan page shows, in a fixed number of queries."""
    return list(
        plan.tasks.select_related("content_area", "lead")
        .prefetch_related(
            "partners",
            Prefetch("localities", queryset=Locality.objects.order_by("name")),
        )
        .order_by("content_area__number", "number", "pk")
    )


def task_activities(user, task: Task) -> list:
    """Activities linked to `task` that `user` may see (others' drafts stay hidden)."""
    activities = task.activities.visible_to(user)  # Activity.task's reverse: no upward import
    return list(activities.select_related("lead").order_by("-end_date", "-pk"))


# --- Progress ----------------------------------------------------------------------------


@dataclass
class TargetProgress:
    indicator: Indicator
    target: Decimal
    achieved: Decimal  # by the task's activities started up to `as_of`
    # by those started from `since` (progress_for_tasks(since=...)): a period's share
    in_period: Decimal | None = None

    @property
    def ratio(self) -> Decimal | None:
        """achieved / target; None for a zero target (nothing to measure against)."""
        if self.target <= 0:
            return None
        return self.achieved / self.target

    @property
    def reached(self) -> bool:
        return self.achieved >= self.target

    @property
    def bar_percent(self) -> int:
        """Width of the progress bar, 0–100."""
        if self.ratio is None:
            return 100 if self.reached else 0
        return int(min(self.ratio, Decimal(1)) * 100)


@dataclass
class TaskProgress:
    task: Task
    confirmed_count: int
    targets: list[TargetProgress] = field(default_factory=list)
    status: str = TaskStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return str(TaskStatus.LABELS[self.status])

    @property
    def status_badge(self) -> str:
        return TaskStatus.BADGES[self.status]


# Progress is counted from activities, the layer above this one: activities'
# AppConfig.ready() registers phoihop.activities.selectors.progress_for_tasks here (as the
# history page's lookups are registered), so this app's pages show it without importing it.
PROGRESS_COUNTERS: list[Callable[..., dict[int, TaskProgress]]] = []


def tasks_progress(
    tasks: Iterable[Task], *, as_of: dt.date, since: dt.date | None = None
) -> dict[int, TaskProgress]:
    """task id → progress on `as_of` of every task in `tasks`, in a few queries (with
    `since`, each target's `in_period` too: see activities.selectors.progress_for_tasks)."""
    (count,) = PROGRESS_COUNTERS
    return count(tasks, as_of=as_of, since=since)


def task_progress(task: Task, *, as_of: dt.date) -> TaskProgress:
    return tasks_progress([task], as_of=as_of)[task.pk]


def plan_progress(
    plan: AnnualPlan, tasks: list[Task] | None = None, *, as_of: dt.date
) -> dict[int, TaskProgress]:
    """task id → progress on `as_of` for all tasks of `plan` (pass `tasks` when loaded)."""
    return tasks_progress(plan.tasks.all() if tasks is None else tasks, as_of=as_of)
