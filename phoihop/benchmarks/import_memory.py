"""One measurement of `./dev bench workbooks`, run in a fresh process so its peak is its own.

    python -m phoihop.benchmarks.import_memory import|parse FILE PROGRAM_PK ACTOR_PK

`import` runs activities_import() on FILE inside a transaction that is rolled back;
`parse` only streams FILE through openpyxl's read-only reader (the baseline). Prints
one JSON line: the process's resident memory before the work and its peak during it
(Linux: VmHWM, reset just before the work through /proc/self/clear_refs), in MB.
An optional `--cap-mb N` lets the address space grow by at most N MB, so a parse that
would take gigabytes fails fast with MemoryError instead of taking the machine down.
"""

import argparse
import io
import json
import os
import resource
import sys
from pathlib import Path

import django
from openpyxl import load_workbook


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def _parse(content: bytes, **_ignored) -> dict:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    rows = sum(1 for sheet in book.worksheets for _row in sheet.iter_rows(values_only=True))
    book.close()
    return {"rows": rows}


def _import(content: bytes, program, actor) -> dict:
    # This file runs as its own process: Django is set up in main(), before any model import.
    from django.db import transaction

    from phoihop.workbooks.importer import activities_import

    with transaction.atomic():
        result = activities_import(actor=actor, program=program, upload=io.BytesIO(content))
        transaction.set_rollback(True)
    return {"created": result.created, "errors": len(result.errors),
            "first_error": result.errors[0].message[:160] if result.errors else ""}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["import", "parse"])
    parser.add_argument("file")
    parser.add_argument("program", type=int)
    parser.add_argument("actor", type=int)
    parser.add_argument("--cap-mb", type=int)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
    django.setup()
    # Only now may models be imported (the process was started bare, to measure memory).
    from phoihop.accounts.models import User
    from phoihop.programs.models import Program
    from phoihop.workbooks import importer  # noqa: F401 — loaded before the measured part

    program = Program.objects.select_related("committee__locality").get(pk=args.program)
    actor = User.objects.get(pk=args.actor)
    content = Path(args.file).read_bytes()
    if args.cap_mb:
        cap = int((_status_mb("VmSize") + args.cap_mb) * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    before = _status_mb("VmRSS")
    _reset_peak()
    try:
        outcome = (_import if args.mode == "import" else _parse)(content, program=program, actor=actor)
    except MemoryError:
        outcome = {"failed": f"MemoryError at the {args.cap_mb} MB cap"}
    print(json.dumps({"before_mb": before, "peak_mb": _status_mb("VmHWM"), **outcome}))


if __name__ == "__main__":
    main(sys.argv[1:])
