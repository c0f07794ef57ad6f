"""The resolutions behind the history's changes dated by GSO's lists (`data/resolutions.json`,
read by `source.read_resolutions`, applied in `source.read_source`): each row is well
formed and sourced, names the changes of its province on its list, and the events it does
not cover keep saying their resolution is unknown."""

import datetime as dt
import functools
import json
from collections import Counter

import pytest

from phoihop.localities import source
from phoihop.localities.models import RESOLUTION_NUMBER, ChangeEvent, Level, Lineage
from phoihop.localities.source import (
    GSO_LIST_BASIS,
    RESOLUTIONS,
    LocalityDataError,
    read_resolutions,
    resolution_basis,
)

UNKNOWN = "nghị quyết chưa xác định"


@functools.cache
def _without() -> source.SourceData:
    """The country as the history file alone dates it: no resolution file."""
    return source.read_source(resolutions=None)


@functools.cache
def _with() -> source.SourceData:
    return source.read_source()


def _rows() -> list[dict]:
    return read_resolutions()


def _province_code(units: dict, ref: str) -> str:
    unit = units[ref]
    while unit.level != Level.PROVINCE:
        unit = units[unit.parent_ref]
    return unit.code


def _gso_dated(data: source.SourceData) -> list[tuple[str, str, set[str], source.EventRecord]]:
    """(province code, list date, codes of its units, event) of each event dated by a list."""
    units = {u.ref: u for u in data.units}
    return [
        (
            _province_code(units, e.links[0].predecessor_ref),
            e.effective_date.isoformat(),
            {units[r].code for ln in e.links for r in (ln.predecessor_ref, ln.successor_ref) if r},
            e,
        )
        for e in data.events
        if e.legal_basis.startswith(GSO_LIST_BASIS)
    ]


def _row_for(rows: list[dict], province: str, day: str, codes: set[str]) -> dict | None:
    here = [r for r in rows if r["province_code"] == province and r["list_date"] == day]
    named = [r for r in here if codes & set(r.get("codes", []))]
    plain = [r for r in here if not r.get("codes")]
    found = named or plain
    return found[0] if len(found) == 1 else None


# --- The file ------------------------------------------------------------------------------


def test_every_row_is_well_formed_and_sourced():
    rows = _rows()
    assert rows
    provinces = {u.code for u in _without().units if u.level == Level.PROVINCE}
    list_dates = {day for _, day, _, _ in _gso_dated(_without())}
    longest = ChangeEvent._meta.get_field("legal_basis").max_length
    for row in rows:
        assert RESOLUTION_NUMBER.fullmatch(row["resolution"]), row
        assert row["province_code"] in provinces, row
        assert row["list_date"] in list_dates, row
        assert row["title"] and row["title"] == row["title"].strip(), row
        assert row["source_url"].startswith("https://"), row
        if row.get("effective_date"):
            # GSO dates a change on the first list that shows it, never before it took effect
            assert dt.date.fromisoformat(row["effective_date"]) <= dt.date.fromisoformat(row["list_date"])
            assert row.get("effective_date_source_url", row["source_url"]).startswith("https://")
        assert len(resolution_basis(row)) <= longest, row
    # One plain row for a province on a list: two resolutions of one interval are told
    # apart by the codes of the units each names, or left out.
    plain = Counter((r["province_code"], r["list_date"]) for r in rows if not r.get("codes"))
    assert max(plain.values()) == 1


def test_every_row_covers_events_of_its_province_and_list():
    rows = _rows()
    used = Counter()
    for province, day, codes, _event in _gso_dated(_without()):
        row = _row_for(rows, province, day, codes)
        if row is not None:
            used[id(row)] += 1
    assert [r for r in rows if not used[id(r)]] == []


