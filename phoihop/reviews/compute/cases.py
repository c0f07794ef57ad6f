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


def case_facts(cases: QuerySet[Case], *, as_of: dt.date) -> list[CaseFact]:
    """The review's cases, read once: the as-of state is three correlated subqueries per
    case, so topics, localities and hotspots count these rows rather than each asking the
    database again. Each row carries its hotspot points on `as_of`, computed by the
    database (hotspots.selectors.points_sql) over the row's as-of state: the query is
    wrapped so the subqueries run once per case, not once per use in the formula."""
    inner, params = cases.order_by().values(*FACT_FIELDS).query.sql_with_params()
    points, points_params = points_sql(
        connection.vendor, as_of, severity="f.severity", status="f.status_then",
        opened="f.opened_on", closed="f.closed_then",
    )  # fmt: skip
    columns = ", ".join(f"f.{connection.ops.quote_name(name)}" for name in FACT_FIELDS)
    sql = f"SELECT {columns}, {points} FROM ({inner}) f"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*points_params, *params])  # in the order they appear
        rows = cursor.fetchall()
    converters = _converters()
    return [
        CaseFact(*(convert(value) for convert, value in zip(converters, row, strict=True)))
        for row in rows
    ]


def _converters():
    """Raw rows to Python values: SQLite gives dates as ISO text."""

    def day(value):
        return dt.date.fromisoformat(value) if isinstance(value, str) else value

    same = lambda value: value  # noqa: E731
    dates = {"due_then", "opened_on", "closed_then"}
    return [day if name in dates else same for name in FACT_FIELDS] + [int]


def _counts(facts: list[CaseFact], *, as_of: dt.date) -> dict[int, dict[str, int]]:
    """topic id → received, overdue (open on `as_of`, due before it) and each ending."""
    endings = {status: name for name, status in ENDINGS.items()}
    counts: dict[int, dict[str, int]] = {}
    for fact in facts:
        row = counts.setdefault(
            fact.topic_id, {"received": 0, "overdue": 0} | dict.fromkeys(ENDINGS, 0)
        )
        row["received"] += 1
        if fact.status in endings:
            row[endings[fact.status]] += 1
        elif fact.due_on is not None and fact.due_on < as_of:
            row["overdue"] += 1
    return counts


def topic_results(facts: list[CaseFact], *, as_of: dt.date, redacted: bool) -> list[TopicResult]:
    """One row per active topic (and any topic with cases); sensitive ones dropped when
    redacted. `facts` carry their state on `as_of` (case_facts)."""
    counts = _counts(facts, as_of=as_of)
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


def locality_case_counts(facts: list[CaseFact]) -> dict[int, tuple[int, int]]:
    """locality id → (cases, resolved on the day their state is taken: case_facts)."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for fact in facts:
        counts[fact.locality_id][0] += 1
        counts[fact.locality_id][1] += fact.status == CaseStatus.RESOLVED
    return {pk: (n, resolved) for pk, (n, resolved) in counts.items()}


def hotspot_rows(
    user, program, facts: list[CaseFact], scope, unit_for, *, as_of: dt.date
) -> list[HotspotRow]:
    """The highest scores of the period (the hotspot formula on the review's own cases,
    with their state on `as_of`: each fact's points come from the database, case_facts;
    they sum here in whole cents, as hotspots.score_cases would), marked when the unit was
    a designated hotspot on `as_of`.

    `unit_for(ids) -> {id: unit id}` regroups units (identity, or 2025 successors).
    """
    # A recurrence counts when the user may see the case it repeats.
    earlier = {f.recurrence_of_id for f in facts if f.recurrence_of_id}
    seen = set(Case.objects.visible_to(user).filter(pk__in=earlier).values_list("pk", flat=True))
    designated_ids = _designated(user, program, as_of=as_of)
    units = unit_for({f.locality_id for f in facts} | set(designated_ids))
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # unit → cents, cases
    for f in facts:
        if scope.start <= f.opened_on <= as_of:
            total = totals[units[f.locality_id]]
            total[0] += f.points + (RECURRENCE_CENTS if f.recurrence_of_id in seen else 0)
            total[1] += 1
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
