"""The home page's overview: the user's committee, its members, program, localities and
the hotspots it has designated (the ones in force, as the hotspot register lists them)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from phoihop.hotspots.models import Hotspot
from phoihop.hotspots.selectors import hotspots_for_user
from phoihop.localities.models import Level, Locality
from phoihop.organizations.models import Committee, Membership, Position
from phoihop.organizations.selectors import committees_for_user
from phoihop.programs.models import Program
from phoihop.programs.selectors import program_current_for_committee

# Distinct, print-friendly colors for districts on the map (cycled past ten).
DISTRICT_COLORS = [
    "#1f77b4",
    "#e07b00",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
    "#393b79",
]


@dataclass
class MemberRow:
    membership: Membership
    focal_points: list[str] = field(default_factory=list)

    @property
    def organization(self):
        return self.membership.organization


@dataclass
class DistrictGroup:
    name: str
    color: str
    is_district: bool
    communes: list[Locality] = field(default_factory=list)
    highlighted: list[Locality] = field(default_factory=list)


@dataclass
class HomeOverview:
    committee: Committee | None
    committees: list[Committee]
    scope_day: dt.date | None = None
    program: Program | None = None
    members: list[MemberRow] = field(default_factory=list)
    districts: list[DistrictGroup] = field(default_factory=list)
    hotspots: list[Hotspot] = field(default_factory=list)

    @property
    def other_committees(self) -> list[Committee]:
        return [c for c in self.committees if c != self.committee]

    @property
    def focal_point_count(self) -> int:
        return sum(len(row.focal_points) for row in self.members)

    @property
    def commune_count(self) -> int:
        return sum(len(group.communes) for group in self.districts)

    @property
    def has_districts(self) -> bool:
        return any(group.is_district for group in self.districts)

    @property
    def highlighted_count(self) -> int:
        """The designations in force, as many as the hotspot register lists, even those
        of a unit not on this map (a 2025 unit while the map shows the last valid day)."""
        return len(self.hotspots)

    @property
    def committee_ended(self) -> bool:
        valid_to = self.committee and self.committee.valid_to
        return bool(valid_to and valid_to <= timezone.localdate())

    @property
    def program_ended(self) -> bool:
        return bool(self.program and self.program.period_end < timezone.localdate())

    @property
    def map_data(self) -> dict:
        """What the map script draws (rendered with json_script, so escaped)."""
        hot = {hotspot.locality_id for hotspot in self.hotspots}
        points = []
        for group in self.districts:
            for unit in group.communes:
                if unit.latitude is None or unit.longitude is None:
                    continue
                points.append(
                    {
                        "name": unit.name,
                        "district": group.name,
                        "lat": unit.latitude,
                        "lon": unit.longitude,
                        "color": group.color,
                        "highlighted": unit.pk in hot,
                    }
                )
        return {"points": points}


def _scope_day(committee: Committee) -> dt.date:
    """The committee's last valid day, or today while it is in force."""
    today = timezone.localdate()
    if committee.valid_to and committee.valid_to <= today:
        return committee.valid_to - dt.timedelta(days=1)
    return today


def _members(committee: Committee, day: dt.date) -> list[MemberRow]:
    memberships = committee.memberships.select_related("organization").order_by(
        "order", "organization__name"
    )
    rows = {m.organization_id: MemberRow(m) for m in memberships}
    focal = (
        Position.objects.filter(is_focal_point=True, organization_id__in=rows)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("person")
        .order_by("person__full_name")
    )
    for position in focal:
        names = rows[position.organization_id].focal_points
        if position.person.full_name not in names:
            names.append(position.person.full_name)
    return list(rows.values())


def _hotspots(user, committee: Committee) -> list[Hotspot]:
    """The committee's designations in force: the register's "Đang là địa bàn trọng điểm" list."""
    return list(hotspots_for_user(user, committee).filter(lifted_on__isnull=True))


def _districts(committee: Committee, day: dt.date, hot: set[int]) -> list[DistrictGroup]:
    """The communes of the committee's locality in force on `day`, grouped by district;
    those in `hot` (designated hotspots) also in their group's `highlighted`."""
    communes = (
        Locality.objects.within(committee.locality)
        .valid_on(day)
        .filter(level=Level.COMMUNE)
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    groups: dict[int | None, DistrictGroup] = {}
    for unit in communes:
        group = groups.get(unit.parent_id)
        if group is None:
            color = DISTRICT_COLORS[len(groups) % len(DISTRICT_COLORS)]
            parent = unit.parent
            is_district = parent is not None and parent.level == Level.DISTRICT
            name = parent.name if parent else unit.name
            group = groups[unit.parent_id] = DistrictGroup(name, color, is_district)
        group.communes.append(unit)
        if unit.pk in hot:
            group.highlighted.append(unit)
    return list(groups.values())


def home_overview_for_user(user) -> HomeOverview:
    committees = list(committees_for_user(user))
    if not committees:
        return HomeOverview(committee=None, committees=[])
    today = timezone.localdate()
    current = [c for c in committees if c.valid_to is None or c.valid_to > today]
    committee = (current or committees)[0]
    day = _scope_day(committee)
    hotspots = _hotspots(user, committee)
    return HomeOverview(
        committee=committee,
        committees=committees,
        scope_day=day,
        program=program_current_for_committee(committee),
        members=_members(committee, day),
        districts=_districts(committee, day, {h.locality_id for h in hotspots}),
        hotspots=hotspots,
    )
