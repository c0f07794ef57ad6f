"""A review as an Excel workbook: a cover sheet, then one sheet per table.

Cells hold numbers, not text, so the workbook can still be added up; the number formats
(#,##0 / 0,0% / dd/mm/yyyy) display as 4.100, 0,9% and 05/03/2020 in a Vietnamese Excel
or LibreOffice. The tables are the same ones the Word appendix shows (render/tables.py).
"""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from phoihop.lib import vnformat
from phoihop.lib.spreadsheet import safe_workbook
from phoihop.reviews.data import Review
from phoihop.reviews.render.tables import (
    DATE,
    INT,
    PERCENT,
    TEXT,
    Table,
    cell_value_for_sheet,
    review_tables,
)
from phoihop.reviews.render.text import DocumentText, document_text

SHEET_NAMES = {
    "totals": "Chỉ tiêu",
    "areas": "Nội dung phối hợp",
    "area_indicators": "Chỉ tiêu theo nội dung",
    "members": "Thành viên",
    "member_indicators": "Chỉ tiêu theo thành viên",
    "matrix": "Ma trận phối hợp",
    "models": "Mô hình",
    "topics": "Vụ việc",
    "hotspots": "Trọng điểm",
    "tasks": "Nhiệm vụ",
    "localities": "Địa bàn",
}
THIN = Side(style="thin", color="999999")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def number_format(kind: str) -> str:
    if kind == INT:
        return "#,##0"
    if kind == PERCENT:
        return "0.0%"
    if kind == DATE:
        return "dd/mm/yyyy"
    if kind.startswith("dec:"):
        decimals = int(kind[4:])
        return "#,##0" + ("." + "0" * decimals if decimals else "")
    return "General"


def render_xlsx(review: Review, report=None) -> bytes:
    """The official document is Vietnamese whatever language the interface is in."""
    with translation.override("vi"):
        return _render_xlsx(review, report)


def _render_xlsx(review: Review, report=None) -> bytes:
    text = document_text(review, report)
    book = Workbook()
    _cover(book.active, review, text)
    for table in review_tables(review):
        _table_sheet(book.create_sheet(sheet_name(table)), table)
    _statements_sheet(book.create_sheet(_("Nhận định")[:31]), review)
    book.properties.title = text.title
    book.properties.creator = review.host_name
    safe_workbook(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cover(sheet, review: Review, text: DocumentText) -> None:
    sheet.title = _("Thông tin chung")
    rows = [
        (_("Báo cáo"), text.title),
        (_("Số, ký hiệu"), text.number_line),
        (_("Địa danh, ngày tháng"), text.place_date),
        (_("Chương trình"), review.program_name),
        (_("Ban Chỉ đạo"), review.committee_name),
        (_("Cơ quan thường trực"), review.host_name),
        (_("Kỳ báo cáo"), review.period_label),
        (_("Từ ngày"), review.scope.start),
        (_("Đến ngày"), review.scope.end),
        (_("Số liệu tính lúc"), timezone.localtime(review.computed_at).replace(tzinfo=None)),
        (_("Số hoạt động đã xác nhận"), review.coordination.activities),
        (_("Hoạt động có từ hai thành viên"), review.coordination.joint),
        (_("Tỷ lệ hoạt động phối hợp"), review.coordination.joint_share),
        (_("Tỷ lệ nộp báo cáo định kỳ"), review.reports_completeness),
        (_("Tỷ lệ nộp báo cáo đúng hạn"), review.reports_timeliness),
    ]
    formats = {7: "dd/mm/yyyy", 8: "dd/mm/yyyy", 9: "dd/mm/yyyy hh:mm", 10: "#,##0", 11: "#,##0", 12: "0.0%",
               13: "0.0%", 14: "0.0%"}
    for n, (label, value) in enumerate(rows):
        sheet.append([label, value])
        sheet.cell(n + 1, 1).font = BOLD
        sheet.cell(n + 1, 2).number_format = formats.get(n, "General")
        sheet.cell(n + 1, 2).alignment = Alignment(horizontal="left", wrap_text=True)
    if review.redacted:
        sheet.append([_("Ghi chú"), _("Không gồm các vụ việc nhạy cảm mà người xem không có quyền xem.")])
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 90


def sheet_name(table: Table) -> str:
    return f"{table.number}. {SHEET_NAMES.get(table.key, table.key)}"[:31]


def _table_sheet(sheet, table: Table) -> None:
    sheet.append([table.caption])
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    sheet.append([column.header for column in table.columns])
    for col in range(1, len(table.columns) + 1):
        cell = sheet.cell(2, col)
        cell.font, cell.alignment, cell.border = BOLD, HEADER, GRID
        sheet.column_dimensions[get_column_letter(col)].width = _width(table, col - 1)
    for r, values in enumerate(table.rows):
        sheet.append([cell_value_for_sheet(value, table.kind_at(r, c)) for c, value in enumerate(values)])
        for c in range(len(values)):
            cell = sheet.cell(r + 3, c + 1)
            cell.number_format, cell.border = number_format(table.kind_at(r, c)), GRID
            if table.kind_at(r, c) == TEXT:
                cell.alignment = WRAP
    if table.note:
        sheet.cell(len(table.rows) + 4, 1, table.note).font = Font(italic=True)
    sheet.freeze_panes = "A3"


def _width(table: Table, col: int) -> float:
    if table.columns[col].kind != TEXT:
        return max(12, min(24, len(table.columns[col].header) * 0.9))
    longest = max([len(str(row[col] or "")) for row in table.rows] + [len(table.columns[col].header)])
    return max(10, min(60, longest * 1.05))


def _statements_sheet(sheet, review: Review) -> None:
    sheet.append([_("Loại"), _("Nhận định"), _("Căn cứ số liệu")])
    for col in (1, 2, 3):
        sheet.cell(1, col).font = BOLD
    labels = {
        "situation": _("Đặc điểm tình hình"), "result": _("Kết quả"),
        "strength": _("Ưu điểm"), "limitation": _("Hạn chế"),
    }
    for statement in review.statements:
        if review.redacted and statement.sensitive:
            continue
        figures = "; ".join(f"{label}: {value}" for label, value in statement.figures.items())
        sheet.append([labels.get(statement.kind, statement.kind), statement.text, figures])
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["C"].width = 40
    sheet.cell(sheet.max_row + 2, 1, _("Số liệu tính lúc %(at)s") % {
        "at": vnformat.short_date(timezone.localtime(review.computed_at).date())
    }).font = Font(italic=True)
