"""Every benchmark suite runs, at smoke scale, inside the test suite: a benchmark that no
longer runs (a changed service, a renamed field) fails CI instead of rotting unseen.
Times are not asserted: at a few rows they mean nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from phoihop.benchmarks import reviews
from phoihop.benchmarks.management.commands.bench_run import SUITES, Command


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
