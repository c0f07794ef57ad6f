"""The consistency check: rendered Word and Excel files against the Review they came from.

It passes on every demo review in both layouts, on generated reviews (hypothesis), and
names the number when one is planted in a rendered document.
"""

import copy
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from phoihop.reviews.assessment import draft_statements
from phoihop.reviews.data import (
    AreaResult,
    Coordination,
    IndicatorTotal,
    MemberResult,
    NamedActivity,
    NamedModel,
    Review,
    Scope,
    TaskResult,
    TopicResult,
)
from phoihop.reviews.render.check import check_documents
from phoihop.reviews.render.docx import render_docx
from phoihop.reviews.render.xlsx import render_xlsx
from phoihop.reviews.tests.review_sample import sample_report, sample_review


def _drafted(review: Review) -> Review:
    review.statements = draft_statements(review)
    return review


def _both(review, report=None):
    return render_docx(review, report, charts=False), render_xlsx(review, report)


# --- Planted numbers --------------------------------------------------------------------------


def _replace_in_docx(data: bytes, old: str, new: str) -> bytes:
    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new, 1)
                out = io.BytesIO()
                document.save(out)
                return out.getvalue()
    raise AssertionError(f"{old!r} is not in the document")


def test_the_check_passes_on_a_consistent_rendering():
    review = _drafted(sample_review())
    assert check_documents(review, sample_report(), *_both(review, sample_report())) == []


def test_a_number_planted_in_the_word_prose_is_named():
    review = _drafted(sample_review())
    docx, xlsx = _both(review, sample_report())
    planted = _replace_in_docx(docx, "xác nhận 3.048 hoạt động", "xác nhận 3.084 hoạt động")

    problems = check_documents(review, sample_report(), planted, xlsx)

    assert len(problems) == 1
    assert "II. KẾT QUẢ THỰC HIỆN" in problems[0] and "ghi 3.084, số liệu là 3.048" in problems[0]


def test_a_model_replication_count_planted_in_the_word_prose_is_named():
    review = _drafted(sample_review())
    docx, xlsx = _both(review, sample_report())
    planted = _replace_in_docx(docx, "nhân rộng tại 14 địa bàn", "nhân rộng tại 41 địa bàn")

    problems = check_documents(review, sample_report(), planted, xlsx)

    assert len(problems) == 1 and "ghi 41, số liệu là 14" in problems[0]


def test_a_number_planted_in_a_word_table_is_named_with_its_biểu():
    review = _drafted(sample_review())
    docx, xlsx = _both(review)
    document = Document(io.BytesIO(docx))
    cell = next(c for t in document.tables for row in t.rows for c in row.cells if c.text == "1.234")
    cell.paragraphs[0].runs[0].text = "1.243"
    out = io.BytesIO()
    document.save(out)

    problems = check_documents(review, None, out.getvalue(), xlsx)

    assert any("(Word)" in p and "Tiếp nhận" in p and "ghi 1.243, số liệu là 1.234" in p for p in problems)


def test_a_number_planted_in_the_workbook_is_named_with_its_sheet_table():
    review = _drafted(sample_review())
    docx, xlsx = _both(review)
    book = load_workbook(io.BytesIO(xlsx))
    sheet = next(book[name] for name in book.sheetnames if name.endswith("Vụ việc"))
    sheet.cell(4, 3).value = 1243  # Môi trường, Tiếp nhận: 1234
    out = io.BytesIO()
    book.save(out)

    problems = check_documents(review, None, docx, out.getvalue())

    assert problems == [f"Biểu {sheet.title.split('.')[0]} (Excel), dòng 2, cột “Tiếp nhận”: ghi 1243, số liệu là 1234."]


def test_prose_built_from_another_review_is_caught():
    """The old bug: prose from the redacted figures beside the full review's appendix."""
    full = _drafted(sample_review())
    redacted = _drafted(sample_review(topics=[t for t in full.topics if not t.sensitive], redacted=True))
    docx, xlsx = _both(redacted)
    assert any("Mục II" in p for p in check_documents(full, None, docx, xlsx))


def test_word_and_excel_number_their_tables_the_same_way():
    review = _drafted(sample_review())
    docx, xlsx = _both(review)
    captions = [p.text for p in Document(io.BytesIO(docx)).paragraphs if p.text.startswith("Biểu ")]
    book = load_workbook(io.BytesIO(xlsx))
    sheets = [book[name].cell(1, 1).value for name in book.sheetnames if name[0].isdigit()]
    assert captions == sheets[: len(captions)]
    assert [c.split(".")[0] for c in captions] == [f"Biểu {n}" for n in range(1, len(captions) + 1)]


# --- Generated reviews -----------------------------------------------------------------------

AREAS = ["Tuyên truyền, vận động", "Nắm tình hình, trao đổi thông tin", "Quốc phòng, quân sự địa phương"]
INDICATORS = [("buoi", "Buổi tuyên truyền", "buổi", 0), ("tien", "Tiền vận động, ủng hộ", "đồng", 0),
              ("cong", "Ngày công lao động", "ngày công", 0), ("km", "Đường giao thông nông thôn", "km", 1)]
TOPICS = [("dat-dai", "Đất đai", True), ("gpmb", "Giải phóng mặt bằng", True), ("moi-truong", "Môi trường", False)]
counts = st.integers(min_value=0, max_value=3000)
# Titles and names with digits of their own: the check must not take them for figures.
TITLES = ["Hội nghị kỷ niệm 73 năm Ngày Thương binh - Liệt sĩ tại Xã Thanh Hải", "Ra quân xây dựng nông thôn mới",
          "Tuyên truyền Luật Đất đai năm 2013 tại Phường Lam Hạ"]
