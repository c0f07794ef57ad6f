"""The figures dashboard: the committee's review for a period, plus the monthly trend.

It is `review_compute` for the user (so the same permissions and redaction apply) as of
today: its statuses (tasks, cases, hotspots, models, reports) are "now", through the same
functions a review of a past period takes on its end day; the activities per month (from the month rollup), and the charts.

All of that is kept in Django's cache (the default per-process LocMemCache unless
settings.CACHES says otherwise), so figures stay live and repeated views are fast. The key
holds what the figures depend on: the scope, what the user may see (administrator, or
organization and role, and whether they hold the committee's sensitive-case right: every
visible_to rule reads only those), the language, today,
and a data stamp. The stamp is the newest history row id of every model a review reads:
any create, change or delete made through the models (services, admin, imports) writes a
history row, so the next view recomputes. Writes that bypass history (raw SQL,
QuerySet.update) are picked up when the entry expires (CACHE_SECONDS).
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from phoihop.activities import rollup
from phoihop.programs.models import Program
from phoihop.reviews import charts
from phoihop.reviews.compute import review_compute
from phoihop.reviews.compute.activities import counted
from phoihop.reviews.data import Kind, Review, Scope
from phoihop.situations.rules import sensitive_committees

CACHE_SECONDS = charts.CACHE_SECONDS
STAMPED_MODELS = [  # every model whose rows a review reads (those with history)
    "activities.Activity",
    "activities.Participation",
    "activities.Figure",
    "situations.Case",
    "situations.Topic",
    "hotspots.Hotspot",
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
    key: str = ""  # the cache key it was stored under

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
    """Activities per month (from the month rollup where it serves the user)."""
    counts = rollup.monthly_counts(counted(user, scope))
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
        now = review_compute(user=user, scope=scope, as_of=timezone.localdate())
        board = Dashboard(now, activities_by_month(user, scope), key)
        cache.set(key, board, CACHE_SECONDS)
    return board


# The dashboard's charts in page order: name → (title, drawing from the board): the
# monthly trend, then the review's own charts (charts.REVIEW_CHARTS, as on the review page).
CHARTS = {
    "monthly": (gettext_lazy("Hoạt động theo tháng"), lambda b: charts.chart_monthly(b.months)),
    **{
        name: (title, lambda b, draw=draw: draw(b.review))
        for name, (title, draw) in charts.REVIEW_CHARTS.items()
    },
}


def chart_svg(board: Dashboard, name: str) -> bytes:
    """One chart of the board as an SVG file (drawn once per set of figures: charts.drawn_once).
    The page links to each chart instead of inlining it: the figures show at once and the
    charts, which take matplotlib longer to draw than the review takes to compute, follow."""
    return CHARTS[name][1](board)


def chart_names(board: Dashboard) -> list[str]:
    """The charts the board has (topics only when there are cases)."""
    return ["monthly", *charts.chart_names(board.review)]


def cache_key(user, scope: Scope, prefix: str = "reviews:dashboard:") -> str:
    """What figures computed for `user` over `scope` depend on, as a key (`prefix` tells
    the dashboard's entries from a draft review's)."""
    sees = "admin" if user.is_administrator else f"{user.organization_id}:{user.role}"
    # Who holds the sensitive-case right depends on the committee's designations too.
    committee = Program.objects.filter(pk=scope.program_id).values("committee_id")
    sees += ":sensitive" if sensitive_committees(user).filter(pk__in=committee).exists() else ""
    parts = (
        scope,
        sees,
        translation.get_language(),
        timezone.localdate(),
        data_stamp(),
    )
    return prefix + hashlib.sha256(repr(parts).encode()).hexdigest()


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
