"""The "Must show" list of the reviews-you-can-sign issue (#10), one test per bullet, each
named after it. Each reads the surfaces a reader sees: the review page, the Word file's
text, the workbook's cells and the API, and compares them where two show the same number.
(The Word and Excel files are rendered by the functions the download jobs call.)
"""

import datetime as dt
import html
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from phoihop.benchmarks import reviews as bench_reviews
from phoihop.reviews.data import Kind, Review
from phoihop.reviews.render.check import check_documents
from phoihop.reviews.render.docx import render_docx
from phoihop.reviews.render.xlsx import render_xlsx
from phoihop.reviews.selectors import review_for_user
from phoihop.reviews.services import review_create, review_issue
from phoihop.reviews.tests.finishing import finished
from phoihop.reviews.tests.test_as_of import H1_END, _second_half, first_half, on  # noqa: F401 (fixture)
from phoihop.reviews.tests.test_check import _replace_in_docx

pytestmark = pytest.mark.django_db


# --- the surfaces ---------------------------------------------------------------------------


def _page(client, report) -> str:
    """The review page's text, tags taken out."""
    text = client.get(reverse("reviews:detail", args=[report.pk])).text
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _docx_lines(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    lines = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return lines


def _xlsx_cells(data: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def _api(user, report) -> dict:
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"/api/reviews/{report.pk}/").json()


def _surfaces(client, user, report) -> dict:
    review = review_for_user(user, report)
    docx, xlsx = render_docx(review, report, charts=False), render_xlsx(review, report)
    return {
        "review": review, "page": _page(client, report), "docx": _docx_lines(docx), "docx_bytes": docx,
        "xlsx": _xlsx_cells(xlsx), "xlsx_bytes": xlsx, "api": _api(user, report),
    }


def _body(lines: list[str]) -> list[str]:
    """Sections I–V and the appendix: the document without its header, signature date and
    the appendix caption's date, which say the day a draft was printed, not a figure."""
    body = lines[lines.index("I. ĐẶC ĐIỂM TÌNH HÌNH") :]
    printed_on = re.compile(r"^\(Kèm theo Báo cáo số|, ngày \d+ tháng \d+ năm \d{4}")
    return [line for line in body if not printed_on.search(line)]


def _figures_only(cells: dict) -> dict:
    """The workbook without the rows saying when it was printed and computed."""
    when = ("Địa danh, ngày tháng", "Số liệu tính lúc")
    return {
        sheet: [row for row in rows if not (isinstance(row[0], str) and row[0].startswith(when))]
        for sheet, rows in cells.items()
    }


def _cell_with(cells: dict, label: str):
    """The number beside the first cell reading `label`, in any sheet."""
    for rows in cells.values():
        for row in rows:
            for i, value in enumerate(row):
                if value == label:
                    return next(v for v in row[i + 1 :] if isinstance(v, int | float))
    raise AssertionError(f"{label!r} is in no sheet")


# --- 1. time machine ------------------------------------------------------------------------


def test_time_machine_h1_2020_computed_today_equals_computed_on_30_june_and_later_records_change_nothing(
    cast, program, first_half, client_for  # noqa: F811 (the fixture)
):
    """Tasks, cases, hotspots, models, reports: the H1 draft read on 30/06/2020 and read
    again on 01/03/2021, after an activity of 18/09 that completes tasks, a case resolved in
    September and another reopened in August, a hotspot lifted and a model recognized,
    shows the same on the page, in the Word file, in the workbook and in the API."""
    with on(H1_END):
        draft = review_create(
            actor=cast.secretariat, program=program, kind=Kind.SIX_MONTHS, start=dt.date(2020, 1, 1), end=H1_END
        )
        then = _surfaces(client_for(cast.secretariat), cast.secretariat, draft)
    _second_half(cast, first_half)
    with on(dt.date(2021, 3, 1)):
        later = _surfaces(client_for(cast.secretariat), cast.secretariat, draft)

    assert _body(later["docx"]) == _body(then["docx"])
    assert _figures_only(later["xlsx"]) == _figures_only(then["xlsx"])
    assert later["api"]["review"] | {"computed_at": None} == then["api"]["review"] | {"computed_at": None}
    for figure in ("tasks.overdue", "tasks.done", "cases.received", "cases.resolved", "cases.open"):
        assert later["review"].figure(figure) == then["review"].figure(figure), figure
    # what 30/06 saw: one environment case of two resolved, none of the tasks done, the
    # hotspot still designated, the model still proposed
    review = then["review"]
    assert (review.figure("cases.received"), review.figure("cases.resolved")) == (2, 1)
    assert review.figure("tasks.done") == 0 and review.figure("tasks.overdue") == 1
    assert [h.designated for h in review.hotspots] == [True]
    sentence = "Qua nắm tình hình, các tổ chức thành viên tiếp nhận 2 vụ việc, đã giải quyết 1 vụ việc"
    for surface in (later["page"], " ".join(later["docx"])):
        assert sentence in surface
    assert "Số liệu theo tình hình đến hết ngày 30/06/2020" in later["page"]


# --- 2. consistency check -------------------------------------------------------------------


def test_the_consistency_check_passes_on_a_rendered_review_and_names_a_number_planted_in_it(
    cast, program, seed_figures, client_for
):
    """The demo reviews (both layouts) and 200 generated ones are checked in test_check.py
    (test_the_check_passes_on_every_demo_review, test_the_check_passes_on_generated_reviews);
    here a secretariat's own draft: the page card, the prose, the workbook and the API say
    the same activity count, the check finds nothing, and a planted number is named."""
    report = review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM, start=program.period_start, end=program.period_end
    )
    seen = _surfaces(client_for(cast.secretariat), cast.secretariat, report)
    review = seen["review"]
    activities = review.figure("activities")

    assert activities == 14
    assert Review.from_json(json.dumps(seen["api"]["review"])).figure("activities") == activities
    overview = f"xác nhận {activities} hoạt động phối hợp của các tổ chức thành viên"
    assert overview in seen["page"] and overview in " ".join(seen["docx"])
    assert _cell_with(seen["xlsx"], "Số hoạt động đã xác nhận") == activities
    assert check_documents(review, report, seen["docx_bytes"], seen["xlsx_bytes"]) == []

    planted = _replace_in_docx(seen["docx_bytes"], overview, overview.replace(str(activities), "41"))
    problems = check_documents(review, report, planted, seen["xlsx_bytes"])
    assert problems and "ghi 41, số liệu là 14" in problems[0]


