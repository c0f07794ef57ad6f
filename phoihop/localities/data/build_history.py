"""Rebuild `history.json.gz`: the units in force from 1 January 2019 to 30 June 2025 and
the change events between them, from GSO's dated lists.

    python phoihop/localities/data/build_history.py \\
        --historical /path/to/dvhcvn-historical-data.git --snapshots /path/to/dvhcvn.git

Both arguments are git directories (a bare clone is enough); see SOURCES.md. The script
reads one list per effective date (a commit of each repository), diffs consecutive lists
by GSO code and writes unit versions and events. The last state is the registry's own
pre-reform layer (`vietnamadminunits`, refs v1.*), so the file joins it by ref.

A unit is a new version when its name (beyond spelling), type or parent changes; the old
version ends the day before the effective date and an event links the two. A code that
disappears is linked (whole, primary) to its inferred successor: the nearest code in the
same district among the units that changed that day, else the nearest in the district.
A new code with no predecessor is a split, linked (part, not primary) from its nearest
neighbour. Only standard library, so it runs outside the project's virtualenv too.
"""

import argparse
import datetime as dt
import gzip
import json
import re
import sqlite3
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "history.json.gz"
START = dt.date(2019, 1, 1)
LEGACY_END = dt.date(2025, 7, 1)

# dvhcvn-historical-data: one commit per effective date, its message names the resolutions.
HISTORICAL = [
    ("3f15bff", "2019-01-01"),  # the list in force on 1 January 2019 (start, no events)
    ("929f371", "2019-01-10"), ("6a245fb", "2019-03-12"), ("157cc62", "2019-03-13"),
    ("145d8ea", "2019-04-10"), ("9bc3a1d", "2019-05-10"), ("b35a145", "2019-09-11"),
    ("22b68d3", "2019-11-01"), ("1b4c2c9", "2019-12-01"), ("d890799", "2020-01-01"),
    ("01f3ef5", "2020-02-01"), ("8f1f1d6", "2020-03-01"),
    ("3585fce", "2020-06-01", "54c5156"),  # rerun of 54c5156 (names fixed); its message
    ("b2db01a", "2020-11-01"), ("45b1686", "2021-01-01"), ("78787ed", "2021-02-01"),
    ("d88580f", "2021-07-01"),
]
# dvhcvn: GSO's list as of each date (data/dvhcvn.json); resolutions not named.
SNAPSHOTS = [
    ("8c9bf72", "2021-11-01"), ("ef2504e", "2022-04-10"), ("71996c5", "2022-10-01"),
    ("9ce1ab5", "2023-04-10"), ("ed528e7", "2024-02-01"), ("e503f13", "2024-05-01"),
    ("f3d30bd", "2024-09-01"), ("4426bca", "2024-11-01"), ("87d3e0c", "2025-01-01"),
    ("eaddcea", "2025-03-01"),
]
# The registry's pre-reform layer describes 30/06/2025; what changed after 01/03/2025 is
# dated on that day, its resolution unknown to these sources.
LEGACY_DATE = "2025-06-30"

KINDS = {
    "Tỉnh": "tinh", "Thành phố Trung ương": "thanh_pho_tw", "Huyện": "huyen", "Quận": "quan",
    "Thị xã": "thi_xa", "Thành phố": "thanh_pho", "Xã": "xa", "Phường": "phuong",
    "Thị trấn": "thi_tran", "Đặc khu": "dac_khu",
}
LEVEL_LETTER = {1: "p", 2: "d", 3: "c"}
BASIS_SNAPSHOT = "Danh mục đơn vị hành chính của Tổng cục Thống kê ngày {date:%d/%m/%Y} (nghị quyết chưa xác định)"
BASIS_LEGACY = ("Danh mục đơn vị hành chính ngày 30/06/2025 (thay đổi sau ngày 01/03/2025, "
                "nghị quyết và ngày hiệu lực chưa xác định)")
