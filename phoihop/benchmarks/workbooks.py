"""Importing activity workbooks: time against the floor of merely reading them, and
peak memory against a stated limit.

- import: `activities_import()` of a valid 10,000-row workbook (every cell checked,
  places resolved, then one bulk transaction with history), against openpyxl's
  read-only parse of the same bytes: the least any importer pays. Then the same for
  LARGE_ROWS (100,000) rows, the national target (< 30 s and ≤ 3× the parse); the
  importer refuses more than MAX_ROWS rows and PHOIHOP_IMPORT_MAX_CELLS cells, so that
  one run lifts both limits for itself.
- memory: the peak resident memory of a fresh worker process (Django loaded, DEBUG off)
  importing each file, which must stay under MEMORY_LIMIT_MB, against the peak of a
  fresh process that only parses the same file with openpyxl read-only. The files: the
  10,000 rows; 20,000 rows (the most an import takes) with long results, close to the
  10 MB upload limit; a workbook at the shared-strings limit; the 320 KB bomb (its
  baseline parse runs under an address-space cap, so it fails instead of taking the
  machine down). Each runs in its own process (phoihop/benchmarks/import_memory.py).

At smoke scale the import workbook has SMOKE_ROWS rows and the memory runs are left out:
each starts a fresh Django process on the bench database, which a test's data never reaches.
"""

import datetime as dt
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from unittest import mock

from django.conf import settings
from django.test import override_settings
from openpyxl import Workbook, load_workbook

from phoihop.accounts.models import Role, User
from phoihop.benchmarks import Figure, MemoryFigure, Report, timed
from phoihop.localities.models import Level, Locality
from phoihop.localities.services import localities_load
from phoihop.organizations.models import Committee, Membership, Organization, OrgKind, OrgLevel
from phoihop.programs.models import Program
from phoihop.programs.services import program_create
from phoihop.workbooks.columns import MAX_ROWS, active_indicators, fixed_columns, indicator_header
from phoihop.workbooks.importer import activities_import

ROWS = 10_000
LARGE_ROWS = 100_000
MEMORY_LIMIT_MB = 300
BOMB_PARSE_CAP_MB = 1500  # how far the bomb's baseline parse may grow before MemoryError
LONG_RESULT_CHARS = 520  # with MAX_ROWS rows, the workbook comes close to the 10 MB upload limit
SMOKE_ROWS = 40
HA_NAM = "v1.p35"
MEMBERS = [
    ("Ban Dân vận Tỉnh ủy Hà Nam (đo)", "BDV đo"),
    ("Bộ Chỉ huy Quân sự tỉnh Hà Nam (đo)", "CHQS đo"),
    ("Hội Liên hiệp Phụ nữ tỉnh Hà Nam (đo)", "Phụ nữ đo"),
    ("Hội Nông dân tỉnh Hà Nam (đo)", "Nông dân đo"),
]


def _program() -> Program:
    if not Locality.objects.filter(ref=HA_NAM).exists():
        localities_load(provinces=["tinhhanam"])
    hanam = Locality.objects.get(ref=HA_NAM)
    orgs = [
        Organization.objects.get_or_create(
            name=name, locality=hanam,
            defaults={"short_name": short, "kind": OrgKind.OTHER, "level": OrgLevel.PROVINCE,
                      "search_text": name},
        )[0]
        for name, short in MEMBERS
    ]
    committee, _ = Committee.objects.get_or_create(
        name="Ban Chỉ đạo đo hiệu năng", locality=hanam, defaults={"host": orgs[0]}
    )
    for org in orgs[1:]:  # program_create takes only the committee's members
        Membership.objects.get_or_create(committee=committee, organization=org)
    program = Program.objects.filter(committee=committee).first()
    return program or program_create(
        actor=None, committee=committee, name="Chương trình đo hiệu năng 2016–2020",
        period_start=dt.date(2016, 1, 1), period_end=dt.date(2020, 12, 31), members=orgs,
    )


def _long_result(rng: random.Random) -> str:
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy      "
    return "".join(rng.choices(letters, k=LONG_RESULT_CHARS)).strip() or "Kết quả tốt"


