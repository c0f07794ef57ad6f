import datetime as dt
from decimal import Decimal

from phoihop.reviews.data import (
    AreaResult,
    Coordination,
    IndicatorTotal,
    Review,
    Scope,
    Statement,
    TopicResult,
)


def _review() -> Review:
    sessions = IndicatorTotal("tuyen-truyen-buoi", "Buổi tuyên truyền", "buổi", 0, Decimal("897"), Decimal("800"), 120)
    return Review(
        scope=Scope(program_id=1, start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31), kind="program"),
        program_name="Chương trình phối hợp hoạt động giai đoạn 2016–2020",
        committee_name="Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam",
        host_name="Ban Dân vận Tỉnh ủy Hà Nam",
        province_name="Tỉnh Hà Nam",
        period_label="giai đoạn 2016–2020",
        computed_at=dt.datetime(2020, 12, 20, 8, 0, tzinfo=dt.UTC),
        redacted=False,
        totals=[sessions],
        areas=[AreaResult(1, "Tuyên truyền, vận động", 120, 20, 0.3, [sessions])],
        members=[],
        localities=[],
        tasks=[],
        coordination=Coordination(400, 72, ["BDV", "CHQS"], [[10, 3], [3, 8]], [("Tuyên truyền", 120)], {"recognized": 3}),
        topics=[TopicResult("dat-dai", "Đất đai", True, 40, 16, 4, 6, 14, 5)],
        hotspots=[],
        statements=[Statement("limitation", "joint_share_low", "Chỉ 18% hoạt động có từ hai thành viên.", {"Tỷ lệ": "18%"})],
    )


def test_a_review_survives_a_json_round_trip_unchanged():
    review = _review()
    assert Review.from_json(review.to_json()) == review


def test_ratios_are_derived_not_stored():
    review = _review()
    assert review.totals[0].ratio == 897 / 800
    assert review.coordination.joint_share == 72 / 400
    assert review.topics[0].resolution_rate == 16 / 26
