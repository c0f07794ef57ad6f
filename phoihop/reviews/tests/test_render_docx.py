"""The Word document, reopened: the official header, number, date, sections, tables, charts.

No database: the Review is built by hand (review_sample.py) and the bytes are read back
with python-docx.
"""

import io

from django.test import override_settings
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from phoihop.reviews.assessment import draft_statements
from phoihop.reviews.render.docx import CELL_PADDING_MM, header_plan, render_docx, text_width_mm
from phoihop.reviews.render.measure import text_mm
from phoihop.reviews.render.text import document_text
from phoihop.reviews.tests.review_sample import sample_report, sample_review

SECTIONS = [
    "I. ĐẶC ĐIỂM TÌNH HÌNH",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
]


def _drafted(review):
    review.statements = draft_statements(review)
    return review


def _open(review=None, report=None):
    return Document(io.BytesIO(render_docx(review or sample_review(), report)))


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def _texts(doc) -> list[str]:
    return [p.text.replace("\u2060", "") for p in doc.paragraphs]


def _run_of(container, text):
    return next(run for p in container.paragraphs for run in p.runs if run.text == text)


def _table_starting(doc, *headers: str):
    for table in doc.tables:
        cells = [c.text for c in table.rows[0].cells]
        if cells[: len(headers)] == list(headers):
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table headed {headers!r}")


def test_party_header_has_issuer_star_number_and_italic_place_date():
    doc = _open(report=sample_report())
    header = doc.tables[0]
    issuer, national = header.rows[0].cells
    number, place_date = header.rows[1].cells
    # Signed "T/M Ban Chỉ đạo": the committee issues, its host body above it.
    # The committee's long name in even lines, broken between words (not where Word would).
    assert _cell_lines(issuer) == [
        "BAN DÂN VẬN TỈNH ỦY HÀ NAM", "BAN CHỈ ĐẠO ĐIỀU HÀNH\nCHƯƠNG TRÌNH PHỐI HỢP\nHOẠT ĐỘNG TỈNH HÀ NAM", "*"
    ]
    assert _cell_lines(national) == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert _run_of(national, "ĐẢNG CỘNG SẢN VIỆT NAM").underline
    assert all(run.bold for run in issuer.paragraphs[1].runs)
    assert number.text == "Số 12-BC/BDVTU"
    assert place_date.text == "Phủ Lý, ngày 20 tháng 12 năm 2020"
    assert _run_of(place_date, "Phủ Lý, ngày 20 tháng 12 năm 2020").italic


def test_state_layout_has_the_national_title_and_motto_underlined():
    doc = _open(report=sample_report(layout="state", number="12/BC-BCĐ"))
    issuer, national = doc.tables[0].rows[0].cells
    assert _cell_lines(national) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert _run_of(national, "Độc lập - Tự do - Hạnh phúc").underline
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in doc.tables[0].rows[0].cells[1].text
    # The superior body by its real name, not the province.
    assert _cell_lines(issuer)[0] == "BAN DÂN VẬN TỈNH ỦY HÀ NAM"
    assert _cell_lines(issuer)[1].replace("\n", " ") == "BAN CHỈ ĐẠO ĐIỀU HÀNH CHƯƠNG TRÌNH PHỐI HỢP HOẠT ĐỘNG TỈNH HÀ NAM"
    assert doc.tables[0].rows[1].cells[0].text == "Số: 12/BC-BCĐ"


def test_a_party_number_is_written_the_state_way_in_the_state_layout():
    doc = _open(report=sample_report(layout="state", number="45-BC/BCĐ"))
    assert doc.tables[0].rows[1].cells[0].text == "Số: 45/BC-BCĐ"
    assert "(Kèm theo Báo cáo số 45/BC-BCĐ ngày 20/12/2020 của Ban Chỉ đạo điều hành Chương trình phối hợp " \
        "hoạt động tỉnh Hà Nam)" in _texts(doc)


def test_the_header_columns_are_sized_so_the_upper_line_and_the_date_never_wrap():
    for layout in ("party", "state"):
        plan = header_plan(document_text(sample_review(), sample_report(layout=layout)))
        left, right = (w - CELL_PADDING_MM for w in plan.widths)
        assert text_mm("BAN DÂN VẬN TỈNH ỦY HÀ NAM", plan.parent_size) <= left
        assert text_mm("Phủ Lý, ngày 20 tháng 12 năm 2020", 14, italic=True) <= right
        assert all(text_mm(line, plan.issuer_size, bold=True) <= left for line in plan.issuer_lines)
        assert len(plan.issuer_lines) <= 3
    assert plan.national_size in (12, 12.5, 13)  # Nghị định 30: the national title in 12–13


