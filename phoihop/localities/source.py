"""Read and check the place data shipped by the `vietnamadminunits` package.

Everything is read into plain records first, so a missing or damaged file is found
before the database is touched. `dataset.db` holds the units before 1 July 2025
(`admin_units_legacy`) and after (`admin_units`); `converter_2025.json` links them.
"""

import dataclasses
import datetime as dt
import gzip
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from phoihop.lib.text import clean_name, fold_key
from phoihop.localities.models import REFORM_2025, RESOLUTION_NUMBER, ChangeEvent, Level
from phoihop.localities.names import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    PROVINCE_KINDS,
    former_names_from_keywords,
)

DATASET = "dataset.db"
HISTORY = Path(__file__).resolve().parent / "data" / "history.json.gz"
# The resolutions behind the history's events dated only by GSO's lists (data/SOURCES.md).
RESOLUTIONS = Path(__file__).resolve().parent / "data" / "resolutions.json"
GSO_LIST_BASIS = "Danh mục đơn vị hành chính của Tổng cục Thống kê ngày "
CONVERTER = "converter_2025.json"
LEGACY_TABLE = "admin_units_legacy"
NEW_TABLE = "admin_units"
PROVINCE_COLUMNS = ["province", "provinceShort", "provinceCode", "provinceKey", "provinceLat",
                    "provinceLon", "provinceKeywords"]
LEGACY_COLUMNS = PROVINCE_COLUMNS + [
    "district", "districtShort", "districtType", "districtCode", "districtKey", "districtLat",
    "districtLon", "districtKeywords", "ward", "wardShort", "wardType", "wardCode", "wardKey",
    "wardLat", "wardLon", "wardKeywords",
]
NEW_COLUMNS = PROVINCE_COLUMNS + ["ward", "wardShort", "wardType", "wardCode", "wardKey", "wardLat",
                                  "wardLon", "wardKeywords"]
REQUIRED_PROVINCE = ["province", "provinceShort", "provinceCode", "provinceKey"]
REQUIRED_DISTRICT = ["district", "districtShort", "districtType", "districtCode", "districtKey"]
REQUIRED_WARD = ["ward", "wardShort", "wardType", "wardCode", "wardKey"]
CONVERTER_KEYS = ("DICT_PROVINCE", "DICT_PROVINCE_WARD_NO_DIVIDED", "DICT_PROVINCE_WARD_DIVIDED")

BASIS_PROVINCE = "Nghị quyết số 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
RESOLUTION_PROVINCE = "202/2025/QH15"
BASIS_COMMUNE = ("Nghị quyết số {number} ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp xếp "
                 "các đơn vị hành chính cấp xã của {province} năm 2025")
RESOLUTION_DISTRICT = "72/2025/QH15"
# The 34 resolutions of 16 June 2025 on the communes, one per 2025 province (the title of
# each names its province; texts in dvhcvn/20250701 input/docs, see data/SOURCES.md).
COMMUNE_RESOLUTIONS = {
    "tinhangiang": 1654, "tinhcamau": 1655, "thanhphohanoi": 1656, "tinhcaobang": 1657,
    "tinhbacninh": 1658, "thanhphodanang": 1659, "tinhdaklak": 1660, "tinhdienbien": 1661,
    "tinhdongnai": 1662, "tinhdongthap": 1663, "tinhgialai": 1664, "tinhhatinh": 1665,
    "tinhhungyen": 1666, "tinhkhanhhoa": 1667, "thanhphocantho": 1668, "thanhphohaiphong": 1669,
    "tinhlaichau": 1670, "tinhlamdong": 1671, "tinhlangson": 1672, "tinhlaocai": 1673,
    "tinhninhbinh": 1674, "thanhphohue": 1675, "tinhphutho": 1676, "tinhquangngai": 1677,
    "tinhnghean": 1678, "tinhquangninh": 1679, "tinhquangtri": 1680, "tinhsonla": 1681,
    "tinhtayninh": 1682, "tinhthainguyen": 1683, "tinhtuyenquang": 1684,
    "thanhphohochiminh": 1685, "tinhthanhhoa": 1686, "tinhvinhlong": 1687,
}
BASIS_DISTRICT = ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15 "
                  "(kết thúc hoạt động của đơn vị hành chính cấp huyện)")