# --- 3. issuing -----------------------------------------------------------------------------


def test_issuing_with_an_empty_section_or_a_placeholder_is_refused_naming_it_and_the_issued_page_and_docx_have_the_same_text(
    cast, program, seed_figures, client_for
):
    draft = review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM, start=program.period_start, end=program.period_end
    )
    with pytest.raises(ValidationError) as empty:
        review_issue(actor=cast.secretariat, review=draft)
    assert "“V. KIẾN NGHỊ, ĐỀ XUẤT” còn trống" in " ".join(empty.value.messages)
    draft = finished(cast.secretariat, draft, recommendations="(Thường trực Ban Chỉ đạo bổ sung nội dung.)")
    with pytest.raises(ValidationError) as placeholder:
        review_issue(actor=cast.secretariat, review=draft)
    assert placeholder.value.messages == [
        "Mục “V. KIẾN NGHỊ, ĐỀ XUẤT” còn trống hoặc còn nội dung dự thảo; hãy biên tập trước khi ban hành."
    ]

    draft.refresh_from_db()
    issued = review_issue(actor=cast.secretariat, review=finished(cast.secretariat, draft))
    seen = _surfaces(client_for(cast.secretariat), cast.secretariat, issued)
    body = _body(seen["docx"])
    prose = body[: body.index("PHỤ LỤC")]
    assert len(prose) > 10
    for line in prose:  # every line the Word file prints in sections I–V is on the page
        assert " ".join(line.split()) in seen["page"], line
    for section in seen["api"]["sections"]:  # and the API gives the same paragraphs
        for paragraph in section["paragraphs"]:
            assert paragraph in prose
    assert not [line for line in seen["docx"] if "bổ sung nội dung" in line]