def test_state_layout_type_is_14_bold_and_the_summary_rule_is_a_third_to_a_half_of_its_line():
    doc = _open(report=sample_report(layout="state"))
    kind = _run_of(doc, "BÁO CÁO")
    assert (kind.bold, kind.font.size) == (True, Pt(14))
    at = [p.text for p in doc.paragraphs].index("BÁO CÁO")
    summary, rule = doc.paragraphs[at + 1], doc.paragraphs[at + 2]
    line = max(text_mm(part, 14, bold=True) for part in summary.text.split("\n"))
    rule_mm = text_width_mm() - rule.paragraph_format.left_indent.mm - rule.paragraph_format.right_indent.mm
    assert line / 3 <= rule_mm <= line / 2
    assert rule._p.pPr.find(qn("w:pBdr")) is not None


def test_state_recipients_end_with_semicolons_and_the_filing_copy_last():
    closing = _open(report=sample_report(layout="state")).tables[1]
    recipients = _cell_lines(closing.rows[0].cells[0])
    assert recipients == [
        "Nơi nhận:", "- Thường trực Tỉnh ủy (để báo cáo);", "- Các tổ chức thành viên;", "- Lưu VP."
    ]
    label = _run_of(closing.rows[0].cells[0], "Nơi nhận:")
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))
    assert _run_of(closing.rows[0].cells[0], "- Các tổ chức thành viên;").font.size == Pt(11)


def test_default_recipients_name_the_superior_committee_and_end_with_the_filing_copy():
    state = document_text(sample_review(), sample_report(layout="state", recipients=""))
    assert state.recipients == [
        "Thường trực Tỉnh ủy Hà Nam (để báo cáo)", "Các tổ chức thành viên Ban Chỉ đạo", "Lưu: VT, TTBCĐ"
    ]
    assert document_text(sample_review(), sample_report(recipients="")).recipients[-1] == "Lưu Văn phòng Ban Chỉ đạo"


def test_the_summary_does_not_repeat_the_document_type():
    text = document_text(sample_review(), sample_report(title="Báo cáo tổng kết 5 năm thực hiện Chương trình"))
    assert (text.kind_title, text.title) == ("BÁO CÁO", "Tổng kết 5 năm thực hiện Chương trình")


def test_the_signature_block_is_kept_with_the_last_paragraph_and_never_splits():
    doc = _open(report=sample_report())
    closing = doc.tables[1]
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    before = closing._tbl.getprevious()
    while before is not None and not "".join(before.itertext()).strip():
        assert before.pPr.keepNext is not None
        before = before.getprevious()
    assert before.pPr.keepNext is not None  # the last written paragraph of section V
    assert all(p.paragraph_format.keep_with_next for cell in closing.rows[0].cells for p in cell.paragraphs)


def test_appendix_table_rows_never_split_across_a_page():
    rows = [row for table in _open().tables[2:] for row in table.rows]
    assert rows and all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_title_is_bold_capitals_then_the_summary():
    texts = _texts(_open(report=sample_report()))
    at = texts.index("BÁO CÁO")
    # Two even lines, "2016–2020" held together.
    assert texts[at + 1] == "Tổng kết 5 năm thực hiện Chương trình\nphối hợp hoạt động giai đoạn 2016–2020"
    assert texts[at + 2] == "-----"


def test_page_is_a4_with_the_configured_margins_and_times_new_roman_14():
    doc = _open()
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))


@override_settings(DOC_MARGINS_MM=[25, 25, 35, 15])
def test_margins_follow_the_setting():
    section = _open().sections[0]
    assert [round(section.top_margin.mm), round(section.left_margin.mm)] == [25, 35]


