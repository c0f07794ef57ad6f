"""A review as an Excel workbook: a cover sheet, then one sheet per table.

Cells hold numbers, not text, so the workbook can still be added up; the number formats
(#,##0 / 0,0% / dd/mm/yyyy) display as 4.100, 0,9% and 05/03/2020 in a Vietnamese Excel
or LibreOffice. The tables are the same ones the Word appendix shows (render/tables.py).

Print-ready: every sheet is A4 landscape (a narrow list upright), fitted to one page wide, the caption and
header rows repeated on each printed page, page numbers in the footer; number columns
are as wide as their widest formatted value (no "###"); each table ends with its total.
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
    YEAR,
    Table,
    cell_value_for_sheet,
    review_tables,
    vn_cell,
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
WIDEST_TEXT = 70  # characters: a longer text wraps (a task's title fits one landscape line)
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
    if kind == YEAR:
        return "0"
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
    print_ready(sheet)


def print_ready(sheet, title_rows: str | None = None) -> None:
    """A4 landscape, one page wide (as many pages down as it needs), titles repeated."""
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5
    margins.top = margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "&P/&N"
    if title_rows:
        sheet.print_title_rows = title_rows


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
    # Spreadsheets do not grow a row for its wrapped text on opening: the header row gets
    # the height of its longest wrapped header, so "Ngày công lao động (ngày)" is not cut.
    sheet.row_dimensions[2].height = LINE_HEIGHT * max(
        _wrapped_lines(column.header, sheet.column_dimensions[get_column_letter(n)].width)
        for n, column in enumerate(table.columns, 1)
    )
    last = len(table.rows) - 1
    for r, values in enumerate(table.rows):
        sheet.append([cell_value_for_sheet(value, table.kind_at(r, c)) for c, value in enumerate(values)])
        for c in range(len(values)):
            cell = sheet.cell(r + 3, c + 1)
            cell.number_format, cell.border = number_format(table.kind_at(r, c)), GRID
            if table.kind_at(r, c) == TEXT:
                cell.alignment = WRAP
            if table.total and r == last:
                cell.font = BOLD
    if table.note:
        note = sheet.cell(len(table.rows) + 4, 1, table.note)
        note.font, note.alignment = Font(italic=True), Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=note.row, start_column=1, end_row=note.row, end_column=len(table.columns))
        sheet.row_dimensions[note.row].height = 15 * (1 + len(table.note) // max(40, int(_sheet_width(sheet))))
    sheet.freeze_panes = "A3"
    print_ready(sheet, "1:2")
    if _sheet_width(sheet) < NARROW:  # a long narrow list: upright, so a page holds more rows
        sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToHeight = _pages_down(sheet, table)


LINE_HEIGHT = 15  # points: one line of 11 pt text


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped by words in a column `width` characters wide."""
    lines, used = 1, 0
    room = max(1, int(width) - 1)
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


NARROW = 100  # characters: a table narrower than this prints upright (it fits; more rows per page)
ROWS_PER_PAGE = 30  # lines of 11 pt on an A4 landscape page at full size
SHRINK = 0.65  # a long sheet prints on this share of the pages it would take at full size (type ≥ ~8 pt)


def _pages_down(sheet, table: Table) -> int:
    """0 (as many as needed) for a short sheet; a long one is shrunk a little to fewer pages."""
    widths = [sheet.column_dimensions[get_column_letter(c + 1)].width for c in range(len(table.columns))]
    lines = 4 + sum(
        max([1] + [-(-len(str(v)) // int(w)) for v, w in zip(row, widths, strict=False) if isinstance(v, str)])
        for row in table.rows
    )
    pages = -int(-lines // (ROWS_PER_PAGE * (1.5 if sheet.page_setup.orientation == "portrait" else 1)))
    return 0 if pages <= 1 else max(1, round(pages * SHRINK))


def _sheet_width(sheet) -> float:
    return sum(d.width or 8 for d in sheet.column_dimensions.values())


def _width(table: Table, col: int) -> float:
    """Text: its longest value, within reason (it wraps). Numbers: the widest value as
    displayed ("21.994.000.000", "1.476,5%") and a little room, never less than the
    header's longest word, so no cell shows "###"."""
    column = table.columns[col]
    header_word = max((len(word) for word in column.header.split()), default=0)
    if column.kind != TEXT:
        widest = max([len(vn_cell(row[col], table.kind_at(r, col))) for r, row in enumerate(table.rows)] + [0])
        return max(8, header_word + 2, widest + 3)
    longest = max([len(str(row[col] or "")) for row in table.rows] + [len(column.header)])
    return max(10, min(WIDEST_TEXT, longest * 1.05))


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
    sheet.column_dimensions["B"].width = 110
    sheet.column_dimensions["C"].width = 50
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    print_ready(sheet, "1:1")
    sheet.cell(sheet.max_row + 2, 1, _("Số liệu tính lúc %(at)s") % {
        "at": vnformat.short_date(timezone.localtime(review.computed_at).date())
    }).font = Font(italic=True)
