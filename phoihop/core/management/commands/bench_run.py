import importlib
import json

from django.core.management.base import BaseCommand
from django.db import connection

from phoihop.benchmarks import Report

SUITES = ["localities", "workbooks", "reviews", "intake"]


class Command(BaseCommand):
    help = "Run benchmark suites in the current (freshly migrated) database; used by ./dev bench."

    def add_arguments(self, parser):
        # default=None: argparse checks a list default against `choices` and refuses it
        parser.add_argument("suites", nargs="*", default=None, choices=SUITES, help="default: all")
        parser.add_argument("--json", dest="json_path", help="append the figures to this JSON file")
        parser.add_argument("--seed", type=int, default=2020, help="seed of the synthetic data (reviews)")
        parser.add_argument(
            "--national", action="store_true", help="also the national scale (reviews, PostgreSQL only)"
        )

    def handle(self, *args, suites, json_path, seed, national, **options):
        report = Report(engine=connection.vendor, options={"seed": seed, "national": national})
        for name in suites or SUITES:
            self.stdout.write(f"[{connection.vendor}] {name}")
            importlib.import_module(f"phoihop.benchmarks.{name}").run(report)
        if json_path:
            with open(json_path, "w", encoding="utf-8") as handle:
                json.dump(report.as_dict(), handle, ensure_ascii=False, indent=2)
