"""The figures dashboard: the committee's review for a period, plus the monthly trend.

It is `review_compute` for the user (so the same permissions and redaction apply) and
one more GROUP BY query for activities per month.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from phoihop.reviews.compute import review_compute
from phoihop.reviews.compute.activities import counted_activities
from phoihop.reviews.data import Kind, Review, Scope


@dataclass
class Dashboard:
    review: Review
    months: list[tuple[str, int]]

    @property
    def cases_received(self) -> int:
        return sum(t.received for t in self.review.topics)

    @property
    def cases_open(self) -> int:
        return sum(t.open for t in self.review.topics)

    @property
    def cases_overdue(self) -> int:
        return sum(t.overdue for t in self.review.topics)

    @property
    def headline_totals(self):
        return [t for t in self.review.totals if t.value][:4]


def default_period(program) -> tuple[dt.date, dt.date]:
    """The program from its start to today (or its end, if it has ended)."""
    return program.period_start, max(
        program.period_start, min(program.period_end, timezone.localdate())
    )


def month_keys(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def activities_by_month(user, scope: Scope) -> list[tuple[str, int]]:
    rows = (
        counted_activities(user, scope)
        .order_by()
        .annotate(month=TruncMonth("start_date"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    counts = {_as_date(row["month"]): row["n"] for row in rows}
    return [(f"{m:%m/%Y}", counts.get(m, 0)) for m in month_keys(scope.start, scope.end)]


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def dashboard_for_user(
    user, *, program, start: dt.date, end: dt.date, member_id: int | None = None
) -> Dashboard:
    scope = Scope(
        program_id=program.pk, start=start, end=end, kind=Kind.CUSTOM, member_id=member_id
    )
    return Dashboard(
        review=review_compute(user=user, scope=scope), months=activities_by_month(user, scope)
    )
