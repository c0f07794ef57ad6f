"""Reports and the life of a case, through the services."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from phoihop.localities.models import ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.situations import selectors, services
from phoihop.situations.models import CaseEvent, CaseStatus, SituationReport
from phoihop.situations.selectors import case_timeline
from phoihop.situations.tests.conftest import ENV_DAY, PNG, make_report, pdf, png, xlsx_bytes

pytestmark = pytest.mark.django_db
Ev = CaseEvent.Kind


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Reports ------------------------------------------------------------------------------


def test_land_report_is_sensitive_by_default_and_environment_is_not(situation):
    assert situation.land_report.sensitive and situation.land.sensitive
    assert not situation.env_report.sensitive and not situation.env.sensitive


def test_reporter_may_override_the_topic_default(cast):
    report = make_report(cast, topic="dat-dai", sensitive=False)
    assert report.sensitive is False
    assert report.reporting_org == cast.women and report.reported_by == cast.women_focal


def test_report_in_the_future_is_refused_in_vietnamese(cast):
    with pytest.raises(ValidationError) as excinfo:
        make_report(cast, reported_on=timezone.localdate() + dt.timedelta(days=3))
    assert _errors(excinfo)["reported_on"] == ["Ngày nắm được tình hình không thể ở tương lai."]


def test_locality_not_valid_on_the_report_date_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        make_report(cast, reported_on=dt.date(2025, 8, 1))
    assert "không có hiệu lực vào ngày 01/08/2025" in _errors(excinfo)["locality"][0]


def test_locality_outside_the_committee_area_is_refused(cast):
    other = Locality.objects.create(
        ref="v1.c99999", code="99999", name="Xã Ngoài", short_name="Ngoài", kind=Kind.XA,
        level=Level.COMMUNE, parent=cast.places.namdinh,
    )
    with pytest.raises(ValidationError) as excinfo:
        make_report(cast, locality=other)
    assert "không thuộc địa bàn của BCĐ tỉnh Hà Nam" in _errors(excinfo)["locality"][0]


def test_a_district_is_not_a_commune(cast):
    with pytest.raises(ValidationError) as excinfo:
        make_report(cast, locality=cast.places.phuly)
    assert _errors(excinfo)["locality"] == ["Hãy chọn một đơn vị cấp xã (xã, phường, thị trấn, đặc khu)."]


def test_after_the_reform_a_successor_commune_is_in_scope(cast):
    from phoihop.localities.models import ChangeEvent, Lineage

    new_ward = Locality.objects.create(
        ref="v2.c13300", code="13300", name="Phường Hà Nam", short_name="Hà Nam", kind=Kind.PHUONG,
        level=Level.COMMUNE, parent=cast.places.ninhbinh, valid_from=dt.date(2025, 7, 1),
    )
    event = ChangeEvent.objects.create(
        ref="nq-2025", kind=ChangeEvent.Kind.MERGE, effective_date=dt.date(2025, 7, 1), legal_basis="NQ 1674"
    )
    Lineage.objects.create(event=event, predecessor=cast.places.hanam, successor=cast.places.ninhbinh)
    report = make_report(cast, reported_on=dt.date(2025, 9, 1), locality=new_ward)
    assert report.locality == new_ward


def test_viewer_and_outsider_cannot_report(cast):
    for user in (cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            make_report(cast, user)


def test_report_keeps_checked_attachments(situation):
    report = make_report(situation.cast, attachments=[png(), pdf()])
    assert [(a.original_name, a.content_type) for a in report.attachments.order_by("pk")] == [
        ("hien-truong.png", "image/png"),
        ("bien-ban.pdf", "application/pdf"),
    ]


def test_disguised_attachment_is_refused(situation):
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        make_report(situation.cast, attachments=[fake])
    assert _errors(excinfo)["attachments"] == [
        "Tệp “bao-cao.pdf” không phải tệp PDF thật: nội dung không khớp với đuôi tệp."
    ]
    assert SituationReport.objects.count() == 2  # nothing half-saved


def test_excel_renamed_as_word_is_refused_and_real_excel_accepted(situation):
    with pytest.raises(ValidationError):
        make_report(situation.cast, attachments=[SimpleUploadedFile("so-lieu.docx", xlsx_bytes())])
    report = make_report(situation.cast, attachments=[SimpleUploadedFile("so-lieu.xlsx", xlsx_bytes())])
    assert report.attachments.get().content_type.endswith("spreadsheetml.sheet")


def test_oversized_attachment_is_refused(situation, settings):
    settings.PHOIHOP_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("anh.png", PNG + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError) as excinfo:
        make_report(situation.cast, attachments=[big])
    assert _errors(excinfo)["attachments"] == ["Tệp “anh.png” quá lớn (1,0 MB); tối đa 1 MB."]


# --- The life of a case -------------------------------------------------------------------


def test_case_lifecycle_writes_the_whole_timeline(situation):
    cast, case = situation.cast, situation.env
    with time_machine.travel(dt.datetime(2025, 6, 13, 9, tzinfo=dt.UTC), tick=False):
        services.case_assign(actor=cast.secretariat, case=case, lead=cast.women, supporters=[cast.military])
        case.refresh_from_db()
        assert case.status == CaseStatus.ASSIGNED
        assert case.due_date == dt.date(2025, 7, 13)  # environment: 30 days
        services.case_follow_up(actor=cast.women_focal, case=case, happened_on=dt.date(2025, 6, 13),
                                text="Gặp gỡ các hộ dân, ghi nhận ý kiến.", attachments=[png()])
        assert case.status == CaseStatus.IN_PROGRESS
        services.case_follow_up(actor=cast.military_focal, case=case, happened_on=dt.date(2025, 6, 13),
                                text="Phối hợp kiểm tra hiện trường.")
        services.case_close(actor=cast.women_focal, case=case, status=CaseStatus.RESOLVED,
                            outcome="Xưởng gạch đã lắp thiết bị lọc bụi.")
        services.case_reopen(actor=cast.secretariat, case=case, reason="Khói bụi xuất hiện trở lại.")
        assert case.status == CaseStatus.IN_PROGRESS and case.reopen_count == 1 and case.closed_on is None
        services.case_close(actor=cast.secretariat, case=case, status=CaseStatus.RESOLVED,
                            outcome="Xưởng gạch ngừng hoạt động.")
    kinds = [event.kind for event in case_timeline(case, cast.secretariat)]
    assert kinds == [Ev.CREATED, Ev.ASSIGNED, Ev.FOLLOW_UP, Ev.FOLLOW_UP, Ev.STATUS, Ev.REOPENED, Ev.STATUS]
    assert case_timeline(case, cast.secretariat)[2].attachments.get().original_name == "hien-truong.png"
    assert case.history.count() >= 6
    assert case.history.first().history_user == cast.secretariat


def test_due_date_counts_from_the_topic_handling_time(situation):
    with time_machine.travel(dt.datetime(2025, 6, 11, 9, tzinfo=dt.UTC), tick=False):
        case = services.case_open(actor=situation.cast.secretariat, report=make_report(situation.cast, title="Khác", reported_on=dt.date(2025, 6, 10)))
        services.case_assign(actor=situation.cast.secretariat, case=case, lead=situation.cast.women)
    assert case.due_date == dt.date(2025, 7, 11)


def test_overdue_is_open_and_past_its_due_date(situation):
    case = situation.land
    assert not selectors.case_is_overdue(case, case.due_date)
    assert selectors.case_is_overdue(case, case.due_date + dt.timedelta(days=1))
    case.status = CaseStatus.RESOLVED
    assert not selectors.case_is_overdue(case, case.due_date + dt.timedelta(days=1))


def test_only_secretariat_opens_and_assigns(situation):
    cast = situation.cast
    with pytest.raises(PermissionDenied):
        services.case_open(actor=cast.military_focal, report=make_report(cast))
    with pytest.raises(PermissionDenied):
        services.case_assign(actor=cast.women_focal, case=situation.env, lead=cast.women)


def test_a_report_becomes_one_case_only(situation):
    with pytest.raises(ValidationError):
        services.case_open(actor=situation.cast.secretariat, report=situation.land_report)


def test_lead_must_be_a_committee_member(situation):
    with pytest.raises(ValidationError) as excinfo:
        services.case_assign(actor=situation.cast.secretariat, case=situation.env, lead=situation.cast.nd_dan_van)
    assert "không phải thành viên Ban Chỉ đạo" in excinfo.value.messages[0]


def test_uninvolved_member_cannot_follow_up_and_viewer_cannot_either(situation):
    cast = situation.cast
    for user in (cast.women_focal, cast.viewer):
        with pytest.raises(PermissionDenied):
            services.case_follow_up(actor=user, case=situation.land, happened_on=ENV_DAY, text="x")


def test_follow_up_validates_in_vietnamese(situation):
    cast, case = situation.cast, situation.land
    with pytest.raises(ValidationError) as excinfo:
        services.case_follow_up(actor=cast.military_focal, case=case, happened_on=ENV_DAY, text="  ")
    assert _errors(excinfo)["text"] == ["Hãy ghi nội dung đã làm."]
    with pytest.raises(ValidationError) as excinfo:
        services.case_follow_up(
            actor=cast.military_focal, case=case, happened_on=timezone.localdate() + dt.timedelta(days=1), text="x"
        )
    assert _errors(excinfo)["happened_on"] == ["Ngày không thể ở tương lai."]


def test_follow_up_may_close_the_case(situation):
    cast, case = situation.cast, situation.land
    services.case_follow_up(actor=cast.military_focal, case=case, happened_on=ENV_DAY,
                            text="Hòa giải thành.", status=CaseStatus.RESOLVED)
    assert case.status == CaseStatus.RESOLVED and case.outcome == "Hòa giải thành." and case.closed_on == ENV_DAY


def test_close_needs_an_outcome_and_a_closing_status(situation):
    cast, case = situation.cast, situation.land
    with pytest.raises(ValidationError) as excinfo:
        services.case_close(actor=cast.secretariat, case=case, status=CaseStatus.RESOLVED, outcome="")
    assert _errors(excinfo)["outcome"] == ["Hãy ghi kết quả xử lý."]
    with pytest.raises(ValidationError):
        services.case_close(actor=cast.secretariat, case=case, status=CaseStatus.IN_PROGRESS, outcome="x")


def test_supporter_cannot_close_but_lead_can(situation):
    cast, case = situation.cast, situation.env
    services.case_assign(actor=cast.secretariat, case=case, lead=cast.women, supporters=[cast.military])
    with pytest.raises(PermissionDenied):
        services.case_close(actor=cast.military_focal, case=case, status=CaseStatus.REFERRED, outcome="x")
    services.case_close(actor=cast.women_focal, case=case, status=CaseStatus.REFERRED, outcome="Chuyển UBND.")
    assert case.status == CaseStatus.REFERRED


def test_reopen_needs_a_reason_and_a_closed_case(situation):
    cast, case = situation.cast, situation.land
    with pytest.raises(ValidationError):
        services.case_reopen(actor=cast.secretariat, case=case, reason="x")
    services.case_close(actor=cast.secretariat, case=case, status=CaseStatus.CLOSED_UNRESOLVED, outcome="Chưa xong.")
    with pytest.raises(ValidationError) as excinfo:
        services.case_reopen(actor=cast.secretariat, case=case, reason=" ")
    assert _errors(excinfo)["reason"] == ["Hãy ghi lý do mở lại vụ việc."]


def test_stale_revision_is_refused(situation):
    cast, case = situation.cast, situation.env
    seen = case.revision
    services.case_assign(actor=cast.secretariat, case=case, lead=cast.women)
    with pytest.raises(ValidationError) as excinfo:
        services.case_assign(actor=cast.secretariat, case=case, lead=cast.military, revision=seen)
    assert excinfo.value.error_list[0].code == "stale"


def test_merge_keeps_both_reports_and_spreads_sensitivity(situation):
    cast = situation.cast
    duplicate = make_report(cast, cast.military_focal, topic="dat-dai", title="Tranh chấp đất (báo cáo trùng)")
    services.report_merge(actor=cast.secretariat, duplicate=duplicate, into_case=situation.env)
    assert set(situation.env.reports.all()) == {situation.env_report, duplicate}
    assert situation.env.sensitive
    assert situation.env.events.filter(kind=Ev.MERGED).count() == 1
    with pytest.raises(ValidationError):
        services.report_merge(actor=cast.secretariat, duplicate=duplicate, into_case=situation.land)


def test_recurrence_links_both_timelines(situation):
    cast = situation.cast
    services.case_link_recurrence(actor=cast.secretariat, case=situation.env, earlier=situation.land)
    assert situation.env.recurrence_of == situation.land
    assert situation.land.events.filter(kind=Ev.RECURRENCE).exists()
    with pytest.raises(ValidationError):
        services.case_link_recurrence(actor=cast.secretariat, case=situation.land, earlier=situation.env)


def test_escalation_creates_the_case_in_the_higher_committee(cast, ward, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ward_case = services.case_open(
        actor=ward.secretariat,
        report=services.report_create(
            actor=ward.secretariat, committee=ward.committee, reported_on=ENV_DAY, locality=cast.places.lamha,
            topic=make_topic("ton-giao"), title="Tụ tập đông người tại cơ sở tôn giáo", description="…",
        ),
    )
    assert selectors.higher_committees(ward.committee) == [cast.committee]
    higher = services.case_escalate(actor=ward.secretariat, case=ward_case, to_committee=cast.committee)
    ward_case.refresh_from_db()
    assert ward_case.escalated_to == higher and higher.committee == cast.committee
    assert higher.sensitive and higher.status == CaseStatus.NEW
    assert ward_case.events.filter(kind=Ev.ESCALATED).exists() and higher.events.exists()
    with pytest.raises(ValidationError):
        services.case_escalate(actor=ward.secretariat, case=ward_case, to_committee=cast.committee)


def test_escalation_after_a_merger_opens_the_higher_case_on_the_unit_in_force(cast, ward, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    places = cast.places
    ward_case = services.case_open(
        actor=ward.secretariat,
        report=services.report_create(
            actor=ward.secretariat, committee=ward.committee, reported_on=ENV_DAY, locality=places.lamha,
            topic=make_topic("moi-truong"), title="Khói bụi từ lò gạch", description="…",
        ),
        opened_on=ENV_DAY,
    )
    reform = places.lamha.valid_to
    phu_ly = Locality.objects.create(
        ref="v2.c11111", code="11111", name="Phường Phủ Lý", short_name="Phủ Lý", kind=Kind.PHUONG,
        level=Level.COMMUNE, parent=places.ninhbinh, valid_from=reform,
    )
    event = ChangeEvent.objects.create(
        ref="ev-phu-ly", kind=ChangeEvent.Kind.MERGE, effective_date=reform, legal_basis="NQ 1674/NQ-UBTVQH15"
    )
    Lineage.objects.create(event=event, predecessor=places.lamha, successor=phu_ly, is_primary=True)
    after = reform + dt.timedelta(days=31)
    higher = services.case_escalate(
        actor=ward.secretariat, case=ward_case, to_committee=cast.committee, escalated_on=after
    )
    assert higher.opened_on == after and higher.locality == phu_ly
    ward_case.refresh_from_db()
    assert ward_case.locality == places.lamha  # the lower case keeps the unit of its own date


def test_escalation_only_goes_up(situation, ward):
    with pytest.raises(ValidationError):
        services.case_escalate(actor=situation.cast.secretariat, case=situation.env, to_committee=ward.committee)


def make_topic(code):
    from phoihop.situations.models import Topic

    return Topic.objects.get(code=code)
