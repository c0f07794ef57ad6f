"""Dated changes to the place data that the package does not have yet, from
`data/changes.json`: corrections of its facts, and the official changes after 1 July 2025.

The loader applies them after reading the package: `apply_after_2025(apply_corrections(data))`.
Each correction states the value it replaces (`was`), so a package update that fixes the
fact itself, or changes it otherwise, stops the load instead of being overwritten silently.
Each change after 2025 ends the unit in force (`valid_to` = its date) and adds its new
version, ref `<ref>@<YYYYMMDD>`, valid from that date; the 1 July 2025 unit keeps its ref, so
records already on it stay valid on their dates. Children of a changed unit get a new
version under the new parent (a reassign event). Every entry names its source
(`data/SOURCES.md`, "Corrections and changes after 2025").
"""

import dataclasses
import datetime as dt
import json
import math
from collections import defaultdict
from pathlib import Path

from django.utils.translation import gettext as _

from phoihop.localities.models import ChangeEvent, Kind, Level
from phoihop.localities.source import (
    EventRecord,
    LinkRecord,
    LocalityDataError,
    SourceData,
    UnitRecord,
)

CHANGES_FILE = Path(__file__).resolve().parent / "data" / "changes.json"
CORRECTABLE = {"name", "short_name", "kind", "latitude", "longitude"}
CHANGEABLE = {"name", "short_name", "kind"}
FAR_KM = 30
NOTE_CHANGED = "{old} thành {new}."
NOTE_REASSIGNED = "Chuyển trực thuộc {parent}."


def read_changes(path: Path | None = None) -> dict:
    path = Path(path) if path else CHANGES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LocalityDataError(
            _("Không đọc được tệp %(file)s (%(error)s).") % {"file": path, "error": exc}
        ) from exc
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), list) for k in ("corrections", "events")
    ):
        raise LocalityDataError(
            _("Tệp %(file)s không đúng cấu trúc (cần corrections, events).") % {"file": path}
        )
    return data


# --- Corrections -------------------------------------------------------------------------


def apply_corrections(data: SourceData, changes: dict | None = None) -> SourceData:
    """`data` with each correction's fields replaced; units not loaded (one province) are skipped."""
    changes = read_changes() if changes is None else changes
    units = {u.ref: u for u in data.units}
    for entry in changes["corrections"]:
        ref, was, value = entry["ref"], entry["was"], entry["set"]
        _check_fields(entry, set(value) | set(was), CORRECTABLE)
        if not entry.get("source"):
            raise LocalityDataError(_("Sửa đổi của %(ref)s không ghi nguồn.") % {"ref": ref})
        unit = units.get(ref)
        if unit is None:
            continue
        found = {name: getattr(unit, name) for name in was}
        if found != was:
            raise LocalityDataError(
                _(
                    "Sửa đổi của %(ref)s: dữ liệu gốc là %(found)s, không phải %(was)s; hãy xem lại sửa đổi này."
                )
                % {"ref": ref, "found": found, "was": was}
            )
        units[ref] = dataclasses.replace(unit, **value)
    return SourceData([units[u.ref] for u in data.units], data.events)


def _check_fields(entry: dict, names: set, allowed: set) -> None:
    if not names <= allowed:
        raise LocalityDataError(
            _("Mục %(ref)s sửa trường không được phép: %(fields)s.")
            % {"ref": entry.get("ref"), "fields": ", ".join(sorted(names - allowed))}
        )


# --- Changes after 1 July 2025 -----------------------------------------------------------


