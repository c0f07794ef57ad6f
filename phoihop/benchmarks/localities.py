"""Loading the place registry and resolving names, against raw-SQL floors.

- load (cold): `localities_load()` of the whole country (2019–2025 history and the 2025
  layer) into an empty database, against the floor of inserting the same rows (units and
  events with their history rows, links) with one raw executemany a table; the load also
  reads and checks the package files and the history file, which the floor does not.
- load (again): the idempotent second run, against the same floor.
- resolve: the 13 seed localities through the resolver, against a plain indexed
  lookup by folded name (what any resolver must at least do).
- resolve one name: the average over the seed names and the inputs of issue #15
  (abbreviations, addresses, names that fold alike, near misses, units ended by the
  day), the name index warm in memory (target: under 2 ms a name), against a lookup of
  the folded name in a Python dict of every unit (the floor of any in-memory resolver).
  The index build (once per process and per registry change) is shown beside a plain
  read of the same rows.

At smoke scale the load is Hà Nam's (with Nam Định and Ninh Bình), not the country's.
"""

import datetime as dt

from django.db import connection, transaction

from phoihop.benchmarks import Figure, Report, best_of, timed
from phoihop.lib.text import fold_key
from phoihop.localities import index as name_index
from phoihop.localities.models import ChangeEvent, Lineage, Locality
from phoihop.localities.names import parse_name
from phoihop.localities.resolver import resolve
from phoihop.localities.services import localities_load

SEED = [
    ("xã Thanh Hải", "huyện Thanh Liêm"),
    ("Thanh Nghị", "huyện Thanh Liêm"),
    ("Thị trấn Kiện Khê", "huyện Thanh Liêm"),
    ("Châu Sơn", "thành phố Phủ Lý"),
    ("Thanh Tuyền", "thành phố Phủ Lý"),
    ("Lam Hạ", "thành phố Phủ Lý"),
    ("Tiên Tân", "thành phố Phủ Lý"),
    ("Tân Sơn", "huyện Kim Bảng"),
    ("Thi Sơn", "huyện Kim Bảng"),
    ("Khả Phong", "huyện Kim Bảng"),
    ("Ba Sao", "huyện Kim Bảng"),
    ("Yên Bắc", "thị xã Duy Tiên"),
    ("Đồng Văn", "thị xã Duy Tiên"),
]
SEED_DAY = dt.date(2020, 6, 15)
LATER = dt.date(2026, 3, 2)
# (name, parent, within, day): the inputs issue #15 names, beside the seed's.
ISSUE_INPUTS = [
    ("H. Kim Bảng", None, "Hà Nam", SEED_DAY),
    ("X. Thanh Hải", "H. Thanh Liêm", None, SEED_DAY),
    ("P. Lam Hạ", "T.P Phủ Lý", None, SEED_DAY),
    ("Thanh Liêm huyện", None, None, SEED_DAY),
    ("Lam Hạ, Phủ Lý, Hà Nam", None, None, SEED_DAY),
    ("Tỉnh Hà Nam", None, None, LATER),
    ("Thanh Hả", "huyện Thanh Liêm", None, SEED_DAY),
    ("TPHCM", None, None, SEED_DAY),
    ("Q. 1", None, "Tp.HCM", SEED_DAY),
    ("ĐK Côn Đảo", None, None, LATER),
    ("Ba Tô", None, "Quảng Ngãi", LATER),
    ("Sơn Hạ", None, "Quảng Ngãi", LATER),
    ("Cẩm Giàng", None, None, LATER),
    ("Tân Sơn", None, None, SEED_DAY),
]
ROUNDS = 20


