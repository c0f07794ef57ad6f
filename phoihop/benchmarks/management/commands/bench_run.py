import argparse
import importlib
import json
import time

from django.core.management.base import BaseCommand
from django.db import connection

from phoihop.benchmarks import Report

SUITES = ["localities", "workbooks", "reviews", "intake"]
# Named only: reviews_pages is part of a suite above, measured alone; load (gunicorn and
# 50 users for a minute, ./dev bench load) runs on PostgreSQL in a database of its own.
ON_REQUEST = ["reviews_pages", "load"]


def _suite(name: str) -> str:
    if name not in SUITES + ON_REQUEST:
        choices = ", ".join(SUITES + ON_REQUEST)
        raise argparse.ArgumentTypeError(f"invalid choice: {name!r} (choose from {choices})")
    return name


class Command(BaseCommand):
    help = "Run benchmark suites in the current (freshly migrated) database; used by ./dev bench."

    def add_arguments(self, parser):
        # Checked by `type`, not `choices`: Python 3.11's argparse compares an empty "*"
        # list with `choices` and refuses `bench_run` without arguments.
        parser.add_argument("suites", nargs="*", type=_suite, help=f"default: all ({', '.join(SUITES)})")
        parser.add_argument("--json", dest="json_path", help="append the figures to this JSON file")
        parser.add_argument("--seed", type=int, default=2020, help="seed of the synthetic data (reviews)")
        parser.add_argument(
            "--national", action="store_true", help="also the national scale (reviews, PostgreSQL only)"
        )
        parser.add_argument(
            "--national-reduced", action="store_true",
            help="with --national: a tenth of its activities, the same cases and communes",
        )
        parser.add_argument(
            "--smoke", action="store_true", help="every step on a few rows, in seconds (./dev test)"
        )
        parser.add_argument("--users", type=int, default=None, help="load: concurrent users (default 50)")
        parser.add_argument("--seconds", type=float, default=None, help="load: seconds measured (default 60)")

    def handle(self, *args, suites, json_path, seed, national, national_reduced, smoke, users, seconds,
               **options):
        report = Report(engine=connection.vendor, options={
            "seed": seed, "national": national or national_reduced, "national_reduced": national_reduced,
            "smoke": smoke, "users": users, "seconds": seconds,
        })
        ran = []
        for name in suites or SUITES:
            self.stdout.write(f"[{connection.vendor}] {name}")
            before, started = len(report.figures), time.perf_counter()
            importlib.import_module(f"phoihop.benchmarks.{name}").run(report)
            ran.append({"name": name, "figures": len(report.figures) - before,
                        "seconds": round(time.perf_counter() - started, 1)})
        if json_path:
            with open(json_path, "w", encoding="utf-8") as handle:
                json.dump(report.as_dict() | {"suites": ran}, handle, ensure_ascii=False, indent=2)
