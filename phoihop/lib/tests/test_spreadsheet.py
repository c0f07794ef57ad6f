"""Text a spreadsheet would run as a formula leaves every export as text."""

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from phoihop.lib.spreadsheet import csv_writer, safe_cell, safe_workbook, safe_xlsx_row

LINK = '=HYPERLINK("http://x")'
HOSTILE = [LINK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _reopen(book) -> list:
    out = io.BytesIO()
    book.save(out)
    return list(load_workbook(io.BytesIO(out.getvalue()))["x"].iter_rows())


def _sheet_xml(book) -> str:
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cell_that_starts_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


def test_csv_numbers_dates_and_plain_text_pass_unchanged():
    assert [safe_cell(v) for v in (-5, 4.1, date(2020, 1, 2), None, "Hội nghị", "a=b")] == [
        -5, 4.1, date(2020, 1, 2), None, "Hội nghị", "a=b",
    ]


def test_csv_writer_guards_every_cell_and_keeps_numbers():
    out = io.StringIO()
    csv_writer(out).writerow([LINK, -5, "Tuyên truyền"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'" + LINK, "-5", "Tuyên truyền"]


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_row_stores_formula_text_as_text_with_the_same_visible_value(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("x")
    sheet.append(safe_xlsx_row(sheet, [*HOSTILE, -5, 7, "Hội nghị"]))
    cells = _reopen(book)[0]
    assert [c.value for c in cells] == [*HOSTILE, -5, 7, "Hội nghị"]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE) + ["n", "n", "s"]
    assert all(c.quotePrefix for c in cells[: len(HOSTILE)])


def test_safe_workbook_turns_every_formula_cell_of_a_built_book_into_text():
    book = Workbook()
    sheet = book.active
    sheet.title = "x"
    sheet.append(["Tên", LINK])
    sheet.cell(3, 1, "=1+1")
    safe_workbook(book)
    xml = _sheet_xml(book)
    assert "<f>" not in xml and '<is><t>=HYPERLINK("http://x")</t></is>' in xml  # a string, not a formula
    assert [[c.value for c in row] for row in _reopen(book)] == [["Tên", LINK], [None, None], ["=1+1", None]]


def test_without_the_guard_openpyxl_would_write_a_live_formula():
    """The hole the guard closes: the same row appended raw holds a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = "x"
    sheet.append([LINK])
    assert "<f>HYPERLINK" in _sheet_xml(book)