def _raw_insert_floor(units: int, events: int, links: int) -> float:
    """Insert the rows a cold load writes (units and events, each with its history row, and
    links) with one raw executemany a table, into scratch tables of the same shapes."""
    unit_rows = [(f"r{i}", f"{i:05d}", f"Xã Số {i}", f"Số {i}", "xa", 3, None, "2025-07-01", 20.5, 105.9,
                  f"so{i}", "[]", f"xa so {i} | so {i}", None) for i in range(units)]
    event_rows = [(f"e{i}", "merge", "2025-07-01", "Nghị quyết số 1285/NQ-UBTVQH15", "Hình thành từ: Xã Số 1.")
                  for i in range(events)]
    link_rows = [(i % max(events, 1), i % max(units, 1), (i + 1) % max(units, 1), True) for i in range(links)]
    tables = [
        ("bench_units", "ref varchar(32), code varchar(10), name varchar(120), short_name varchar(100),"
         " kind varchar(16), level smallint, valid_from date, valid_to date, lat float, lon float,"
         " name_key varchar(100), former_names text, search_text varchar(400), parent_id integer", unit_rows),
        ("bench_events", "ref varchar(64), kind varchar(16), effective_date date, legal_basis varchar(300),"
         " note text", event_rows),
        ("bench_links", "event_id integer, predecessor_id integer, successor_id integer, is_primary boolean",
         link_rows),
    ]
    total = 0.0
    with transaction.atomic(), connection.cursor() as cursor:  # one transaction, as the load
        for name, columns, rows in tables:
            for copy in ([name, f"{name}_history"] if name != "bench_links" else [name]):
                cursor.execute(f"DROP TABLE IF EXISTS {copy}")
                cursor.execute(f"CREATE TABLE {copy} (id integer primary key, {columns})")
                marks = ", ".join(["%s"] * len(rows[0])) if rows else ""
                names = ", ".join(c.split()[0] for c in columns.split(","))
                if rows:
                    seconds, _ = timed(cursor.executemany, f"INSERT INTO {copy} ({names}) VALUES ({marks})", rows)
                    total += seconds
                cursor.execute(f"DROP TABLE {copy}")
    return total


def _resolve_seed() -> None:
    for name, district in SEED:
        resolve(name, parent=district, within="Hà Nam", on=SEED_DAY)


def _lookup_seed() -> None:
    for name, _district in SEED:
        key = fold_key(name.split(" ", 1)[-1] if name.lower().startswith("xã ") else name)
        list(Locality.objects.filter(name_key=key, level=3)[:5])


def _inputs() -> list[tuple]:
    return [(name, district, "Hà Nam", SEED_DAY) for name, district in SEED] + ISSUE_INPUTS


def _resolve_each(inputs) -> None:
    for _round in range(ROUNDS):
        for name, parent, within, day in inputs:
            resolve(name, parent=parent, within=within, on=day)


def _dict_floor(inputs) -> float:
    """Each name folded and looked up in a dict of every unit by folded name."""
    by_key: dict[str, list] = {}
    for pk, key in Locality.objects.values_list("pk", "name_key"):
        by_key.setdefault(key, []).append(pk)

    def lookup():
        for _round in range(ROUNDS):
            for name, _parent, _within, _day in inputs:
                by_key.get(parse_name(name).key)

    return best_of(5, lookup)


def run(report: Report) -> None:
    provinces, where = report.scaled((None, "whole country"), (["tinhhanam"], "Hà Nam"))
    cold, result = timed(localities_load, provinces=provinces)
    rows = Locality.objects.count()
    floor = _raw_insert_floor(rows, ChangeEvent.objects.count(), Lineage.objects.count())
    report.add(Figure(f"localities_load, {where} (cold)", cold, "raw executemany of the same rows", floor,
                      f"{rows} units; {result}"))
    again, result = timed(localities_load, provinces=provinces)
    report.add(Figure("localities_load again (idempotent)", again, "raw executemany", floor, f"{result}"))
    resolve_s = best_of(5, _resolve_seed)
    lookup_s = best_of(5, _lookup_seed)
    report.add(Figure("resolve the 13 seed names (+district)", resolve_s, "indexed name lookup", lookup_s))
    name_index.clear()
    build_s, _ = timed(name_index.current)
    read_s, _ = timed(lambda: list(Locality.objects.values_list("id", "name", "parent_id", "valid_to")))
    report.add(Figure("build the resolver's name index", build_s, "read the units' rows", read_s))
    inputs = _inputs()
    per_name = best_of(5, _resolve_each, inputs) / (ROUNDS * len(inputs))
    floor = _dict_floor(inputs) / (ROUNDS * len(inputs))
    report.add(Figure(f"resolve one name ({len(inputs)} inputs, index warm)", per_name,
                      "dict lookup of the folded name", floor,
                      f"{per_name * 1000:.2f} ms a name (target < 2 ms)"))
