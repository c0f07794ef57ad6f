"""The figures dashboard: the committee's review for a period, plus the monthly trend.

It is `review_compute` for the user (so the same permissions and redaction apply), one
more GROUP BY query for activities per day (added up into months here), and the charts.

All of that is kept in Django's cache (the default per-process LocMemCache unless
settings.CACHES says otherwise), so figures stay live and repeated views are fast. The key
holds what the figures depend on: the scope, what the user may see (administrator, or
organization and role: every visible_to rule reads only those), the language, today,
and a data stamp. The stamp is the newest history row id of every model a review reads:
any create, change or delete made through the models (services, admin, imports) writes a
history row, so the next view recomputes. Writes that bypass history (raw SQL,
QuerySet.update) are picked up when the entry expires (CACHE_SECONDS).
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.utils import timezone, translation

from phoihop.reviews import charts
from phoihop.reviews.compute import review_compute
from phoihop.reviews.compute.activities import counted_activities
from phoihop.reviews.data import Kind, Review, Scope

CACHE_SECONDS = 15 * 60
STAMPED_MODELS = [  # every model whose rows a review reads (those with history)
    "activities.Activity",
    "activities.Participation",
    "activities.Figure",
    "situations.Case",
    "situations.Topic",
    "situations.Hotspot",
    "programs.Program",
    "programs.ProgramMember",
    "programs.ContentArea",
    "programs.Indicator",
    "programs.AnnualPlan",
    "programs.Task",
    "programs.TaskTarget",
    "reporting.PeriodReport",
    "practices.CoordinationModel",
    "organizations.Organization",
    "organizations.Committee",
    "organizations.Membership",
    "localities.Locality",
]


@dataclass
class Dashboard:
    review: Review
    months: list[tuple[str, int]]
    charts: dict[str, str] = field(default_factory=dict)  # name → inline <svg> markup

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
    """Activities per month, grouped by day in the database (no date function per row:
    SQLite's would be a Python callback) and added up into months here."""
    rows = (
        counted_activities(user, scope).order_by().values_list("start_date").annotate(n=Count("pk"))
    )
    counts: dict[dt.date, int] = {}
    for day, n in rows:
        month = day.replace(day=1)
        counts[month] = counts.get(month, 0) + n
    return [(f"{m:%m/%Y}", counts.get(m, 0)) for m in month_keys(scope.start, scope.end)]


def dashboard_for_user(
    user, *, program, start: dt.date, end: dt.date, member_id: int | None = None
) -> Dashboard:
    """The dashboard as `user` sees it; from the cache while nothing it counts has changed."""
    scope = Scope(
        program_id=program.pk, start=start, end=end, kind=Kind.CUSTOM, member_id=member_id
    )
    key = cache_key(user, scope)
    board = cache.get(key)
    if board is None:
        board = _build(user, scope)
        cache.set(key, board, CACHE_SECONDS)
    return board


def _build(user, scope: Scope) -> Dashboard:
    review = review_compute(user=user, scope=scope)
    months = activities_by_month(user, scope)
    return Dashboard(
        review, months, charts.review_svgs(review) | {"monthly": charts.monthly_svg(months)}
    )


def cache_key(user, scope: Scope) -> str:
    sees = "admin" if user.is_administrator else f"{user.organization_id}:{user.role}"
    parts = (
        scope,
        sees,
        translation.get_language(),
        timezone.localdate(),
        data_stamp(),
    )
    return "reviews:dashboard:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def data_stamp() -> tuple:
    """The newest history row id of each stamped model: one query of index look-ups."""
    quote = connection.ops.quote_name
    metas = [apps.get_model(label).history.model._meta for label in STAMPED_MODELS]
    columns = ", ".join(
        f"(SELECT MAX({quote(meta.pk.column)}) FROM {quote(meta.db_table)})" for meta in metas
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # noqa: S608 - table names from the models
        return tuple(cursor.fetchone())
