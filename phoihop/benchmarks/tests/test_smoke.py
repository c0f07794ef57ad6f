"""Every benchmark suite runs, at smoke scale, inside the test suite: a benchmark that no
longer runs (a changed service, a renamed field) fails CI instead of rotting unseen.
Times are not asserted: at a few rows they mean nothing."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from phoihop.benchmarks import reviews
from phoihop.benchmarks.management.commands.bench_run import SUITES, Command
from phoihop.fuzz import ROOT, demo_database


# Transactional, as ./dev bench runs (the rollup recomputes a month when a write
# commits); serialized_rollback brings back the data migrations' rows afterwards. One
# run of every suite, as `./dev bench` with no argument: the places load once.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_bench_suite_runs_at_smoke_scale(tmp_path):
    out = tmp_path / "bench.json"
    call_command("bench_run", "--smoke", "--json", str(out))
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["options"]["smoke"] is True
    assert [s["name"] for s in report["suites"]] == SUITES
    assert not [s["name"] for s in report["suites"] if s["figures"] == 0], "a suite measured nothing"
    assert all(f["seconds"] >= 0 for f in report["figures"])
    assert not [f["note"] for f in report["figures"] if "MISMATCH" in f["note"]]


def _parse(*argv):
    return Command().create_parser("manage.py", "bench_run").parse_args(list(argv))


def test_bench_run_with_no_suite_named_runs_every_suite():
    assert _parse().suites == []  # handle() runs `suites or SUITES`
    assert set(SUITES) == {"localities", "workbooks", "reviews", "intake"}


def test_bench_run_keeps_the_named_suites_in_order():
    assert _parse("workbooks", "localities").suites == ["workbooks", "localities"]


def test_bench_run_refuses_an_unknown_suite():
    with pytest.raises(CommandError):
        _parse("nope")


# The suite run only when named (`bench_run reviews_pages`) runs too. Its demo-scale step
# is the reviews suite's own `demo_scale`, which the test above runs (with demo_load, a
# minute or more); here it is skipped so the province steps and the glue are what runs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reviews_pages_suite_runs_at_smoke_scale(tmp_path, monkeypatch):
    monkeypatch.setattr(reviews, "demo_scale", lambda report, repeats: None)
    out = tmp_path / "bench.json"
    call_command("bench_run", "reviews_pages", "--smoke", "--json", str(out))
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [s["name"] for s in report["suites"]] == ["reviews_pages"]
    names = [f["name"] for f in report["figures"]]
    assert any("DOCX export" in n for n in names) and any("review page GET" in n for n in names)
    assert not [f["note"] for f in report["figures"] if "MISMATCH" in f["note"]]


# The load suite serves its database to gunicorn, another process: the in-memory test
# database will not do, so it runs in a subprocess on a copy of the fuzz's demo database
# (built once, kept in var/; ./dev test's fuzz step reuses it). 3 users for 5 s: it fails
# on errors only (a page that no longer answers 200, a refused submission), never on times.
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs once, in the SQLite pass: its own SQLite copy of the demo whatever the engine",
)
def test_the_load_suite_runs_at_smoke_scale(tmp_path):
    database = demo_database("bench-load-smoke")
    out = tmp_path / "bench.json"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "phoihop.settings_test"}
    done = subprocess.run(
        [sys.executable, "manage.py", "bench_run", "load", "--smoke", "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    load = json.loads(out.read_text(encoding="utf-8"))["tables"]["load"]
    assert load["users"] == 3
    assert load["failures"] == [], load["failures"]
    assert load["total"]["errors"] == 0
    assert load["alone_errors"] == [], load["alone_errors"]
    # Every scenario of the mix answers once alone; under load, 5 s of randomly weighted
    # clicks need not reach each one, so only that the crowd was measured at all is asserted.
    # (load["scenarios"] has a row for each scenario of the mix, measured or not.)
    assert set(load["alone_ms"]) >= set(load["scenarios"]), load["alone_ms"]
    assert load["total"]["requests"] > 0, load["total"]