# Stored texts are data, not interface: they stay Vietnamese whatever the active language.
NOTE_FORMED = "Hình thành từ: {names}."
NOTE_PART = " (một phần)"
NOTE_DISSOLVED = "Các đơn vị cấp xã chuyển trực thuộc {name}."


class LocalityDataError(Exception):
    """The package data is missing or damaged; the message says which file (and row)."""


@dataclass(frozen=True)
class UnitRecord:
    ref: str
    code: str
    name: str
    short_name: str
    kind: str
    level: int
    parent_ref: str | None
    valid_from: object  # datetime.date | None
    valid_to: object
    latitude: float | None
    longitude: float | None
    former_names: tuple[str, ...]
    group: str  # key of the 2025 province this unit belongs to or went into


@dataclass(frozen=True)
class LinkRecord:
    predecessor_ref: str
    successor_ref: str | None
    is_primary: bool
    is_whole: bool = True  # False: the predecessor gave only part of its area


@dataclass
class EventRecord:
    ref: str
    kind: str
    legal_basis: str
    note: str
    group: str
    links: list[LinkRecord] = field(default_factory=list)
    effective_date: object = REFORM_2025
    resolution: str = ""  # number of the act, e.g. "1669/NQ-UBTVQH15"

    def __post_init__(self):
        # The dated history (GSO's lists) names its act only inside the legal basis.
        if not self.resolution:
            found = RESOLUTION_NUMBER.search(self.legal_basis or "")
            self.resolution = found.group(0) if found else ""


@dataclass
class SourceData:
    units: list[UnitRecord]
    events: list[EventRecord]


def default_source_dir() -> Path:
    import vietnamadminunits  # here: it loads pandas (~0.7 s); only loading the lists needs it

    return Path(vietnamadminunits.__file__).resolve().parent / "data"


def read_source(
    source_dir: Path | None = None,
    provinces: Iterable[str] | None = None,
    history: Path | None = HISTORY,
    resolutions: Path | None = RESOLUTIONS,
) -> SourceData:
    """All units and events from `source_dir` and the dated history file (2019 to 30 June
    2025, see data/SOURCES.md; None leaves it out), optionally only for some old
    provinces (plus the 2025 provinces they went into, and those provinces' other parts)."""
    source_dir = Path(source_dir) if source_dir else default_source_dir()
    legacy_rows, new_rows = read_dataset(source_dir / DATASET)
    converter = read_converter(source_dir / CONVERTER)
    builder = _Builder(converter)
    builder.add_legacy(legacy_rows)
    builder.add_new(new_rows)
    builder.add_events()
    if history is not None:
        builder.add_history(read_history(history), read_resolutions(resolutions) if resolutions else [])
    return builder.result(_selected_groups(converter, provinces))


def read_history(path: Path = HISTORY) -> dict:
    """The compiled history file, its shape checked (see data/build_history.py)."""
    if not Path(path).is_file():
        raise LocalityDataError(_("Không tìm thấy tệp dữ liệu %(file)s.") % {"file": path})
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LocalityDataError(
            _("Tệp %(file)s không phải JSON hợp lệ (%(error)s).") % {"file": path, "error": exc}
        ) from exc
    ok = isinstance(data, dict) and data.get("version") == 1
    ok = ok and all(isinstance(data.get(k), t) for k, t in
                    [("units", list), ("events", list), ("legacy_valid_from", dict)])
    ok = ok and all(isinstance(u, list) and len(u) == 8 for u in data["units"])
    ok = ok and all(isinstance(e, list) and len(e) == 5 and isinstance(e[4], list) for e in data["events"])
    if not ok:
        raise LocalityDataError(
            _("Tệp %(file)s không đúng cấu trúc (cần %(keys)s).")
            % {"file": path, "keys": "version, units, events, legacy_valid_from"}
        )
    return data


