"""The tasks of an annual plan as a table: the template, its import (every error of the
file at once, then all rows or none) and the export, in the same columns.

A committee signs its plan as a table; the secretariat types it in Excel and brings it in
here. Each row goes through programs.services.task_create (and task_targets_replace for
the target columns) inside one transaction that is rolled back when any row is wrong.
"""

import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment

from phoihop.lib.spreadsheet import safe_workbook
from phoihop.localities.models import Locality
from phoihop.programs.models import AnnualPlan
from phoihop.programs.selectors import plan_tasks
from phoihop.programs.services import task_create, task_targets_replace
from phoihop.workbooks.cells import (
    CellProblem,
    is_blank,
    read_date,
    read_figure,
    read_text,
    read_whole_number,
    split_list,
)
from phoihop.workbooks.columns import (
    DATE_FORMAT,
    Column,
    active_indicators,
    column_letter,
    header_key,
    indicator_header,
    member_labels,
)
from phoihop.workbooks.importer import (
    CellError,
    ImportResult,
    _file_error,
    _open,
    _sorted,
    _too_big,
)
from phoihop.workbooks.limits import workbook_limit_problems
from phoihop.workbooks.lookups import LocalityLookup, MemberLookup, ProgramLookup
from phoihop.workbooks.template import BOLD, HEADER_FILL

SHEET_TASKS = "Nhiệm vụ"
MAX_TASK_ROWS = 500
TARGET_PREFIX = "Chỉ tiêu: "


def task_columns() -> list[Column]:
    return [
        Column("number", "Số thứ tự", 8),
        Column("title", "Nhiệm vụ", 50, required=True),
        Column("content_area", "Nội dung phối hợp (số)", 12, required=True),
        Column("lead", "Đơn vị chủ trì", 28, required=True),
        Column("partners", "Đơn vị phối hợp (cách nhau bởi dấu ;)", 36),
        Column("localities", "Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)", 36),
        Column("due_date", "Thời hạn", 12, required=True),
        Column("description", "Nội dung", 50),
    ]


def _target_header(indicator) -> str:
    return TARGET_PREFIX + indicator_header(indicator)


def _headers(indicators) -> list[tuple[str, int]]:
    return [(c.header, c.width) for c in task_columns()] + [
        (_target_header(i), 16) for i in indicators
    ]


