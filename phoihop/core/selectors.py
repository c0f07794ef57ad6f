"""The home page's overview: the user's committee, its members and its localities."""

import json
from dataclasses import dataclass, field

from django.utils import timezone

from phoihop.localities.models import Level, Locality
from phoihop.organizations.models import Committee, Membership
from phoihop.organizations.selectors import committees_for_user


@dataclass
class HomeOverview:
    committee: Committee | None
    committees: list[Committee]
    members: list[Membership] = field(default_factory=list)
    localities: list[Locality] = field(default_factory=list)

    @property
    def map_points(self) -> str:
        """JSON for the map: one point per locality with coordinates."""
        return json.dumps(
            [
                {
                    "name": unit.name,
                    "parent": unit.parent.name if unit.parent else "",
                    "lat": unit.latitude,
                    "lon": unit.longitude,
                    "level": unit.level,
                }
                for unit in self.localities
                if unit.latitude is not None and unit.longitude is not None
            ],
            ensure_ascii=False,
        )


def home_overview_for_user(user) -> HomeOverview:
    committees = list(committees_for_user(user))
    if not committees:
        return HomeOverview(committee=None, committees=[])
    today = timezone.localdate()
    current = [c for c in committees if c.valid_to is None or c.valid_to > today]
    committee = (current or committees)[0]
    members = list(
        committee.memberships.select_related("organization", "organization__locality").order_by(
            "order", "organization__name"
        )
    )
    localities = list(
        Locality.objects.within(committee.locality)
        .filter(level=Level.DISTRICT if committee.locality.level == Level.PROVINCE else Level.COMMUNE)
        .select_related("parent")
        .order_by("name")
    )
    return HomeOverview(committee, committees, members, localities)
