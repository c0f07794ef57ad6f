"""Activity figures of a review: totals, content areas, members, the coordination matrix.

Everything is aggregated in the database (GROUP BY queries); Python only adds up the
grouped rows, whose number depends on areas × members × indicators, never on how many
activities there are. A joint activity is one row of Activity and one set of Figures,
so every total counts it once.

Each query scans the counted activities once: figures, participations and places join
their activity directly (`Counted.rows`) rather than through `activity IN (subquery)`,
which both SQLite and PostgreSQL plan worse; the visibility subquery is added only for
users who do not see every confirmed activity of the program.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)

from phoihop.activities.models import (
    Activity,
    ActivityStatus,
    Figure,
    ParticipantRole,
    Participation,
    ParticipationStatus,
)
from phoihop.organizations.models import Membership
from phoihop.programs.models import Aggregation, Indicator, Program
from phoihop.reviews.data import AreaResult, IndicatorTotal, MemberResult

TOOK_PART = [ParticipationStatus.PENDING, ParticipationStatus.CONFIRMED]  # = participant_count
JOINT = Q(participant_count__gte=2)
MASK_BITS = 62  # members per bit mask column (a signed 64-bit SUM on both engines)


@dataclass(frozen=True)
class Counted:
    """The confirmed activities a review counts, as filters from Activity and from the rows
    that point at it. `within` is an activity id subquery (visibility, member), or None."""

    program_id: int
    start: date
    end: date
    within: QuerySet | None = None

    def _lookups(self, prefix: str = "") -> dict:
        return {
            f"{prefix}program_id": self.program_id,
            f"{prefix}status": ActivityStatus.CONFIRMED,
            f"{prefix}start_date__gte": self.start,
            f"{prefix}start_date__lte": self.end,
        }

    def activities(self) -> QuerySet[Activity]:
        activities = Activity.objects.filter(**self._lookups())
        return activities if self.within is None else activities.filter(pk__in=self.within)

    def rows(self, model) -> QuerySet:
        """Rows of `model` (figures, participations, places) of the counted activities."""
        rows = model.objects.filter(**self._lookups("activity__"))
        return rows if self.within is None else rows.filter(activity_id__in=self.within)


def counted(user, scope) -> Counted:
    """Confirmed activities of the scope that `user` may see (started within the period)."""
    within = None
    if not _sees_every_counted(user, scope.program_id):
        within = Activity.objects.visible_to(user).values("pk")
    if scope.member_id:
        took_part = Participation.objects.filter(
            organization_id=scope.member_id, status__in=TOOK_PART
        ).values("activity_id")
        within = took_part if within is None else within.filter(pk__in=took_part)
    return Counted(scope.program_id, scope.start, scope.end, within)


def counted_activities(user, scope) -> QuerySet[Activity]:
    return counted(user, scope).activities()


def _sees_every_counted(user, program_id: int) -> bool:
    """Administrators and the host organization see every confirmed activity of the program
    (ActivityQuerySet.visible_to: hosted and not a draft), so their reviews skip the
    visibility subquery, which every review query would otherwise repeat."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return (
        user.organization_id is not None
        and Program.objects.filter(pk=program_id, committee__host_id=user.organization_id).exists()
    )


class FigureGroups:
    """Figure sums at the finest grain any table needs, (content area, lead, indicator):
    one query; areas, members and the totals are added up from its few rows."""

    def __init__(self, counted: Counted):
        rows = (
            counted.rows(Figure)
            .order_by()
            .values("activity__content_area_id", "activity__lead_id", "indicator_id")
            .annotate(total=Sum("value"), n=Count("activity_id"))
        )
        self.rows = [
            (
                r["activity__content_area_id"],
                r["activity__lead_id"],
                r["indicator_id"],
                r["total"],
                r["n"],
            )
            for r in rows
        ]

    def sums(self, *, area=None, lead=None) -> dict[int, tuple[Decimal, int]]:
        """indicator id → (sum of values, activities reporting it) for one area / lead / all."""
        out: dict[int, list] = defaultdict(lambda: [Decimal(0), 0])
        for area_id, lead_id, indicator_id, total, n in self.rows:
            if (area is None or area == area_id) and (lead is None or lead == lead_id):
                out[indicator_id][0] += total or 0
                out[indicator_id][1] += n
        return {k: (v[0], v[1]) for k, v in out.items()}