def _sheet(workbook, indicators):
    sheet = workbook.active
    sheet.title = SHEET_TASKS
    for index, (header, width) in enumerate(_headers(indicators)):
        cell = sheet.cell(row=1, column=index + 1, value=header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _save(workbook) -> bytes:
    safe_workbook(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plan_tasks_workbook(plan: AnnualPlan, *, with_rows: bool) -> bytes:
    """The template (`with_rows=False`) or the export of `plan`'s tasks; always in
    Vietnamese, a document members exchange. The export re-imports as it is."""
    with translation.override("vi"):
        indicators = active_indicators()
        workbook = Workbook()
        sheet = _sheet(workbook, indicators)
        if with_rows:
            _write_tasks(sheet, plan, indicators)
        _write_help(workbook.create_sheet("Hướng dẫn"), plan)
        return _save(workbook)


def _write_tasks(sheet, plan, indicators) -> None:
    members = [m.organization for m in plan.program.members.select_related("organization")]
    labels = member_labels(members)
    for number, task in enumerate(plan_tasks(plan), start=2):
        targets = {t.indicator_id: t.value for t in task.targets.all()}
        row = [
            task.number,
            task.title,
            task.content_area.number,
            labels.get(task.lead_id, task.lead.name),
            "; ".join(labels.get(p.pk, p.name) for p in task.partners.all()),
            "; ".join(f"{unit.name} ({unit.code})" for unit in task.localities.all()),
            task.due_date,
            task.description,
        ]
        row += [targets.get(i.pk) for i in indicators]
        for index, value in enumerate(row):
            cell = sheet.cell(row=number, column=index + 1, value=value)
            if index == 6:
                cell.number_format = DATE_FORMAT


def _write_help(sheet, plan) -> None:
    program = plan.program
    sheet.column_dimensions["A"].width = 100
    lines = [
        _("Nhiệm vụ của %(plan)s (năm %(year)s)") % {"plan": plan.title, "year": plan.year},
        _(
            "• Mỗi dòng là một nhiệm vụ; không sửa dòng tiêu đề. Bỏ trống “Số thứ tự” để đánh số tiếp."
        ),
        _("• “Thời hạn” ghi dạng dd/mm/yyyy, trong năm %(year)s.") % {"year": plan.year},
        _("• Nội dung phối hợp ghi số:"),
        *[f"    {a.number}. {a.name}" for a in program.content_areas.order_by("number")],
        _("• Đơn vị chủ trì, đơn vị phối hợp: tổ chức thành viên của chương trình:"),
        *[f"    {m.organization.name}" for m in program.members.select_related("organization")],
        _(
            "• Có một lỗi thì không nhiệm vụ nào được nhập; danh sách lỗi ghi rõ dòng, cột và lý do."
        ),
    ]
    for line in lines:
        sheet.append([line])


# --- import ----------------------------------------------------------------------------


@dataclass
class _Layout:
    fields: dict[str, int]
    targets: dict[int, int]  # indicator id → column index
    labels: dict[int, str]

    def label(self, key: str) -> str:
        index = self.fields.get(key)
        return "" if index is None else self.labels[index]


def _layout(header, indicators) -> _Layout | list[CellError]:
    known = {header_key(c.header): c.key for c in task_columns()}
    known |= {header_key(_target_header(i)): i.pk for i in indicators.values()}
    layout, errors = _Layout({}, {}, {}), []
    for index, text in enumerate(header):
        if is_blank(text):
            continue
        layout.labels[index] = f"{column_letter(index)} · {read_text(text)}"
        target = known.get(header_key(text))
        if target is None:
            errors.append(
                CellError(
                    1,
                    layout.labels[index],
                    _("Cột “%(header)s” không có trong mẫu nhiệm vụ.")
                    % {"header": read_text(text)},
                )
            )
        elif isinstance(target, int):
            layout.targets[target] = index
        else:
            layout.fields[target] = index
    missing = [c.header for c in task_columns() if c.required and c.key not in layout.fields]
    if missing:
        return [
            CellError(
                0,
                "",
                _(
                    "Tệp không đúng mẫu nhiệm vụ: thiếu cột %(columns)s. Hãy tải mẫu của kế hoạch và nhập lại."
                )
                % {"columns": ", ".join(f"“{h}”" for h in missing)},
            )
        ]
    return errors or layout


class _TaskReader:
    """One row → the keyword arguments of task_create, and the targets; a CellError per bad cell."""

    def __init__(self, plan, layout: _Layout, lookup: ProgramLookup):
        self.plan, self.layout, self.lookup = plan, layout, lookup
        self.members = MemberLookup(plan.program)
        self.places = LocalityLookup(plan.program.committee.locality)
        self.organizations = {
            m.organization_id: m.organization for m in self.members.members.values()
        }
        self.areas = {a.pk: a for a in plan.program.content_areas.all()}

    def read(self, number: int, values):
        self.number, self.values, self.errors = number, values, []
        day = dt.date(self.plan.year, 1, 1)
        org = self.organizations.__getitem__
        values = {
            "number": self._cell("number", read_whole_number),
            "title": self._cell("title", read_text, required=True),
            "content_area": self._cell(
                "content_area",
                lambda v: self.areas[self.lookup.area(read_whole_number(v))],
                required=True,
            ),
            "lead": self._cell(
                "lead", lambda v: org(self.members.find(read_text(v), None)), required=True
            ),
            "partners": self._cell(
                "partners", lambda v: [org(self.members.find(t, None)) for t in split_list(v)]
            )
            or [],
            "localities": self._cell(
                "localities", lambda v: [self.places.find(t, day) for t in split_list(v)]
            )
            or [],
            "due_date": self._cell("due_date", read_date, required=True),
            "description": self._cell("description", read_text) or "",
        }
        targets = self._targets()
        return (None if self.errors else (values, targets)), self.errors

    def _cell(self, key, reader, *, required=False):
        index = self.layout.fields.get(key)
        value = self.values[index] if index is not None and index < len(self.values) else None
        if is_blank(value):
            if required:
                self.errors.append(
                    CellError(self.number, self.layout.label(key), _("Ô bắt buộc đang trống."))
                )
            return None
        try:
            return reader(value)
        except CellProblem as problem:
            self.errors.append(CellError(self.number, self.layout.label(key), str(problem)))
            return None

    def _targets(self) -> dict:
        targets = {}
        for indicator_id, index in self.layout.targets.items():
            value = self.values[index] if index < len(self.values) else None
            if is_blank(value):
                continue
            indicator = self.lookup.indicators[indicator_id]
            try:
                targets[indicator] = read_figure(value, indicator.decimals)
            except CellProblem as problem:
                self.errors.append(CellError(self.number, self.layout.labels[index], str(problem)))
        return targets


def _read(rows, reader: _TaskReader):
    parsed, errors, count = [], [], 0
    for number, values in enumerate(rows, start=2):
        if all(is_blank(v) for v in values):
            continue
        count += 1
        if count > MAX_TASK_ROWS:
            return None, [
                CellError(
                    0,
                    "",
                    _("Một kế hoạch nhập tối đa %(max)s nhiệm vụ mỗi lần.")
                    % {"max": MAX_TASK_ROWS},
                )
            ]
        row, row_errors = reader.read(number, values)
        errors += row_errors
        if row is not None:
            parsed.append((number, *row))
    return parsed, errors


def _create(actor, plan, parsed, layout: _Layout, errors: list[CellError]) -> int:
    """Every row through the services; any error (here or from reading) rolls all back."""
    with transaction.atomic():
        for number, values, targets in parsed:
            localities = values.pop("localities")
            try:
                task = task_create(actor=actor, plan=plan, localities=_units(localities), **values)
                if targets:
                    task_targets_replace(actor=actor, task=task, targets=targets)
            except ValidationError as error:
                errors += _service_errors(number, error, layout)
        if errors:
            transaction.set_rollback(True)
            return 0
    return len(parsed)


def _units(pks):
    return list(Locality.objects.filter(pk__in=pks))


def _service_errors(number: int, error: ValidationError, layout: _Layout) -> list[CellError]:
    if not hasattr(error, "error_dict"):
        return [CellError(number, "", message) for message in error.messages]
    return [
        CellError(number, layout.label(name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def plan_tasks_import(*, actor, plan: AnnualPlan, upload) -> ImportResult:
    """Read `upload` and create its tasks in `plan`, all or none, every error at once."""
    problems = workbook_limit_problems(upload)
    if problems:
        return _too_big(problems)
    try:
        workbook = _open(upload)
    except CellProblem as problem:
        return _file_error(str(problem))
    try:
        names = {header_key(name): name for name in workbook.sheetnames}
        sheet = workbook[names.get(header_key(SHEET_TASKS), workbook.sheetnames[0])]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return _file_error(_("Trang “%(sheet)s” đang trống.") % {"sheet": sheet.title})
        lookup = ProgramLookup(plan.program)
        layout = _layout(header, lookup.indicators)
        if isinstance(layout, list):
            return ImportResult(errors=layout)
        parsed, errors = _read(rows, _TaskReader(plan, layout, lookup))
    finally:
        workbook.close()
    if parsed is None:
        return ImportResult(errors=errors)
    if not parsed and not errors:
        return _file_error(_("Tệp không có dòng nhiệm vụ nào để nhập."))
    created = _create(actor, plan, parsed, layout, errors)
    return ImportResult(created=created, errors=_sorted(errors))
