"""Compute a review from the records: `review_compute(user=..., scope=...) -> Review`.

A review of [start, end] is the records as they stood at `end`, whenever it is computed
(`as_of`: the end, or today while the period is still running, since the records cannot
know later days): activities count in the period that contains their START date, and
count once confirmed (by the time of computing); tasks' progress counts only activities
started by `as_of` and their status is judged on it; cases' status and due dates are read
from their dated timelines on `as_of`; hotspots are those designated and not lifted on
`as_of`; models by their recognition decided by `as_of`; reports due and submitted by it.
Every compute function takes `as_of` as a keyword: none reads the clock.

Every figure starts from what `user` may see (each model's visible_to), counts
confirmed activities only, and is aggregated in the database; the number of queries
does not grow with the number of activities or cases. When `user` has no access to
sensitive cases (or `include_sensitive=False`), the review is redacted: sensitive cases
and topics are left out, and so are the statements built on them.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities import rollup
from phoihop.activities.selectors import progress_for_tasks
from phoihop.lib.vnformat import short_date
from phoihop.programs.models import Indicator
from phoihop.programs.selectors import get_program_for_user
from phoihop.reviews import units as unit_maps
from phoihop.reviews.assessment import draft_statements
from phoihop.reviews.compute import activities as act
from phoihop.reviews.compute import cases as sit
from phoihop.reviews.compute import plans
from phoihop.reviews.data import Coordination, Kind, Review, Scope, Units
from phoihop.reviews.rules import can_see_sensitive

__all__ = ["as_of_day", "period_label", "review_compute"]


def review_compute(
    *, user, scope: Scope, include_sensitive: bool = True, as_of: dt.date | None = None
) -> Review:
    """The review of `scope` as `user` may see it (404 when the program is not theirs),
    as the records stood on `as_of`: by default the period's end (`as_of_day`); the
    dashboard passes today for its "now" figures."""
    program = get_program_for_user(user, scope.program_id)
    as_of = as_of or as_of_day(scope, today=timezone.localdate())
    redacted = not (include_sensitive and can_see_sensitive(user, program.committee))
    activities = act.counted(user, scope)
    organizations = act.program_members(program, scope)
    tallies = rollup.tallies(activities, [org.pk for org in organizations])
    cases = sit.case_tallies(
        user,
        sit.visible_cases(user, program, scope, redacted=redacted, as_of=as_of),
        scope,
        as_of=as_of,
    )
    unit_for = (
        unit_maps.successor_map if scope.units == Units.UNITS_2025 else unit_maps.identity_map
    )
    review = Review(
        scope=scope,
        program_name=program.name,
        committee_name=program.committee.name,
        host_name=program.committee.host.name,
        province_name=program.committee.locality.name,
        period_label=period_label(scope),
        computed_at=timezone.now(),
        redacted=redacted,
        localities=_localities(tallies, cases, scope),
        topics=sit.topic_results(cases, redacted=redacted),
        hotspots=sit.hotspot_rows(user, program, cases, scope, unit_for, as_of=as_of),
        statements=[],
        as_of=as_of,
        **_activity_parts(user, program, scope, activities, tallies, organizations, as_of=as_of),
    )
    reports = plans.report_tallies(user, scope, as_of=as_of)
    review.reports_completeness, review.reports_timeliness = plans.apply_report_tallies(
        review.members, reports
    )
    review.statements = draft_statements(review)
    return review


def as_of_day(scope: Scope, *, today) -> dt.date:
    """The day a review of `scope` stands on: its end, or `today` while it runs."""
    return min(scope.end, today)


def _activity_parts(
    user, program, scope: Scope, activities: act.Counted, tallies, organizations, *, as_of
) -> dict:
    indicators = Indicator.objects.in_bulk()
    tasks = list(plans.plan_tasks(user, scope))
    progress = progress_for_tasks(tasks, as_of=as_of, since=scope.start)
    totals = act.indicator_totals(
        act.figure_sums(tallies),
        indicators,
        targets=plans.target_sums(progress, scope),
        latest=act.latest_values(activities, indicators),
    )
    models_by_status, models_named = plans.models_in_review(user, scope, as_of=as_of)
    areas = act.area_results(
        program.content_areas.order_by("number"),
        tallies,
        indicators,
        named=act.named_joint(activities),
        models=models_named,
    )
    coordination = Coordination(
        activities=tallies.activities,
        joint=tallies.joint,
        member_names=[org.short_name or org.name for org in organizations],
        matrix=act.coordination_matrix(tallies, organizations),
        area_counts=[(area.name, area.activities) for area in areas],
        models_by_status=models_by_status,
    )
    return {
        "totals": totals,
        "areas": areas,
        "members": act.member_results(organizations, tallies, indicators),
        "tasks": plans.task_results(tasks, progress),
        "coordination": coordination,
    }


def _localities(tallies, cases, scope: Scope) -> list:
    """Activities and cases per locality, as recorded or regrouped by 2025 units."""
    held = tallies.places
    case_counts = cases.localities
    sums = {
        pk: [held.get(pk, 0), *case_counts.get(pk, (0, 0))] for pk in set(held) | set(case_counts)
    }
    rows = unit_maps.locality_rows(sums)
    return unit_maps.regroup_localities(rows) if scope.units == Units.UNITS_2025 else rows


def period_label(scope: Scope) -> str:
    """ "6 tháng đầu năm 2020", "năm 2020", "giai đoạn 2016–2020", or the dates."""
    start, end = scope.start, scope.end
    if scope.kind == Kind.SIX_MONTHS and start.year == end.year:
        half = _("6 tháng đầu năm") if end.month <= 6 else _("6 tháng cuối năm")
        return f"{half} {start.year}"
    if scope.kind == Kind.ANNUAL and start.year == end.year:
        return _("năm %(year)s") % {"year": start.year}
    if scope.kind == Kind.PROGRAM:
        return _("giai đoạn %(start)s–%(end)s") % {"start": start.year, "end": end.year}
    return _("từ ngày %(start)s đến ngày %(end)s") % {
        "start": short_date(start),
        "end": short_date(end),
    }
