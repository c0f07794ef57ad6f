"""Review documents: drafted from the figures, edited, contributed to, issued and frozen."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.activities.services import ActivityData, activity_confirm, activity_update
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind, Units
from phoihop.reviews.models import ReviewStatus
from phoihop.reviews.render.text import document_text  # noqa: E402
from phoihop.reviews.selectors import review_for_user, scope_of
from phoihop.reviews.services import (
    contribution_submit,
    preset_period,
    review_create,
    review_issue,
    review_update,
)
from phoihop.reviews.tests.finishing import finished  # noqa: E402

pytestmark = pytest.mark.django_db


def _create(cast, program, **overrides):
    values = dict(
        actor=cast.secretariat,
        program=program,
        kind=Kind.PROGRAM,
        start=program.period_start,
        end=program.period_end,
        units=Units.AS_RECORDED,
    )
    return review_create(**(values | overrides))


def test_a_draft_stores_only_the_secretariats_words_and_drafts_the_rest_when_rendered(cast, program, seed_figures):
    report = _create(cast, program)

    assert report.status == ReviewStatus.DRAFT
    assert report.title == "Tổng kết giai đoạn 2016–2020 Chương trình phối hợp hoạt động giai đoạn 2016–2020"
    assert (report.results, report.limitations) == ("", "")
    text = document_text(review_for_user(cast.secretariat, report), report)
    limitations = [p.text for p in text.sections[2].paragraphs]
    assert any(t.startswith("Sự phối hợp giữa các thành viên chưa rõ nét: trong 14 hoạt động, mới có 2") for t in limitations)


def test_issuing_refuses_empty_parts_and_drafting_text_naming_them(cast, program, seed_figures):
    report = _create(cast, program)
    with pytest.raises(ValidationError) as refused:
        review_issue(actor=cast.secretariat, review=report)
    messages = " ".join(refused.value.messages)
    assert "“V. KIẾN NGHỊ, ĐỀ XUẤT” còn trống" in messages
    assert "III. ĐÁNH GIÁ CHUNG – 4. Bài học kinh nghiệm" in messages and "chưa có số, ký hiệu" in messages
    # drafted from the limitations found: the causes and the directions are not empty
    assert "3. Nguyên nhân" not in messages and "IV. PHƯƠNG HƯỚNG" not in messages

    report = finished(cast.secretariat, report, recommendations="(Thường trực bổ sung nội dung sau.)")
    with pytest.raises(ValidationError) as refused:
        review_issue(actor=cast.secretariat, review=report)
    assert refused.value.messages == [
        "Mục “V. KIẾN NGHỊ, ĐỀ XUẤT” còn trống hoặc còn nội dung dự thảo; hãy biên tập trước khi ban hành."
    ]
    report.refresh_from_db()
    assert report.status == ReviewStatus.DRAFT


def test_a_committee_signed_review_needs_the_committees_number(cast, program, seed_figures):
    report = finished(cast.secretariat, _create(cast, program), number="12-BC/BDVTU")
    with pytest.raises(ValidationError) as refused:
        review_issue(actor=cast.secretariat, review=report)
    assert "số, ký hiệu phải của Ban Chỉ đạo (…-BC/BCĐ)" in refused.value.messages[0]


def test_issuing_refuses_a_review_nobody_is_named_to_sign(cast, program, seed_figures):
    report = finished(cast.secretariat, _create(cast, program), signer_name="  ")
    with pytest.raises(ValidationError) as refused:
        review_issue(actor=cast.secretariat, review=report)
    assert refused.value.messages == ["Báo cáo chưa có họ tên người ký."]

    report = finished(cast.secretariat, report, signer_name="Nguyễn Đức Toàn")
    assert review_issue(actor=cast.secretariat, review=report).status == ReviewStatus.ISSUED


def test_presets_give_the_dates_of_the_period(program):
    assert preset_period(Kind.SIX_MONTHS, program, year=2020, half=2) == (
        dt.date(2020, 7, 1),
        dt.date(2020, 12, 31),
    )
    assert preset_period(Kind.ANNUAL, program, year=2019) == (
        dt.date(2019, 1, 1),
        dt.date(2019, 12, 31),
    )
    assert preset_period(Kind.PROGRAM, program) == (dt.date(2016, 1, 1), dt.date(2020, 12, 31))
    with pytest.raises(ValidationError):
        preset_period(Kind.CUSTOM, program)


def test_a_period_outside_the_program_is_refused(cast, program, clock):
    with pytest.raises(ValidationError) as error:
        _create(cast, program, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    assert "nằm ngoài thời gian thực hiện chương trình" in str(error.value)


def test_only_the_secretariat_drafts(cast, program, clock):
    for user in (cast.viewer, cast.military_focal):
        with pytest.raises(PermissionDenied):
            _create(cast, program, actor=user)


def test_an_edit_made_on_a_stale_revision_is_refused(cast, program, clock):
    report = _create(cast, program)
    report = review_update(
        actor=cast.secretariat, review=report, version=1, directions="Tiếp tục phối hợp."
    )

    assert (report.directions, report.revision) == ("Tiếp tục phối hợp.", 2)
    with pytest.raises(ValidationError):
        review_update(actor=cast.secretariat, review=report, version=1, directions="Ghi đè")


def test_a_member_focal_point_contributes_once_and_can_revise(cast, program, clock):
    report = _create(cast, program)
    contribution_submit(
        actor=cast.military_focal, review=report, text="Bộ CHQS tỉnh đã phối hợp 12 đợt."
    )
    contribution_submit(
        actor=cast.military_focal, review=report, text="Bộ CHQS tỉnh đã phối hợp 14 đợt."
    )

    assert list(report.contributions.values_list("text", flat=True)) == [
        "Bộ CHQS tỉnh đã phối hợp 14 đợt."
    ]
    with pytest.raises(ValidationError):
        contribution_submit(actor=cast.women_focal, review=report, text="   ")
    with pytest.raises(PermissionDenied):
        contribution_submit(actor=cast.viewer, review=report, text="Ý kiến")


def test_an_issued_review_keeps_its_figures_when_records_change(cast, program, record):
    activity = record.activity(figures={cast.sessions: 4})
    report = review_issue(actor=cast.secretariat, review=finished(cast.secretariat, _create(cast, program)))
    before = review_for_user(cast.secretariat, report)

    record.activity(figures={cast.sessions: 100})  # a new record after issuing…
    edited = ActivityData(
        title=activity.title,
        start_date=activity.start_date,
        end_date=activity.end_date,
        content_area_id=activity.content_area_id,
        lead_id=activity.lead_id,
        figures={cast.sessions.pk: 40},
    )  # …and an edited one
    activity = activity_update(actor=cast.secretariat, activity=activity, data=edited)
    activity_confirm(actor=cast.secretariat, activity=activity)

    report.refresh_from_db()
    after = review_for_user(cast.secretariat, report)
    assert after == before
    assert next(t.value for t in after.totals if t.code == "tuyen-truyen-buoi") == 4
    live = review_compute(user=cast.secretariat, scope=scope_of(report))
    assert next(t.value for t in live.totals if t.code == "tuyen-truyen-buoi") == 140
    assert (report.status, report.issued_on) == (ReviewStatus.ISSUED, dt.date(2020, 11, 20))
    with pytest.raises(ValidationError):
        review_update(actor=cast.secretariat, review=report, version=report.revision, title="Sửa")


def test_members_read_the_redacted_frozen_review(cast, program, seed_figures):
    report = review_issue(actor=cast.secretariat, review=finished(cast.secretariat, _create(cast, program)))

    full = review_for_user(cast.secretariat, report)
    member = review_for_user(cast.military_focal, report)

    assert not full.redacted and "dat-dai" in {t.code for t in full.topics}
    assert member.redacted
    assert not any(t.sensitive for t in member.topics)
    assert "sensitive_topics_weak" not in {s.rule for s in member.statements}
    assert member.coordination.activities == 14  # frozen as the secretariat computed it
