"""Activity figures of a review: totals, content areas, members, the coordination matrix.

Everything is aggregated in the database (GROUP BY queries); Python only adds up the
grouped rows, whose number depends on areas × members × indicators, never on how many
activities there are. A joint activity is one row of Activity and one set of Figures,
so every total counts it once.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum

from phoihop.activities.models import (
    Activity,
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


def counted_activities(user, scope) -> QuerySet[Activity]:
    """Confirmed activities of the scope that `user` may see (started within the period)."""
    source = Activity.objects if _sees_every_counted(user, scope.program_id) else Activity.objects.visible_to(user)
    activities = source.counted().filter(
        program_id=scope.program_id, start_date__gte=scope.start, start_date__lte=scope.end
    )
    if scope.member_id:
        took_part = Participation.objects.filter(
            organization_id=scope.member_id, status__in=TOOK_PART
        ).values("activity_id")
        activities = activities.filter(pk__in=took_part)
    return activities


def _sees_every_counted(user, program_id: int) -> bool:
    """Administrators and the host organization see every confirmed activity of the program
    (ActivityQuerySet.visible_to: hosted and not a draft), so their reviews skip the
    visibility subquery, which every review query would otherwise repeat."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return user.organization_id is not None and Program.objects.filter(
        pk=program_id, committee__host_id=user.organization_id
    ).exists()


class FigureGroups:
    """Figure sums grouped by (content area, lead, indicator): one query."""

    def __init__(self, activities: QuerySet[Activity]):
        rows = (
            Figure.objects.filter(activity__in=activities.values("pk"))
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


def latest_values(
    activities: QuerySet[Activity], indicators: dict[int, Indicator]
) -> dict[int, Decimal]:
    """For "latest" indicators: the value of the activity that ended last (one query)."""
    latest_ids = [pk for pk, i in indicators.items() if i.aggregation == Aggregation.LATEST]
    if not latest_ids:
        return {}
    rows = (
        Figure.objects.filter(activity__in=activities.values("pk"), indicator_id__in=latest_ids)
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


def activity_counts(activities: QuerySet[Activity]) -> list[dict]:
    """Rows of (content_area_id, lead_id, n, joint): one GROUP BY query."""
    return list(
        activities.order_by()
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


def partnered_counts(activities: QuerySet[Activity]) -> dict[int, int]:
    rows = (
        Participation.objects.filter(
            activity__in=activities.values("pk"),
            role=ParticipantRole.PARTNER,
            status=ParticipationStatus.CONFIRMED,
        )
        .values("organization_id")
        .annotate(n=Count("activity_id"))
    )
    return {row["organization_id"]: row["n"] for row in rows}


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


def pair_matrix(activities: QuerySet[Activity], organizations) -> list[list[int]]:
    """matrix[i][j]: activities in which members i and j both took part (diagonal: i took part).

    A self-join of participations, grouped by the pair, in the database.
    """
    rows = (
        Participation.objects.filter(activity__in=activities.values("pk"), status__in=TOOK_PART)
        .filter(activity__participations__status__in=TOOK_PART)
        .values("organization_id", "activity__participations__organization_id")
        .annotate(n=Count("pk"))  # one participation per (activity, organization): no DISTINCT needed
    )
    pairs = {
        (r["organization_id"], r["activity__participations__organization_id"]): r["n"] for r in rows
    }
    ids = [org.pk for org in organizations]
    return [[pairs.get((a, b), 0) for b in ids] for a in ids]


def locality_activity_counts(activities: QuerySet[Activity]) -> dict[int, int]:
    """locality id → confirmed activities held there (one GROUP BY on the link table)."""
    through = Activity.localities.through
    rows = (
        through.objects.filter(activity_id__in=activities.values("pk"))
        .values("locality_id")
        .annotate(n=Count("activity_id"))
    )
    return {row["locality_id"]: row["n"] for row in rows}
