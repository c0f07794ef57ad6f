"""Report and case pages: they work, validate in Vietnamese, and keep to the rules."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from phoihop.situations.models import Case, CaseEvent, CaseStatus, SituationReport, Topic
from phoihop.situations.tests.conftest import ENV_DAY, PNG, make_report, png

pytestmark = pytest.mark.django_db


def _report_data(cast, **extra) -> dict:
    return {
        "committee": cast.committee.pk,
        "reported_on": "2025-06-14",
        "locality": [cast.places.lamha.pk],
        "topic": Topic.objects.get(code="an-ninh-trat-tu").pk,
        "severity": 2,
        "people_affected": "12",
        "title": "Thanh niên tụ tập đua xe ban đêm",
        "description": "Nhiều đêm liền có nhóm thanh niên tụ tập đua xe trên đường Lê Công Thanh.",
        "sensitive": "",
        **extra,
    }


# --- Lists --------------------------------------------------------------------------------


def test_case_list_shows_counts_and_overdue_badge(client_for, situation, django_assert_max_num_queries):
    client = client_for(situation.cast.secretariat)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("situations:case_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert situation.land.title in html and situation.env.title in html
    assert response.context["counts"].total == 2
    assert response.context["counts"].overdue == 1
    assert html.count('<span class="badge badge-bad">Quá hạn</span>') == 1


def test_case_list_filters_by_topic_status_member_and_overdue(client_for, situation):
    client = client_for(situation.cast.secretariat)
    url = reverse("situations:case_list")
    land_topic = situation.land.topic.pk

    def titles(**query):
        return [case.title for case in client.get(url, query).context["page"].object_list]

    assert titles(topic=land_topic) == [situation.land.title]
    assert titles(status="new") == [situation.env.title]
    assert titles(member=situation.cast.military.pk) == [situation.land.title]
    assert titles(q="xuong gach") == [situation.env.title]
    assert titles(locality=situation.cast.places.phuly.pk, status="open") == [situation.env.title, situation.land.title]


def test_case_list_rejects_an_unknown_place_in_vietnamese(client_for, situation):
    response = client_for(situation.cast.secretariat).get(reverse("situations:case_list"), {"locality": 999999})
    assert "Không tìm thấy địa bàn đã chọn." in response.content.decode()


def test_report_list_works_and_anonymous_goes_to_login(client, client_for, situation, django_assert_max_num_queries):
    url = reverse("situations:report_list")
    assert client.get(url).status_code == 302
    client = client_for(situation.cast.secretariat)
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2


# --- Reporting ----------------------------------------------------------------------------


def test_focal_point_reports_with_an_attachment(client_for, situation):
    client = client_for(situation.cast.women_focal)
    assert client.get(reverse("situations:report_create")).status_code == 200
    data = _report_data(situation.cast, attachments=[png()])
    response = client.post(reverse("situations:report_create"), data)
    report = SituationReport.objects.get(title="Thanh niên tụ tập đua xe ban đêm")
    assert response.status_code == 302 and response.url == reverse("situations:report_detail", args=[report.pk])
    assert report.people_affected == 12 and not report.sensitive
    attachment = report.attachments.get()
    download = client.get(reverse("situations:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reported_on": "2099-01-01"}, "Ngày nắm được tình hình không thể ở tương lai."),
        ({"locality": ["999999"]}, "Không tìm thấy địa bàn đã chọn."),
        ({"reported_on": "2025-08-01"}, "không có hiệu lực vào ngày 01/08/2025"),
        ({"title": ""}, "Hãy nhập tiêu đề."),
        ({"attachments": [SimpleUploadedFile("bien-ban.pdf", b"MZ\x90 exe")]}, "không phải tệp PDF thật"),
        ({"attachments": [SimpleUploadedFile("virus.exe", b"MZ\x90 exe")]}, "chỉ nhận ảnh (PNG, JPEG, GIF, WEBP)"),
    ],
)
def test_report_form_explains_bad_input_in_vietnamese(client_for, situation, change, message):
    response = client_for(situation.cast.women_focal).post(
        reverse("situations:report_create"), _report_data(situation.cast, **change)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SituationReport.objects.count() == 2


def test_oversized_upload_is_refused_on_the_page(client_for, situation, settings):
    settings.PHOIHOP_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("anh.png", PNG + b"\x00" * (1024 * 1024 + 1))
    response = client_for(situation.cast.women_focal).post(
        reverse("situations:report_create"), _report_data(situation.cast, attachments=[big])
    )
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()


def test_viewer_gets_403_on_the_report_form(client_for, situation):
    client = client_for(situation.cast.viewer)
    assert client.get(reverse("situations:report_create")).status_code == 403
    assert client.post(reverse("situations:report_create"), _report_data(situation.cast)).status_code == 403


def test_outsider_cannot_report_into_another_committee(client_for, situation):
    response = client_for(situation.cast.outsider).post(
        reverse("situations:report_create"), _report_data(situation.cast)
    )
    assert response.status_code == 400
    assert "Lựa chọn không hợp lệ." in response.content.decode()
    assert SituationReport.objects.count() == 2


# --- Report → case ------------------------------------------------------------------------


def test_secretariat_opens_a_case_from_a_report(client_for, situation):
    report = make_report(situation.cast, title="Nước thải chảy ra mương")
    client = client_for(situation.cast.secretariat)
    assert "Mở vụ việc" in client.get(reverse("situations:report_detail", args=[report.pk])).content.decode()
    response = client.post(reverse("situations:report_open_case", args=[report.pk]), {"title": ""})
    report.refresh_from_db()
    assert response.status_code == 302 and response.url == reverse("situations:case_detail", args=[report.case_id])
    assert report.case.title == "Nước thải chảy ra mương"


def test_a_case_opened_from_a_report_is_received_on_the_reports_date(client_for, situation):
    report = make_report(situation.cast, title="Nước thải chảy ra mương", reported_on=dt.date(2020, 11, 20))
    client = client_for(situation.cast.secretariat)
    client.post(reverse("situations:report_open_case", args=[report.pk]), {"title": "", "opened_on": ""})
    report.refresh_from_db()
    assert report.case.opened_on == dt.date(2020, 11, 20)


def test_the_received_date_can_be_typed_and_is_not_before_the_report(client_for, situation):
    report = make_report(situation.cast, reported_on=dt.date(2020, 11, 20))
    client = client_for(situation.cast.secretariat)
    url = reverse("situations:report_open_case", args=[report.pk])
    early = client.post(url, {"title": "", "opened_on": "19/11/2020"})
    assert early.status_code == 400
    assert early.context["open_form"].errors["opened_on"] == ["Ngày tiếp nhận không thể trước ngày báo cáo."]
    assert 'value="19/11/2020"' in early.content.decode()
    client.post(url, {"title": "", "opened_on": "23/11/2020"})
    report.refresh_from_db()
    assert report.case.opened_on == dt.date(2020, 11, 23)


def test_focal_point_cannot_open_a_case(client_for, situation):
    report = make_report(situation.cast)
    response = client_for(situation.cast.women_focal).post(reverse("situations:report_open_case", args=[report.pk]))
    assert response.status_code == 403


def test_secretariat_merges_a_duplicate_report(client_for, situation):
    duplicate = make_report(situation.cast, situation.cast.military_focal, title="Khói bụi xưởng gạch (trùng)")
    response = client_for(situation.cast.secretariat).post(
        reverse("situations:report_merge", args=[duplicate.pk]), {"into_case": situation.env.pk}
    )
    assert response.status_code == 302
    assert situation.env.reports.count() == 2
    assert situation.env.events.filter(kind=CaseEvent.Kind.MERGED).exists()


# --- The case page ------------------------------------------------------------------------


def test_case_page_shows_the_timeline_and_the_allowed_actions(client_for, situation):
    cast = situation.cast
    html = client_for(cast.secretariat).get(reverse("situations:case_detail", args=[situation.land.pk])).content.decode()
    assert "Tiếp nhận" in html and "Phân công" in html and 'id="assign-form"' in html
    html = client_for(cast.military_focal).get(reverse("situations:case_detail", args=[situation.land.pk])).content.decode()
    assert 'id="follow-up-form"' in html and 'id="close-form"' in html and 'id="assign-form"' not in html
    html = client_for(cast.viewer).get(reverse("situations:case_detail", args=[situation.env.pk])).content.decode()
    assert "<form method=\"post\" action=\"/tinh-hinh/vu-viec" not in html


def test_lead_records_a_follow_up_with_a_file(client_for, situation):
    client = client_for(situation.cast.military_focal)
    url = reverse("situations:case_follow_up", args=[situation.land.pk])
    response = client.post(url, {"happened_on": "2025-06-15", "text": "Đối thoại với hai dòng họ.",
                                 "attachments": [png()], "revision": situation.land.revision})
    assert response.status_code == 302
    situation.land.refresh_from_db()
    assert situation.land.status == CaseStatus.IN_PROGRESS
    event = situation.land.events.get(kind=CaseEvent.Kind.FOLLOW_UP)
    assert event.attachments.get().original_name == "hien-truong.png"


def test_follow_up_in_the_future_is_refused_in_vietnamese(client_for, situation):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_for(situation.cast.military_focal).post(
        reverse("situations:case_follow_up", args=[situation.land.pk]),
        {"happened_on": tomorrow.isoformat(), "text": "x"},
    )
    assert response.status_code == 400
    assert "Ngày không thể ở tương lai." in response.content.decode()


def test_stale_form_is_refused_with_an_explanation(client_for, situation):
    client = client_for(situation.cast.secretariat)
    url = reverse("situations:case_assign", args=[situation.env.pk])
    seen = situation.env.revision
    assert client.post(url, {"lead": situation.cast.women.pk, "revision": seen}).status_code == 302
    response = client.post(url, {"lead": situation.cast.military.pk, "revision": seen})
    assert response.status_code == 400
    assert "Bản ghi đã được người khác sửa" in response.content.decode()
    assert Case.objects.get(pk=situation.env.pk).lead == situation.cast.women


def test_close_and_reopen_through_the_page(client_for, situation):
    client = client_for(situation.cast.secretariat)
    case = situation.land
    response = client.post(reverse("situations:case_close", args=[case.pk]), {"status": "resolved", "outcome": ""})
    assert response.status_code == 400 and "Hãy ghi kết quả xử lý." in response.content.decode()
    client.post(reverse("situations:case_close", args=[case.pk]),
                {"status": "resolved", "outcome": "Hòa giải thành.", "closed_on": ENV_DAY.isoformat()})
    client.post(reverse("situations:case_reopen", args=[case.pk]), {"reason": "Tranh chấp tái phát."})
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS and case.reopen_count == 1


def test_viewer_gets_403_on_case_actions(client_for, situation):
    client = client_for(situation.cast.viewer)
    for name in ("case_assign", "case_follow_up", "case_close", "case_reopen", "case_escalate"):
        assert client.post(reverse(f"situations:{name}", args=[situation.env.pk])).status_code == 403


def test_outsider_gets_404_everywhere(client_for, situation):
    client = client_for(situation.cast.outsider)
    assert client.get(reverse("situations:case_detail", args=[situation.env.pk])).status_code == 404
    assert client.get(reverse("situations:report_detail", args=[situation.env_report.pk])).status_code == 404
    assert client.post(reverse("situations:case_follow_up", args=[situation.env.pk])).status_code == 404
    assert client.get(reverse("situations:case_list")).context["counts"].total == 0


def test_ward_secretariat_escalates_to_the_province(client_for, cast, ward, settings, tmp_path):
    from phoihop.situations import services

    settings.MEDIA_ROOT = tmp_path
    report = services.report_create(
        actor=ward.secretariat, committee=ward.committee, reported_on=ENV_DAY, locality=cast.places.lamha,
        topic=Topic.objects.get(code="moi-truong"), title="Rác thải ứ đọng ở chợ Lam Hạ", description="…",
    )
    case = services.case_open(actor=ward.secretariat, report=report)
    client = client_for(ward.secretariat)
    html = client.get(reverse("situations:case_detail", args=[case.pk])).content.decode()
    assert 'id="escalate-form"' in html
    response = client.post(reverse("situations:case_escalate", args=[case.pk]), {"to_committee": cast.committee.pk})
    assert response.status_code == 302
    higher = Case.objects.get(committee=cast.committee)
    html = client_for(cast.secretariat).get(reverse("situations:case_detail", args=[higher.pk])).content.decode()
    assert "Do BCĐ phường Lam Hạ chuyển lên" in html
