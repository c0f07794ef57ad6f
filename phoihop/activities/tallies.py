"""Confirmed activities grouped into the tallies a review reads, computed from the records.

`Counted` says which activities count: a program's confirmed activities that started in
[start, end], optionally only those in `within` (what a user may see, a member's part).
`from_records(counted)` groups them in the database into one `Tallies`; the number of
grouped rows depends on areas × members × indicators × places, never on how many
activities there are. A joint activity is one row of Activity and one set of Figures, so
every tally counts it once.

The month rollup (phoihop.activities.rollup) stores exactly these tallies for each
program and month and adds them up; `rollup.tallies()` is what reviews call.

Each query scans the counted activities once: figures, participations and places join
their activity directly (`Counted.rows`) rather than through `activity IN (subquery)`,
which both SQLite and PostgreSQL plan worse.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from phoihop.activities.models import (
    Activity,
    ActivityStatus,
    Figure,
    ParticipantRole,
    Participation,
    ParticipationStatus,
)

TOOK_PART = [ParticipationStatus.PENDING, ParticipationStatus.CONFIRMED]  # = participant_count
JOINT = Q(participant_count__gte=2)


@dataclass(frozen=True)
class Counted:
    """The confirmed activities that count, as filters from Activity and from the rows
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


@dataclass(frozen=True)
class TaskDays:
    """The confirmed activities linked to `task_ids` that started in [start, end], with
    the same two filters as Counted, so task_counts / task_sums read either."""

    task_ids: list[int]
    start: date
    end: date

    def _lookups(self, prefix: str = "") -> dict:
        return {
            f"{prefix}task_id__in": self.task_ids,
            f"{prefix}status": ActivityStatus.CONFIRMED,
            f"{prefix}start_date__gte": self.start,
            f"{prefix}start_date__lte": self.end,
        }

    def activities(self) -> QuerySet[Activity]:
        return Activity.objects.filter(**self._lookups())

    def rows(self, model) -> QuerySet:
        return model.objects.filter(**self._lookups("activity__"))


@dataclass
class Tallies:
    """Counted activities, grouped. Every key is a tuple or an id; values add up."""

    # (content area id, lead id) → [activities, joint activities]
    areas: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    # (content area id, lead id, indicator id) → [sum of values, activities reporting it]
    figures: dict[tuple[int, int, int], list] = field(default_factory=dict)
    # (organization id, organization id) → joint activities both took part in
    pairs: Counter = field(default_factory=Counter)
    # organization id → joint activities it joined as a confirmed partner
    partners: Counter = field(default_factory=Counter)
    # locality id → activities held there
    places: Counter = field(default_factory=Counter)

    def add(self, other: "Tallies") -> "Tallies":
        for key, (n, joint) in other.areas.items():
            row = self.areas.setdefault(key, [0, 0])
            row[0] += n
            row[1] += joint
        for key, (total, reported) in other.figures.items():
            row = self.figures.setdefault(key, [Decimal(0), 0])
            row[0] += total or 0
            row[1] += reported
        self.pairs.update(other.pairs)
        self.partners.update(other.partners)
        self.places.update(other.places)
        return self

    @property
    def activities(self) -> int:
        return sum(n for n, _ in self.areas.values())

    @property
    def joint(self) -> int:
        return sum(joint for _, joint in self.areas.values())


def from_records(counted: Counted, organizations: list[int] | None = None) -> Tallies:
    """The tallies of `counted`, four GROUP BY queries. Pairs and partners are kept for
    `organizations` only (every organization that took part when None)."""
    return Tallies(
        areas={
            (r["content_area_id"], r["lead_id"]): [r["n"], r["joint"]]
            for r in counted.activities()
            .order_by()
            .values("content_area_id", "lead_id")
            .annotate(n=Count("pk"), joint=Count("pk", filter=JOINT))
        },
        figures={
            (r["activity__content_area_id"], r["activity__lead_id"], r["indicator_id"]): [
                r["total"] or Decimal(0),
                r["n"],
            ]
            for r in counted.rows(Figure)
            .order_by()
            .values("activity__content_area_id", "activity__lead_id", "indicator_id")
            .annotate(total=Sum("value"), n=Count("activity_id"))
        },
        **_joint_tallies(counted, organizations),
        places=Counter(
            {
                r["locality_id"]: r["n"]
                for r in Activity.localities.through.objects.filter(
                    activity_id__in=counted.activities().values("pk")  # SQLite: seeks, no join
                )
                .order_by()
                .values("locality_id")
                .annotate(n=Count("activity_id"))
            }
        ),
    )


def task_counts(counted: "Counted | TaskDays") -> dict[int, int]:
    """task id → counted activities linked to it."""
    rows = (
        counted.activities()
        .filter(task_id__isnull=False)
        .order_by()
        .values_list("task_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def task_sums(counted: "Counted | TaskDays") -> dict[tuple[int, int], Decimal]:
    """(task id, indicator id) → sum of the values of the counted activities linked to it."""
    rows = (
        counted.rows(Figure)
        .filter(activity__task_id__isnull=False)
        .order_by()
        .values_list("activity__task_id", "indicator_id")
        .annotate(total=Sum("value"))
    )
    return {(task, indicator): total or Decimal(0) for task, indicator, total in rows}


def day_counts(counted: Counted) -> dict[date, int]:
    """start date → counted activities (no date function per row: SQLite's would be a
    Python callback)."""
    rows = counted.activities().order_by().values_list("start_date").annotate(n=Count("pk"))
    return dict(rows)


# --- Who worked with whom --------------------------------------------------------------


def _joint_tallies(counted: Counted, organizations: list[int] | None) -> dict:
    """Pairs (participations of the same joint activity joined to each other, grouped by
    both organizations) and confirmed partners, over the JOINT activities only."""
    took_part = counted.rows(Participation).filter(
        activity__participant_count__gte=2, status__in=TOOK_PART
    )
    if organizations is not None:
        took_part = took_part.filter(organization_id__in=organizations)
    pairs = (
        took_part.filter(activity__participations__status__in=TOOK_PART)
        .order_by()
        .values_list("organization_id", "activity__participations__organization_id")
        .annotate(n=Count("*"))
    )
    partners = (
        took_part.filter(role=ParticipantRole.PARTNER, status=ParticipationStatus.CONFIRMED)
        .order_by()
        .values_list("organization_id")
        .annotate(n=Count("*"))
    )
    wanted = None if organizations is None else set(organizations)
    return {
        "pairs": Counter(
            {(a, b): n for a, b, n in pairs if wanted is None or b in wanted}
        ),
        "partners": Counter(dict(partners)),
    }
