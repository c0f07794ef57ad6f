"""An indicator in a sentence: a verb for its kind, the figure inside the words, the exact
figure beside the sentence. No database: the Review is built by hand."""

from decimal import Decimal

import pytest
from django.test import override_settings

from phoihop.programs.defaults import INDICATORS
from phoihop.reviews import assessment
from phoihop.reviews.data import IndicatorTotal, figure_exact, figure_text
from phoihop.reviews.phrasing import FALLBACK, indicator_template, phrase_for
from phoihop.reviews.tests.review_sample import sample_review


def _total(code, name, unit, value, decimals=0) -> IndicatorTotal:
    return IndicatorTotal(code, name, unit, decimals, Decimal(value), None, 10)


def _phrase(code, name, unit) -> str:
    return indicator_template(code, unit, name, "x")[0] % {"x": "N"}


@pytest.mark.parametrize(
    ("name", "unit", "words"),
    [
        ("Buổi tuyên truyền", "buổi", "tổ chức N buổi tuyên truyền"),
        ("Lượt người dự tuyên truyền", "lượt người", "thu hút N lượt người tham dự"),
        ("Nhà Đại đoàn kết xây mới, sửa chữa", "nhà", "xây dựng, sửa chữa N nhà Đại đoàn kết"),
        ("Tiền vận động, ủng hộ", "đồng", "vận động ủng hộ N đồng"),
        ("Ngày công lao động", "ngày công", "huy động N ngày công lao động"),
        ("Hộ thoát nghèo", "hộ", "giúp N hộ thoát nghèo"),
        ("Suất quà tặng", "suất", "trao tặng N suất quà"),
        ("Đơn thư khiếu nại, tố cáo tiếp nhận", "đơn", "tiếp nhận N đơn thư khiếu nại, tố cáo"),
        ("Đơn thư được giải quyết", "đơn", "đã giải quyết N đơn"),
        ("Hồ sơ giải phóng mặt bằng vận động bàn giao", "hồ sơ", "vận động bàn giao N hồ sơ giải phóng mặt bằng"),
        ("Lượt người tham gia phòng chống thiên tai, cứu nạn", "lượt người",
         "huy động N lượt người tham gia phòng chống thiên tai, cứu nạn"),
    ],
)
def test_each_kind_of_indicator_has_its_own_verb(name, unit, words):
    assert _phrase("x", name, unit) == words


def test_every_default_indicator_reads_without_the_fallback_or_a_colon():
    for code, name, unit, *_rest in INDICATORS:
        phrase = phrase_for(unit, name)
        assert phrase.template != FALLBACK or unit == "%", name
        assert ":" not in _phrase(code, name, unit)


def test_an_unknown_indicator_falls_back_to_a_verb_and_its_noun():
    assert _phrase("lop", "Lớp tập huấn", "lớp") == "thực hiện N lớp tập huấn"
    assert _phrase("cay", "Cây xanh trồng mới", "cây") == "thực hiện N cây xanh trồng mới"
    assert _phrase("hn", "Hội nghị đối thoại", "buổi") == "tổ chức N buổi hội nghị đối thoại"


@override_settings(REVIEW_INDICATOR_PHRASES={"cay": "trồng mới {n} {unit} xanh"})
def test_a_setting_gives_one_indicator_its_own_words():
    assert _phrase("cay", "Cây xanh trồng mới", "cây") == "trồng mới N cây xanh"


def test_a_word_of_the_name_is_matched_whole_not_inside_another():
    # "dự" (attend) must not match inside "dựng" (build)
    assert _phrase("x", "Lượt người xây dựng nông thôn mới", "lượt người").startswith("thực hiện N")


