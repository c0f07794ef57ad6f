"""The place registry's names held in memory for the resolver: every unit of every date
with its parents, its folded keys, its province and its lineage links, built once per
process and rebuilt when the registry changes.

Whether it changed is one small query (the latest history ids and link id), so a
`localities_load` in this process or another one is seen by the next resolve, and a
resolve asks the database nothing else.
"""

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from phoihop.lib.rebuilt import Rebuilt
from phoihop.localities.models import ChangeEvent, Lineage, Locality


@dataclass(frozen=True)
class Link:
    successor_id: int
    is_primary: bool
    event_id: int
    effective: dt.date


@dataclass
class NameIndex:
    units: dict[int, Locality] = field(default_factory=dict)
    by_key: dict[str, list[Locality]] = field(default_factory=lambda: defaultdict(list))
    province_of: dict[int, int] = field(default_factory=dict)
    links: dict[int, list[Link]] = field(default_factory=lambda: defaultdict(list))
    events: dict[int, ChangeEvent] = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # derived forms (spellings), filled on first use

    def named(self, keys) -> list[Locality]:
        """Units of any date whose name or former name folds to one of `keys`."""
        seen, found = set(), []
        for key in keys:
            for unit in self.by_key.get(key, ()):
                if unit.pk not in seen:
                    seen.add(unit.pk)
                    found.append(unit)
        return found

    def successors(self, unit: Locality, day: dt.date, *, steps: int) -> list[tuple[Locality, ChangeEvent]]:
        """The units in force on `day` that carry `unit` (ended before `day`), primary
        first, each with the event that ended `unit`; at most `steps` links deep."""
        found: list[tuple[Locality, ChangeEvent]] = []
        seen = {unit.pk}
        frontier = [(unit.pk, None)]
        for _step in range(steps):
            onward = []
            for pk, first_event in frontier:
                for link in self.links.get(pk, ()):
                    if link.effective > day or link.successor_id in seen:
                        continue
                    seen.add(link.successor_id)
                    successor = self.units[link.successor_id]
                    event = first_event or self.events.get(link.event_id)
                    if successor.is_valid_on(day):
                        found.append((successor, event))
                    else:
                        onward.append((successor.pk, event))
            if not onward:
                break
            frontier = onward
        return found


@functools.cache
def _signature_sql() -> str:
    """Built once: reaching a model's history manager is slow (it inspects the class).
    Every load writes history rows for the units and events it creates, changes or
    deletes; links have no history, so their latest id stands for them. Three index
    lookups, no count (a count of the links was most of the cost on PostgreSQL): a
    load that did nothing but delete links is seen at the next change, or `clear()`."""
    latest = [(Locality.history.model._meta.db_table, "history_id"),
              (ChangeEvent.history.model._meta.db_table, "history_id"), (Lineage._meta.db_table, "id")]
    return "SELECT " + ", ".join(f"(SELECT MAX({column}) FROM {table})" for table, column in latest)


def build() -> NameIndex:
    index = NameIndex()
    fields = ["id", "ref", "code", "name", "short_name", "kind", "level", "parent_id",
              "valid_from", "valid_to", "name_key", "former_names", "latitude", "longitude"]
    alias = connection.alias
    for row in Locality.objects.values_list(*fields):
        unit = Locality(**dict(zip(fields, row, strict=True)))
        unit._state.adding, unit._state.db = False, alias
        index.units[unit.pk] = unit
    for unit in index.units.values():
        if unit.parent_id:
            unit.parent = index.units[unit.parent_id]
        for key in dict.fromkeys([unit.name_key, *unit.former_names]):
            if key:
                index.by_key[key].append(unit)
    for unit in index.units.values():
        top = unit
        while top.parent_id:
            top = index.units[top.parent_id]
        index.province_of[unit.pk] = top.pk
    index.events = ChangeEvent.objects.in_bulk()
    rows = Lineage.objects.filter(successor__isnull=False).order_by(
        "-is_primary", "successor__level", "successor__name", "pk"
    ).values_list("predecessor_id", "successor_id", "is_primary", "event_id", "event__effective_date")
    for predecessor, successor, primary, event, effective in rows:
        index.links[predecessor].append(Link(successor, primary, event, effective))
    return index


_rebuilt = Rebuilt(build, _signature_sql)
current = _rebuilt.current  # The index for the registry as it is now (rebuilt only when it changed).
clear = _rebuilt.clear
