"""The secretariat imports the members' activities; every error of a file at once; a
link to what one import created."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.activities.models import Activity
from phoihop.workbooks.importer import activities_import
from phoihop.workbooks.tests.conftest import good_row, workbook_bytes

pytestmark = pytest.mark.django_db

LEADS = ["Ban Dân vận Tỉnh ủy", "Bộ CHQS tỉnh", "Hội LHPN tỉnh"]


def _members_rows(count: int) -> list[dict]:
    return [
        good_row(
            n, **{"Đơn vị chủ trì": LEADS[n % 3], "Cơ quan phối hợp (cách nhau bởi dấu ;)": ""}
        )
        for n in range(count)
    ]


def test_the_secretariat_imports_a_thousand_rows_of_several_members(cast, program):
    upload = workbook_bytes(program, _members_rows(1000))
    result = activities_import(actor=cast.secretariat, program=program, upload=upload)
    assert result.ok and result.created == 1000
    imported = Activity.objects.filter(import_batch=result.batch)
    assert imported.count() == 1000
    assert imported.filter(lead=cast.military).count() == 333
    assert imported.filter(lead=cast.women).count() == 333
    assert imported.filter(lead=cast.dan_van).count() == 334
    assert set(imported.values_list("created_by", flat=True)) == {cast.secretariat.pk}


def test_an_administrator_imports_on_members_behalf_too(cast, program):
    upload = workbook_bytes(program, _members_rows(3))
    assert activities_import(actor=cast.admin, program=program, upload=upload).created == 3


def test_five_bad_rows_are_all_listed_at_once_and_nothing_is_imported(cast, program):
    rows = _members_rows(40)
    rows[3]["Đơn vị chủ trì"] = "Hội Nông dân tỉnh"  # unknown
    rows[9]["Đơn vị chủ trì"] = "Ban Dân vận Tỉnh ủy Nam Định"  # another committee's
    rows[17]["Từ ngày"] = "hôm qua"
    rows[25]["Nội dung phối hợp (số)"] = 9
    rows[38]["Tên hoạt động"] = None
    upload = workbook_bytes(program, rows)
    result = activities_import(actor=cast.secretariat, program=program, upload=upload)
    assert Activity.objects.count() == 0
    assert [e.row for e in result.errors] == [5, 11, 19, 27, 40]
    assert "Không tìm thấy tổ chức thành viên “Hội Nông dân tỉnh”" in result.errors[0].message
    assert result.errors[0].column == "E · Đơn vị chủ trì"


def test_a_member_of_the_committee_outside_the_program_is_a_row_error(cast, program):
    program.members.filter(organization=cast.women).delete()
    rows = _members_rows(3)
    result = activities_import(
        actor=cast.secretariat, program=program, upload=workbook_bytes(program, rows)
    )
    assert [(e.row, e.column) for e in result.errors] == [(4, "E · Đơn vị chủ trì")]
    assert "không phải thành viên chương trình" in result.errors[0].message


def test_a_focal_point_still_imports_only_for_its_own_organization(cast, program):
    upload = workbook_bytes(program, _members_rows(6))
    result = activities_import(actor=cast.military_focal, program=program, upload=upload)
    assert Activity.objects.count() == 0
    assert [e.row for e in result.errors] == [2, 4, 5, 7]
    assert all("tổ chức của mình" in e.message for e in result.errors)


def test_last_years_header_cơ_quan_chủ_trì_is_still_read(cast, program):
    book = load_workbook(workbook_bytes(program, _members_rows(2)))
    book["Hoạt động"]["E1"] = "Cơ quan chủ trì"
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    assert activities_import(actor=cast.secretariat, program=program, upload=upload).created == 2


# --- pages ----------------------------------------------------------------------------


def _import(client, program, rows, submit="on"):
    url = reverse("workbooks:import", args=[program.pk])
    return client.post(url, {"file": workbook_bytes(program, rows), "submit": submit}, follow=True)


def test_after_an_import_the_page_links_to_the_imported_rows(cast, program, client_for):
    client = client_for(cast.secretariat)
    Activity.objects.create(
        program=program,
        title="Đã có từ trước",
        start_date=program.period_start,
        end_date=program.period_start,
        content_area=program.content_areas.first(),
        lead=cast.dan_van,
    )
    response = _import(client, program, _members_rows(5))
    page = response.content.decode()
    assert "Đã nhập 5 hoạt động từ tệp này." in page
    batch = (
        Activity.objects.exclude(import_batch=None).values_list("import_batch", flat=True).first()
    )
    assert f"?batch={batch}" in page
    listed = client.get(reverse("activities:list"), {"batch": batch}).content.decode()
    assert "5 hoạt động" in listed and "Đã có từ trước" not in listed
    assert "một lần nhập từ Excel" in listed


def test_drafts_imported_for_other_members_are_counted_not_shown(cast, program, client_for):
    page = _import(
        client_for(cast.secretariat), program, _members_rows(5), submit=""
    ).content.decode()
    assert "Đã nhập 2 hoạt động từ tệp này." in page
    assert "Và 3 bản dự thảo do tổ chức thành viên khác chủ trì" in page


def test_the_import_result_of_another_committee_gets_404(cast, program, client_for):
    _import(client_for(cast.secretariat), program, _members_rows(2))
    batch = Activity.objects.values_list("import_batch", flat=True).first()
    url = reverse("workbooks:imported", args=[batch])
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.viewer).get(url).status_code == 200  # reading is allowed


def test_errors_page_lists_every_bad_row(cast, program, client_for):
    rows = _members_rows(8)
    for n in (1, 2, 4, 6, 7):
        rows[n]["Đơn vị chủ trì"] = "Không có"
    response = _import(client_for(cast.secretariat), program, rows)
    page = response.content.decode()
    assert "Không nhập dòng nào: tìm thấy 5 lỗi." in page
    for row in (3, 4, 6, 8, 9):
        assert f'<td class="num">{row}</td><td>E · Đơn vị chủ trì</td>' in page
    assert Activity.objects.count() == 0


def test_choose_page_sends_to_the_only_program(cast, program, client_for):
    response = client_for(cast.secretariat).get(reverse("workbooks:import_choose"))
    assert response.status_code == 302
    assert response.url == reverse("workbooks:import", args=[program.pk])


def test_choose_page_is_403_for_read_only_and_outsiders_and_login_for_anonymous(
    cast, program, client, client_for
):
    url = reverse("workbooks:import_choose")
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert client_for(cast.viewer).get(url).status_code == 403
    assert client_for(cast.outsider).get(url).status_code == 403


def test_anonymous_result_page_is_sent_to_login(client):
    response = client.get(
        reverse("workbooks:imported", args=["7f1c2a5e-1111-4222-8333-944455556666"])
    )
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_the_activity_list_links_to_export_and_import(cast, program, client_for):
    page = (
        client_for(cast.women_focal)
        .get(reverse("activities:list"), {"status": "draft"})
        .content.decode()
    )
    assert f"{reverse('workbooks:export')}?status=draft" in page
    assert reverse("workbooks:import_choose") in page
    page = client_for(cast.viewer).get(reverse("activities:list")).content.decode()
    assert reverse("workbooks:export") in page and reverse("workbooks:import_choose") not in page
