"""Reads of period reports, always scoped to a user: the completeness and timeliness
matrix, a member's own reports, and what a member did in a period."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.activities.models import Activity, Participation, ParticipationStatus
from phoihop.activities.selectors import IndicatorTotal, figure_totals
from phoihop.core.access import get_scoped
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.reporting.periods import period_label
from phoihop.reporting.rules import can_review_report, can_submit_report

SUBMITTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class CellState:
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    NOT_DUE = "not_due"

    LABELS = {
        ON_TIME: _("Nộp đúng hạn"),
        LATE: _("Nộp muộn"),
        OVERDUE: _("Chưa nộp - quá hạn"),
        NOT_DUE: _("Chưa đến hạn"),
    }
    BADGES = {ON_TIME: "badge-ok", LATE: "badge-old", OVERDUE: "badge-bad", NOT_DUE: ""}


def report_state(report: PeriodReport, today: dt.date) -> str:
    """On time / late once submitted (or accepted); else overdue or not yet due.
    A returned report counts as not submitted until it is submitted again."""
    if report.status in SUBMITTED_STATUSES:
        return CellState.LATE if report.is_late else CellState.ON_TIME
    return CellState.OVERDUE if today > report.due_date else CellState.NOT_DUE


@dataclass
class Cell:
    report: PeriodReport
    state: str

    @property
    def label(self) -> str:
        return str(CellState.LABELS[self.state])

    @property
    def badge(self) -> str:
        return CellState.BADGES[self.state]


@dataclass
class Tally:
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    not_due: int = 0

    def add(self, state: str) -> None:
        setattr(self, state, getattr(self, state) + 1)

    @property
    def due(self) -> int:
        """Reports whose due date has passed, or that are in already."""
        return self.on_time + self.late + self.overdue

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def completeness(self) -> Decimal | None:
        """Share of the reports due that were submitted (on time or late)."""
        return Decimal(self.submitted) / self.due if self.due else None

    @property
    def timeliness(self) -> Decimal | None:
        """Share of the reports due that were submitted on time."""
        return Decimal(self.on_time) / self.due if self.due else None


@dataclass
class Period:
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return period_label(self.start, self.end)


@dataclass
class MemberRow:
    organization: object
    cells: list[Cell | None]
    tally: Tally


@dataclass
class CompletenessMatrix:
    program: object
    year: int | None
    today: dt.date
    periods: list[Period] = field(default_factory=list)
    rows: list[MemberRow] = field(default_factory=list)
    total: Tally = field(default_factory=Tally)


def reports_for_user(user) -> QuerySet[PeriodReport]:
    return PeriodReport.objects.visible_to(user).select_related(
        "program__committee", "organization", "submitted_by"
    )


def completeness(user, program, year: int | None = None, *, today: dt.date | None = None):
    """Members × periods of `program` with each cell's state, per-member and overall
    completeness and timeliness. The host organization sees every member; a member sees
    only its own row (PeriodReport.objects.visible_to decides)."""
    today = today or timezone.localdate()
    reports = reports_for_user(user).filter(program=program)
    if year:
        reports = reports.filter(period_end__year=year)
    matrix = CompletenessMatrix(program=program, year=year, today=today)
    by_org: dict[int, dict] = defaultdict(dict)
    organizations = {}
    for report in reports.order_by("period_start"):
        by_org[report.organization_id][(report.period_start, report.period_end)] = report
        organizations[report.organization_id] = report.organization
    keys = sorted({key for cells in by_org.values() for key in cells})
    matrix.periods = [Period(start, end) for start, end in keys]
    for org in sorted(organizations.values(), key=lambda o: o.name):
        row = MemberRow(organization=org, cells=[], tally=Tally())
        for key in keys:
            report = by_org[org.pk].get(key)
            cell = Cell(report, report_state(report, today)) if report else None
            if cell:
                row.tally.add(cell.state)
                matrix.total.add(cell.state)
            row.cells.append(cell)
        matrix.rows.append(row)
    return matrix


def report_years(program) -> list[int]:
    return list(range(program.period_start.year, program.period_end.year + 1))


def own_reports(user, program=None) -> QuerySet[PeriodReport]:
    """The reports of `user`'s own organization, newest period first."""
    reports = reports_for_user(user).filter(organization_id=user.organization_id)
    if program is not None:
        reports = reports.filter(program=program)
    return reports.order_by("-period_end", "program__name")


def reports_waiting_review(user, program) -> QuerySet[PeriodReport]:
    return (
        reports_for_user(user)
        .filter(program=program, status=ReportStatus.SUBMITTED)
        .order_by("submitted_at")
    )


def get_period_report_for_user(
    user, pk, *, write: bool = False, review: bool = False
) -> PeriodReport:
    """Outsiders 404; `write` asks for the right to submit, `review` the right to accept
    or return; lacking it, 403."""
    check = can_review_report if review else can_submit_report
    return get_scoped(
        reports_for_user(user),
        pk,
        write=write or review,
        can_write=lambda report: check(user, report),
    )


# --- What a member did in a period --------------------------------------------------------


@dataclass
class ActivitySummary:
    activities: list[Activity]
    count: int
    joint: int
    figures: list[IndicatorTotal]  # activities.selectors.figure_totals


def period_activities(user, report: PeriodReport) -> QuerySet[Activity]:
    """Confirmed activities of the report's program and period that its organization led
    or took part in (partners that declined excluded), as far as `user` may see."""
    org = report.organization_id
    took_part = Participation.objects.filter(organization_id=org).exclude(
        status=ParticipationStatus.DECLINED
    )
    return (
        Activity.objects.visible_to(user)
        .counted()
        .filter(
            program_id=report.program_id,
            start_date__gte=report.period_start,
            start_date__lte=report.period_end,
        )
        .filter(Q(lead_id=org) | Q(pk__in=took_part.values("activity_id")))
    )


def activity_summary(user, report: PeriodReport) -> ActivitySummary:
    activities = period_activities(user, report)
    counts = activities.aggregate(
        count=Count("pk"), joint=Count("pk", filter=Q(participant_count__gte=2))
    )
    return ActivitySummary(
        activities=list(activities.select_related("lead").order_by("start_date", "pk")),
        count=counts["count"],
        joint=counts["joint"],
        figures=figure_totals(activities),
    )
