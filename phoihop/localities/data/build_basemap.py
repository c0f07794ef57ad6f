"""Rebuild `phoihop/localities/static/localities/provinces-2025.geojson`: the outlines of
the 34 provinces in force since 1 July 2025, simplified for an offline map.

    .venv/bin/python phoihop/localities/data/build_basemap.py \\
        --source /path/to/vietnamese-provinces-database.git

The argument is a git directory (a bare clone is enough) of
`thanglequoc/vietnamese-provinces-database`; the script reads each
`<n>_<name>/province.geojson` under `SOURCE_DIR` at `SOURCE_COMMIT` (see SOURCES.md).
Each outline is matched to the registry's 2025 province by its folded name (the folder
name, "15_tinh_ninh_binh" → "ninhbinh") and takes the registry's code and name, so the map
and the registry cannot disagree. The 34 outlines are simplified together as one coverage
(`shapely.coverage_simplify`: a shared border is simplified once, so neighbours still
meet), rounded to `PRECISION` decimals and written one feature per line, by code.
Each feature carries a label point inside its largest part (`polylabel`).

Shapely is already installed as a dependency of `vietnamadminunits`; GEOS gives the same
output for the same input, so the same commit gives the same file.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import django
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parents[3]
OUTPUT = ROOT / "phoihop" / "localities" / "static" / "localities" / "provinces-2025.geojson"
SOURCE_COMMIT = "cd58063299585146ded3981f2272946ef19ced54"
SOURCE_DIR = "dataset-generation-scripts/resources/gis/geojson_11Mar2026"
TOLERANCE = 0.006  # degrees, about 650 m: borders read well from the country to a province
PRECISION = 3  # decimals of a degree, about 110 m
PREFIXES = ("thudo", "tinh")  # "1_thu_đo_ha_noi", "15_tinh_ninh_binh"


def folder_key(folder: str) -> str:
    """ "15_tinh_ninh_binh" → "ninhbinh", the registry's key of the province's short name."""
    from phoihop.lib.text import fold_key  # run as a file: importable once main() set sys.path

    key = fold_key(re.sub(r"^\d+_", "", folder).replace("_", " "))
    for prefix in PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def read_source(git_dir: Path, commit: str = SOURCE_COMMIT) -> dict[str, dict]:
    """folder key → the province's GeoJSON geometry, read from the git directory."""
    listing = _git(git_dir, "ls-tree", "-r", "-z", "--name-only", commit, f"{SOURCE_DIR}/")
    paths = sorted(p for p in listing.split("\0") if p.endswith("/province.geojson"))
    geometries = {}
    for path in paths:
        collection = json.loads(_git(git_dir, "show", f"{commit}:{path}"))
        (feature,) = collection["features"]
        geometries[folder_key(path.split("/")[-2])] = feature["geometry"]
    return geometries


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True, text=True
    ).stdout


def registry_provinces() -> list[dict]:
    """The registry's 2025 provinces (code, name, short name), from its package data."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
    django.setup()
    from phoihop.localities.source import read_source as read_registry  # waits for django.setup()

    units = read_registry().units
    return [
        {"code": u.code, "name": u.name, "short_name": u.short_name}
        for u in units
        if u.level == 1 and u.valid_to is None
    ]


def build(
    geometries: dict[str, dict],
    provinces: list[dict],
    *,
    tolerance: float = TOLERANCE,
    precision: int = PRECISION,
) -> str:
    """The GeoJSON text: one feature per registry province, matched by folded name."""
    from phoihop.lib.text import fold_key  # run as a file: importable once main() set sys.path

    provinces = sorted(provinces, key=lambda p: p["code"])
    keys = [fold_key(p["short_name"]) for p in provinces]
    missing = sorted(set(keys) - set(geometries))
    unused = sorted(set(geometries) - set(keys))
    if missing or unused:
        raise ValueError(f"no outline for {missing}; no province for {unused}")
    shapes = [shapely.make_valid(shape(geometries[key])) for key in keys]
    simplified = shapely.coverage_simplify(shapes, tolerance)
    gridded = shapely.set_precision(simplified, 10**-precision)
    lines = [
        _feature(province, shapely.orient_polygons(geometry), precision)
        for province, geometry in zip(provinces, gridded, strict=True)
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def _feature(province: dict, geometry, precision: int) -> str:
    parts = [g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon"]
    parts = [p for p in parts if not p.is_empty]
    largest = max(parts, key=lambda p: p.area)
    label = polylabel(largest, tolerance=10**-precision)
    feature = {
        "type": "Feature",
        "properties": {
            "code": province["code"],
            "name": province["name"],
            "short_name": province["short_name"],
            "label": [round(label.x, precision), round(label.y, precision)],
        },
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [_polygon(p, precision) for p in parts],
        },
    }
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def _polygon(polygon, precision: int) -> list:
    rings = [polygon.exterior, *polygon.interiors]
    return [[[round(x, precision), round(y, precision)] for x, y in ring.coords] for ring in rings]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="git dir of the source")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    text = build(read_source(args.source), registry_provinces())
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