# --- 4. the State and Party layouts ---------------------------------------------------------


LAYOUT_RULES = {
    # HD 36-HD/VPTW (Party layout)
    "party": [
        "ĐẢNG CỘNG SẢN VIỆT NAM",  # national line of a Party body's document
        "Số 12-BC/BCĐ",  # number and symbol, the issuer's suffix
        "Hà Nam, ngày 20 tháng 11 năm 2020",  # place and date, day and month zero-padded below 10 only
        "BÁO CÁO",  # the document type, alone on its line
        "Nơi nhận:",
        "T/M BAN CHỈ ĐẠO",
    ],
    # NĐ 30/2020/NĐ-CP, appendix I (State layout)
    "state": [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # quốc hiệu
        "Độc lập - Tự do - Hạnh phúc",  # tiêu ngữ
        "Số: 12/BC-BCĐ",
        "Hà Nam, ngày 20 tháng 11 năm 2020",
        "BÁO CÁO",
        "Nơi nhận:",
        "TM. BAN CHỈ ĐẠO",
    ],
}


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize("layout", ["party", "state"])
def test_the_issued_review_in_both_layouts_follows_each_hd36_and_nd30_rule(cast, program, seed_figures, client_for, layout):
    """What a LibreOffice render was looked at for, page by page, as assertions on the file:
    each rule's text is on its own line; the summary does not repeat "Báo cáo"; the list of
    recipients ends with the filing copy; no drafting placeholder. Sizes, bold, the summary
    rule's length and keep-with-next are checked run by run in test_render_docx.py."""
    draft = review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM, start=program.period_start, end=program.period_end
    )
    number = {"party": "12-BC/BCĐ", "state": "12/BC-BCĐ"}[layout]
    issued = review_issue(actor=cast.secretariat, review=finished(cast.secretariat, draft, layout=layout, number=number))
    seen = _surfaces(client_for(cast.secretariat), cast.secretariat, issued)
    lines = [line for cell in seen["docx"] for line in cell.split(" | ")]
    joined = "\n".join(lines)

    for rule in LAYOUT_RULES[layout]:
        assert any(line == rule or line.startswith(rule) for line in joined.split("\n")), rule
    title = joined.split("\n")[joined.split("\n").index("BÁO CÁO") + 1]
    assert not title.lower().startswith("báo cáo"), title
    recipients = [line for line in joined.split("\n") if line.startswith("- ")]
    if layout == "state":  # NĐ 30: each line ends with ";", the last is the filing copy "- Lưu: VT, …"
        assert recipients[-1].startswith("- Lưu: VT") and all(r.endswith(";") for r in recipients[:-1])
    else:  # HD 36: the last is the filing copy "- Lưu Văn phòng …"
        assert recipients[-1].startswith("- Lưu ")
    assert recipients[-1].endswith(".")
    assert "(Thường trực" not in joined and "…" not in title
    assert number in seen["page"]  # the page shows the number the document prints
    assert f"Kèm theo Báo cáo số {number}" in joined  # the appendix's caption


# --- 5. bench figures -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bench_figures_for_the_review_page_and_the_docx_are_reported_as_ratios_to_their_baselines(
    tmp_path, monkeypatch
):
    """No timing is asserted (timings live in ./dev bench): each figure of the review page
    and of the Word export carries its baseline, measured in the same run, so it reads as a
    ratio. At smoke scale; the demo step is the reviews suite's and runs in test_smoke.py."""
    monkeypatch.setattr(bench_reviews, "demo_scale", lambda report, repeats: None)
    out = tmp_path / "bench.json"
    call_command("bench_run", "reviews_pages", "--smoke", "--json", str(out))
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    wanted = [f for f in figures if "review page GET" in f["name"] or "DOCX export" in f["name"]]

    assert {("page" if "page" in f["name"] else "docx") for f in wanted} == {"page", "docx"}
    for figure in wanted:
        assert figure["baseline_name"] and figure["baseline_seconds"], figure["name"]