def latest_values(counted: Counted, indicators: dict[int, Indicator]) -> dict[int, Decimal]:
    """For "latest" indicators: the value of the activity that ended last (one query)."""
    latest_ids = [pk for pk, i in indicators.items() if i.aggregation == Aggregation.LATEST]
    if not latest_ids or not Figure.objects.filter(indicator_id__in=latest_ids).exists():
        return {}  # the indicator index answers at once; the join below scans every activity
    rows = (
        counted.rows(Figure)
        .filter(indicator_id__in=latest_ids)
        .order_by("indicator_id", "-activity__end_date", "-activity_id")
        .values_list("indicator_id", "value")
    )
    latest: dict[int, Decimal] = {}
    for pk, value in rows:  # newest first within each indicator: keep the first
        latest.setdefault(pk, value)
    return latest


def indicator_totals(
    sums: dict[int, tuple[Decimal, int]],
    indicators: dict[int, Indicator],
    *,
    targets: dict[int, tuple[Decimal, Decimal]] | None = None,
    latest: dict[int, Decimal] | None = None,
) -> list[IndicatorTotal]:
    """IndicatorTotal rows in catalogue order; "latest" ones only where `latest` is given."""
    targets, rows = targets or {}, []
    for pk in sorted(
        set(sums) | set(targets), key=lambda pk: (indicators[pk].order, indicators[pk].name)
    ):
        indicator = indicators[pk]
        value, n = sums.get(pk, (Decimal(0), 0))
        if indicator.aggregation == Aggregation.COUNT:
            value = Decimal(n)
        elif indicator.aggregation == Aggregation.LATEST:
            if latest is None:
                continue
            value = latest.get(pk, Decimal(0))
        rows.append(
            IndicatorTotal(
                indicator.code,
                indicator.name,
                indicator.unit,
                indicator.decimals,
                value,
                targets[pk][0] if pk in targets else None,
                n,
                targets[pk][1] if pk in targets else None,
            )
        )
    return rows


def activity_counts(counted: Counted) -> list[dict]:
    """Rows of (content_area_id, lead_id, n, joint): one GROUP BY query."""
    return list(
        counted.activities()
        .order_by()
        .values("content_area_id", "lead_id")
        .annotate(n=Count("pk"), joint=Count("pk", filter=JOINT))
    )


def area_results(areas, counts: list[dict], groups: FigureGroups, indicators) -> list[AreaResult]:
    total = sum(row["n"] for row in counts)
    results = []
    for area in areas:
        n = sum(row["n"] for row in counts if row["content_area_id"] == area.pk)
        joint = sum(row["joint"] for row in counts if row["content_area_id"] == area.pk)
        results.append(
            AreaResult(
                area.number,
                area.name,
                n,
                joint,
                n / total if total else 0.0,
                indicator_totals(groups.sums(area=area.pk), indicators),
            )
        )
    return results


def program_members(program, scope) -> list:
    """Members of the program during the period, in the committee's order."""
    order = Membership.objects.filter(
        committee_id=program.committee_id, organization_id=OuterRef("organization_id")
    ).values("order")[:1]
    members = program.members.select_related("organization").annotate(order=Subquery(order))
    members = members.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=scope.end))
    members = members.filter(Q(left_on__isnull=True) | Q(left_on__gt=scope.start))
    if scope.member_id:
        members = members.filter(organization_id=scope.member_id)
    return [
        m.organization
        for m in members.order_by(F("order").asc(nulls_last=True), "organization__name")
    ]


def member_results(
    organizations, counts, partnered, groups: FigureGroups, indicators
) -> list[MemberResult]:
    results = []
    for org in organizations:
        led = sum(row["n"] for row in counts if row["lead_id"] == org.pk)
        joint_led = sum(row["joint"] for row in counts if row["lead_id"] == org.pk)
        results.append(
            MemberResult(
                org.pk,
                org.name,
                org.short_name or org.name,
                led,
                partnered.get(org.pk, 0),
                joint_led,
                indicator_totals(groups.sums(lead=org.pk), indicators),
            )
        )
    return results


