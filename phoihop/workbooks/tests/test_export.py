"""Exporting a filtered activity list, and bringing it back in."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from phoihop.activities.models import Activity, Figure
from phoihop.activities.services import ActivityData, activity_bulk_create
from phoihop.workbooks.export import activities_workbook
from phoihop.workbooks.importer import activities_import

pytestmark = pytest.mark.django_db


def _activities(cast, program, count: int, **overrides):
    rows = [
        ActivityData(
            title=f"Hoạt động số {n}",
            start_date=dt.date(2020, 5, 1) + dt.timedelta(days=n),
            end_date=dt.date(2020, 5, 2) + dt.timedelta(days=n),
            content_area_id=program.content_areas.get(number=1 + n % 7).pk,
            lead_id=cast.dan_van.pk,
            partner_ids=[cast.military.pk] if n % 2 else [],
            locality_ids=[cast.places.lamha.pk],
            task_id=cast.task.pk if n % 3 == 0 else None,
            figures={cast.sessions.pk: Decimal(n + 1), cast.attendance.pk: Decimal(1000 * n + 50)},
            **overrides,
        )
        for n in range(count)
    ]
    return activity_bulk_create(actor=cast.secretariat, program=program, rows=rows, submit=True)


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content))["Hoạt động"]


def test_export_has_the_template_columns_status_roles_and_vietnamese_formats(cast, program):
    _activities(cast, program, 2)
    sheet = _sheet(activities_workbook(cast.secretariat, {}))
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Tên hoạt động", "Từ ngày", "Đến ngày"]
    assert headers[-2:] == ["Trạng thái", "Tổ chức tham gia (vai trò)"]
    row = {h: c for h, c in zip(headers, sheet[2], strict=True)}
    assert row["Tên hoạt động"].value == "Hoạt động số 1"
    assert row["Từ ngày"].number_format == "DD/MM/YYYY"
    assert row["Lượt người dự tuyên truyền (lượt người)"].value == 1050
    assert row["Lượt người dự tuyên truyền (lượt người)"].number_format == "#,##0"
    assert row["Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)"].value == "Phường Lam Hạ (13303)"
    assert row["Trạng thái"].value == "Đã gửi"
    assert row["Tổ chức tham gia (vai trò)"].value == (
        "Ban Dân vận Tỉnh ủy (Chủ trì); Bộ CHQS tỉnh (Phối hợp – Chờ xác nhận)"
    )


def test_export_for_an_outsider_contains_no_ha_nam_rows(cast, program):
    _activities(cast, program, 3)
    sheet = _sheet(activities_workbook(cast.outsider, {}))
    assert sheet.max_row == 1


def test_export_honors_the_filters(cast, program):
    _activities(cast, program, 7)
    area = program.content_areas.get(number=2)
    sheet = _sheet(activities_workbook(cast.secretariat, {"content_area": area}))
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["Hoạt động số 1"]


def test_export_query_count_does_not_grow_with_rows(cast, program, django_assert_max_num_queries):
    _activities(cast, program, 60)
    with django_assert_max_num_queries(10):
        activities_workbook(cast.secretariat, {})


def test_export_then_import_again_gives_equal_figures(cast, program):
    _activities(cast, program, 9)
    content = activities_workbook(cast.secretariat, {})
    before = sorted(Figure.objects.values_list("indicator_id", "value"))
    result = activities_import(actor=cast.secretariat, program=program, upload=io.BytesIO(content))
    assert result.ok, result.errors
    assert result.created == 9
    new = Activity.objects.order_by("pk")[9:]
    after = sorted(Figure.objects.filter(activity__in=new).values_list("indicator_id", "value"))
    assert after == before
    old_joint = Activity.objects.filter(participant_count=2).count()
    assert old_joint == 8  # 4 joint activities exported, 4 imported again
    assert {a.localities.get() for a in new} == {cast.places.lamha}