def test_the_figures_clause_joins_what_continues_and_shares_a_repeated_verb():
    totals = [
        _total("tuyen-truyen-buoi", "Buổi tuyên truyền", "buổi", "502"),
        _total("tuyen-truyen-luot", "Lượt người dự tuyên truyền", "lượt người", "51540"),
        _total("nha-dai-doan-ket", "Nhà Đại đoàn kết xây mới, sửa chữa", "nhà", "93"),
        _total("nha-tinh-nghia", "Nhà tình nghĩa, nhà đồng đội", "nhà", "34"),
        _total("tien-van-dong", "Tiền vận động, ủng hộ", "đồng", "21994000000"),
    ]
    review = sample_review(totals=totals)
    template, refs, labels = assessment._figures_clause(totals, lambda t: f"total.{t.code}.value")
    text = template % {slot: figure_text(review, ref) for slot, ref in refs.items()}

    assert text == (
        "tổ chức 502 buổi tuyên truyền, thu hút 51.540 lượt người tham dự; xây dựng, sửa chữa 93 nhà Đại "
        "đoàn kết và 34 nhà tình nghĩa, nhà đồng đội; vận động ủng hộ gần 22 tỷ đồng"
    )
    assert refs["f4"] == "money:total.tien-van-dong.value"
    assert labels["f4"] == "Tiền vận động, ủng hộ (đồng)"


def test_the_overview_says_who_did_what_not_a_list_of_achievements():
    review = sample_review()
    [overview] = [s for s in assessment.draft_statements(review) if s.rule == "results_overview"]

    assert "đạt:" not in overview.text and "Qua đó, các thành viên đạt" not in overview.text
    assert "Các tổ chức thành viên đã tổ chức 897 buổi tuyên truyền, thu hút 404.850 lượt người tham dự" in overview.text


def test_the_figures_beside_a_sentence_are_exact_the_sentence_rounds_money():
    totals = [_total("tien-van-dong", "Tiền vận động, ủng hộ", "đồng", "2427500000")]
    review = sample_review(totals=totals)
    [overview] = [s for s in assessment.draft_statements(review) if s.rule == "results_overview"]

    assert "vận động ủng hộ hơn 2,4 tỷ đồng" in overview.text
    assert overview.figures["Tiền vận động, ủng hộ (đồng)"] == "2.427.500.000"
    assert figure_exact(review, "money:total.tien-van-dong.value") == "2.427.500.000"
    assert figure_exact(review, "pct:joint_share") == "20,5%"  # 625 / 3048; the sentence says 21%
    assert figure_text(review, "pct:joint_share") == "21%"


def test_a_percent_indicator_keeps_its_sign_next_to_the_number():
    totals = [_total("ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", "%", "2.15", decimals=2)]
    review = sample_review(totals=totals)
    template, refs, _labels = assessment._figures_clause(totals, lambda t: f"total.{t.code}.value")

    assert template % {s: figure_text(review, r) for s, r in refs.items()} == "tỷ lệ hộ nghèo ở mức 2,15%"


def test_causes_directions_and_recommendations_follow_the_limitations_found():
    statements = assessment.draft_statements(sample_review())
    by_rule = {s.rule: s for s in statements}

    assert "joint_share_low" in by_rule  # 20,5% of activities were joint in the sample
    assert by_rule["cause_subjective"].text.startswith("Nguyên nhân chủ quan: kế hoạch phối hợp chưa phân công rõ")
    assert by_rule["direction_joint"].refs == ["pct:joint_share"]
    assert "(giai đoạn 2016–2020 là 21%)" in by_rule["direction_joint"].text
    assert by_rule["recommend_overdue_cases"].refs == ["n:cases.overdue"]
    assert by_rule["lesson_models"].kind == "lesson"
    assert "mô hình “Dân vận khéo” được nhân rộng tại 14 địa bàn" in by_rule["lesson_models"].text


def test_braces_and_percent_signs_in_a_name_are_kept_as_written():
    assert _phrase("x", "Lớp {mới} 100%", "lớp") == "thực hiện N lớp {mới} 100%"


def test_a_target_missed_reads_with_its_verb_the_result_over_the_target():
    totals = [IndicatorTotal("ho-so-gpmb", "Hồ sơ giải phóng mặt bằng vận động bàn giao", "hồ sơ", 0,
                             Decimal(44), Decimal(150), 3)]
    [missed] = assessment.targets(sample_review(totals=totals))

    assert missed.text == "Chỉ tiêu chưa đạt: mới vận động bàn giao 44 hồ sơ giải phóng mặt bằng, đạt 29% kế hoạch."
    assert missed.refs == ["n:total.ho-so-gpmb.value", "pct:total.ho-so-gpmb.ratio"]
    assert missed.figures["Hồ sơ giải phóng mặt bằng vận động bàn giao, tỷ lệ đạt"] == "29,3%"