def read_resolutions(path: Path = RESOLUTIONS) -> list[dict]:
    """The rows of the resolutions file, their shape checked: each names the resolution of
    one province's changes first shown on one of GSO's lists."""
    if not Path(path).is_file():
        raise LocalityDataError(_("Không tìm thấy tệp dữ liệu %(file)s.") % {"file": path})
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))["resolutions"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise LocalityDataError(
            _("Tệp %(file)s không phải JSON hợp lệ (%(error)s).") % {"file": path, "error": exc}
        ) from exc
    keys = ("province_code", "list_date", "resolution", "title", "source_url")
    ok = isinstance(rows, list) and all(
        isinstance(row, dict) and all(isinstance(row.get(k), str) and row[k] for k in keys)
        and RESOLUTION_NUMBER.fullmatch(row["resolution"])
        and isinstance(row.get("effective_date"), str | None)
        and isinstance(row.get("codes", []), list)
        for row in rows
    )
    try:
        ok = ok and all(_day(row["list_date"]) and (_day(row.get("effective_date")) or True) for row in rows)
    except ValueError:
        ok = False
    if not ok:
        raise LocalityDataError(
            _("Tệp %(file)s không đúng cấu trúc (cần %(keys)s).")
            % {"file": path, "keys": ", ".join(keys)}
        )
    return rows


def resolution_basis(row: dict) -> str:
    """The legal basis an event takes from a row of the resolutions file."""
    basis = f"Nghị quyết số {row['resolution']} ({row['title']})"
    if row.get("effective_date"):
        basis += f", hiệu lực từ {_day(row['effective_date']):%d/%m/%Y}"
    return basis


# --- Files -------------------------------------------------------------------------------


def read_dataset(path: Path) -> tuple[list[dict], list[dict]]:
    conn = _connect(path)
    try:
        return (
            _fetch(conn, path, LEGACY_TABLE, LEGACY_COLUMNS),
            _fetch(conn, path, NEW_TABLE, NEW_COLUMNS),
        )
    finally:
        conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise LocalityDataError(_("Không tìm thấy tệp dữ liệu %(file)s.") % {"file": path})
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("SELECT name FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LocalityDataError(
            _("Tệp %(file)s không phải cơ sở dữ liệu SQLite hợp lệ (%(error)s).")
            % {"file": path, "error": exc}
        ) from exc
    return conn


def _fetch(conn: sqlite3.Connection, path: Path, table: str, columns: list[str]) -> list[dict]:
    present = {row["name"] for row in conn.execute(f'PRAGMA table_info("{table}")')}
    if not present:
        raise LocalityDataError(_("Tệp %(file)s thiếu bảng %(table)s.") % {"file": path, "table": table})
    missing = [c for c in columns if c not in present]
    if missing:
        raise LocalityDataError(
            _("Tệp %(file)s, bảng %(table)s thiếu cột: %(columns)s.")
            % {"file": path, "table": table, "columns": ", ".join(missing)}
        )
    sql = "SELECT rowid AS _row, {} FROM \"{}\" ORDER BY rowid".format(
        ", ".join(f'"{c}"' for c in columns), table
    )
    try:
        return [dict(row) for row in conn.execute(sql)]
    except sqlite3.DatabaseError as exc:
        raise LocalityDataError(
            _("Không đọc được bảng %(table)s trong tệp %(file)s (%(error)s).")
            % {"file": path, "table": table, "error": exc}
        ) from exc


def read_converter(path: Path) -> dict:
    if not path.is_file():
        raise LocalityDataError(_("Không tìm thấy tệp dữ liệu %(file)s.") % {"file": path})
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LocalityDataError(
            _("Tệp %(file)s không phải JSON hợp lệ (%(error)s).") % {"file": path, "error": exc}
        ) from exc
    _check_converter_shape(data, path)
    return data


def _check_converter_shape(data, path: Path) -> None:
    ok = isinstance(data, dict) and all(isinstance(data.get(key), dict) for key in CONVERTER_KEYS)
    ok = ok and all(_is_str_list(v) for v in data["DICT_PROVINCE"].values())
    ok = ok and all(
        isinstance(wards, dict) and all(_is_str_list(olds) for olds in wards.values())
        for wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].values()
    )
    ok = ok and all(
        isinstance(olds, dict) and all(_is_part_list(parts) for parts in olds.values())
        for olds in data["DICT_PROVINCE_WARD_DIVIDED"].values()
    )
    if not ok:
        raise LocalityDataError(
            _("Tệp %(file)s không đúng cấu trúc (cần %(keys)s).")
            % {"file": path, "keys": ", ".join(CONVERTER_KEYS)}
        )


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_part_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(p, dict) and isinstance(p.get("newWardKey"), str)
        and isinstance(p.get("isDefaultNewWard"), bool)
        for p in value
    )


