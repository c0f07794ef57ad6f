"""The drafted assessment: the seed's four limitations, measured from the records."""

import pytest
from django.test import override_settings

from phoihop.reviews.compute import review_compute
from phoihop.reviews.tests.conftest import program_scope

pytestmark = pytest.mark.django_db

SEED_LIMITATIONS = {
    "joint_share_low",
    "content_spread_thin",
    "few_outstanding_models",
    "sensitive_topics_weak",
}


def _rules(review, kind=None) -> dict:
    return {s.rule: s for s in review.statements if kind is None or s.kind == kind}


@pytest.fixture
def good_figures(cast, program, record):
    """Joint work concentrated on one content area, three outstanding models, and land,
    site clearance and religion resolved as well as the other topics."""
    for _ in range(4):
        record.activity(area=1, partners=[cast.military, cast.women], figures={cast.sessions: 6})
    record.activity(area=2, partners=[cast.women])
    for _ in range(3):
        record.model("outstanding")
    record.cases("dat-dai", 4, 1)
    record.cases("moi-truong", 4, 1)
    return program_scope(program)


def test_the_seed_figures_draft_the_seeds_four_limitations(cast, seed_figures):
    review = review_compute(user=cast.secretariat, scope=seed_figures.scope)

    limitations = _rules(review, "limitation")
    assert SEED_LIMITATIONS <= set(limitations)
    assert limitations["joint_share_low"].text.startswith(
        "Chỉ 14% hoạt động có từ hai tổ chức thành viên trở lên cùng thực hiện (2/14 hoạt động)"
    )
    assert limitations["joint_share_low"].figures["Tỷ lệ hoạt động phối hợp"] == "14,3%"
    assert "14 hoạt động chia cho 7 nội dung" in limitations["content_spread_thin"].text
    assert (
        limitations["content_spread_thin"].figures["Hoạt động phối hợp bình quân mỗi nội dung"]
        == "0,3"
    )
    assert limitations["few_outstanding_models"].figures["Mô hình tiêu biểu, nổi bật"] == "1"
    weak = limitations["sensitive_topics_weak"]
    assert "chỉ đạt 30% (3/10 vụ việc đã kết thúc), so với 80% ở các lĩnh vực khác" in weak.text
    assert "đất đai, giải phóng mặt bằng, tôn giáo" in weak.text
    assert weak.sensitive


def test_good_figures_draft_none_of_the_seed_limitations(cast, good_figures):
    review = review_compute(user=cast.secretariat, scope=good_figures)

    assert not SEED_LIMITATIONS & set(_rules(review))
    strengths = _rules(review, "strength")
    assert {"joint_share_good", "content_focused", "outstanding_models"} <= set(strengths)
    assert strengths["joint_share_good"].text.startswith("100% hoạt động")


def test_thresholds_are_settings(cast, good_figures):
    with override_settings(REVIEW_JOINT_SHARE_MIN=1.01, REVIEW_OUTSTANDING_MODELS_MIN=4):
        review = review_compute(user=cast.secretariat, scope=good_figures)

    assert {"joint_share_low", "few_outstanding_models"} <= set(_rules(review, "limitation"))


def test_rules_stay_silent_without_activities_or_cases(cast, program, clock):
    review = review_compute(user=cast.secretariat, scope=program_scope(program))

    # Only what holds with no records at all: no outstanding model, a target not reached.
    assert set(_rules(review)) == {"few_outstanding_models", "targets_missed"}


def test_a_redacted_review_has_no_sensitive_statement(cast, seed_figures):
    review = review_compute(
        user=cast.secretariat, scope=seed_figures.scope, include_sensitive=False
    )

    assert review.redacted
    assert not any(s.sensitive for s in review.statements)
    assert "sensitive_topics_weak" not in _rules(review)
    assert (
        _rules(review)["cases_handled"].figures["Vụ việc tiếp nhận"] == "12"
    )  # 20 less land, religion


def test_the_drafted_area_lines_name_each_figure_then_its_value_and_unit(cast, good_figures):
    from phoihop.reviews.assessment import draft_sections

    review = review_compute(user=cast.secretariat, scope=good_figures)
    results = draft_sections(review, review)["results"]

    assert "buổi tuyên truyền: 24 buổi" in results  # not "24 buổi buổi tuyên truyền"
    assert "buổi buổi" not in results
