"""What Phối hợp knows, held in memory for extraction: places of both generations with
their parents and successors, organizations with their names and aliases, topics and
indicators. Built once per process and rebuilt when the registry changes (one query
compares row counts and the latest history ids), so extracting a text asks the
database one small question instead of one per name.
"""

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from phoihop.lib.rebuilt import Rebuilt
from phoihop.lib.text import fold
from phoihop.localities.models import Level, Lineage, Locality
from phoihop.organizations.models import Organization
from phoihop.programs.models import Indicator
from phoihop.situations.models import Topic


@dataclass(frozen=True)
class OrgEntry:
    id: int
    name: str
    short_name: str
    locality_id: int
    province_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass
class Gazetteer:
    units: dict[int, Locality] = field(default_factory=dict)
    by_key: dict[str, list[Locality]] = field(default_factory=lambda: defaultdict(list))
    province_of: dict[int, int] = field(default_factory=dict)
    links: dict[int, list[tuple[int, bool, dt.date]]] = field(default_factory=lambda: defaultdict(list))
    orgs: dict[int, OrgEntry] = field(default_factory=dict)
    org_phrases: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    topics: dict[str, str] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)
    compiled: dict = field(default_factory=dict)  # patterns built from the above, on first use

    # --- Places -----------------------------------------------------------------------

    def units_named(self, keys, day: dt.date, provinces: set[int] | None = None) -> list[Locality]:
        """Units in force on `day` whose name or former name folds to one of `keys`."""
        seen, found = set(), []
        for key in keys:
            for unit in self.by_key.get(key, ()):
                if unit.pk in seen or not unit.is_valid_on(day):
                    continue
                if provinces is not None and self.province_of.get(unit.pk) not in provinces:
                    continue
                seen.add(unit.pk)
                found.append(unit)
        return found

    def province(self, unit: Locality) -> Locality | None:
        return self.units.get(self.province_of.get(unit.pk))

    def successors(self, unit: Locality, day: dt.date) -> list[Locality]:
        """As phoihop.localities.resolver.successors, from memory: primary first."""
        result: list[Locality] = []
        self._collect(unit, day, result, set())
        return result

    def _collect(self, unit: Locality, day: dt.date, result: list, seen: set) -> None:
        if unit.pk in seen:
            return
        seen.add(unit.pk)
        if unit.is_valid_on(day):
            result.append(unit)
            return
        for successor_id, _primary, effective in self.links.get(unit.pk, ()):
            if effective <= day:
                self._collect(self.units[successor_id], day, result, seen)

    def primary_successor(self, unit: Locality, day: dt.date) -> Locality | None:
        seen = set()
        while unit is not None and not unit.is_valid_on(day) and unit.pk not in seen:
            seen.add(unit.pk)
            nxt = next((s for s, primary, eff in self.links.get(unit.pk, ()) if primary and eff <= day), None)
            unit = self.units.get(nxt) if nxt else None
        return unit if unit is not None and unit.is_valid_on(day) else None

    def provinces_named(self, key: str) -> list[Locality]:
        return [u for u in self.by_key.get(key, ()) if u.level == Level.PROVINCE]


@functools.cache
def _signature_sql() -> str:
    """Built once: reaching a model's history manager is slow (it inspects the class)."""
    # Row counts catch deletions; the latest history id catches every edit (a rename
    # adds a history row) without reading the tables.
    counted = [Locality._meta.db_table, Lineage._meta.db_table, Organization._meta.db_table]
    latest = [
        (Lineage._meta.db_table, "id"),
        (Locality.history.model._meta.db_table, "history_id"),
        (Organization.history.model._meta.db_table, "history_id"),
        (Topic.history.model._meta.db_table, "history_id"),
        (Indicator.history.model._meta.db_table, "history_id"),
    ]
    parts = ", ".join([f"(SELECT COUNT(*) FROM {t})" for t in counted]
                      + [f"(SELECT MAX({c}) FROM {t})" for t, c in latest])
    return f"SELECT {parts}"


def build() -> Gazetteer:
    gaz = Gazetteer()
    _load_places(gaz)
    _load_orgs(gaz)
    gaz.topics = dict(Topic.objects.filter(is_active=True).values_list("code", "name"))
    gaz.indicators = dict(Indicator.objects.filter(is_active=True).values_list("code", "name"))
    return gaz


def _load_places(gaz: Gazetteer) -> None:
    fields = ["id", "ref", "code", "name", "short_name", "kind", "level", "parent_id",
              "valid_from", "valid_to", "name_key", "former_names", "latitude", "longitude"]
    for row in Locality.objects.values_list(*fields):
        unit = Locality(**dict(zip(fields, row, strict=True)))
        gaz.units[unit.pk] = unit
    for unit in gaz.units.values():
        if unit.parent_id:
            unit.parent = gaz.units[unit.parent_id]
        for key in dict.fromkeys([unit.name_key, *unit.former_names]):
            gaz.by_key[key].append(unit)
    for unit in gaz.units.values():
        top = unit
        while top.parent_id:
            top = gaz.units[top.parent_id]
        gaz.province_of[unit.pk] = top.pk
    links = Lineage.objects.filter(successor__isnull=False).order_by(
        "-is_primary", "successor__level", "successor__name"
    ).values_list("predecessor_id", "successor_id", "is_primary", "event__effective_date")
    for predecessor, successor, primary, effective in links:
        gaz.links[predecessor].append((successor, primary, effective))


def _load_orgs(gaz: Gazetteer) -> None:
    rows = Organization.objects.values_list(
        "id", "name", "short_name", "aliases", "locality_id", "valid_from", "valid_to"
    )
    for pk, name, short, aliases, locality_id, valid_from, valid_to in rows:
        gaz.orgs[pk] = OrgEntry(pk, name, short, locality_id, gaz.province_of.get(locality_id),
                                valid_from, valid_to)
        for phrase in dict.fromkeys(fold(w) for w in [name, short, *(aliases or [])] if w):
            if phrase:
                gaz.org_phrases[phrase].append(pk)


_rebuilt = Rebuilt(build, _signature_sql)
current = _rebuilt.current  # The gazetteer for the registry as it is now (rebuilt only when it changed).
clear = _rebuilt.clear