def _selected_groups(converter: dict, provinces: Iterable[str] | None) -> set[str] | None:
    if provinces is None:
        return None
    wanted = set(provinces)
    groups = {new for new, olds in converter["DICT_PROVINCE"].items() if wanted & set(olds)}
    unknown = wanted - {old for new in groups for old in converter["DICT_PROVINCE"][new]}
    if unknown:
        raise LocalityDataError(
            _("Không có tỉnh %(keys)s trong tệp %(file)s.")
            % {"keys": ", ".join(sorted(unknown)), "file": CONVERTER}
        )
    return groups


# --- Records -----------------------------------------------------------------------------


class _Builder:
    """Turns rows and the converter into unit and event records, checking as it goes."""

    def __init__(self, converter: dict):
        self.converter = converter
        self.group_of_old = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
        self.continuing = {new for new, olds in converter["DICT_PROVINCE"].items() if olds == [new]}
        self.units: dict[str, UnitRecord] = {}
        self.old_refs: dict[str, str] = {}  # "prov", "prov_dist", "prov_dist_ward" → ref
        self.new_refs: dict[str, str] = {}  # "prov", "prov_ward" → ref
        self.islands: set[str] = set()  # districts without communes (refs)
        self.events: list[EventRecord] = []

    # Legacy (before 1 July 2025)

    def add_legacy(self, rows: list[dict]) -> None:
        for row in rows:
            _require(row, LEGACY_TABLE, REQUIRED_PROVINCE + REQUIRED_DISTRICT)
            group = self._group_of(row)
            province = self._legacy_province(row, group)
            district = self._legacy_district(row, province, group)
            if row["wardCode"] is None:
                self.islands.add(district)
                self.old_refs[f"{row['provinceKey']}_{row['districtKey']}_"] = district
            else:
                self._legacy_commune(row, district, group)

    def _group_of(self, row: dict) -> str:
        group = self.group_of_old.get(row["provinceKey"])
        if group is None:
            raise _row_error(row, LEGACY_TABLE, _("tỉnh %(key)s không có trong %(file)s")
                             % {"key": row["provinceKey"], "file": CONVERTER})
        return group

    def _legacy_province(self, row: dict, group: str) -> str:
        ref = f"v1.p{row['provinceCode']}"
        if ref not in self.units:
            valid_to = None if row["provinceKey"] in self.continuing else REFORM_2025
            self._add_province(row, ref, group, None, valid_to)
            self.old_refs[row["provinceKey"]] = ref
        return ref

    def _add_province(self, row: dict, ref: str, group: str, valid_from, valid_to) -> None:
        name = clean_name(row["province"])
        kind = PROVINCE_KINDS.get(next((t for t in PROVINCE_KINDS if name.startswith(t + " ")), ""))
        if kind is None:
            raise _row_error(row, row["_table"], _("không rõ loại tỉnh của %(name)s") % {"name": name})
        self._add(UnitRecord(
            ref, row["provinceCode"], name, clean_name(row["provinceShort"]), kind, Level.PROVINCE,
            None, valid_from, valid_to, row["provinceLat"], row["provinceLon"],
            self._formers(row, "provinceKeywords", row["provinceShort"]), group,
        ))

    def _legacy_district(self, row: dict, province: str, group: str) -> str:
        ref = f"v1.d{row['districtCode']}"
        if ref not in self.units:
            kind = _kind(row, "districtType", DISTRICT_KINDS)
            self._add(UnitRecord(
                ref, row["districtCode"], clean_name(row["district"]), clean_name(row["districtShort"]),
                kind, Level.DISTRICT, province, None, REFORM_2025, row["districtLat"],
                row["districtLon"], self._formers(row, "districtKeywords", row["districtShort"]), group,
            ))
            self.old_refs[f"{row['provinceKey']}_{row['districtKey']}"] = ref
        return ref

    def _legacy_commune(self, row: dict, district: str, group: str) -> None:
        _require(row, LEGACY_TABLE, REQUIRED_WARD)
        ref = f"v1.c{row['wardCode']}"
        self._add(self._commune(row, ref, district, group, None, REFORM_2025))
        self.old_refs[f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"] = ref

    def _commune(self, row, ref, parent, group, valid_from, valid_to) -> UnitRecord:
        return UnitRecord(
            ref, row["wardCode"], clean_name(row["ward"]), clean_name(row["wardShort"]),
            _kind(row, "wardType", COMMUNE_KINDS), Level.COMMUNE, parent, valid_from, valid_to,
            row["wardLat"], row["wardLon"], self._formers(row, "wardKeywords", row["wardShort"]), group,
        )

    # 2025

    def add_new(self, rows: list[dict]) -> None:
        for row in rows:
            _require(row, NEW_TABLE, REQUIRED_PROVINCE + REQUIRED_WARD)
            group = row["provinceKey"]
            if group not in self.converter["DICT_PROVINCE"]:
                raise _row_error(row, NEW_TABLE, _("tỉnh %(key)s không có trong %(file)s")
                                 % {"key": group, "file": CONVERTER})
            province = self._new_province(row, group)
            ref = f"v2.c{row['wardCode']}"
            self._add(self._commune(row, ref, province, group, REFORM_2025, None))
            self.new_refs[f"{group}_{row['wardKey']}"] = ref

    def _new_province(self, row: dict, group: str) -> str:
        if group in self.continuing:
            return self.old_refs[group]
        ref = f"v2.p{row['provinceCode']}"
        if ref not in self.units:
            self._add_province(row, ref, group, REFORM_2025, None)
            self.new_refs[group] = ref
        return ref

    # Events of 1 July 2025

    def add_events(self) -> None:
        for new, olds in self.converter["DICT_PROVINCE"].items():
            if new not in self.continuing:
                self._province_event(new, olds)
        for group, links in self._commune_links().items():
            self._commune_event(group, links)
        for unit in [u for u in self.units.values() if u.level == Level.DISTRICT]:
            self._district_event(unit)
        self._check_primaries()

    def _check_primaries(self) -> None:
        """Every pre-reform commune has exactly one primary successor."""
        counts: dict[str, int] = defaultdict(int)
        for event in self.events:
            for link in event.links:
                counts[link.predecessor_ref] += link.is_primary
        for unit in self.units.values():
            if unit.level == Level.COMMUNE and unit.valid_to and counts[unit.ref] != 1:
                raise LocalityDataError(
                    _("Tệp %(file)s: đơn vị %(name)s (%(ref)s) có %(count)s đơn vị kế thừa chính, cần đúng một.")
                    % {"file": CONVERTER, "name": unit.name, "ref": unit.ref, "count": counts[unit.ref]}
                )

    def _province_event(self, new: str, olds: list[str]) -> None:
        successor = self._new_ref(new, new)
        links = [LinkRecord(self._old_ref(old), successor, True) for old in olds]
        kind = self._kind_of_change(links, successor)
        note = NOTE_FORMED.format(names=self._names(links))
        self._event(f"2025.p{self.units[successor].code}", kind, BASIS_PROVINCE, note, new, links,
                    RESOLUTION_PROVINCE)

    def _commune_links(self) -> dict[tuple[str, str], list[LinkRecord]]:
        links: dict[tuple[str, str], list[LinkRecord]] = defaultdict(list)
        for group, wards in self.converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for ward, olds in wards.items():
                successor = self._new_ref(f"{group}_{ward}", group)
                links[(group, successor)] += [LinkRecord(self._old_ref(o), successor, True) for o in olds]
        for group, olds in self.converter["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, parts in olds.items():
                self._check_one_default(old, parts)
                for part in parts:
                    successor = self._new_ref(f"{group}_{part['newWardKey']}", group)
                    # A divided unit gives each successor only part of its area, the
                    # primary one included ("một phần diện tích": Đa Kao → Phường Sài Gòn).
                    links[(group, successor)].append(
                        LinkRecord(self._old_ref(old), successor, part["isDefaultNewWard"], False)
                    )
        return links

    def _commune_event(self, group_and_ref: tuple[str, str], links: list[LinkRecord]) -> None:
        group, successor = group_and_ref
        kind = self._kind_of_change(links, successor)
        note = NOTE_FORMED.format(names=self._names(links))
        number = self._commune_resolution(group)
        province = self.units[self._new_ref(group, group)].name
        basis = BASIS_COMMUNE.format(number=number, province=province[:1].lower() + province[1:])
        self._event(f"2025.c{self.units[successor].code}", kind, basis, note, group, links, number)

    def _district_event(self, unit: UnitRecord) -> None:
        province = self._new_ref(unit.group, unit.group)
        link = LinkRecord(unit.ref, province, unit.ref not in self.islands)
        note = NOTE_DISSOLVED.format(name=self.units[province].name)
        self._event(f"2025.d{unit.code}", ChangeEvent.Kind.DISSOLVE, BASIS_DISTRICT, note, unit.group, [link],
                    RESOLUTION_DISTRICT)

    def _commune_resolution(self, group: str) -> str:
        if group not in COMMUNE_RESOLUTIONS:
            raise LocalityDataError(
                _("Không có nghị quyết sắp xếp cấp xã năm 2025 cho tỉnh %(key)s.") % {"key": group}
            )
        return f"{COMMUNE_RESOLUTIONS[group]}/NQ-UBTVQH15"

    def _kind_of_change(self, links: list[LinkRecord], successor: str) -> str:
        """Several predecessors: merge; one: reassign (same name), upgrade (same name, other
        type, e.g. Huyện Cồn Cỏ → Đặc khu Cồn Cỏ) or rename."""
        if len(links) > 1:
            return ChangeEvent.Kind.MERGE
        old, new = self.units[links[0].predecessor_ref], self.units[successor]
        if old.name == new.name:
            return ChangeEvent.Kind.REASSIGN
        if old.kind != new.kind and fold_key(old.short_name) == fold_key(new.short_name):
            return ChangeEvent.Kind.UPGRADE
        return ChangeEvent.Kind.RENAME

    def _names(self, links: list[LinkRecord]) -> str:
        return ", ".join(
            self.units[link.predecessor_ref].name + ("" if link.is_whole else NOTE_PART)
            for link in links
        )

    def _event(self, ref, kind, basis, note, group, links, resolution) -> None:
        self.events.append(EventRecord(ref, kind, basis, note, group, links, resolution=resolution))

    # Dated history, 2019 to 30 June 2025

    def add_history(self, data: dict, resolutions: list[dict] = ()) -> None:
        """Earlier versions of the pre-reform units and the events between them; the
        pre-reform layer's units start on the day the file says (none: before 2019). An
        event dated by one of GSO's lists takes the resolution `resolutions` names for its
        province and list (by the codes of its units first, when a row names them)."""
        for ref, day in data["legacy_valid_from"].items():
            unit = self.units.get(ref)
            if unit is None:
                raise LocalityDataError(
                    _("Tệp %(file)s nhắc đến đơn vị %(ref)s không có trong %(dataset)s.")
                    % {"file": HISTORY.name, "ref": ref, "dataset": DATASET}
                )
            self.units[ref] = dataclasses.replace(unit, valid_from=_day(day))
        province_group = {u.code: u.group for u in self.units.values() if u.level == Level.PROVINCE}
        by_code = {(u.level, u.code): u for u in self.units.values() if u.ref.startswith("v1.")}
        rows = sorted(data["units"], key=lambda row: row[1])
        for ref, level, code, name, kind, parent_ref, valid_from, valid_to in rows:
            parent = self.units.get(parent_ref) if parent_ref else None
            if parent_ref and parent is None:
                raise LocalityDataError(
                    _("Không tìm thấy đơn vị cấp trên %(parent)s của %(ref)s.")
                    % {"parent": parent_ref, "ref": ref}
                )
            group = parent.group if parent else province_group.get(code)
            same = by_code.get((level, code))
            self._add(UnitRecord(
                ref, code, name, _short_name(name), kind, level, parent_ref, _day(valid_from),
                _day(valid_to), same.latitude if same else None, same.longitude if same else None,
                (), group,
            ))
        for ref, kind, day, basis, links in data["events"]:
            records = [LinkRecord(p, s, primary) for p, s, primary in links]
            missing = [r for link in records for r in (link.predecessor_ref, link.successor_ref)
                       if r and r not in self.units]
            if missing:
                raise LocalityDataError(
                    _("Tệp %(file)s nhắc đến đơn vị %(ref)s không có trong %(dataset)s.")
                    % {"file": HISTORY.name, "ref": missing[0], "dataset": DATASET}
                )
            group = self.units[records[0].predecessor_ref].group
            if basis.startswith(GSO_LIST_BASIS):
                basis = self._resolution_of(records, day, resolutions) or basis
            note = NOTE_FORMED.format(names=self._names(records)) if kind == ChangeEvent.Kind.MERGE else ""
            self.events.append(EventRecord(ref, kind, basis, note, group, records, _day(day)))

    def _resolution_of(self, links: list[LinkRecord], day: str, resolutions) -> str:
        unit = self.units[links[0].predecessor_ref]
        codes = {self.units[r].code for link in links
                 for r in (link.predecessor_ref, link.successor_ref) if r}
        while unit.parent_ref:
            unit = self.units[unit.parent_ref]
        rows = [row for row in resolutions
                if row["province_code"] == unit.code and row["list_date"] == day]
        named = [row for row in rows if codes & set(row.get("codes", []))]
        rows = named or [row for row in rows if not row.get("codes")]
        return resolution_basis(rows[0]) if len(rows) == 1 else ""

    # Helpers

    def _add(self, unit: UnitRecord) -> None:
        if unit.ref in self.units:
            raise LocalityDataError(
                _("Tệp %(file)s: mã %(ref)s bị trùng.") % {"file": DATASET, "ref": unit.ref}
            )
        self.units[unit.ref] = unit

    def _formers(self, row: dict, column: str, short_name: str) -> tuple[str, ...]:
        raw = row[column]
        try:
            keywords = json.loads(raw) if raw else []
        except json.JSONDecodeError:
            raise _row_error(row, row["_table"], _("cột %(column)s không phải JSON") % {"column": column}) from None
        if not _is_str_list(keywords):
            raise _row_error(row, row["_table"], _("cột %(column)s không phải danh sách") % {"column": column})
        return tuple(former_names_from_keywords(keywords, fold_key(short_name)))

    def _old_ref(self, key: str) -> str:
        if key not in self.old_refs:
            raise LocalityDataError(
                _("Tệp %(file)s nhắc đến đơn vị cũ %(key)s không có trong %(dataset)s.")
                % {"file": CONVERTER, "key": key, "dataset": DATASET}
            )
        return self.old_refs[key]

    def _new_ref(self, key: str, group: str) -> str:
        if group in self.continuing and key == group:
            return self.old_refs[group]
        if key not in self.new_refs:
            raise LocalityDataError(
                _("Tệp %(file)s nhắc đến đơn vị mới %(key)s không có trong %(dataset)s.")
                % {"file": CONVERTER, "key": key, "dataset": DATASET}
            )
        return self.new_refs[key]

    def _check_one_default(self, old: str, parts: list[dict]) -> None:
        if sum(part["isDefaultNewWard"] for part in parts) != 1:
            raise LocalityDataError(
                _("Tệp %(file)s: đơn vị %(key)s phải có đúng một đơn vị kế thừa chính.")
                % {"file": CONVERTER, "key": old}
            )

    def result(self, groups: set[str] | None) -> SourceData:
        units = [u for u in self.units.values() if groups is None or u.group in groups]
        events = [e for e in self.events if groups is None or e.group in groups]
        if groups is not None:  # a link to a unit of another province is left out with it
            kept = {u.ref for u in units}
            for event in events:
                event.links = [ln for ln in event.links if ln.predecessor_ref in kept
                               and (ln.successor_ref is None or ln.successor_ref in kept)]
            events = [e for e in events if e.links]
        return SourceData(sorted(units, key=lambda u: (u.level, u.ref)), events)


def _day(value: str | None):
    return dt.date.fromisoformat(value) if value else None


SHORT_PREFIXES = sorted({*PROVINCE_KINDS, *DISTRICT_KINDS, *COMMUNE_KINDS}, key=len, reverse=True)


def _short_name(name: str) -> str:
    """"Thị xã Cửa Lò" → "Cửa Lò" (a number stays whole: "Phường 1")."""
    for prefix in SHORT_PREFIXES:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1:]
    return name


def _require(row: dict, table: str, columns: list[str]) -> None:
    row["_table"] = table
    missing = [c for c in columns if row[c] is None or (isinstance(row[c], str) and not row[c].strip())]
    if missing:
        raise _row_error(row, table, _("thiếu %(columns)s") % {"columns": ", ".join(missing)})


def _kind(row: dict, column: str, kinds: dict[str, str]) -> str:
    kind = kinds.get(clean_name(row[column]))
    if kind is None:
        raise _row_error(row, row["_table"], _("loại đơn vị không rõ: %(type)s") % {"type": row[column]})
    return kind


def _row_error(row: dict, table: str, problem: str) -> LocalityDataError:
    return LocalityDataError(
        _("Tệp %(file)s, bảng %(table)s, dòng %(row)s: %(problem)s.")
        % {"file": DATASET, "table": table, "row": row.get("_row"), "problem": problem}
    )
