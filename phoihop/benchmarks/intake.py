"""Text intake on the development set: per-field precision, recall and F1 beside
underthesea's NER, and articles per second on one core beside underthesea's `ner`.

The texts' places (Hà Nam, Nam Định, Ninh Bình, Thái Bình, Nghệ An and the 2025
provinces they went into) are loaded when missing, and a small registry of their
organizations (devset/registry.json) is added; everything is rolled back at the end.
Targets: F1 ≥ 0.9 on localities and organizations; ≥ 50 articles a second.
underthesea is optional (`pip install -e .[bench]`): without it the baseline is skipped;
at smoke scale it is skipped too (loading its model alone takes seconds).
"""

import json
import time

from django.db import transaction

from phoihop.benchmarks import Figure, Report
from phoihop.intake import evaluate
from phoihop.intake.extract import gazetteer
from phoihop.localities.models import Locality
from phoihop.localities.services import localities_load
from phoihop.organizations.models import Organization, OrgLevel

PROVINCES = ["tinhhanam", "tinhthaibinh", "tinhnghean"]  # Hà Nam brings Nam Định and Ninh Bình
NEEDED_REFS = ["v1.p35", "v1.p34", "v1.p40", "v2.p33"]


class _Rollback(Exception):
    pass


def run(report: Report) -> None:
    try:
        with transaction.atomic():
            _prepare()
            _measure(report)
            raise _Rollback
    except _Rollback:
        pass
    gazetteer.clear()


def _prepare() -> None:
    if Locality.objects.filter(ref__in=NEEDED_REFS).count() < len(NEEDED_REFS):
        seconds = time.perf_counter()
        localities_load(provinces=PROVINCES)
        print(f"  (nạp địa bàn của bộ văn bản: {time.perf_counter() - seconds:.1f} s)")
    places = Locality.objects.in_bulk(
        [row["locality"] for row in _registry()], field_name="ref"
    )
    for row in _registry():
        org = Organization(name=row["name"], short_name=row["short_name"], aliases=row["aliases"],
                           kind=row["kind"], level=OrgLevel.PROVINCE, locality=places[row["locality"]])
        org.refresh_search_fields()
        org.save()


def _registry() -> list[dict]:
    return json.loads((evaluate.DEVSET / "registry.json").read_text(encoding="utf-8"))


def _measure(report: Report) -> None:
    gazetteer.clear()
    seconds = time.perf_counter()
    gazetteer.current()
    build = time.perf_counter() - seconds
    result = evaluate.evaluate(baseline=not report.smoke)
    for line in evaluate.table(result):
        print(f"  {line}")
    ours, theirs = result["ours_per_second"], result["baseline_per_second"]
    note = f"{ours:.0f} bài/giây (mục tiêu ≥ 50)"
    if theirs is None and not report.smoke:
        print("  underthesea chưa được cài (pip install -e .[bench]): bỏ qua đường cơ sở.")
    report.add(Figure(
        name=f"intake: extract {result['texts']} articles",
        seconds=result["texts"] / ours,
        baseline_name="underthesea ner" if theirs else "",
        baseline_seconds=result["texts"] / theirs if theirs else None,
        note=note,
    ))
    report.add(Figure(name="intake: build the gazetteer (once per process)", seconds=build))
    report.tables["intake"] = evaluate.as_json(result) | {"gazetteer_build_seconds": round(build, 3)}