@dataclass
class Joint:
    """Who took part in the joint activities: the pair matrix and each member's partnerships."""

    matrix: list[list[int]]  # matrix[i][j]: activities where members i and j both took part
    partnered: dict[int, int]  # organization id → activities it joined as a confirmed partner


def joint_participation(counted: Counted, organizations, counts: list[dict]) -> Joint:
    """The pair matrix and partnerships from one query over the JOINT activities only.

    In the database each joint activity becomes bit masks of its members (who took part,
    who was a confirmed partner), grouped again by mask: a few thousand rows, whatever the
    number of activities, are expanded into pairs here. An activity with one participant
    is its lead's alone (the lead always takes part), so the diagonal adds the activities
    each member led alone, from `counts`.
    """
    ids = [org.pk for org in organizations]
    size = len(ids)
    matrix = [[0] * size for _ in range(size)]
    partnered = dict.fromkeys(ids, 0)
    for took, partners, n in _mask_rows(counted, ids):
        members = _bits(took)
        for a in members:
            for b in members:
                matrix[a][b] += n
        for a in _bits(partners):
            partnered[ids[a]] += n
    for row in counts:
        if row["lead_id"] in ids:
            a = ids.index(row["lead_id"])
            matrix[a][a] += row["n"] - row["joint"]
    return Joint(matrix, partnered)


def _mask_rows(counted: Counted, ids: list[int]) -> list[tuple[int, int, int]]:
    """(took-part mask, confirmed-partner mask, activities): one GROUP BY over a GROUP BY."""
    chunks = [ids[i : i + MASK_BITS] for i in range(0, len(ids), MASK_BITS)]
    if not chunks:
        return []
    partner = Q(role=ParticipantRole.PARTNER, status=ParticipationStatus.CONFIRMED)
    masks = {}
    for k, chunk in enumerate(chunks):
        masks[f"took{k}"] = Sum(_bit_of(chunk))
        masks[f"partner{k}"] = Sum(_bit_of(chunk), filter=partner, default=0)
    joint = counted.activities().filter(JOINT).values("pk")
    per_activity = (
        Participation.objects.alias(scanned_id=_no_seek("activity_id"))
        .filter(scanned_id__in=joint, status__in=TOOK_PART)
        .order_by()
        .values("activity_id")
        .annotate(**masks)
    )
    sql, params = per_activity.query.sql_with_params()
    columns = ", ".join(connection.ops.quote_name(name) for name in masks)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, COUNT(*) FROM ({sql}) joint GROUP BY {columns}",  # noqa: S608
            params,
        )
        rows = cursor.fetchall()
    return [_joined_masks(row, len(chunks)) for row in rows]


def _no_seek(column: str) -> Func:
    """`+column`: the same value, but no index seek on it. SQLite then reads the covering
    participation index once, in activity order (no sort for the GROUP BY), probing the
    joint ids, instead of one seek per joint activity; PostgreSQL plans the same join."""
    return Func(F(column), template="+%(expressions)s", output_field=BigIntegerField())


def _bit_of(chunk: list[int]) -> Case:
    """organization id → its bit within `chunk` (0 for anyone else)."""
    return Case(
        *[When(organization_id=pk, then=Value(1 << i)) for i, pk in enumerate(chunk)],
        default=Value(0),
        output_field=BigIntegerField(),
    )


def _joined_masks(row, chunks: int) -> tuple[int, int, int]:
    """One row's per-chunk masks as two Python integers (bit i: the i-th member)."""
    took = partners = 0
    for k in range(chunks):
        took |= int(row[2 * k] or 0) << (MASK_BITS * k)
        partners |= int(row[2 * k + 1] or 0) << (MASK_BITS * k)
    return took, partners, row[-1]


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def locality_activity_counts(counted: Counted) -> dict[int, int]:
    """locality id → confirmed activities held there (one GROUP BY on the link table)."""
    through = Activity.localities.through  # IN (ids): SQLite seeks in id order, no join
    rows = (
        through.objects.filter(activity_id__in=counted.activities().values("pk"))
        .order_by()
        .values("locality_id")
        .annotate(n=Count("activity_id"))
    )
    return {row["locality_id"]: row["n"] for row in rows}