def test_the_legal_basis_names_the_number_title_and_effective_date():
    row = {"resolution": "1288/NQ-UBTVQH15", "title": "về việc sắp xếp", "effective_date": "2025-01-01"}
    assert resolution_basis(row) == "Nghị quyết số 1288/NQ-UBTVQH15 (về việc sắp xếp), hiệu lực từ 01/01/2025"
    assert resolution_basis({**row, "effective_date": None}) == "Nghị quyết số 1288/NQ-UBTVQH15 (về việc sắp xếp)"


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        json.dumps({"resolutions": [{"province_code": "35"}]}),
        json.dumps({"resolutions": [{"province_code": "35", "list_date": "2025-01-01", "resolution": "1288",
                                     "title": "t", "source_url": "https://x"}]}),
        json.dumps({"resolutions": [{"province_code": "35", "list_date": "01/01/2025",
                                     "resolution": "1288/NQ-UBTVQH15", "title": "t", "source_url": "https://x"}]}),
    ],
)
def test_a_damaged_file_is_refused(tmp_path, text):
    path = tmp_path / "resolutions.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LocalityDataError):
        read_resolutions(path)


# --- Applied -------------------------------------------------------------------------------


def test_covered_events_take_the_resolution_the_others_stay_unknown():
    rows = _rows()
    before = _gso_dated(_without())
    after = {e.ref: e for e in _with().events}
    expected_unknown = Counter()
    for province, day, codes, event in before:
        row = _row_for(rows, province, day, codes)
        now = after[event.ref]
        if row is None:
            assert now.legal_basis == event.legal_basis and not now.resolution
            expected_unknown[day] += 1
        else:
            assert now.resolution == row["resolution"]
            assert now.legal_basis == resolution_basis(row)
            assert UNKNOWN not in now.legal_basis
    still = Counter(e.effective_date.isoformat() for e in after.values()
                    if e.legal_basis.startswith(GSO_LIST_BASIS))
    assert still == expected_unknown
    assert sum(still.values()) < len(before)  # the file names some
    # Nothing else changed: the same events, and every other legal basis as before.
    assert {e.ref for e in _without().events} == set(after)
    gso = {event.ref for _, _, _, event in before}
    assert all(after[e.ref].legal_basis == e.legal_basis for e in _without().events if e.ref not in gso)


def test_huế_becomes_a_city_by_the_national_assembly_and_its_units_by_1314():
    events = {e.ref: e for e in _with().events}
    assert events["h20250101.p46"].resolution == "175/2024/QH15"
    assert events["h20250101.d474"].resolution == "1314/NQ-UBTVQH15"  # Thành phố Huế → Quận Thuận Hóa


def test_two_hcmc_merges_gso_showed_late_take_1278_the_rest_of_the_list_stays_unknown():
    events = {e.ref: e for e in _with().events}
    assert events["h20250301.c26929"].resolution == "1278/NQ-UBTVQH15"  # Phường 24 → 14, Bình Thạnh
    assert events["h20250301.c27373"].resolution == "1278/NQ-UBTVQH15"  # Phường 4 → 1, Quận 6
    assert events["h20250301.c27064"].resolution == ""
    assert UNKNOWN in events["h20250301.c27064"].legal_basis


@pytest.mark.django_db
def test_hà_nam_s_2025_arrangement_names_1288_after_load(load_places):
    load_places(["tinhhanam"])
    link = Lineage.objects.select_related("event", "successor").get(
        predecessor__name="Xã Tiên Tân", event__effective_date=dt.date(2025, 1, 1)
    )
    assert link.successor.name == "Phường Tân Hiệp"
    assert link.successor.parent.name == "Thành phố Phủ Lý"
    merged = {ln.predecessor.name for ln in link.event.links.select_related("predecessor")}
    assert {"Xã Tiên Tân", "Xã Tiên Hiệp", "Xã Tiên Hải"} <= merged
    assert link.event.resolution == "1288/NQ-UBTVQH15"
    assert link.event.legal_basis.startswith("Nghị quyết số 1288/NQ-UBTVQH15 (về việc sắp xếp")
    assert link.event.legal_basis.endswith("hiệu lực từ 01/01/2025")
    assert RESOLUTION_NUMBER.search(link.event.legal_basis).group(0) == "1288/NQ-UBTVQH15"
    # A second load changes nothing.
    before = list(ChangeEvent.objects.order_by("ref").values_list("ref", "legal_basis", "resolution"))
    load_places(["tinhhanam"])
    assert list(ChangeEvent.objects.order_by("ref").values_list("ref", "legal_basis", "resolution")) == before


def test_the_shipped_file_is_the_default():
    assert RESOLUTIONS.name == "resolutions.json" and RESOLUTIONS.is_file()