def test_five_sections_in_order_with_the_report_text_beneath():
    doc = _open(report=sample_report())
    texts = _texts(doc)
    positions = [texts.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    assert texts[positions[0] + 1] == "Chương trình được ký kết ngày 15/01/2016 giữa 15 tổ chức thành viên."
    assert texts[positions[1] + 1 : positions[1] + 3] == [
        "Các tổ chức thành viên đã phối hợp chặt chẽ.", "Kết quả cụ thể tại Phụ lục."
    ]
    # An empty part of a draft stays empty: no drafting text is ever printed.
    assert texts[positions[4] + 1] == ""
    assert not any("bổ sung nội dung" in t for t in texts)
    assert all(_run_of(doc, heading).bold for heading in SECTIONS)


def test_section_three_has_strengths_limitations_causes_and_lessons():
    texts = _texts(_open(review=_drafted(sample_review()), report=sample_report()))
    at = texts.index("III. ĐÁNH GIÁ CHUNG")
    parts = ["1. Ưu điểm", "2. Hạn chế", "3. Nguyên nhân", "4. Bài học kinh nghiệm"]
    assert [texts.index(p) for p in parts] == sorted(texts.index(p) for p in parts)
    assert texts.index(parts[0]) == at + 1
    limitations = texts[texts.index("2. Hạn chế") + 1 : texts.index("3. Nguyên nhân")]
    assert limitations[-1] == "Sự phối hợp giữa các thành viên chưa rõ nét."  # the secretariat's words last
    assert any(t.startswith("Sự phối hợp giữa các thành viên chưa rõ nét: trong 3.048 hoạt động, mới có 625") for t in limitations)


def test_without_a_report_the_results_are_drafted_from_the_figures():
    doc = _open(review=_drafted(sample_review()))
    texts = _texts(doc)
    results = texts[texts.index("II. KẾT QUẢ THỰC HIỆN") + 1]
    assert "xác nhận 3.048 hoạt động" in results and "trong đó 625 hoạt động" in results
    assert "Các tổ chức thành viên đã tổ chức 897 buổi tuyên truyền, thu hút 404.850 lượt người tham dự" in results
    assert "kinh phí vận động 156.432,5 triệu đồng" not in results  # large amounts rounded in prose
    assert (
        "Về tuyên truyền, vận động: các tổ chức thành viên thực hiện 1.250 hoạt động, trong đó 410 hoạt động "
        "có từ hai thành viên trở lên cùng tham gia, tiêu biểu như: hội nghị tuyên truyền Luật Đất đai năm 2013 "
        "tại xã Thanh Hải do BDV chủ trì, phối hợp với CHQS và Phụ nữ. Qua đó, các thành viên đã tổ chức 897 "
        "buổi tuyên truyền, thu hút 404.850 lượt người tham dự. Mô hình “Dân vận khéo” do BDV và Phụ nữ thực hiện được công nhận "
        "là mô hình tiêu biểu, nổi bật, được nhân rộng tại 14 địa bàn."
    ) in texts
    number, place_date = doc.tables[0].rows[1].cells
    assert (number.text, place_date.text) == ("Số       -BC/BCĐ", "Hà Nam, ngày 20 tháng 12 năm 2020")


def test_a_redacted_review_leaves_out_sensitive_statements():
    review = _drafted(sample_review())
    texts = _texts(_open(review=_drafted(sample_review(redacted=True, topics=review.topics[1:]))))
    assert not any(t.startswith("Kết quả vận động nhân dân về") for t in texts)
    assert any("tiếp nhận 1.234 vụ việc" in t for t in texts)


def test_recipients_and_signature_block():
    closing = _open(report=sample_report()).tables[1]
    recipients, signature = closing.rows[0].cells
    assert _cell_lines(recipients) == [
        "Nơi nhận:", "- Thường trực Tỉnh ủy (để báo cáo),", "- Các tổ chức thành viên,", "- Lưu VP."
    ]
    assert _cell_lines(signature) == ["T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN DÂN VẬN TỈNH ỦY", "Trần Xuân Dưỡng"]


def test_totals_table_shows_the_review_figures_in_vietnamese_format():
    rows = _table_starting(_open(), "STT", "Chỉ tiêu")
    assert rows[0] == [
        "STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả trong kỳ", "Chỉ tiêu của kỳ", "Tỷ lệ đạt",
        "Trong đó: từ hoạt động gắn nhiệm vụ", "Số hoạt động",
    ]
    assert rows[1] == ["1", "Buổi tuyên truyền", "buổi", "897", "800", "112,1%", "–", "120"]
    assert rows[2] == ["2", "Lượt người dự", "lượt người", "404.850", "–", "–", "–", "118"]
    assert rows[3] == ["3", "Kinh phí vận động", "triệu đồng", "156.432,5", "150.000,0", "104,3%", "–", "40"]


def test_area_member_topic_and_matrix_tables_match_the_review():
    doc = _open()
    areas = _table_starting(doc, "STT", "Nội dung phối hợp")
    assert areas[1] == ["1", "Tuyên truyền, vận động", "1.250", "410", "32,8%", "41,0%"]
    members = _table_starting(doc, "STT", "Tổ chức thành viên")
    assert members[2] == ["2", "Bộ Chỉ huy Quân sự tỉnh Hà Nam", "1.021", "305", "215", "20", "15", "4"]
    topics = _table_starting(doc, "STT", "Lĩnh vực")
    assert topics[1] == ["1", "Đất đai (*)", "40", "16", "4", "6", "14", "5", "61,5%"]
    assert topics[2] == ["2", "Môi trường", "1.234", "1.100", "20", "14", "100", "3", "97,0%"]
    matrix = _table_starting(doc, "Thành viên", "BDV")
    assert matrix == [
        ["Thành viên", "BDV", "CHQS", "Phụ nữ"], ["BDV", "1.612", "240", "130"],
        ["CHQS", "240", "1.326", "75"], ["Phụ nữ", "130", "75", "815"],
    ]
    tasks = _table_starting(doc, "Năm", "STT")
    assert tasks[2] == ["2020", "2", "Hỗ trợ xây nhà đại đoàn kết", "CHQS", "15/12/2020", "quá hạn", "62,5%"]


def test_appendix_is_captioned_with_the_number_and_date_and_carries_the_charts():
    doc = _open(report=sample_report())
    texts = _texts(doc)
    assert "PHỤ LỤC" in texts
    assert "(Kèm theo Báo cáo số 12-BC/BDVTU ngày 20/12/2020 của Ban Chỉ đạo điều hành Chương trình phối hợp " \
        "hoạt động tỉnh Hà Nam)" in texts
    assert [t for t in texts if t.startswith("Hình ")] == [
        "Hình 1. Hoạt động theo nội dung phối hợp",
        "Hình 2. Hoạt động chủ trì và phối hợp của các tổ chức thành viên",
        "Hình 3. Vụ việc theo lĩnh vực và kết quả giải quyết",
    ]
    assert len(doc.inline_shapes) == 3


def test_an_empty_review_still_renders_without_tables_or_charts():
    empty = sample_review(totals=[], areas=[], members=[], localities=[], tasks=[], topics=[], hotspots=[],
                          statements=[])
    empty.coordination.activities = empty.coordination.joint = 0
    empty.coordination.member_names, empty.coordination.matrix = [], []
    doc = _open(review=empty)
    assert len(doc.tables) == 3  # header, closing, the models count table
    assert len(doc.inline_shapes) == 0


def test_a_long_locality_list_is_cut_to_the_busiest_with_a_note(monkeypatch):
    from phoihop.reviews.data import LocalityResult
    from phoihop.reviews.render import docx as renderer

    monkeypatch.setattr(renderer, "LOCALITY_ROWS", 2)
    places = [LocalityResult(n, f"Xã Số {n}", "Tỉnh Ninh Bình", n * 10, 0, 0) for n in range(1, 6)]
    doc = _open(review=sample_review(localities=places))
    rows = _table_starting(doc, "STT", "Địa bàn", "Trực thuộc", "Số hoạt động")
    assert [r[1] for r in rows[1:]] == ["Xã Số 5", "Xã Số 4", "Cộng (tất cả địa bàn)"]
    assert rows[-1][3] == "150"  # the total is of all five localities, not the two shown
    assert "2 trên 5 địa bàn có nhiều hoạt động nhất; danh sách đầy đủ trong tệp Excel." in _texts(doc)


def test_the_document_stays_vietnamese_for_an_english_interface():
    from django.utils import translation

    with translation.override("en"):
        data = render_docx(sample_review())
    doc = Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in doc.paragraphs] + cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "COMMUNIST PARTY" not in text


def test_the_signers_title_never_cuts_a_party_committees_name_in_two():
    from phoihop.reviews.render.docx import _usable, header_widths
    from phoihop.reviews.render.measure import balanced_break

    title = "TRƯỞNG BAN DÂN VẬN TỈNH ỦY, TRƯỞNG BAN CHỈ ĐẠO"
    for layout in ("party", "state"):
        lines = balanced_break(title, _usable(header_widths(layout)[1]), 14, bold=True)
        assert len(lines) == 2 and " ".join(lines) == title
        assert not any(line.endswith("TỈNH") for line in lines), lines  # was "… VẬN TỈNH" / "ỦY, …"
