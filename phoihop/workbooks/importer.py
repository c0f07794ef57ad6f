"""Import a filled activity template: check every cell of every row first, then create
all rows in one transaction, or none.

The answer names each problem by the row number Excel shows, the column (letter and
header) and a Vietnamese reason, so the person fixing the file finds the cell at once.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from phoihop.activities.services import (
    ActivityData,
    ActivityRowsInvalid,
    RowError,
    activity_bulk_create,
    activity_rows_check,
)
from phoihop.workbooks.cells import (
    CellProblem,
    is_blank,
    read_date,
    read_figure,
    read_task,
    read_text,
    read_whole_number,
    split_list,
)
from phoihop.workbooks.columns import (
    MAX_ROWS,
    SHEET_DATA,
    column_letter,
    export_only_columns,
    fixed_columns,
    header_key,
    indicator_header,
)
from phoihop.workbooks.limits import workbook_limit_problems
from phoihop.workbooks.lookups import LocalityLookup, MemberLookup, ProgramLookup


@dataclass(frozen=True)
class CellError:
    row: int  # as Excel shows it; 0 for the file as a whole
    column: str  # "B · Từ ngày", or "" for the whole row or file
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[CellError] = field(default_factory=list)
    batch: uuid.UUID | None = None  # marks the created rows (Activity.import_batch)

    @property
    def ok(self) -> bool:
        return not self.errors


def _file_error(message: str) -> ImportResult:
    return ImportResult(errors=[CellError(0, "", message)])


@dataclass
class Layout:
    """Where each column sits: field key → index, indicator id → index, labels."""

    fields: dict[str, int]
    indicators: dict[int, int]
    labels: dict[int, str]

    def label(self, key: str) -> str:
        index = self.fields.get(key)
        return "" if index is None else self.labels[index]


def _layout(header, lookup: ProgramLookup) -> Layout | list[CellError]:
    known = {header_key(h): c.key for c in fixed_columns() for h in (c.header, *c.aliases)}
    known |= {header_key(indicator_header(i)): i.pk for i in lookup.indicators.values()}
    ignored = {header_key(c.header) for c in export_only_columns()}
    fields, indicators, labels, errors = {}, {}, {}, []
    for index, text in enumerate(header):
        if is_blank(text):
            continue
        labels[index] = f"{column_letter(index)} · {read_text(text)}"
        target = known.get(header_key(text))
        if target is None and header_key(text) not in ignored:
            errors.append(CellError(1, labels[index], _(
                "Cột “%(header)s” không có trong mẫu: không phải cột của mẫu hay tên một chỉ tiêu."
            ) % {"header": read_text(text)}))
        elif target is not None and (target in fields or target in indicators):
            errors.append(CellError(1, labels[index], _("Cột này bị lặp lại.")))
        elif isinstance(target, int):
            indicators[target] = index
        elif target is not None:
            fields[target] = index
    missing = [c.header for c in fixed_columns() if c.key not in fields]
    if missing:
        return [CellError(0, "", _(
            "Tệp không đúng mẫu: thiếu cột %(columns)s. Hãy tải mẫu mới của chương trình và nhập lại."
        ) % {"columns": ", ".join(f"“{h}”" for h in missing)})]
    return errors or Layout(fields, indicators, labels)


class RowReader:
    """Turns one row of cells into ActivityData, collecting a CellError per bad cell."""

    def __init__(self, program, layout: Layout, lookup: ProgramLookup):
        self.program, self.layout, self.lookup = program, layout, lookup
        self.members = MemberLookup(program)
        self.places = LocalityLookup(program.committee.locality)
        self.today = timezone.localdate()

    def read(self, number: int, values) -> tuple[ActivityData | None, list[CellError]]:
        self.errors: list[CellError] = []
        self.number, self.values = number, values
        title = self._cell("title", read_text, required=True)
        start = self._cell("start_date", read_date, required=True)
        end = self._cell("end_date", read_date, required=True)
        self._check_dates(start, end)
        area = self._cell("content_area", lambda v: self.lookup.area(read_whole_number(v)), required=True)
        lead = self._cell("lead", lambda v: self.members.find(read_text(v), start), required=True)
        partners = self._cell("partners", lambda v: [self.members.find(t, start) for t in split_list(v)])
        places = self._cell("localities", lambda v: self._places(v, start or end))
        task = self._cell("task", lambda v: self.lookup.task(*read_task(v)))
        narrative = self._cell("narrative", read_text)
        figures = self._figures()
        if self.errors:
            return None, self.errors
        return ActivityData(
            title=title, start_date=start, end_date=end, content_area_id=area, lead_id=lead,
            partner_ids=partners or [], locality_ids=places or [], task_id=task,
            narrative=narrative or "", figures=figures,
        ), []

    def _value(self, index: int | None):
        return self.values[index] if index is not None and index < len(self.values) else None

    def _add(self, column: str, message: str) -> None:
        self.errors.append(CellError(self.number, column, message))

    def _cell(self, key: str, reader, *, required: bool = False):
        value = self._value(self.layout.fields[key])
        if is_blank(value):
            if required:
                self._add(self.layout.label(key), _("Ô bắt buộc đang trống."))
            return None
        try:
            return reader(value)
        except CellProblem as problem:
            self._add(self.layout.label(key), str(problem))
            return None

    def _check_dates(self, start: dt.date | None, end: dt.date | None) -> None:
        """The checks the service also makes, here for every row even when another
        cell of it is bad, so one pass reports everything."""
        program = self.program
        if start and not (program.period_start <= start <= program.period_end):
            self._add(self.layout.label("start_date"), _("Ngày bắt đầu nằm ngoài thời gian của chương trình."))
        if start and start > self.today:
            self._add(self.layout.label("start_date"), _(
                "Không thể báo cáo hoạt động chưa diễn ra (ngày trong tương lai)."
            ))
        if start and end and end < start:
            self._add(self.layout.label("end_date"), _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        elif end and end > self.today:
            self._add(self.layout.label("end_date"), _("Ngày kết thúc ở trong tương lai."))

    def _places(self, value, day: dt.date | None) -> list[int]:
        if day is None:
            raise CellProblem(_("Cần ngày hợp lệ để xác định địa bàn."))
        return [self.places.find(token, day) for token in split_list(value)]

    def _figures(self) -> dict:
        figures = {}
        for indicator_id, index in self.layout.indicators.items():
            value = self._value(index)
            if is_blank(value):
                continue
            indicator = self.lookup.indicators[indicator_id]
            try:
                figures[indicator_id] = read_figure(value, indicator.decimals)
            except CellProblem as problem:
                self._add(self.layout.labels[index], str(problem))
        return figures


def _too_big(problems: list[str]) -> ImportResult:
    intro = _("Tệp bị từ chối trước khi đọc, vì quá lớn để xử lý an toàn:")
    advice = _("Hãy chia dữ liệu thành nhiều tệp nhỏ hơn, hoặc lưu lại từ mẫu của chương trình rồi nhập lại.")
    return _file_error(" ".join([intro, *problems, advice]))


def _open(upload):
    """The workbook in `upload`, read-only (rows are streamed, not held); CellProblem
    with a Vietnamese message when unreadable."""
    try:
        return load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable file gets the same answer
        raise CellProblem(_(
            "Tệp không phải bảng tính Excel (.xlsx) đọc được. Hãy lưu tệp dạng “Excel Workbook "
            "(*.xlsx)” từ mẫu của chương trình rồi nhập lại."
        )) from None


def _data_sheet(workbook):
    names = {header_key(name): name for name in workbook.sheetnames}
    sheet = workbook[names.get(header_key(SHEET_DATA), workbook.sheetnames[0])]
    sheet.reset_dimensions()  # some programs write a wrong size; read what is there
    return sheet


def _sorted(errors: list[CellError]) -> list[CellError]:
    """By row, then column as Excel orders them (B before AA), without repeats."""
    def key(error: CellError):
        letters = error.column.split(" ", 1)[0]
        return (error.row, len(letters), error.column, error.message)

    return sorted(set(errors), key=key)


def _read_rows(rows, reader: RowReader):
    parsed: list[tuple[int, ActivityData]] = []
    errors: list[CellError] = []
    count = 0
    for number, values in enumerate(rows, start=2):
        if all(is_blank(v) for v in values):
            continue
        count += 1
        if count > MAX_ROWS:
            return None, [CellError(0, "", _(
                "Tệp có hơn %(max)s dòng hoạt động. Hãy chia thành nhiều tệp, mỗi tệp tối đa "
                "%(max)s dòng."
            ) % {"max": f"{MAX_ROWS:,}".replace(",", ".")})]
        data, row_errors = reader.read(number, values)
        if data is None:
            errors += row_errors
        else:
            parsed.append((number, data))
    return parsed, errors


def _service_errors(row_errors: list[RowError], parsed, layout: Layout) -> list[CellError]:
    return [
        CellError(parsed[e.index][0], layout.label(e.field), e.message) for e in row_errors
    ]


def _reported(rows, progress, every: int = 1000):
    """`rows`, telling `progress("read", n)` every `every` rows and once at the end."""
    count = 0
    for count, values in enumerate(rows, start=1):  # noqa: B007 - the count is read after
        if count % every == 0:
            progress("read", count)
        yield values
    progress("read", count)


def activities_import(*, actor, program, upload, submit: bool = False, progress=None) -> ImportResult:
    """Read `upload` (a seekable file object) and create its activities, all or none.
    A workbook over the size limits (workbooks/limits.py) is refused before parsing.
    `progress(stage, rows)`, if given, hears how far it is: ("read", rows so far),
    then ("check", rows) or ("save", rows) (the background job's bar, workbooks/tasks.py)."""
    problems = workbook_limit_problems(upload)
    if problems:
        return _too_big(problems)
    try:
        workbook = _open(upload)
    except CellProblem as problem:
        return _file_error(str(problem))
    try:
        sheet = _data_sheet(workbook)
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return _file_error(_("Trang “%(sheet)s” đang trống.") % {"sheet": sheet.title})
        lookup = ProgramLookup(program)
        layout = _layout(header, lookup)
        if isinstance(layout, list):
            return ImportResult(errors=layout)
        parsed, errors = _read_rows(_reported(rows, progress) if progress else rows, RowReader(program, layout, lookup))
    finally:
        workbook.close()
    if parsed is None:
        return ImportResult(errors=errors)
    if not parsed and not errors:
        return _file_error(_("Tệp không có dòng hoạt động nào để nhập."))
    data = [d for _number, d in parsed]
    if errors:
        if progress:
            progress("check", len(data))
        found = activity_rows_check(actor=actor, program=program, rows=data)
        errors += _service_errors(found, parsed, layout)
        return ImportResult(errors=_sorted(errors))
    batch = uuid.uuid4()
    if progress:
        progress("save", len(data))
    try:
        created = activity_bulk_create(
            actor=actor, program=program, rows=data, submit=submit, batch=batch
        )
    except ActivityRowsInvalid as invalid:
        return ImportResult(errors=_sorted(_service_errors(invalid.row_errors, parsed, layout)))
    return ImportResult(created=created, batch=batch)
