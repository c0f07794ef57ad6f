"""The downloadable activity template of a program: one sheet to fill, one that explains."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from phoihop.lib.spreadsheet import safe_workbook
from phoihop.programs.models import Task
from phoihop.workbooks.columns import (
    DATE_FORMAT,
    SHEET_DATA,
    SHEET_HELP,
    active_indicators,
    column_letter,
    fixed_columns,
    indicator_header,
    member_labels,
)

PREPARED_ROWS = 1000  # rows pre-formatted as dates and offered drop-down lists
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
BOLD = Font(bold=True)


def activity_template(program) -> bytes:
    """The workbook is a document members exchange: always in Vietnamese."""
    with translation.override("vi"):
        return _activity_template(program)


def _activity_template(program) -> bytes:
    members = [m.organization for m in program.members.select_related("organization").order_by("pk")]
    labels = member_labels(members)
    indicators = active_indicators()
    workbook = Workbook()
    data = workbook.active
    data.title = str(SHEET_DATA)
    help_sheet = workbook.create_sheet(str(SHEET_HELP))
    member_range = _write_help(help_sheet, program, members, labels, indicators)
    _write_data_sheet(data, program, indicators, member_range)
    safe_workbook(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_data_sheet(sheet, program, indicators, member_range: str) -> None:
    headers = [(c.header, c.width) for c in fixed_columns()]
    headers += [(indicator_header(i), 16) for i in indicators]
    for index, (header, width) in enumerate(headers):
        cell = sheet.cell(row=1, column=index + 1, value=header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last = PREPARED_ROWS + 1
    for row in range(2, last + 1):
        for col in (2, 3):
            sheet.cell(row=row, column=col).number_format = DATE_FORMAT
        sheet.cell(row=row, column=8).number_format = "@"  # keep "3/2020" as text, not a date
    numbers = ",".join(str(n) for n in program.content_areas.values_list("number", flat=True))
    areas = DataValidation(type="list", formula1=f'"{numbers}"', allow_blank=True)
    areas.error = _("Hãy chọn số thứ tự của một nội dung phối hợp (xem trang Hướng dẫn).")
    areas.add(f"D2:D{last}")
    leads = DataValidation(type="list", formula1=member_range, allow_blank=True)
    leads.error = _("Hãy chọn một tổ chức thành viên (xem trang Hướng dẫn).")
    leads.add(f"E2:E{last}")
    sheet.add_data_validation(areas)
    sheet.add_data_validation(leads)


def _heading(sheet, text: str) -> None:
    sheet.append([])
    sheet.append([text])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD


def _write_help(sheet, program, members, labels, indicators) -> str:
    """Fill the guide; return the formula of the range holding the members' names."""
    sheet.append([_("Hướng dẫn nhập hoạt động: %(program)s") % {"program": program.name}])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    for line in _rules(program):
        sheet.append([line])
    _heading(sheet, _("Nội dung phối hợp (ghi số thứ tự vào cột “Nội dung phối hợp (số)”)"))
    for area in program.content_areas.order_by("number"):
        sheet.append([area.number, area.name])
    _heading(sheet, _("Tổ chức thành viên (ghi tên ở cột đầu; tên đầy đủ và tên gọi khác cũng được)"))
    sheet.append([_("Tên ghi vào bảng"), _("Tên đầy đủ"), _("Tên gọi khác")])
    first = sheet.max_row + 1
    for org in members:
        sheet.append([labels[org.pk], org.name, "; ".join(org.aliases)])
    last = sheet.max_row
    _heading(sheet, _("Chỉ tiêu (mỗi chỉ tiêu một cột; để trống nếu không có số liệu)"))
    sheet.append([_("Cột"), _("Đơn vị tính"), _("Giải thích")])
    for indicator in indicators:
        sheet.append([indicator_header(indicator), indicator.unit, indicator.description])
    _heading(sheet, _("Nhiệm vụ của các kế hoạch năm (ghi “số thứ tự/năm”, ví dụ 3/2020)"))
    tasks = Task.objects.filter(plan__program=program).select_related("plan", "lead")
    for task in tasks.order_by("plan__year", "number"):
        sheet.append([f"{task.number}/{task.plan.year}", task.title, task.lead.name])
    for letter, width in (("A", 48), ("B", 60), ("C", 50)):
        sheet.column_dimensions[letter].width = width
    return f"'{sheet.title}'!$A${first}:$A${max(first, last)}"


def _rules(program) -> list[str]:
    start, end = program.period_start, program.period_end
    return [
        _("• Mỗi dòng của trang “Hoạt động” là một hoạt động; không sửa dòng tiêu đề."),
        _("• Ngày ghi theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/03/2020; trong khoảng "
          "%(start)s – %(end)s và không sau ngày hôm nay.")
        % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
        _("• Số ghi kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn (4.100), dấu phẩy trước phần "
          "thập phân (1.234,5); không ghi số âm."),
        _("• Nhiều cơ quan phối hợp hoặc nhiều địa bàn: cách nhau bởi dấu chấm phẩy (;). Địa bàn "
          "ghi mã đơn vị hành chính (ví dụ 13303) hoặc tên, có thể kèm đơn vị cấp trên sau dấu "
          "phẩy (ví dụ: Thanh Hải, Thanh Liêm)."),
        _("• Khi nhập, hệ thống kiểm tra mọi ô: nếu có một lỗi thì không dòng nào được nhập và "
          "danh sách lỗi ghi rõ dòng, cột và lý do."),
        _("• Mỗi lần nhập tối đa 20.000 dòng."),
    ]