RESOLUTION = re.compile(r"(\d+)/(?:NQ-)?UBTVQH1[45]\s*:\s*([^;]+)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--historical", required=True, type=Path)
    parser.add_argument("--snapshots", required=True, type=Path)
    parser.add_argument("--legacy", type=Path, help="dataset.db of vietnamadminunits")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    states = list(read_states(args.historical, args.snapshots))
    states.append((dt.date.fromisoformat(LEGACY_DATE), read_legacy(args.legacy or _legacy_path()),
                   BASIS_LEGACY, []))
    history = History()
    for day, units, basis, resolutions in states:
        history.step(day, units, basis, resolutions)
    data = history.result()
    with gzip.open(args.output, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(data['units'])} unit versions, {len(data['events'])} events → {args.output}")


# --- Reading -------------------------------------------------------------------------------


def read_states(historical: Path, snapshots: Path):
    for commit, day, *message_commit in HISTORICAL:
        message = _git(historical, "log", "-1", "--format=%B", message_commit[0] if message_commit else commit)
        resolutions = [] if day == START.isoformat() else _resolutions(message)
        units = _units(json.loads(_git(historical, "show", f"{commit}:data.json")))
        basis = "" if resolutions else BASIS_SNAPSHOT
        yield dt.date.fromisoformat(day), units, basis, resolutions
    for commit, day in SNAPSHOTS:
        units = _units(json.loads(_git(snapshots, "show", f"{commit}:data/dvhcvn.json"))["data"])
        yield dt.date.fromisoformat(day), units, BASIS_SNAPSHOT, []


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True,
                          capture_output=True, text=True).stdout


def _resolutions(message: str) -> list[tuple[str, str]]:
    """[(number, title)] named in a commit message, each once."""
    found = {}
    for number, title in RESOLUTION.findall(" ".join(message.split())):
        found.setdefault(number, " ".join(title.split()).rstrip(". "))
    return list(found.items())


def _units(provinces: list[dict]) -> dict[tuple[int, str], tuple]:
    """(level, code) → (name, kind, parent code, province code)."""
    units = {}
    for p in provinces:
        units[(1, p["level1_id"])] = (clean(p["name"]), KINDS[p["type"]], None, p["level1_id"])
        for d in p.get("level2s") or []:
            units[(2, d["level2_id"])] = (clean(d["name"]), KINDS[d["type"]], p["level1_id"], p["level1_id"])
            for c in d.get("level3s") or []:
                units[(3, c["level3_id"])] = (clean(c["name"]), KINDS[c["type"]], d["level2_id"], p["level1_id"])
    return units


def read_legacy(path: Path) -> dict[tuple[int, str], tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    units = {}
    rows = conn.execute(
        "SELECT province, provinceCode, district, districtType, districtCode, ward, wardType, wardCode"
        " FROM admin_units_legacy"
    )
    for province, pcode, district, dtype, dcode, ward, wtype, wcode in rows:
        pkind = "tinh" if province.startswith("Tỉnh ") else "thanh_pho_tw"
        units[(1, pcode)] = (clean(province), pkind, None, pcode)
        units[(2, dcode)] = (clean(district), KINDS[clean(dtype)], pcode, pcode)
        if wcode:
            units[(3, wcode)] = (clean(ward), _named_kind(clean(ward)) or KINDS[clean(wtype)], dcode, pcode)
    conn.close()
    return units


COMMUNE_WORDS = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran", "Đặc khu": "dac_khu"}


def _named_kind(name: str) -> str | None:
    """The type a commune's name says: the package's wardType is "Xã" for Thị trấn Ngọc
    Lặc and Phường 5, Phường 15 of Quận Phú Nhuận (see changes.json)."""
    return next((k for w, k in COMMUNE_WORDS.items() if name.lower().startswith(w.lower() + " ")), None)


def _legacy_path() -> Path:
    import vietnamadminunits  # only here: the rest of the script is standard library

    return Path(vietnamadminunits.__file__).resolve().parent / "data" / "dataset.db"


OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵ])(?=[^\w]|$)")
MOVE_TONE = {"à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a", "è": "e", "é": "e", "ẻ": "e",
             "ẽ": "e", "ẹ": "e", "ỳ": "y", "ý": "y", "ỷ": "y", "ỹ": "y", "ỵ": "y"}