MODELS = ["Dân vận khéo", "Mô hình “5 không, 3 sạch” ở khu dân cư", "Tổ tự quản 24/7"]
named_joint = st.lists(
    st.builds(NamedActivity, st.sampled_from(TITLES), st.just("Ban Dân vận"), st.just(["Hội CCB tỉnh", "Đoàn 1"]),
              st.just(dt.date(2020, 3, 2))),
    max_size=3,
)
named_models = st.lists(
    st.builds(NamedModel, st.sampled_from(MODELS), st.just(["UBMTTQ tỉnh", "Hội Nông dân tỉnh"]),
              st.sampled_from(["recognized", "outstanding"]), st.booleans(), st.integers(0, 12)),
    max_size=2,
)


@st.composite
def indicator(draw, code, name, unit, decimals, with_target=True):
    value = Decimal(draw(st.integers(0, 30_000_000_000 if unit == "đồng" else 60_000))) / (10 if decimals else 1)
    target = draw(st.one_of(st.none(), st.integers(1, 5000).map(Decimal))) if with_target else None
    return IndicatorTotal(code, name, unit, decimals, value, target, draw(counts), None)


@st.composite
def reviews(draw):
    areas = []
    for n, name in enumerate(AREAS, 1):
        activities = draw(counts)
        shown = draw(st.lists(st.sampled_from(INDICATORS), max_size=2, unique=True))
        joint = draw(st.integers(0, activities))
        areas.append(AreaResult(n, name, activities, joint, 0.3,
                                [draw(indicator(*i, with_target=False)) for i in shown],
                                draw(named_joint)[:joint], draw(named_models)))
    total = sum(a.activities for a in areas)
    topics = []
    for code, name, sensitive in TOPICS:
        parts = [draw(st.integers(0, 40)) for _ in range(4)]
        topics.append(TopicResult(code, name, sensitive, sum(parts), *parts, draw(st.integers(0, parts[3]))))
    statuses = ["done", "overdue", "on_track", "not_started"]
    review = Review(
        scope=Scope(1, dt.date(2020, 1, 1), dt.date(2020, 6, 30), "six_months"),
        program_name="Chương trình phối hợp giai đoạn 2016–2020",
        committee_name="Ban Chỉ đạo tỉnh Hà Nam", host_name="Ban Dân vận Tỉnh ủy Hà Nam",
        province_name="Tỉnh Hà Nam", period_label="6 tháng đầu năm 2020",
        computed_at=dt.datetime(2020, 7, 1, tzinfo=dt.UTC), redacted=draw(st.booleans()),
        totals=[draw(indicator(*i)) for i in draw(st.lists(st.sampled_from(INDICATORS), max_size=4, unique=True))],
        areas=areas,
        members=[MemberResult(k, f"Tổ chức {k}", f"TC{k}", draw(counts), draw(counts), 0) for k in range(1, 3)],
        localities=[],
        tasks=[TaskResult(2020, k, f"Nhiệm vụ {k}", "BDV", dt.date(2020, 6, 1), draw(st.sampled_from(statuses)), None)
               for k in range(1, draw(st.integers(0, 4)) + 1)],
        coordination=Coordination(total, sum(a.joint for a in areas), ["TC1", "TC2"], [[1, 0], [0, 1]],
                                  [(a.name, a.activities) for a in areas],
                                  {"proposed": draw(st.integers(0, 9)), "recognized": draw(st.integers(0, 9)),
                                   "outstanding": draw(st.integers(0, 9))}),
        topics=topics, hotspots=[], statements=[],
    )
    if review.redacted:
        review.topics = [t for t in review.topics if not t.sensitive]
    return _drafted(review)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review=reviews(), layout=st.sampled_from(["party", "state"]))
def test_the_check_passes_on_generated_reviews(review, layout):
    report = sample_report(layout=layout)
    assert check_documents(review, report, *_both(review, report)) == []


# --- Every demo review -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_reviews(django_db_setup, django_db_blocker):
    """The demo (one province), loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo_load", "--provinces", "tinhhanam", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.parametrize("layout", ["party", "state"])
def test_the_check_passes_on_every_demo_review(demo_reviews, db, layout):
    from phoihop.accounts.models import User
    from phoihop.reviews.models import ReviewReport
    from phoihop.reviews.selectors import review_for_user

    reports = list(ReviewReport.objects.order_by("pk"))
    assert {r.status for r in reports} == {"issued", "draft"}
    for username in ("thuongtruc", "bochqs"):  # full and redacted
        user = User.objects.get(username=username)
        for report in reports:
            if report.status == "draft" and username != "thuongtruc":
                continue
            review = review_for_user(user, report)
            shown = copy.copy(report)
            shown.layout = layout
            docx, xlsx = render_docx(review, shown, charts=False), render_xlsx(review, shown)
            assert check_documents(review, shown, docx, xlsx) == [], (username, report.pk)


def test_the_plan_linked_result_never_exceeds_the_period_result_on_demo_reviews(demo_reviews, db):
    from phoihop.accounts.models import User
    from phoihop.reviews.models import ReviewReport
    from phoihop.reviews.selectors import review_for_user

    user = User.objects.get(username="thuongtruc")
    checked = 0
    for report in ReviewReport.objects.order_by("pk"):
        for total in review_for_user(user, report).totals:
            if total.achieved is not None:
                assert total.achieved <= total.value, (report.pk, total.code)
                checked += 1
    assert checked


def test_a_name_with_a_digit_is_taken_out_only_where_it_stands_whole():
    from phoihop.reviews.render.check import numbers_in

    assert numbers_in("tổ chức 1.473 buổi tuyên truyền", ["tổ chức 1"]) == ["1.473"]
    assert numbers_in("Đoàn 1 tổ chức 5 buổi", ["Đoàn 1"]) == ["5"]
