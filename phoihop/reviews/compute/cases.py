"""Situation figures of a review: cases by topic, by locality, and the hotspots.

Cases come from Case.objects.visible_to(user); a redacted review also leaves out every
sensitive case and every sensitive topic, so no figure of theirs reaches the review.

As of a day (`as_of`, the review's end): a case counts in the period it was opened; its
status, the day it ended and its due date are those its dated timeline (CaseEvent:
received, assigned, status changes, reopened) shows on `as_of`, so a case resolved in
September is open in a June review, and one resolved in May and reopened in September is
resolved in it. Overdue: open on `as_of` and its due date then had passed. A case without
a timeline (written around the services) falls back to its own fields: open on `as_of`
when it ended after it.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from phoihop.hotspots.models import Hotspot
from phoihop.hotspots.selectors import RECURRENCE_CENTS, cents, points_sql
from phoihop.localities.models import Locality
from phoihop.reviews.data import HotspotRow, TopicResult
from phoihop.reviews.rules import can_see_sensitive
from phoihop.situations.models import Case, CaseStatus, Topic
from phoihop.situations.selectors import as_of_state

HOTSPOT_ROWS = 10
ENDINGS = {
    "resolved": CaseStatus.RESOLVED,
    "referred": CaseStatus.REFERRED,
    "closed_unresolved": CaseStatus.CLOSED_UNRESOLVED,
}


def visible_cases(user, program, scope, *, redacted: bool, as_of: dt.date) -> QuerySet[Case]:
    """Cases opened in the period that `user` may see, with their state on `as_of`
    (`as_of_state`). Those who may see sensitive cases (administrators, the host's
    secretariat) see every case of the committee, so their reviews skip the visibility
    subquery."""
    source = (
        Case.objects
        if can_see_sensitive(user, program.committee)
        else Case.objects.visible_to(user)
    )
    cases = source.filter(
        committee_id=program.committee_id, opened_on__gte=scope.start, opened_on__lte=scope.end
    )
    if redacted:
        cases = cases.filter(sensitive=False, topic__sensitive=False)
    if scope.member_id:
        involved = Case.objects.filter(
            Q(lead_id=scope.member_id) | Q(supporters__id=scope.member_id)
        )
        cases = cases.filter(pk__in=involved.values("pk"))
    return as_of_state(cases, as_of=as_of)


@dataclass(frozen=True)
class CaseFact:
    """One case of the review with its state on `as_of` (visible_cases): what every case
    figure is counted from."""

    pk: int
    topic_id: int
    locality_id: int
    severity: int
    status: str  # on `as_of`
    due_on: dt.date | None  # on `as_of`
    opened_on: dt.date
    closed_on: dt.date | None  # on `as_of`: None while open
    recurrence_of_id: int | None
    points: int  # its hotspot points on `as_of` in cents, without the recurrence bonus


FACT_FIELDS = ("pk", "topic_id", "locality_id", "severity", "status_then", "due_then",
               "opened_on", "closed_then", "recurrence_of_id")  # fmt: skip


def _facts_sql(cases: QuerySet[Case], *, as_of: dt.date) -> tuple[str, list]:
    """(sql, params): one row per case of `cases` with FACT_FIELDS and its hotspot points
    on `as_of` (`points`), computed by the database (hotspots.selectors.points_sql) over
    the row's as-of state: the query is wrapped so the state is joined once per case, not
    once per use in the formula."""
    inner, params = cases.order_by().values(*FACT_FIELDS).query.sql_with_params()
    points, points_params = points_sql(
        connection.vendor, as_of, severity="f.severity", status="f.status_then",
        opened="f.opened_on", closed="f.closed_then",
    )  # fmt: skip
    columns = ", ".join(f"f.{connection.ops.quote_name(name)}" for name in FACT_FIELDS)
    sql = f"SELECT {columns}, {points} AS points FROM ({inner}) f"
    return sql, [*points_params, *params]  # in the order they appear


def case_facts(cases: QuerySet[Case], *, as_of: dt.date) -> list[CaseFact]:
    """The cases one by one, with their state and points on `as_of` (_facts_sql): the
    rows case_tallies adds up in the database, for those who check it case by case."""
    sql, params = _facts_sql(cases, as_of=as_of)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    converters = _converters()
    return [
        CaseFact(*(convert(value) for convert, value in zip(converters, row, strict=True)))
        for row in rows
    ]


@dataclass(frozen=True)
class CaseTallies:
    """Every case figure of a review, added up by the database (case_tallies)."""

    # topic id → received, overdue (open on `as_of`, due before it) and each ending
    topics: dict[int, dict[str, int]]
    # locality id → (cases, resolved)
    localities: dict[int, tuple[int, int]]
    # locality id → (hotspot points in cents with the recurrence bonus, cases scored)
    points: dict[int, tuple[int, int]]


def case_tallies(user, cases: QuerySet[Case], scope, *, as_of: dt.date) -> CaseTallies:
    """The review's case figures in one query: each case's as-of state and points
    (_facts_sql), summed by topic and by locality with conditional aggregates, so no case
    reaches Python. A hotspot score counts the cases opened from the period's start to
    `as_of`; a recurrence adds its bonus when `user` may see the case it repeats (asked
    of the few cases repeated only, as the query counts them by the case they repeat)."""
    facts, params = _facts_sql(cases, as_of=as_of)
    day = connection.ops.adapt_datefield_value
    quote = connection.ops.quote_name
    status, due, opened = (f"f.{quote(n)}" for n in ("status_then", "due_then", "opened_on"))
    endings = ", ".join(f"'{status_}'" for status_ in ENDINGS.values())
    flags = ", ".join(
        f"CASE WHEN {status} = '{status_}' THEN 1 ELSE 0 END AS {name}"
        for name, status_ in ENDINGS.items()
    )
    hot = f"CASE WHEN {opened} >= %s AND {opened} <= %s THEN 1 ELSE 0 END"
    per_case = (
        f"SELECT f.{quote('topic_id')} AS topic_id, f.{quote('locality_id')} AS locality_id, "
        f"f.{quote('recurrence_of_id')} AS earlier_id, {flags}, "
        f"CASE WHEN {status} NOT IN ({endings}) AND {due} IS NOT NULL AND {due} < %s "
        f"THEN 1 ELSE 0 END AS overdue, {hot} AS hot, {hot} * f.points AS cents "
        f"FROM ({facts}) f"
    )
    window = [day(scope.start), day(as_of)]
    sql = (
        f"WITH c AS ({per_case}) "
        "SELECT 0, topic_id, 0, COUNT(*), SUM(resolved), SUM(referred), "
        "SUM(closed_unresolved), SUM(overdue) FROM c GROUP BY topic_id "
        "UNION ALL SELECT 1, locality_id, 0, COUNT(*), SUM(resolved), SUM(cents), SUM(hot), 0 "
        "FROM c GROUP BY locality_id "
        "UNION ALL SELECT 2, locality_id, earlier_id, SUM(hot), 0, 0, 0, 0 "
        "FROM c WHERE earlier_id IS NOT NULL GROUP BY locality_id, earlier_id"
    )
    topics, localities, points, repeats = {}, {}, {}, []
    with connection.cursor() as cursor:
        cursor.execute(sql, [day(as_of), *window, *window, *params])
        for part, pk, earlier, n, resolved, second, third, overdue in cursor.fetchall():
            if part == 0:
                topics[pk] = {"received": n, "overdue": overdue, "resolved": resolved,
                              "referred": second, "closed_unresolved": third}  # fmt: skip
            elif part == 1:
                localities[pk] = (n, resolved)
                if third:
                    points[pk] = [second, third]
            elif n:
                repeats.append((pk, earlier, n))
    # A recurrence counts when the user may see the case it repeats.
    earlier_ids = {earlier for _pk, earlier, _n in repeats}
    seen = set(Case.objects.visible_to(user).filter(pk__in=earlier_ids).values_list("pk", flat=True))
    for pk, earlier, n in repeats:
        if earlier in seen:
            points[pk][0] += RECURRENCE_CENTS * n
    return CaseTallies(topics, localities, {pk: tuple(p) for pk, p in points.items()})


def _converters():
    """Raw rows to Python values: SQLite gives dates as ISO text."""

    def day(value):
        return dt.date.fromisoformat(value) if isinstance(value, str) else value

    same = lambda value: value  # noqa: E731
    dates = {"due_then", "opened_on", "closed_then"}
    return [day if name in dates else same for name in FACT_FIELDS] + [int]


def topic_results(tallies: CaseTallies, *, redacted: bool) -> list[TopicResult]:
    """One row per active topic (and any topic with cases); sensitive ones dropped when
    redacted. `tallies` count the cases in their state on `as_of` (case_tallies)."""
    counts = tallies.topics
    topics = Topic.objects.filter(Q(is_active=True) | Q(pk__in=list(counts)))
    if redacted:
        topics = topics.filter(sensitive=False)
    return [_topic_row(topic, counts.get(topic.pk)) for topic in topics.order_by("order", "name")]


def _topic_row(topic: Topic, row: dict | None) -> TopicResult:
    row = row or {"received": 0, "overdue": 0} | {name: 0 for name in ENDINGS}
    ended = sum(row[name] for name in ENDINGS)
    return TopicResult(
        topic.code,
        topic.name,
        topic.sensitive,
        row["received"],
        row["resolved"],
        row["referred"],
        row["closed_unresolved"],
        row["received"] - ended,
        row["overdue"],
    )


def hotspot_rows(
    user, program, tallies: CaseTallies, scope, unit_for, *, as_of: dt.date
) -> list[HotspotRow]:
    """The highest scores of the period (the hotspot formula on the review's own cases,
    with their state on `as_of`: the points of each locality are summed by the database
    in whole cents, case_tallies, as hotspots.score_cases would), marked when the unit was
    a designated hotspot on `as_of`.

    `unit_for(ids) -> {id: unit id}` regroups units (identity, or 2025 successors).
    """
    designated_ids = _designated(user, program, as_of=as_of)
    units = unit_for(set(tallies.points) | set(designated_ids))
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # unit → cents, cases
    for locality_id, (points, count) in tallies.points.items():
        total = totals[units[locality_id]]
        total[0] += points
        total[1] += count
    scored = sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))[:HOTSPOT_ROWS]
    designated = {units[pk] for pk in designated_ids}
    names = _names([unit_id for unit_id, _total in scored])
    return [
        HotspotRow(*names[unit_id], cents(points), count, unit_id in designated)
        for unit_id, (points, count) in scored
    ]


def _designated(user, program, *, as_of: dt.date) -> list[int]:
    """Units that were designated hotspots on `as_of`: designated by then, not yet lifted."""
    hotspots = Hotspot.objects.visible_to(user).filter(
        committee_id=program.committee_id, designated_on__lte=as_of
    )
    hotspots = hotspots.filter(Q(lifted_on__isnull=True) | Q(lifted_on__gt=as_of))
    return list(hotspots.values_list("locality_id", flat=True))


def _names(ids: list[int]) -> dict[int, tuple[str, str]]:
    units = Locality.objects.filter(pk__in=ids).select_related("parent")
    return {u.pk: (u.name, u.parent.name if u.parent else "") for u in units}
