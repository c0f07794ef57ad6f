"""The template download, import and export pages."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.activities.models import Activity
from phoihop.workbooks.tests.conftest import good_row, workbook_bytes

pytestmark = pytest.mark.django_db


def _template_url(program):
    return reverse("workbooks:template", args=[program.pk])


def _import_url(program):
    return reverse("workbooks:import", args=[program.pk])


def test_template_has_vietnamese_headers_lists_and_a_guide(cast, program, client_for):
    response = client_for(cast.women_focal).get(_template_url(program))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Hoạt động", "Hướng dẫn"]
    headers = [c.value for c in book["Hoạt động"][1]]
    assert headers[:9] == [
        "Tên hoạt động", "Từ ngày", "Đến ngày", "Nội dung phối hợp (số)", "Đơn vị chủ trì",
        "Cơ quan phối hợp (cách nhau bởi dấu ;)", "Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)",
        "Nhiệm vụ (số thứ tự/năm)", "Kết quả",
    ]
    assert "Buổi tuyên truyền (buổi)" in headers
    validations = book["Hoạt động"].data_validations.dataValidation
    assert {str(v.sqref) for v in validations} == {"D2:D1001", "E2:E1001"}
    guide = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "dd/mm/yyyy" in guide and "Bộ Chỉ huy Quân sự tỉnh Hà Nam" in guide
    assert "Bộ CHQS tỉnh Hà Nam" in guide  # aliases
    assert "Tiền vận động, ủng hộ (đồng)" in guide and "1/2020" in guide


def test_template_of_another_committee_gets_404(cast, program, client_for):
    assert client_for(cast.outsider).get(_template_url(program)).status_code == 404


def test_anonymous_is_sent_to_login(client, program):
    for url in (_template_url(program), _import_url(program), reverse("workbooks:export")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_import_page_works_for_a_focal_point(cast, program, client_for):
    client = client_for(cast.military_focal)
    response = client.get(_import_url(program))
    assert response.status_code == 200
    assert "Nhập hoạt động từ Excel" in response.content.decode()
    upload = workbook_bytes(program, [good_row(n, **{"Đơn vị chủ trì": "Bộ CHQS tỉnh"}) for n in (1, 2)])
    response = client.post(_import_url(program), {"file": upload, "submit": "on"}, follow=True)
    assert "Đã nhập 2 hoạt động từ tệp này." in response.content.decode()
    assert Activity.objects.filter(lead=cast.military, status="submitted").count() == 2


def test_import_page_shows_row_column_and_reason(cast, program, client_for):
    upload = workbook_bytes(program, [good_row(1), good_row(2, **{"Từ ngày": "hôm qua"})])
    response = client_for(cast.secretariat).post(_import_url(program), {"file": upload}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không nhập dòng nào: tìm thấy 1 lỗi." in page
    assert "<td class=\"num\">3</td><td>B · Từ ngày</td>" in page
    assert "không phải ngày dạng dd/mm/yyyy" in page
    assert Activity.objects.count() == 0


def test_import_without_a_file_asks_for_one(cast, program, client_for):
    response = client_for(cast.secretariat).post(_import_url(program), {})
    assert "Hãy chọn tệp Excel cần nhập." in response.content.decode()


def test_a_docx_renamed_xlsx_gets_a_vietnamese_message(cast, program, client_for):
    fake = io.BytesIO(b"PK\x03\x04 not really a workbook")
    fake.name = "bao-cao.xlsx"
    response = client_for(cast.secretariat).post(_import_url(program), {"file": fake}, follow=True)
    assert "không phải bảng tính Excel" in response.content.decode()
    assert Activity.objects.count() == 0


def test_viewer_gets_403_and_outsider_404_on_import(cast, program, client_for):
    assert client_for(cast.viewer).get(_import_url(program)).status_code == 403
    assert client_for(cast.outsider).get(_import_url(program)).status_code == 404


def test_export_download_uses_the_list_filters(cast, program, client_for):
    client = client_for(cast.secretariat)
    client.post(_import_url(program), {"file": workbook_bytes(program, [good_row(1), good_row(2)]), "submit": "on"})
    response = client.get(reverse("workbooks:export"), {"q": "dat dai so 2"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Hoạt động"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Tuyên truyền pháp luật đất đai số 2"
    ]
