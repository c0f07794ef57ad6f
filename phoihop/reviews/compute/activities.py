"""Activity figures of a review: totals, content areas, members, the coordination matrix.

Every figure comes from one `Tallies` (phoihop.activities.tallies): the counted activities
grouped by (content area, lead), (content area, lead, indicator), pairs of organizations
and places. For whole months of a program the tallies are read from the month rollup;
partial months, and users who see only part of the program, are grouped from the records
(phoihop.activities.rollup.tallies decides). Python only adds up the grouped rows, whose
number depends on areas × members × indicators, never on how many activities there are.
A joint activity is one row of Activity and one set of Figures, so every total counts it
once.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, OuterRef, Q, Subquery

from phoihop.activities.models import Activity, Figure, Participation
from phoihop.activities.tallies import TOOK_PART, Counted, Tallies
from phoihop.organizations.models import Membership
from phoihop.programs.models import Aggregation, ContentArea, Indicator, Program
from phoihop.reviews.data import AreaResult, IndicatorTotal, MemberResult, NamedActivity

NAMED_PER_AREA = 3  # joint activities section II names in each content area


def counted(user, scope) -> Counted:
    """Confirmed activities of the scope that `user` may see. An activity counts in the
    period that contains its START date (one spanning 28/06–03/07 is in the first half),
    and counts once it is confirmed, whenever that was: the period's figures grow only
    by late confirmations, never by activities dated after the end."""
    within = None
    if not _sees_every_counted(user, scope.program_id):
        within = Activity.objects.visible_to(user).values("pk")
    if scope.member_id:
        took_part = Participation.objects.filter(
            organization_id=scope.member_id, status__in=TOOK_PART
        ).values("activity_id")
        within = took_part if within is None else within.filter(pk__in=took_part)
    return Counted(scope.program_id, scope.start, scope.end, within)


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


def figure_sums(tallies: Tallies, *, area=None, lead=None) -> dict[int, tuple[Decimal, int]]:
    """indicator id → (sum of values, activities reporting it) for one area / lead / all."""
    out: dict[int, list] = defaultdict(lambda: [Decimal(0), 0])
    for (area_id, lead_id, indicator_id), (total, n) in tallies.figures.items():
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
        total, n = sums.get(pk, (Decimal(0), 0))
        if indicator.aggregation == Aggregation.LATEST and latest is None:
            continue
        value = indicator.result(total=total, reported=n, latest=(latest or {}).get(pk))
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
                indicator.review_phrase,
            )
        )
    return rows


def area_results(
    areas, tallies: Tallies, indicators, *, named=None, models=None
) -> list[AreaResult]:
    """Each content area's figures, with the joint activities (`named`, named_joint) and the
    models (`models`, plans.models_named) the prose names, by content area id."""
    named, models = named or {}, models or {}
    total = tallies.activities
    results = []
    for area in areas:
        rows = [row for (area_id, _), row in tallies.areas.items() if area_id == area.pk]
        n = sum(row[0] for row in rows)
        results.append(
            AreaResult(
                area.number,
                area.name,
                n,
                sum(row[1] for row in rows),
                n / total if total else 0.0,
                indicator_totals(figure_sums(tallies, area=area.pk), indicators),
                named.get(area.pk, []),
                models.get(area.pk, []),
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


def member_results(organizations, tallies: Tallies, indicators) -> list[MemberResult]:
    results = []
    for org in organizations:
        rows = [row for (_, lead_id), row in tallies.areas.items() if lead_id == org.pk]
        results.append(
            MemberResult(
                org.pk,
                org.name,
                org.short_name or org.name,
                sum(row[0] for row in rows),
                tallies.partners.get(org.pk, 0),
                sum(row[1] for row in rows),
                indicator_totals(figure_sums(tallies, lead=org.pk), indicators),
            )
        )
    return results


def coordination_matrix(tallies: Tallies, organizations) -> list[list[int]]:
    """matrix[i][j]: activities in which members i and j both took part. A member's own
    cell adds the activities it led alone (an activity with one participant is its
    lead's: the lead always takes part) to the joint ones it took part in."""
    ids = [org.pk for org in organizations]
    matrix = [[tallies.pairs.get((a, b), 0) for b in ids] for a in ids]
    for (_, lead_id), (n, joint) in tallies.areas.items():
        if lead_id in ids:
            i = ids.index(lead_id)
            matrix[i][i] += n - joint
    return matrix


def named_joint(counted: Counted, per_area: int = NAMED_PER_AREA) -> dict[int, list[NamedActivity]]:
    """content area id → its joint activities the prose names: those with the most members
    taking part, then the earliest, one of each kind (a title before " tại <place>"); three
    queries, whatever the number of activities."""
    joint = counted.activities().filter(participant_count__gte=2)
    limit = per_area * 3  # candidates: one of each kind of activity is named
    rows = sorted(
        joint.filter(_candidates(joint, counted.program_id, limit)).values_list(
            "pk", "content_area_id", "title", "start_date", "participant_count"
        ),
        key=lambda r: (r[1], -r[4], r[3], r[0]),  # RANKING, within each area
    )
    took_part = defaultdict(list)
    ids = [r[0] for r in rows] or [0]  # queried even when empty: the query count stays fixed
    for activity_id, role, short_name, name in (
        Participation.objects.filter(activity_id__in=ids, status__in=TOOK_PART)
        .order_by("activity_id", "role", "pk")  # "lead" before "partner"
        .values_list("activity_id", "role", "organization__short_name", "organization__name")
    ):
        took_part[activity_id].append((role, short_name or name))
    out, kinds = defaultdict(list), defaultdict(set)
    for pk, area_id, title, start, _members in rows:
        kind = title.split(" tại ")[0].strip().lower()
        if len(out[area_id]) == per_area or kind in kinds[area_id]:
            continue
        kinds[area_id].add(kind)
        lead = next((n for role, n in took_part[pk] if role == "lead"), "")
        partners = [n for role, n in took_part[pk] if role != "lead"]
        out[area_id].append(NamedActivity(title, lead, partners, start))
    return dict(out)


RANKING = ("-participant_count", "start_date", "pk")  # the order activity_named_joint_idx holds


def _candidates(joint, program_id: int, limit: int) -> Q:
    """The first `limit` joint activities of each content area, in RANKING order, as a filter:
    each area's `limit`-th activity is read in one query (three scalar subqueries an area,
    each a few steps of the index activity_named_joint_idx, which holds the ranking after
    program, status and area), and the candidates are those ranked up to it. Counting, or
    ranking, every joint activity of a five-year province review read ~50,000 rows to keep
    nine an area."""
    nth = joint.filter(content_area_id=OuterRef("pk")).order_by(*RANKING)[limit - 1 : limit]
    least = Q(pk__in=[])
    for area_id, members, start, pk in ContentArea.objects.filter(program_id=program_id).values_list(
        "pk",
        Subquery(nth.values("participant_count")),
        Subquery(nth.values("start_date")),
        Subquery(nth.values("pk")),
    ):
        if members is None:  # fewer than `limit` joint activities: every one is a candidate
            least |= Q(content_area_id=area_id)
            continue
        least |= Q(content_area_id=area_id) & (
            Q(participant_count__gt=members)
            | Q(participant_count=members, start_date__lt=start)
            | Q(participant_count=members, start_date=start, pk__lte=pk)
        )
    return least
