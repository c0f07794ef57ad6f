"""Cells a spreadsheet will not run: the one guard every CSV and XLSX export goes through.

Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and
LibreOffice as a formula (OWASP "CSV injection"): an activity titled
`=HYPERLINK("http://x")` becomes a live link in the export. Such text is neutralized:

- in XLSX it is stored as a string cell with Excel's quote prefix (what typing a leading
  apostrophe does): the reader sees exactly the text that was written, editing the cell
  keeps it text, and importing the export again gives the same title back;
- in CSV, which has no cell types, it gets a leading apostrophe (`'=HYPERLINK(…)`),
  the mark spreadsheets use for "this is text".

Numbers, dates and empty cells pass unchanged, so figures stay figures.

    sheet.append(safe_xlsx_row(sheet, row))   # openpyxl, as rows are appended
    safe_workbook(book)                       # or once, before saving an in-memory book
    csv_writer(response).writerow(row)        # csv, every cell guarded
"""

import csv

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """A CSV cell: formula-like text gets a leading apostrophe; anything else as is."""
    return "'" + value if is_formula_like(value) else value


def safe_xlsx_cell(sheet, value):
    """An openpyxl cell value for `sheet`: formula-like text (or a Cell holding a
    formula) becomes a string cell with the quote prefix; anything else as is."""
    if isinstance(value, Cell):
        if value.data_type == "f" or is_formula_like(value.value):
            _as_text(value)
        return value
    if not is_formula_like(value):
        return value
    cell = Cell(sheet, row=1, column=1, value=value)  # placed by append()
    _as_text(cell)
    return cell


def safe_xlsx_row(sheet, values) -> list:
    return [safe_xlsx_cell(sheet, value) for value in values]


def safe_workbook(book) -> None:
    """Neutralize every cell of an openpyxl workbook built in memory (not write-only),
    just before it is saved: one pass, whichever code wrote the cells."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                safe_xlsx_cell(sheet, cell)


def _as_text(cell: Cell) -> None:
    cell.data_type = "s"  # openpyxl types any text starting with "=" as a formula
    cell.quotePrefix = True


class _SafeWriter:
    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> _SafeWriter:
    """csv.writer whose every cell goes through safe_cell()."""
    return _SafeWriter(file, **options)