def _workbook(program: Program, rows: int = ROWS, long_results: bool = False) -> bytes:
    rng = random.Random(2020)
    communes = list(
        Locality.objects.filter(parent__parent__ref=HA_NAM, level=Level.COMMUNE)
        .valid_on(dt.date(2020, 12, 31)).values_list("code", flat=True)
    )
    indicators = active_indicators()[:4]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hoạt động")
    sheet.append([c.header for c in fixed_columns()] + [indicator_header(i) for i in indicators])
    shorts = [short for _name, short in MEMBERS]
    for n in range(rows):
        start = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(1800))
        lead = rng.choice(shorts)
        partners = [s for s in rng.sample(shorts, 2) if s != lead] if n % 4 == 0 else []
        sheet.append([
            f"Hoạt động phối hợp số {n}", start, f"{start:%d/%m/%Y}", rng.randint(1, 7), lead,
            "; ".join(partners), "; ".join(rng.sample(communes, rng.randint(1, 2))), None,
            _long_result(rng) if long_results else "Kết quả tốt", *[rng.choice([None, rng.randint(1, 5000), "4.100"]) for _ in indicators],
        ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _with_shared_strings(write_strings, base: bytes | None = None, replaced: dict | None = None) -> bytes:
    """An .xlsx (`base`, or one sheet with one header) whose xl/sharedStrings.xml, listed
    in the manifest so openpyxl reads it, is streamed by `write_strings(handle)` between
    <sst> and </sst>; `replaced` maps part names to new contents."""
    if base is None:
        book = Workbook()
        book.active.append(["Tên hoạt động"])
        plain = io.BytesIO()
        book.save(plain)
        base = plain.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for part in source.infolist():
            data = (replaced or {}).get(part.filename) or source.read(part)
            if part.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="'
                                    + SST_TYPE + b'"/></Types>')
            target.writestr(part, data)
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
            handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            write_strings(handle)
            handle.write(b"</sst>")
    return out.getvalue()


INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', re.S)
CHAR_REF = re.compile(rb"&#([0-9]{3,7});")  # openpyxl writes "ê" as "&#234;", Excel as UTF-8


def _utf8(text: bytes) -> bytes:
    return CHAR_REF.sub(lambda m: chr(int(m.group(1))).encode(), text)


def as_excel_saves_it(content: bytes) -> bytes:
    """The same workbook with its text in xl/sharedStrings.xml, as Excel and LibreOffice
    save it (openpyxl writes text inline), so the import reads the whole table first."""
    table: dict[bytes, int] = {}

    def shared(match) -> bytes:
        index = table.setdefault(_utf8(match.group(3)), len(table))
        return b"<c " + match.group(1) + b't="s"' + match.group(2) + b"><v>%d</v></c>" % index

    sheets = {}
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        for part in source.infolist():
            if part.filename.startswith("xl/worksheets/"):
                sheets[part.filename] = INLINE.sub(shared, source.read(part))

    def strings(handle):
        for text in table:
            handle.write(b"<si><t xml:space=\"preserve\">" + text + b"</t></si>")

    return _with_shared_strings(strings, base=content, replaced=sheets)


def workbook_bomb(unpacked_mb: int = 320) -> bytes:
    """A valid .xlsx of about 320 KB whose one shared string unpacks to `unpacked_mb`
    MB: the file that once took the server to 3.6 GB."""
    def one_huge_string(handle):
        handle.write(b"<si><t>")
        chunk = b"A" * (1024 * 1024)
        for _n in range(unpacked_mb):
            handle.write(chunk)
        handle.write(b"</t></si>")

    return _with_shared_strings(one_huge_string)


def shared_strings_at_limit(size_mb: float) -> bytes:
    """A legal workbook at the shared-strings limit: `size_mb` MB of short distinct
    strings (the most entries, so the most Python objects, per megabyte)."""
    rng = random.Random(7)
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"

    def many_strings(handle):
        written = 0
        while written < size_mb * 1024 * 1024 - 64:
            entry = f"<si><t>{''.join(rng.choices(letters, k=12))}</t></si>".encode()
            handle.write(entry)
            written += len(entry)

    return _with_shared_strings(many_strings)


def _parse_only(content: bytes) -> int:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def _peak(mode: str, content: bytes, program: Program, actor: User, cap_mb: int | None = None) -> dict:
    """Run one measurement of import_memory.py in a fresh process; its JSON answer."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(content)
        handle.flush()
        command = [sys.executable, "-m", "phoihop.benchmarks.import_memory", mode, handle.name,
                   str(program.pk), str(actor.pk)] + (["--cap-mb", str(cap_mb)] if cap_mb else [])
        env = {**os.environ, "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only")}
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"memory measurement failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _memory(report: Report, name: str, content: bytes, program: Program, actor: User, cap_mb=None) -> None:
    imported = _peak("import", content, program, actor)
    parsed = _peak("parse", content, program, actor, cap_mb)
    outcome = (f"{imported['created']} rows read" if not imported["errors"]
               else f"refused: {imported['first_error'][:70]}…")
    baseline = parsed.get("failed") or f"{parsed['rows']:,} rows"
    report.add_memory(MemoryFigure(
        name, imported["peak_mb"], MEMORY_LIMIT_MB, "openpyxl read-only parse", parsed["peak_mb"],
        f"{len(content) / 1024 / 1024:.2f} MB file; process at {imported['before_mb']:.0f} MB before; "
        f"{outcome}; baseline: {baseline}",
    ))


def _large_import(report: Report, program: Program, actor: User) -> None:
    """LARGE_ROWS rows against their own parse, MAX_ROWS lifted for this run only."""
    content = _workbook(program, LARGE_ROWS)
    parse_s, _rows = timed(_parse_only, content)
    lifted = override_settings(PHOIHOP_IMPORT_MAX_CELLS=LARGE_ROWS * 40)  # 2,000,000 cells by default
    with mock.patch("phoihop.workbooks.importer.MAX_ROWS", LARGE_ROWS), lifted:
        import_s, result = timed(activities_import, actor=actor, program=program, upload=io.BytesIO(content))
    if not result.ok:
        raise RuntimeError(f"benchmark workbook refused: {result.errors[:5]}")
    ratio = import_s / parse_s
    verdict = "OK" if import_s < 30 and ratio <= 3 else "MISSED"
    report.add(Figure(
        f"import {LARGE_ROWS:,} activity rows", import_s, "openpyxl read-only parse", parse_s,
        f"{result.created} created, {len(content) // 1024} KiB; target < 30 s and ≤ 3× parse: {verdict}; "
        f"MAX_ROWS ({MAX_ROWS:,}) and the cell limit lifted for this run",
    ))


def run(report: Report) -> None:
    program = _program()
    actor, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": Role.ADMINISTRATOR})
    rows = report.scaled(ROWS, SMOKE_ROWS)
    content = _workbook(program, rows)
    parse_s, _rows = timed(_parse_only, content)
    import_s, result = timed(activities_import, actor=actor, program=program, upload=io.BytesIO(content))
    if not result.ok:
        raise RuntimeError(f"benchmark workbook refused: {result.errors[:5]}")
    report.add(Figure(
        f"import {rows:,} activity rows", import_s, "openpyxl read-only parse", parse_s,
        f"{result.created} created, {len(content) // 1024} KiB",
    ))
    if report.smoke:  # the memory runs read the bench database from a fresh process
        return
    _large_import(report, program, actor)
    _memory(report, f"memory: import {ROWS:,} rows", content, program, actor)
    largest = _workbook(program, MAX_ROWS, True)
    _memory(report, f"memory: import {MAX_ROWS:,} rows, long results", largest, program, actor)
    _memory(report, "memory: the same, text in sharedStrings (as Excel)", as_excel_saves_it(largest),
            program, actor)
    at_limit = settings.PHOIHOP_IMPORT_MAX_SHARED_STRINGS_MB - 0.1
    _memory(report, f"memory: shared strings {at_limit:.1f} MB (limit)", shared_strings_at_limit(at_limit),
            program, actor)
    _memory(report, "memory: 320 KB workbook bomb", workbook_bomb(), program, actor, cap_mb=BOMB_PARSE_CAP_MB)
