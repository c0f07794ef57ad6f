"""Text intake on its evaluation corpus: per-field precision, recall and F1 on the
tuning part and on the held-back part (provinces the tuning part lacks; never tuned
on), each beside underthesea's NER, and articles per second on one core beside
underthesea's `ner`.

The corpus names places in some forty provinces, so the whole country's units are
loaded when missing, and a small registry of Hà Nam-area organizations
(devset/registry.json) is added; everything is rolled back at the end. Targets on the
held-back part: F1 ≥ 0.95 for localities, ≥ 0.90 for organizations; ≥ 200 articles a
second. underthesea is optional (`pip install -e .[bench]`): without it the baseline
is skipped.
At smoke scale the baseline is skipped (loading its model alone takes seconds).
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

NATIONAL_UNITS = 10_000  # fewer units than this: the whole country is not loaded yet
TARGETS = {"localities": 0.95, "organizations": 0.90}
TARGET_PER_SECOND = 200


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
    if Locality.objects.count() < NATIONAL_UNITS:
        seconds = time.perf_counter()
        localities_load()
        print(f"  (nạp địa bàn cả nước cho bộ văn bản: {time.perf_counter() - seconds:.1f} s)")
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
    tables = {}
    for part in evaluate.PARTS:
        result = evaluate.evaluate(part=part, baseline=not report.smoke)
        _print(part, result, smoke=report.smoke)
        ours, theirs = result["ours_per_second"], result["baseline_per_second"]
        report.add(Figure(
            name=f"intake: extract {result['texts']} articles ({part})",
            seconds=result["texts"] / ours,
            baseline_name="underthesea ner" if theirs else "",
            baseline_seconds=result["texts"] / theirs if theirs else None,
            note=f"{ours:.0f} bài/giây (mục tiêu ≥ {TARGET_PER_SECOND})",
        ))
        tables[part] = evaluate.as_json(result)
    report.add(Figure(name="intake: build the gazetteer (once per process)", seconds=build))
    report.tables["intake"] = tables | {"gazetteer_build_seconds": round(build, 3), "targets": TARGETS}


def _print(part: str, result: dict, *, smoke: bool = False) -> None:
    label = {"tuning": "phần tinh chỉnh", "heldback": "phần giữ lại (không bao giờ tinh chỉnh)"}[part]
    print(f"  — {label}: {result['texts']} văn bản, {result['words']} từ")
    for line in evaluate.table(result):
        print(f"  {line}")
    if result["baseline_per_second"] is None and not smoke:
        print("  underthesea chưa được cài (pip install -e .[bench]): bỏ qua đường cơ sở.")
    if part == "heldback":
        for name, target in TARGETS.items():
            f1 = result["ours"][name].f1
            print(f"  {name}: F1 {f1:.3f} (mục tiêu ≥ {target}) {'đạt' if f1 >= target else 'CHƯA ĐẠT'}")
