"""Importing a filled template: every cell checked first, then all rows or none."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest

from phoihop.activities.models import Activity, ActivityStatus, Figure, Participation
from phoihop.programs.models import Indicator
from phoihop.workbooks.importer import activities_import
from phoihop.workbooks.tests.conftest import good_row, workbook_bytes

pytestmark = pytest.mark.django_db


def _import(cast, program, rows, actor=None, **kwargs):
    upload = workbook_bytes(program, rows)
    return activities_import(actor=actor or cast.secretariat, program=program, upload=upload, **kwargs)


def test_one_bad_cell_among_a_thousand_rows_imports_nothing_and_names_the_cell(cast, program):
    rows = [good_row(n) for n in range(1000)]
    rows[736]["Lượt người dự tuyên truyền (lượt người)"] = "nhiều"
    result = _import(cast, program, rows)
    assert Activity.objects.count() == 0
    assert [(e.row, e.column) for e in result.errors] == [(738, "K · Lượt người dự tuyên truyền (lượt người)")]
    assert "không phải là một số" in result.errors[0].message


def test_a_valid_workbook_imports_every_row_with_its_figures(cast, program):
    rows = [good_row(n) for n in range(12)]
    result = _import(cast, program, rows, submit=True)
    assert result.ok and result.created == 12
    assert Activity.objects.filter(status=ActivityStatus.SUBMITTED).count() == 12
    attendance = Figure.objects.filter(indicator=cast.attendance)
    assert attendance.count() == 12 and {f.value for f in attendance} == {Decimal(4100)}
    money = Indicator.objects.get(code="tien-van-dong")
    assert Figure.objects.filter(indicator=money).first().value == Decimal(1_500_000)
    joint = Activity.objects.get(title="Tuyên truyền pháp luật đất đai số 0")
    assert joint.participant_count == 3 and joint.task == cast.task
    assert list(joint.localities.all()) == [cast.places.lamha]
    assert Participation.objects.filter(activity=joint, role="partner", status="pending").count() == 2
    assert joint.history.count() == 1


def test_every_kind_of_bad_cell_is_reported_in_vietnamese(cast, program):
    bad = {
        "Từ ngày": "31/02/2020",
        "Đến ngày": dt.date(2021, 1, 5),
        "Nội dung phối hợp (số)": 9,
        "Đơn vị chủ trì": "Hội Nông dân tỉnh",
        "Cơ quan phối hợp (cách nhau bởi dấu ;)": "Bộ CHQS tỉnh; Ban Dân vận Tỉnh ủy Nam Định",
        "Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)": "Thanh Hải",
        "Nhiệm vụ (số thứ tự/năm)": "7/2020",
        "Buổi tuyên truyền (buổi)": -2,
        "Lượt người dự tuyên truyền (lượt người)": "0.5",
        "Tên hoạt động": None,
    }
    result = _import(cast, program, [good_row(1), good_row(2, **bad)])
    assert Activity.objects.count() == 0
    by_column = {e.column.split(" ")[0]: e.message for e in result.errors}
    assert {e.row for e in result.errors} == {3}
    assert "bắt buộc" in by_column["A"]
    assert "không có thật" in by_column["B"]
    assert "tương lai" in by_column["C"]
    assert "nội dung phối hợp số 9" in by_column["D"]
    assert "Không tìm thấy tổ chức thành viên" in by_column["E"]
    assert "Nam Định" in by_column["F"]
    assert "Không tìm thấy địa bàn" in by_column["G"]
    assert "nhiệm vụ số 7" in by_column["H"]
    assert "âm" in by_column["J"]
    assert "không rõ" in by_column["K"]


def test_end_before_start_and_dates_outside_the_program_are_refused(cast, program):
    rows = [
        good_row(1, **{"Từ ngày": "10/05/2020", "Đến ngày": "09/05/2020"}),
        good_row(2, **{"Từ ngày": "31/12/2015", "Đến ngày": "02/01/2016"}),
    ]
    result = _import(cast, program, rows)
    assert [(e.row, e.column.split(" ")[0]) for e in result.errors] == [(2, "C"), (3, "B")]


def test_a_focal_point_cannot_import_rows_led_by_another_organization(cast, program):
    rows = [good_row(1, **{"Đơn vị chủ trì": "Bộ CHQS tỉnh Hà Nam"}), good_row(2)]
    result = _import(cast, program, rows, actor=cast.military_focal)
    assert Activity.objects.count() == 0
    assert [(e.row, e.column.split(" ")[0]) for e in result.errors] == [(3, "E")]
    assert "tổ chức của mình" in result.errors[0].message


def test_vietnamese_and_excel_numbers_are_both_read(cast, program):
    rows = [
        good_row(1, **{"Tiền vận động, ủng hộ (đồng)": "156.000.000"}),
        good_row(2, **{"Tỷ lệ hộ nghèo (%)": "1,25", "Tiền vận động, ủng hộ (đồng)": 2500000.0}),
    ]
    assert _import(cast, program, rows).ok
    money = Indicator.objects.get(code="tien-van-dong")
    assert sorted(Figure.objects.filter(indicator=money).values_list("value", flat=True)) == [
        Decimal(2_500_000), Decimal(156_000_000)
    ]
    assert Figure.objects.get(indicator__code="ty-le-ho-ngheo").value == Decimal("1.25")


def test_a_decimal_in_a_whole_number_indicator_is_refused(cast, program):
    result = _import(cast, program, [good_row(1, **{"Buổi tuyên truyền (buổi)": "2,5"})])
    assert "số nguyên" in result.errors[0].message


def test_a_workbook_without_the_template_headers_is_refused_clearly(cast, program):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tên", "Ngày"])
    book.active.append(["Hội nghị", "01/02/2020"])
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    result = activities_import(actor=cast.secretariat, program=program, upload=upload)
    assert len(result.errors) == 1 and "không đúng mẫu" in result.errors[0].message
    assert "“Từ ngày”" in result.errors[0].message


@pytest.mark.parametrize("content", [b"khong phai excel", b""])
def test_garbage_is_refused_with_a_vietnamese_message(cast, program, content):
    result = activities_import(actor=cast.secretariat, program=program, upload=io.BytesIO(content))
    assert "không phải bảng tính Excel" in result.errors[0].message
    assert Activity.objects.count() == 0


def test_a_word_document_renamed_xlsx_is_refused(cast, program):
    upload = io.BytesIO()
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    upload.seek(0)
    result = activities_import(actor=cast.secretariat, program=program, upload=upload)
    assert "không phải bảng tính Excel" in result.errors[0].message


def test_too_many_rows_get_a_clear_message(cast, program, monkeypatch):
    monkeypatch.setattr("phoihop.workbooks.importer.MAX_ROWS", 3)
    result = _import(cast, program, [good_row(n) for n in range(4)])
    assert "hơn 3 dòng" in result.errors[0].message
    assert Activity.objects.count() == 0


def test_an_ambiguous_place_lists_its_candidates(cast, program):
    from phoihop.conftest import _unit
    from phoihop.localities.models import Kind, Level

    reform = dt.date(2025, 7, 1)
    for code, district in (("13311", "Phủ Lý"), ("13500", "Thanh Liêm")):
        parent = cast.places.phuly if district == "Phủ Lý" else _unit(
            "v1.d353", "353", "Huyện Thanh Liêm", "Thanh Liêm", Kind.HUYEN, Level.DISTRICT,
            cast.places.hanam, valid_to=reform,
        )
        _unit(f"v1.c{code}", code, "Xã Liêm Tiết", "Liêm Tiết", Kind.XA, Level.COMMUNE, parent, valid_to=reform)
    result = _import(cast, program, [good_row(1, **{"Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)": "Liêm Tiết"})])
    message = result.errors[0].message
    assert "có thể là" in message and "Thành phố Phủ Lý" in message and "Huyện Thanh Liêm" in message
    fixed = good_row(1, **{"Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)": "Liêm Tiết, Thanh Liêm"})
    assert _import(cast, program, [fixed]).ok


def test_an_import_writes_the_history_the_generic_bulk_path_writes(cast, program):
    """Each imported activity, participation and figure has one "+" history row by the
    importer, with its tracked values (copied in SQL, services._history_of_batch), as
    bulk_create_with_history writes them for a bulk create without a batch."""
    result = _import(cast, program, [good_row(n) for n in range(6)], submit=True)
    assert result.ok
    for model in (Activity, Participation, Figure):
        records = model.objects.order_by("pk")
        assert records.exists()
        history = model.history.model.objects.order_by("id")
        assert history.count() == records.count()
        fields = [f.attname for f in model.history.model.tracked_fields]
        assert list(history.values_list(*fields)) == list(records.values_list(*fields))
        assert set(history.values_list("history_type", "history_user_id")) == {("+", cast.secretariat.pk)}
    stamps = set(Activity.history.values_list("history_date", flat=True))
    assert len(stamps) == 1 and abs(stamps.pop() - Activity.objects.first().created_at).total_seconds() < 60
