"""The tasks of an annual plan: template, import (every error at once, all or none), export."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.programs.models import Task
from phoihop.workbooks.plan_tasks import plan_tasks_import, plan_tasks_workbook

pytestmark = pytest.mark.django_db


def _row(n: int, **overrides) -> dict:
    row = {
        "Nhiệm vụ": f"Nhiệm vụ phối hợp số {n}",
        "Nội dung phối hợp (số)": 1 + n % 3,
        "Đơn vị chủ trì": ["Ban Dân vận Tỉnh ủy", "Bộ CHQS tỉnh", "Hội LHPN tỉnh"][n % 3],
        "Đơn vị phối hợp (cách nhau bởi dấu ;)": "Hội LHPN tỉnh" if n % 3 == 1 else "",
        "Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)": "13303" if n % 2 else "",
        "Thời hạn": dt.date(2020, 6, 30),
        "Nội dung": "Theo kế hoạch đã ký",
        "Chỉ tiêu: Buổi tuyên truyền (buổi)": 10 + n,
    }
    return row | overrides


def _upload(plan, rows) -> io.BytesIO:
    book = load_workbook(io.BytesIO(plan_tasks_workbook(plan, with_rows=False)))
    sheet = book["Nhiệm vụ"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for offset, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=offset, column=columns[header], value=value)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "nhiem-vu.xlsx"
    return out


def test_a_plan_table_imports_every_task_with_its_targets(cast, program):
    result = plan_tasks_import(
        actor=cast.secretariat,
        plan=cast.plan,
        upload=_upload(cast.plan, [_row(n) for n in range(6)]),
    )
    assert result.ok and result.created == 6
    tasks = Task.objects.filter(plan=cast.plan).exclude(pk=cast.task.pk).order_by("number")
    assert [t.number for t in tasks] == [2, 3, 4, 5, 6, 7]
    second = tasks.get(title="Nhiệm vụ phối hợp số 1")
    assert second.lead == cast.military and list(second.partners.all()) == [cast.women]
    assert second.targets.get(indicator=cast.sessions).value == 11


def test_every_bad_row_of_a_plan_table_is_listed_and_nothing_is_imported(cast, program):
    rows = [_row(n) for n in range(8)]
    rows[1]["Đơn vị chủ trì"] = "Hội Nông dân tỉnh"
    rows[3]["Thời hạn"] = dt.date(2021, 2, 1)  # outside the plan year (the service says so)
    rows[5]["Nhiệm vụ"] = None
    rows[6]["Chỉ tiêu: Buổi tuyên truyền (buổi)"] = "nhiều"
    result = plan_tasks_import(
        actor=cast.secretariat, plan=cast.plan, upload=_upload(cast.plan, rows)
    )
    assert [e.row for e in result.errors] == [3, 5, 7, 8]
    assert "năm 2020" in result.errors[1].message
    assert Task.objects.filter(plan=cast.plan).count() == 1


def test_the_export_reimports_into_another_plan(cast, program):
    plan_tasks_import(
        actor=cast.secretariat,
        plan=cast.plan,
        upload=_upload(cast.plan, [_row(n) for n in range(3)]),
    )
    exported = load_workbook(io.BytesIO(plan_tasks_workbook(cast.plan, with_rows=True)))["Nhiệm vụ"]
    rows = list(exported.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4 and rows[0][1] == cast.task.title


def _urls(plan):
    return [
        reverse(f"workbooks:{name}", args=[plan.pk])
        for name in ("plan_template", "plan_import", "plan_export")
    ]


def test_plan_pages_answer_404_to_outsiders_and_send_anonymous_to_login(
    cast, program, client, client_for
):
    for url in _urls(cast.plan):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response.url
    outsider = client_for(cast.outsider)
    assert all(outsider.get(url).status_code == 404 for url in _urls(cast.plan))


def test_only_the_secretariat_imports_a_plan_table(cast, program, client_for):
    template, upload, export = _urls(cast.plan)
    viewer = client_for(cast.viewer)
    assert viewer.get(template).status_code == 200 and viewer.get(export).status_code == 200
    assert viewer.get(upload).status_code == 403
    assert client_for(cast.military_focal).get(upload).status_code == 403


def test_the_plan_import_page_lists_errors_or_goes_back_to_the_plan(cast, program, client_for):
    client = client_for(cast.secretariat)
    url = reverse("workbooks:plan_import", args=[cast.plan.pk])
    bad = [_row(1, **{"Đơn vị chủ trì": "Không có"}), _row(2, **{"Thời hạn": "hôm qua"})]
    page = client.post(url, {"file": _upload(cast.plan, bad)}).content.decode()
    assert "Không nhập dòng nào: tìm thấy 2 lỗi." in page
    response = client.post(url, {"file": _upload(cast.plan, [_row(1)])}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("programs:plan_detail", args=[cast.plan.pk])
    page = response.content.decode()
    assert "Đã nhập 1 nhiệm vụ vào kế hoạch." in page and "Nhiệm vụ phối hợp số 1" in page
    assert reverse("workbooks:plan_export", args=[cast.plan.pk]) in page


def test_the_program_page_links_to_the_excel_pages(cast, program, client_for):
    page = (
        client_for(cast.women_focal)
        .get(reverse("programs:detail", args=[program.pk]))
        .content.decode()
    )
    assert reverse("workbooks:template", args=[program.pk]) in page
    assert reverse("workbooks:import", args=[program.pk]) in page
    assert f"{reverse('workbooks:export')}?program={program.pk}" in page