def apply_after_2025(data: SourceData, changes: dict | None = None) -> SourceData:
    """`data` with the dated changes after the 2025 reform: new versions and their events."""
    changes = read_changes() if changes is None else changes
    units = {u.ref: u for u in data.units}
    latest = {ref: ref for ref in units}  # base ref → ref of the version in force last
    events = list(data.events)
    entries = sorted(
        changes["events"], key=lambda e: (e["date"], _level(units, e["unit"]), e["unit"])
    )
    by_date: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        by_date[entry["date"]].append(entry)
    for date, day_entries in by_date.items():
        day = dt.date.fromisoformat(date)
        changed_parents = []
        for entry in day_entries:
            _check_fields(entry, set(entry["set"]), CHANGEABLE)
            if entry["unit"] not in units:
                continue  # a province not loaded
            old, new = _new_version(units, latest, entry["unit"], day, entry["set"])
            events.append(_event(entry, old, new, NOTE_CHANGED.format(old=old.name, new=new.name)))
            changed_parents.append((entry, old, new))
        for entry, old, new in changed_parents:
            for child in [
                u for u in list(units.values()) if u.parent_ref == old.ref and _in_force(u, day)
            ]:
                _, moved = _new_version(units, latest, _base(child.ref), day, {})
                reassign = {
                    **entry,
                    "ref": f"{entry['ref']}.{moved.code}",
                    "kind": ChangeEvent.Kind.REASSIGN,
                }
                events.append(
                    _event(reassign, child, moved, NOTE_REASSIGNED.format(parent=new.name))
                )
    ordered = sorted(units.values(), key=lambda u: (u.level, u.ref))
    return SourceData(ordered, events)


def _new_version(
    units, latest, base: str, day: dt.date, values: dict
) -> tuple[UnitRecord, UnitRecord]:
    current = units[latest[base]]
    if current.valid_from == day:  # already versioned today (a child of a changed parent)
        new = dataclasses.replace(current, **values)
        units[current.ref] = new
        return units[_previous(units, base, day)], new
    if not _in_force(current, day):
        raise LocalityDataError(
            _("Thay đổi ngày %(day)s: %(ref)s không còn hiệu lực ngày đó.")
            % {"day": day, "ref": base}
        )
    parent = latest.get(current.parent_ref, current.parent_ref) if current.parent_ref else None
    new = dataclasses.replace(
        current,
        ref=f"{base}@{day:%Y%m%d}",
        valid_from=day,
        valid_to=current.valid_to,
        parent_ref=parent,
        **values,
    )
    old = dataclasses.replace(current, valid_to=day)
    units[old.ref], units[new.ref] = old, new
    latest[base] = new.ref
    return old, new


def _previous(units, base: str, day: dt.date) -> str:
    return next(u.ref for u in units.values() if _base(u.ref) == base and u.valid_to == day)


def _event(entry: dict, old: UnitRecord, new: UnitRecord, note: str) -> EventRecord:
    kind = entry.get("kind") or ChangeEvent.Kind.UPGRADE
    if not entry.get("source") or not entry.get("resolution"):
        raise LocalityDataError(
            _("Thay đổi %(ref)s phải ghi nghị quyết và nguồn.") % {"ref": entry["ref"]}
        )
    return EventRecord(
        entry["ref"],
        kind,
        entry["legal_basis"],
        note,
        old.group,
        [LinkRecord(old.ref, new.ref, True, True)],
        effective_date=dt.date.fromisoformat(entry["date"]),
        resolution=entry["resolution"],
    )


def _base(ref: str) -> str:
    return ref.split("@", 1)[0]


def _level(units, ref: str) -> int:
    return units[ref].level if ref in units else 0


def _in_force(unit: UnitRecord, day: dt.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or day < unit.valid_to
    )


# --- Checks ------------------------------------------------------------------------------


def distance_km(a: UnitRecord, b: UnitRecord) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


def far_from_predecessors(data: SourceData, km: float = FAR_KM) -> list[tuple[str, float]]:
    """2025 communes whose point is more than `km` from every predecessor's: (ref, nearest km).

    A point without coordinates on either side is not compared."""
    units = {u.ref: u for u in data.units}
    far = []
    for event in data.events:
        successors = {ln.successor_ref for ln in event.links}
        if len(successors) != 1 or not event.ref.startswith("2025.c"):
            continue
        successor = units.get(next(iter(successors)))
        if successor is None or successor.level != Level.COMMUNE:
            continue
        distances = [
            d
            for ln in event.links
            if (d := distance_km(successor, units[ln.predecessor_ref])) is not None
        ]
        if distances and min(distances) > km:
            far.append((successor.ref, round(min(distances))))
    return sorted(far)


__all__ = ["Kind", "apply_after_2025", "apply_corrections", "far_from_predecessors", "read_changes"]
