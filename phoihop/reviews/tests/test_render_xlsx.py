"""The Excel workbook, reopened: every table, as numbers with Vietnamese-displaying formats."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from phoihop.reviews.render.xlsx import render_xlsx
from phoihop.reviews.tests.review_sample import sample_report, sample_review


def _open(review=None, report=None):
    return load_workbook(io.BytesIO(render_xlsx(review or sample_review(), report)))


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_every_table_has_its_own_sheet_after_the_cover():
    book = _open()
    assert book.sheetnames == [
        "Thông tin chung", "1. Chỉ tiêu", "2. Nội dung phối hợp", "3. Chỉ tiêu theo nội dung",
        "4. Thành viên", "5. Ma trận phối hợp", "6. Mô hình", "7. Vụ việc", "8. Trọng điểm",
        "9. Nhiệm vụ", "10. Địa bàn", "Nhận định",
    ]


def test_cover_carries_the_number_place_date_and_period():
    cover = dict((label, value) for label, value in _rows(_open(report=sample_report())["Thông tin chung"]))
    assert cover["Số, ký hiệu"] == "Số 12-BC/BDVTU"
    assert cover["Địa danh, ngày tháng"] == "Phủ Lý, ngày 20 tháng 12 năm 2020"
    assert cover["Kỳ báo cáo"] == "giai đoạn 2016–2020"
    assert cover["Từ ngày"].date() == dt.date(2016, 1, 1)
    assert cover["Số hoạt động đã xác nhận"] == 3048


def test_totals_are_numbers_formatted_for_a_vietnamese_reader():
    sheet = _open()["1. Chỉ tiêu"]
    rows = _rows(sheet)
    assert rows[0] == ["Biểu 1. Kết quả thực hiện các chỉ tiêu"] + [None] * 7
    assert rows[1] == [
        "STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả trong kỳ", "Chỉ tiêu của kỳ", "Tỷ lệ đạt", "Trong đó: từ hoạt động gắn nhiệm vụ",
        "Số hoạt động",
    ]
    assert rows[2] == [1, "Buổi tuyên truyền", "buổi", 897, 800, 897 / 800, None, 120]
    assert rows[4][:5] == [3, "Kinh phí vận động", "triệu đồng", 156432.5, 150000]
    assert [sheet["D3"].number_format, sheet["D5"].number_format, sheet["F3"].number_format] == [
        "#,##0", "#,##0.0", "0.0%"
    ]


def test_topics_matrix_and_tasks_match_the_review():
    book = _open()
    topics = _rows(book["7. Vụ việc"])
    assert topics[2] == [1, "Đất đai (*)", 40, 16, 4, 6, 14, 5, 16 / 26]
    assert _rows(book["5. Ma trận phối hợp"])[2:5] == [
        ["BDV", 1612, 240, 130], ["CHQS", 240, 1326, 75], ["Phụ nữ", 130, 75, 815]
    ]
    tasks = book["9. Nhiệm vụ"]
    row = _rows(tasks)[3]
    assert row[:4] + row[5:] == [2020, 2, "Hỗ trợ xây nhà đại đoàn kết", "CHQS", "quá hạn", 0.625]
    assert row[4].date() == dt.date(2020, 12, 15)
    assert tasks["E4"].number_format == "dd/mm/yyyy"


def test_a_redacted_review_leaves_sensitive_statements_out_of_the_workbook():
    statements = [row[1] for row in _rows(_open(review=sample_review(redacted=True))["Nhận định"])]
    assert "Chỉ 20,5% hoạt động có từ hai thành viên." in statements
    assert "Giải quyết vụ việc đất đai còn chậm." not in statements


def test_every_sheet_prints_landscape_one_page_wide_with_its_titles_repeated():
    from phoihop.reviews.render.xlsx import NARROW, _sheet_width

    book = _open()
    for sheet in book.worksheets:
        wide = _sheet_width(sheet) >= NARROW or sheet.title == "Thông tin chung"
        assert sheet.page_setup.orientation == ("landscape" if wide else "portrait"), sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book["2. Nội dung phối hợp"].print_title_rows == "$1:$2"


def test_money_columns_are_wide_enough_for_the_largest_figure():
    from phoihop.reviews.tests.review_sample import money

    big = money()
    big.value = Decimal("21994000000")
    sheet = _open(review=sample_review(totals=[big]))["1. Chỉ tiêu"]
    assert sheet.column_dimensions["D"].width >= len("21.994.000.000,0") + 2


def test_every_header_row_is_tall_enough_for_its_wrapped_headers():
    from openpyxl.utils import get_column_letter

    from phoihop.reviews.render.xlsx import LINE_HEIGHT, _wrapped_lines

    assert _wrapped_lines("Ngày công lao động (ngày)", 10) == 3  # "Ngày công" / "lao động" / "(ngày)"
    assert _wrapped_lines("STT", 5) == 1
    for sheet in _open().worksheets[1:-1]:
        headers = [c.value for c in sheet[2] if c.value]
        widths = [sheet.column_dimensions[get_column_letter(n)].width for n in range(1, len(headers) + 1)]
        lines = max(_wrapped_lines(h, w) for h, w in zip(headers, widths, strict=True))
        assert sheet.row_dimensions[2].height >= LINE_HEIGHT * lines, sheet.title


def test_additive_tables_end_with_a_bold_total_row_and_years_are_numbers():
    book = _open()
    areas = book["2. Nội dung phối hợp"]
    last = 2 + 4  # caption, header, three areas, then the total
    row = [c.value for c in areas[last]]
    assert row[1:4] == ["Cộng", 3048, 625] and areas.cell(last, 2).font.bold
    tasks = next(s for s in book.worksheets if s.title.endswith("Nhiệm vụ"))
    assert tasks.cell(3, 1).value == 2020 and tasks.cell(3, 1).number_format == "0"
