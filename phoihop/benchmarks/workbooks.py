"""Importing a 10,000-row activity workbook, against the floor of merely reading it.

- import: `activities_import()` of a valid workbook (every cell checked, places resolved,
  then one bulk transaction with history), against openpyxl's read-only parse of the
  same bytes: the least any importer pays.

At smoke scale the workbook has SMOKE_ROWS rows.
"""

import datetime as dt
import io
import random

from openpyxl import Workbook, load_workbook

from phoihop.accounts.models import Role, User
from phoihop.benchmarks import Figure, Report, timed
from phoihop.localities.models import Level, Locality
from phoihop.localities.services import localities_load
from phoihop.organizations.models import Committee, Membership, Organization, OrgKind, OrgLevel
from phoihop.programs.models import Program
from phoihop.programs.services import program_create
from phoihop.workbooks.columns import active_indicators, fixed_columns, indicator_header
from phoihop.workbooks.importer import activities_import

ROWS = 10_000
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


def _workbook(program: Program, rows: int = ROWS) -> bytes:
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
            "Kết quả tốt", *[rng.choice([None, rng.randint(1, 5000), "4.100"]) for _ in indicators],
        ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parse_only(content: bytes) -> int:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


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
