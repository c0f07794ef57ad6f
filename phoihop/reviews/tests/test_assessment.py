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
        "Sự phối hợp giữa các thành viên chưa rõ nét: trong 14 hoạt động, mới có 2 hoạt động (14%) có từ hai tổ chức"
    )
    assert limitations["joint_share_low"].refs == ["n:activities", "n:joint", "pct:joint_share"]
    assert "14 hoạt động trải trên 7 nội dung" in limitations["content_spread_thin"].text
    assert "bình quân" not in limitations["content_spread_thin"].text  # no analyst's jargon
    assert limitations["few_outstanding_models"].figures["Mô hình tiêu biểu, nổi bật"] == "1"
    weak = limitations["sensitive_topics_weak"]
    assert "giải quyết được 3 trong 10 vụ việc đã kết thúc (30%), trong khi ở các lĩnh vực khác là 80%" in weak.text
    assert "đất đai, giải phóng mặt bằng, tôn giáo" in weak.text
    assert weak.sensitive


def test_good_figures_draft_none_of_the_seed_limitations(cast, good_figures):
    review = review_compute(user=cast.secretariat, scope=good_figures)

    assert not SEED_LIMITATIONS & set(_rules(review))
    strengths = _rules(review, "strength")
    assert {"joint_share_good", "content_focused", "outstanding_models"} <= set(strengths)
    assert strengths["joint_share_good"].text.startswith("Các thành viên chủ động phối hợp: 5 trong 5 hoạt động (100%)")


def test_thresholds_are_settings(cast, good_figures):
    with override_settings(REVIEW_JOINT_SHARE_MIN=1.01, REVIEW_OUTSTANDING_MODELS_MIN=4):
        review = review_compute(user=cast.secretariat, scope=good_figures)

    assert {"joint_share_low", "few_outstanding_models"} <= set(_rules(review, "limitation"))


def test_rules_stay_silent_without_activities_or_cases(cast, program, clock):
    review = review_compute(user=cast.secretariat, scope=program_scope(program))

    # Only what holds with no records at all: no recognized model, a target not reached.
    assert set(_rules(review)) == {
        "situation", "no_recognized_models", "targets_missed",
        # what follows from them: a cause, two directions
        "cause_subjective", "direction_models", "direction_targets",
    }
    assert _rules(review)["no_recognized_models"].text.startswith("Chưa có mô hình phối hợp nào được công nhận")
    assert not any(ch.isdigit() for ch in _rules(review)["no_recognized_models"].text)  # not "0 trong 0"


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


def test_the_drafted_area_lines_write_each_figure_inside_the_sentence(cast, good_figures):
    review = review_compute(user=cast.secretariat, scope=good_figures)
    results = " ".join(s.text for s in review.statements if s.rule == "area_results")

    assert "tổ chức 24 buổi tuyên truyền" in results  # not "buổi tuyên truyền: 24 buổi"
    assert "buổi buổi" not in results


def test_an_area_paragraph_names_its_joint_activities_and_the_models_recognized_in_the_period(
    cast, program, record
):
    import datetime as dt

    from phoihop.practices.models import Replication

    day = dt.date(2019, 6, 3)
    record.activity(area=1, title="Hội nghị tuyên truyền tại Xã Thanh Hải", partners=[cast.military, cast.women],
                    figures={cast.sessions: 6}, day=day)
    record.activity(area=1, title="Đối thoại với nhân dân", partners=[cast.women], day=day)
    record.activity(area=1, title="Hoạt động riêng của một thành viên", day=day)
    model = record.model("outstanding", name="Dân vận khéo")
    model.decided_on = dt.date(2019, 11, 20)
    model.save()
    model.members.set([cast.dan_van, cast.women])
    for day in (dt.date(2019, 3, 1), dt.date(2020, 2, 1)):
        Replication.objects.create(model=model, locality=cast.places.lamha, started_on=day)
    earlier = record.model("recognized", name="Mô hình công nhận từ trước")
    type(earlier).objects.filter(pk=earlier.pk).update(decided_on=dt.date(2017, 6, 1))

    review = review_compute(user=cast.secretariat, scope=program_scope(program, start=dt.date(2019, 1, 1),
                                                                        end=dt.date(2019, 12, 31), kind="annual"))
    area = next(s for s in review.statements if s.rule == "area_results" and s.area == 1)

    assert area.text.startswith(
        "Về tuyên truyền, vận động: các tổ chức thành viên thực hiện 3 hoạt động, trong đó 2 hoạt động có từ hai "
        "thành viên trở lên cùng tham gia: hội nghị tuyên truyền tại xã Thanh Hải do "
    )
    assert "đối thoại với nhân dân do" in area.text and "Hoạt động riêng" not in area.text
    assert "Mô hình “Dân vận khéo” do" in area.text
    assert "được công nhận là mô hình tiêu biểu, nổi bật, được nhân rộng tại 1 địa bàn." in area.text  # 2019 only
    assert "công nhận từ trước" not in area.text  # recognized before the period, not replicated in it
    assert area.refs[-1] == "n:area.1.model.0.replications"


def test_large_amounts_are_rounded_in_prose():
    from phoihop.lib.vnformat import approx_amount

    assert approx_amount(21_994_000_000) == "gần 22 tỷ"
    assert approx_amount(2_227_000_000) == "hơn 2,2 tỷ"
    assert approx_amount(818_000_000) == "818 triệu"
    assert approx_amount(45_000) == "45.000"


def test_a_single_target_met_is_not_counted_as_all_one_of_them():
    from phoihop.reviews.assessment import targets
    from phoihop.reviews.tests.review_sample import sample_review, sessions

    [statement] = targets(sample_review(totals=[sessions()]))

    assert statement.text == "Chỉ tiêu của kế hoạch phối hợp trong kỳ đạt và vượt."  # not "Cả 1 chỉ tiêu"
