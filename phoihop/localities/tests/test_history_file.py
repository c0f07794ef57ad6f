"""The compiled place history (data/history.json.gz, built by data/build_history.py from
GSO's dated lists; see data/SOURCES.md) holds what those lists say, read from the file
alone: earlier versions of units end on the day they changed, and events carry the
resolution that made them where the source names it."""

import datetime as dt
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

HISTORY = Path(__file__).resolve().parents[1] / "data" / "history.json.gz"


@pytest.fixture(scope="module")
def history() -> dict:
    with gzip.open(HISTORY, "rt", encoding="utf-8") as stream:
        return json.load(stream)


def _versions(history, code: str, level: int) -> list[list]:
    return [u for u in history["units"] if u[1] == level and u[2] == code]


def test_the_file_starts_on_1_january_2019_with_units_and_dated_events(history):
    assert history["version"] == 1 and history["start"] == "2019-01-01"
    assert len(history["units"]) > 3000 and len(history["events"]) > 2500
    days = Counter(event[2] for event in history["events"])
    assert len(days) > 20  # dated by their resolutions, not all on 1 July 2025
    assert all("2019-01-01" <= day < "2025-07-01" for day in days)


@pytest.mark.parametrize(
    ("code", "level", "name", "ended"),
    [
        ("350", 2, "Huyện Kim Bảng", "2025-01-01"),  # Thị xã Kim Bảng from 1/1/2025
        ("413", 2, "Thị xã Cửa Lò", "2025-01-01"),  # into Thành phố Vinh
        ("172", 2, "Thị xã Phổ Yên", "2022-"),  # a city from 2022 (dated on GSO's next list)
        ("09379", 3, "Xã Phù Khê", "2021-"),  # a phường from 2021
    ],
)
def test_a_unit_keeps_the_version_in_force_before_it_changed(history, code, level, name, ended):
    versions = _versions(history, code, level)

    assert any(v[3] == name and (v[7] or "").startswith(ended) for v in versions), versions


def test_ha_nam_s_2020_arrangement_names_its_resolution_and_day(history):
    hanam_2020 = [e for e in history["events"] if e[2] == "2020-01-01" and "829/NQ-UBTVQH14" in e[3]]

    assert hanam_2020
    assert dt.date.fromisoformat(hanam_2020[0][2]) == dt.date(2020, 1, 1)


def _build_script():
    import importlib.util  # here: the script is not a package module, only its helpers are tested

    path = HISTORY.parent / "build_history.py"
    spec = importlib.util.spec_from_file_location("build_history", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rebuild_takes_a_commune_s_type_from_its_name_and_spells_numbers_alike():
    script = _build_script()

    # The package's wardType is "Xã" for these three; their names say otherwise.
    assert [script._named_kind(n) for n in ["Thị trấn Ngọc Lặc", "Phường 5", "Phường 15"]] == [
        "thi_tran",
        "phuong",
        "phuong",
    ]
    # GSO's "Thị Trấn Ngọc Lặc" and "Phường 05" are spellings, not renames.
    assert script.short_key("Thị Trấn Ngọc Lặc") == script.short_key("Thị trấn Ngọc Lặc")
    assert script.short_key("Phường 05") == script.short_key("Phường 5") != script.short_key("Phường 15")