TONE_OF = {"à": "\u0300", "á": "\u0301", "ả": "\u0309", "ã": "\u0303", "ạ": "\u0323"}


def clean(name: str) -> str:
    """NFC, one space, hyphen separators dropped, old tone placement (Hoà, Thuỵ) moved to the
    first vowel (Hòa, Thụy) as the registry writes it."""
    name = unicodedata.normalize("NFC", " ".join(name.replace(" - ", " ").split()))
    return OLD_TONE.sub(_move_tone, name)


def _move_tone(match: re.Match) -> str:
    first, second = match.group(1), match.group(2)
    mark = unicodedata.decomposition(second).split()[-1]
    return unicodedata.normalize("NFC", first + chr(int(mark, 16))) + MOVE_TONE[second]


def fold_key(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


TYPE_PREFIXES = sorted((*KINDS, "Thành phố"), key=len, reverse=True)
LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")


def short_key(name: str) -> str:
    """fold_key of the name without its type word, whatever its case, and numbers without
    leading zeros: "Huyện Duy Tiên" → "duytien", "Thị Trấn Ngọc Lặc" → "ngoclac",
    "Phường 05" → "5" (GSO writes both "Phường 05" and "Phường 5": a spelling, no change)."""
    prefix = next((t for t in TYPE_PREFIXES if name.lower().startswith(t.lower() + " ")), "")
    return fold_key(LEADING_ZEROS.sub("", name[len(prefix):]))


# --- Diffing -------------------------------------------------------------------------------


class History:
    """Unit versions and events, built one state (a GSO list) at a time."""

    def __init__(self):
        self.current: dict[tuple[int, str], dict] = {}  # (level, code) → open version
        self.closed: list[dict] = []
        self.events: dict[str, dict] = {}
        self.state: dict = {}

    def step(self, day: dt.date, units: dict, basis: str, resolutions: list) -> None:
        if not self.current:
            for key in sorted(units):
                self._open(key, units[key], None)
            self.state = units
            return
        self.day, self.basis, self.resolutions = day, basis, resolutions
        self.changed: set[tuple[int, str]] = set()
        gone_by_level = defaultdict(list)
        for level in (1, 2, 3):
            for key in sorted(k for k in units if k[0] == level):
                self._carry(key, units[key])
            gone_by_level[level] = sorted(k for k in self.state if k[0] == level and k not in units)
        for level in (1, 2, 3):
            for key in gone_by_level[level]:
                self._dissolve(key, units)
        for key in sorted(k for k in units if k not in self.state):
            if not any(link[1] is self.current[key] for e in self._events_on(day)
                       for link in e["links"]):
                self._split(key, units)
        self.state = units

    def _carry(self, key, unit) -> None:
        name, kind, parent, province = unit
        old = self.current.get(key)
        if old is None:
            self._open(key, unit, self.day)
            self.changed.add(key)
            return
        parent_version = self._parent(key[0], parent)
        renamed = short_key(old["name"]) != short_key(name)
        if not (renamed or old["kind"] != kind or old["parent"] is not parent_version):
            old["name"] = name  # spelling only
            return
        self._close(key)
        new = self._open(key, unit, self.day)
        self.changed.add(key)
        kind_of_change = "rename" if renamed else "upgrade" if old["kind"] != kind else "reassign"
        self._link(kind_of_change, old, new, primary=True)

    def _dissolve(self, key, units) -> None:
        old = self.current[key]
        successor = self._successor_of(key, units)
        self._close(key)
        self._link("merge", old, self.current[successor], primary=True)
        self.changed.add(successor)

    def _split(self, key, units) -> None:
        source = self._nearest(key, [k for k in self.state if k in units and k[0] == key[0]
                                     and self.state[k][3] == units[key][3]])
        if source is not None:
            self._link("split", self.current[source], self.current[key], primary=False,
                       predecessor_version=self._version_before(source))

    def _successor_of(self, key, units):
        level, code = key
        province = self.state[key][3]
        if level == 2:
            votes = Counter(units[k][2] for k, v in self.state.items()
                            if k[0] == 3 and v[2] == code and k in units)
            if votes:
                return (2, votes.most_common(1)[0][0])
        same_parent = [k for k in units if k[0] == level and units[k][3] == province
                       and self.state.get(k, (None, None, self.state[key][2]))[2] == self.state[key][2]]
        pool = same_parent or [k for k in units if k[0] == level and units[k][3] == province]
        changed = [k for k in pool if k in self.changed and abs(int(k[1]) - int(code)) <= 6]
        return self._nearest(key, changed) or self._nearest(key, pool)

    @staticmethod
    def _nearest(key, pool):
        return min(pool, key=lambda k: (abs(int(k[1]) - int(key[1])), k[1]), default=None)

    def _version_before(self, key):
        return self.current[key]

    # Versions and events

    def _parent(self, level, parent_code):
        return None if parent_code is None else self.current[(level - 1, parent_code)]

    def _open(self, key, unit, day) -> dict:
        name, kind, parent, province = unit
        version = {"key": key, "ref": f"v1.{LEVEL_LETTER[key[0]]}{key[1]}", "name": name, "kind": kind,
                   "parent": self._parent(key[0], parent), "province": province, "from": day, "to": None}
        self.current[key] = version
        return version

    def _close(self, key) -> None:
        version = self.current.pop(key)
        version["to"] = self.day
        version["ref"] = f"{version['ref']}~{self.day:%Y%m%d}"
        self.closed.append(version)

    def _link(self, kind, old, new, *, primary, predecessor_version=None) -> None:
        pred = predecessor_version or old
        ref = f"h{self.day:%Y%m%d}.{LEVEL_LETTER[new['key'][0]]}{new['key'][1]}"
        event = self.events.setdefault(ref, {"ref": ref, "kind": kind, "date": self.day,
                                             "basis": self._basis(new), "links": []})
        if kind == "merge" or event["kind"] == "merge":
            event["kind"] = "merge" if kind in ("merge", "rename", "upgrade", "reassign") else event["kind"]
        event["links"].append([pred, new, primary])

    def _events_on(self, day):
        return [e for e in self.events.values() if e["date"] == day]

    def _basis(self, unit) -> str:
        if not self.resolutions:
            return self.basis.format(date=self.day)
        province = self.state.get((1, unit["province"]), ("",))[0]
        wanted = fold_key(province.removeprefix("Tỉnh ").removeprefix("Thành phố "))
        matches = [(n, t) for n, t in self.resolutions if wanted and wanted in fold_key(t)]
        chosen = matches or self.resolutions
        return "; ".join(f"Nghị quyết số {n}/NQ-UBTVQH14 ({t})" for n, t in chosen)[:300]

    # Output

    def result(self) -> dict:
        refs = {id(v): v["ref"] for v in self.closed + list(self.current.values())}
        units = [[v["ref"], v["key"][0], v["key"][1], v["name"], v["kind"],
                  v["parent"] and v["parent"]["ref"],
                  _iso(v["from"]), _iso(v["to"])] for v in sorted(self.closed, key=_order)]
        legacy_from = {v["ref"]: _iso(v["from"]) for v in self.current.values() if v["from"]}
        events = []
        for event in sorted(self.events.values(), key=lambda e: (e["date"], e["ref"])):
            links = [[refs[id(p)], refs[id(s)], primary] for p, s, primary in event["links"]]
            events.append([event["ref"], event["kind"], _iso(event["date"]), event["basis"], links])
        return {"version": 1, "start": START.isoformat(), "units": units,
                "legacy_valid_from": legacy_from, "events": events}


def _order(version):
    return (version["key"][0], version["key"][1], version["to"])


def _iso(day) -> str | None:
    return day.isoformat() if day else None


if __name__ == "__main__":
    sys.exit(main())
