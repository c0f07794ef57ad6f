"""Situation figures of a review: cases by topic, by locality, and the hotspots.

Cases come from Case.objects.visible_to(user); a redacted review also leaves out every
sensitive case and every sensitive topic, so no figure of theirs reaches the review.
A case counts in the period it was opened; its outcome is the one reached by the end
of the period (a case resolved after the end is still open in that review).
"""

import datetime as dt
import operator
from functools import reduce

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from phoihop.reviews.data import HotspotRow, TopicResult
from phoihop.reviews.rules import can_see_sensitive
from phoihop.situations.hotspots import CaseRow, score_cases
from phoihop.situations.models import Case, CaseStatus, Hotspot, Topic

HOTSPOT_ROWS = 10
ENDINGS = {
    "resolved": CaseStatus.RESOLVED,
    "referred": CaseStatus.REFERRED,
    "closed_unresolved": CaseStatus.CLOSED_UNRESOLVED,
}


def visible_cases(user, program, scope, *, redacted: bool) -> QuerySet[Case]:
    """Cases opened in the period that `user` may see. Those who may see sensitive cases
    (administrators, the host's secretariat) see every case of the committee, so their
    reviews skip the visibility subquery."""
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
    return cases


def _ended(status: str, end: dt.date) -> Q:
    return Q(status=status) & (Q(closed_on__isnull=True) | Q(closed_on__lte=end))


def topic_results(cases: QuerySet[Case], end: dt.date, *, redacted: bool) -> list[TopicResult]:
    """One row per active topic (and any topic with cases); sensitive ones dropped when redacted."""
    as_of = min(end, timezone.localdate())
    ended = reduce(operator.or_, [_ended(status, end) for status in ENDINGS.values()])
    counts = {
        row["topic_id"]: row
        for row in cases.order_by()
        .values("topic_id")
        .annotate(
            received=Count("pk"),
            overdue=Count("pk", filter=~ended & Q(due_date__lt=as_of)),
            **{name: Count("pk", filter=_ended(status, end)) for name, status in ENDINGS.items()},
        )
    }
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


def locality_case_counts(cases: QuerySet[Case], end: dt.date) -> dict[int, tuple[int, int]]:
    """locality id → (cases, resolved by the end of the period)."""
    rows = (
        cases.order_by()
        .values("locality_id")
        .annotate(n=Count("pk"), resolved=Count("pk", filter=_ended(CaseStatus.RESOLVED, end)))
    )
    return {row["locality_id"]: (row["n"], row["resolved"]) for row in rows}


def hotspot_rows(user, program, cases: QuerySet[Case], scope, unit_for) -> list[HotspotRow]:
    """The highest scores of the period (hotspots.score_cases on the review's own cases),
    marked when the secretariat had designated the unit as a hotspot during the period.

    `unit_for(ids) -> {id: unit id}` regroups units (identity, or 2025 successors).
    """
    rows = list(
        cases.order_by().values_list(
            "pk", "locality_id", "severity", "status", "opened_on", "closed_on", "recurrence_of_id"
        )
    )
    # A recurrence counts when the user may see the case it repeats.
    earlier = {row[-1] for row in rows if row[-1]}
    seen = set(Case.objects.visible_to(user).filter(pk__in=earlier).values_list("pk", flat=True))
    designated_ids = _designated(user, program, scope)
    units = unit_for({row[1] for row in rows} | set(designated_ids))
    scored = score_cases(
        [
            CaseRow(pk, "", units[loc], sev, st, op, cl, rec in seen)
            for pk, loc, sev, st, op, cl, rec in rows
        ],
        scope.start,
        scope.end,
    )[:HOTSPOT_ROWS]
    designated = {units[pk] for pk in designated_ids}
    names = _names([entry.unit_id for entry in scored])
    return [
        HotspotRow(
            *names[entry.unit_id], entry.score, entry.case_count, entry.unit_id in designated
        )
        for entry in scored
    ]


def _designated(user, program, scope) -> list[int]:
    hotspots = Hotspot.objects.visible_to(user).filter(
        committee_id=program.committee_id, designated_on__lte=scope.end
    )
    hotspots = hotspots.filter(Q(lifted_on__isnull=True) | Q(lifted_on__gt=scope.start))
    return list(hotspots.values_list("locality_id", flat=True))


def _names(ids: list[int]) -> dict[int, tuple[str, str]]:
    from phoihop.localities.models import Locality

    units = Locality.objects.filter(pk__in=ids).select_related("parent")
    return {u.pk: (u.name, u.parent.name if u.parent else "") for u in units}