def test_a_money_target_missed_reads_the_amount_then_the_share_of_the_plan():
    totals = [IndicatorTotal("tien-van-dong", "Tiền vận động, ủng hộ", "đồng", 0,
                             Decimal(2_400_000_000), Decimal(3_000_000_000), 12)]
    [missed] = assessment.targets(sample_review(totals=totals))

    assert missed.text == "Chỉ tiêu chưa đạt: mới vận động ủng hộ 2,4 tỷ đồng, đạt 80% kế hoạch."
    assert "/" not in missed.text


def test_a_target_missed_by_less_than_half_a_percent_is_not_said_to_reach_100_percent():
    totals = [IndicatorTotal("buoi", "Buổi tuyên truyền", "buổi", 0, Decimal(998), Decimal(1000), 998)]
    [missed] = assessment.targets(sample_review(totals=totals))

    assert missed.text == "Chỉ tiêu chưa đạt: mới tổ chức 998/1.000 buổi tuyên truyền."


def test_a_rate_target_missed_reads_the_rate_beside_its_target():
    totals = [IndicatorTotal("ty-le", "Tỷ lệ khu dân cư văn hóa", "%", 1, Decimal("72.5"), Decimal(80), 4)]
    [missed] = assessment.targets(sample_review(totals=totals))

    assert missed.text == "Chỉ tiêu chưa đạt: tỷ lệ khu dân cư văn hóa mới ở mức 72,5%, chỉ tiêu 80,0%."


def test_a_rate_is_said_in_a_sentence_of_its_own_not_in_the_list_of_what_was_done():
    totals = [
        _total("buoi", "Buổi tuyên truyền", "buổi", 502),
        _total("ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", "%", "2.15", decimals=2),
        _total("tien", "Tiền vận động, ủng hộ", "đồng", 21_994_000_000),
    ]
    overview = assessment.results_overview(sample_review(totals=totals))

    assert overview.text.endswith(
        "Các tổ chức thành viên đã tổ chức 502 buổi tuyên truyền; vận động ủng hộ gần 22 tỷ đồng. "
        "Tỷ lệ hộ nghèo ở mức 2,15%."
    )
    assert overview.refs[-3:] == ["n:total.buoi.value", "money:total.tien.value", "p2:total.ty-le-ho-ngheo.value"]


def test_an_indicator_speaks_with_the_phrase_the_secretariat_set_on_it():
    total = IndicatorTotal("buoi-ngoai-khoa", "Buổi ngoại khóa", "buổi", 0, Decimal(12), None, 3,
                           phrase="đưa {value} buổi ngoại khóa về trường học")
    overview = assessment.results_overview(sample_review(totals=[total]))

    assert overview.text.endswith("Các tổ chức thành viên đã đưa 12 buổi ngoại khóa về trường học.")


@override_settings(REVIEW_INDICATOR_PHRASES={"buoi": "mở {n} lớp"})
def test_the_indicators_own_phrase_comes_before_the_setting():
    own = IndicatorTotal("buoi", "Buổi", "buổi", 0, Decimal(3), None, 3, phrase="tổ chức {n} buổi nói chuyện")
    plain = IndicatorTotal("buoi", "Buổi", "buổi", 0, Decimal(3), None, 3)

    assert assessment.indicator_phrase(own, "x") == "tổ chức %(x)s buổi nói chuyện"
    assert assessment.indicator_phrase(plain, "x") == "mở %(x)s lớp"


def test_the_figures_beside_a_sentence_follow_its_order():
    [joint] = [s for s in assessment.draft_statements(sample_review()) if s.rule == "joint_share_low"]

    assert list(joint.figures)[:3] == ["Hoạt động", "Hoạt động có từ hai thành viên trở lên", "Tỷ lệ"]
