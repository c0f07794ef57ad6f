"""The shipped base map (static/localities/provinces-2025.geojson, built by
data/build_basemap.py; see data/SOURCES.md): one outline per 2025 province of the
registry, with its code and name, valid closed rings, small enough for a page."""

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from phoihop.localities.data import build_basemap
from phoihop.localities.source import read_source

BASEMAP = Path(__file__).resolve().parents[1] / "static" / "localities" / "provinces-2025.geojson"


@pytest.fixture(scope="module")
def features() -> list[dict]:
    return json.loads(BASEMAP.read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def registry() -> dict[str, dict]:
    units = read_source().units
    return {u.code: u for u in units if u.level == 1 and u.valid_to is None}


def test_the_file_has_the_34_provinces_of_the_registry_by_code_and_name(features, registry):
    assert len(registry) == 34 and len(features) == 34
    by_code = {f["properties"]["code"]: f["properties"] for f in features}
    assert set(by_code) == set(registry)
    for code, unit in registry.items():
        assert by_code[code]["name"] == unit.name
        assert by_code[code]["short_name"] == unit.short_name
    assert by_code["37"]["name"] == "Tỉnh Ninh Bình"  # Hà Nam, Nam Định, Ninh Bình since 2025


def test_every_ring_is_closed_and_every_outline_valid(features):
    for feature in features:
        geometry = feature["geometry"]
        assert geometry["type"] == "MultiPolygon"
        for polygon in geometry["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
        assert shape(geometry).is_valid, feature["properties"]["name"]


def test_labels_sit_inside_their_province_and_points_fall_in_the_right_one(features, registry):
    outlines = {f["properties"]["code"]: shape(f["geometry"]) for f in features}
    for feature in features:
        label = shapely.Point(feature["properties"]["label"])
        assert outlines[feature["properties"]["code"]].contains(label)
    # The registry's own coordinates of a province fall inside (or at the edge of) its outline.
    inside = sum(
        outlines[code].buffer(0.02).contains(shapely.Point(u.longitude, u.latitude))
        for code, u in registry.items()
    )
    assert inside >= 32


def test_the_file_stays_small_and_rounded(features):
    assert 50_000 < BASEMAP.stat().st_size < 400_000
    first = features[0]["geometry"]["coordinates"][0][0][0]
    assert all(round(x, 3) == x for x in first)


# --- The build script --------------------------------------------------------------------

SQUARES = {  # two neighbours sharing the border x = 1, and an island
    "hanoi": {
        "type": "Polygon",
        "coordinates": [[[0, 0], [1, 0], [1, 1], [0.5, 1.0001], [0, 1], [0, 0]]],
    },
    "ninhbinh": {
        "type": "MultiPolygon",
        "coordinates": [
            [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]],
            [[[3, 0], [3.5, 0], [3.5, 0.5], [3, 0.5], [3, 0]]],
        ],
    },
}
PROVINCES = [
    {"code": "37", "name": "Tỉnh Ninh Bình", "short_name": "Ninh Bình"},
    {"code": "01", "name": "Thành phố Hà Nội", "short_name": "Hà Nội"},
]


def test_the_build_gives_the_same_bytes_twice_ordered_by_code():
    first = build_basemap.build(SQUARES, PROVINCES, tolerance=0.01, precision=3)
    assert first == build_basemap.build(
        dict(reversed(SQUARES.items())), PROVINCES[::-1], tolerance=0.01, precision=3
    )
    features = json.loads(first)["features"]
    assert [f["properties"]["code"] for f in features] == ["01", "37"]
    assert len(features[1]["geometry"]["coordinates"]) == 2  # the island kept
    assert features[0]["geometry"]["coordinates"][0][0].count([0.5, 1.0]) == 0  # simplified


def test_the_build_stops_when_an_outline_or_a_province_is_missing():
    with pytest.raises(ValueError, match="hanoi"):
        build_basemap.build({"ninhbinh": SQUARES["ninhbinh"]}, PROVINCES)
    with pytest.raises(ValueError, match="ninhbinh"):
        build_basemap.build(SQUARES, PROVINCES[1:])


@pytest.mark.parametrize(
    ("folder", "key"),
    [
        ("15_tinh_ninh_binh", "ninhbinh"),
        ("1_thu_đo_ha_noi", "hanoi"),
        ("21_đa_nang", "danang"),
        ("29_ho_chi_minh", "hochiminh"),
        ("20_hue", "hue"),
    ],
)
def test_folder_names_fold_to_the_registry_keys(folder, key):
    assert build_basemap.folder_key(folder) == key
