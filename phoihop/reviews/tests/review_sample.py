"""A hand-built Review (no database) for the formatter tests: Hà Nam, 2016–2020."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from phoihop.reviews.data import (
    AreaResult,
    Coordination,
    HotspotRow,
    IndicatorTotal,
    LocalityResult,
    MemberResult,
    NamedActivity,
    NamedModel,
    Review,
    Scope,
    Statement,
    TaskResult,
    TopicResult,
)


def sessions(value="897", target="800", activities=120) -> IndicatorTotal:
    return IndicatorTotal("tuyen-truyen-buoi", "Buổi tuyên truyền", "buổi", 0, Decimal(value), Decimal(target), activities)


def attendance() -> IndicatorTotal:
    return IndicatorTotal("tuyen-truyen-luot", "Lượt người dự", "lượt người", 0, Decimal("404850"), None, 118)


def money() -> IndicatorTotal:
    return IndicatorTotal("tien-vnd", "Kinh phí vận động", "triệu đồng", 1, Decimal("156432.5"), Decimal("150000"), 40)


def sample_review(**changes) -> Review:
    review = Review(
        scope=Scope(program_id=1, start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31), kind="program"),
        program_name="Chương trình phối hợp hoạt động giai đoạn 2016–2020",
        committee_name="Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam",
        host_name="Ban Dân vận Tỉnh ủy Hà Nam",
        province_name="Tỉnh Hà Nam",
        period_label="giai đoạn 2016–2020",
        computed_at=dt.datetime(2020, 12, 20, 8, 0, tzinfo=dt.UTC),
        redacted=False,
        totals=[sessions(), attendance(), money()],
        areas=[
            AreaResult(
                1, "Tuyên truyền, vận động", 1250, 410, 0.4101, [sessions(), attendance()],
                [NamedActivity("Hội nghị tuyên truyền Luật Đất đai năm 2013 tại Xã Thanh Hải", "BDV",
                               ["CHQS", "Phụ nữ"], dt.date(2018, 3, 2))],
                [NamedModel("Dân vận khéo", ["BDV", "Phụ nữ"], "outstanding", True, 14)],
            ),
            AreaResult(2, "Nắm tình hình, trao đổi thôngin", 830, 95, 0.2723, []),
            AreaResult(5, "Giảm nghèo, phòng chống thiên tai, tìm kiếm cứu nạn", 968, 120, 0.3176, [money()]),
        ],
        members=[
            MemberResult(11, "Ban Dân vận Tỉnh ủy Hà Nam", "BDV", 1402, 210, 300, [], 20, 18, 2),
            MemberResult(12, "Bộ Chỉ huy Quân sự tỉnh Hà Nam", "CHQS", 1021, 305, 215, [], 20, 15, 4),
            MemberResult(13, "Hội Liên hiệp Phụ nữ tỉnh Hà Nam", "Phụ nữ", 625, 190, 110, [], 20, 20, 0),
        ],
        localities=[
            LocalityResult(101, "Xã Thanh Hải", "Huyện Thanh Liêm", 214, 17, 9),
            LocalityResult(102, "Phường Lam Hạ", "Thành phố Phủ Lý", 1088, 6, 6),
        ],
        tasks=[
            TaskResult(2020, 1, "Tuyên truyền Nghị quyết Đại hội Đảng bộ tỉnh", "BDV", dt.date(2020, 11, 30), "done", 1.0),
            TaskResult(2020, 2, "Hỗ trợ xây nhà đại đoàn kết", "CHQS", dt.date(2020, 12, 15), "overdue", 0.625),
        ],
        coordination=Coordination(
            3048, 625, ["BDV", "CHQS", "Phụ nữ"],
            [[1612, 240, 130], [240, 1326, 75], [130, 75, 815]],
            [("Tuyên truyền, vận động", 1250), ("Nắm tình hình, trao đổi thông tin", 830), ("Giảm nghèo", 968)],
            {"proposed": 4, "recognized": 12, "outstanding": 2},
        ),
        topics=[
            TopicResult("dat-dai", "Đất đai", True, 40, 16, 4, 6, 14, 5),
            TopicResult("moi-truong", "Môi trường", False, 1234, 1100, 20, 14, 100, 3),
        ],
        hotspots=[HotspotRow("Xã Thanh Hải", "Huyện Thanh Liêm", Decimal("37.5"), 17, True)],
        statements=[
            Statement("strength", "models_many", "Có 14 mô hình phối hợp được công nhận.", {"Mô hình": "14"}),
            Statement("limitation", "joint_share_low", "Chỉ 20,5% hoạt động có từ hai thành viên.", {"Tỷ lệ": "20,5%"}),
            Statement("limitation", "sensitive_gap", "Giải quyết vụ việc đất đai còn chậm.", {}, sensitive=True),
        ],
        reports_completeness=0.95,
        reports_timeliness=0.883,
    )
    for name, value in changes.items():
        setattr(review, name, value)
    return review


def sample_report(**changes) -> SimpleNamespace:
    """The text fields a ReviewReport carries (no database needed to render them)."""
    fields = dict(
        layout="party",
        title="Tổng kết 5 năm thực hiện Chương trình phối hợp hoạt động giai đoạn 2016–2020",
        number="12-BC/BDVTU",
        place="Phủ Lý",
        issued_on=dt.date(2020, 12, 20),
        signer_name="Trần Xuân Dưỡng",
        signer_title="Trưởng Ban Dân vận Tỉnh ủy",
        signer_authority="T/M Ban Chỉ đạo",
        recipients="- Thường trực Tỉnh ủy (để báo cáo),\n- Các tổ chức thành viên,\n- Lưu VP.",
        situation="Chương trình được ký kết ngày 15/01/2016 giữa 15 tổ chức thành viên.",
        results="Các tổ chức thành viên đã phối hợp chặt chẽ.\nKết quả cụ thể tại Phụ lục.",
        limitations="Sự phối hợp giữa các thành viên chưa rõ nét.",
        directions="Tiếp tục thực hiện Chương trình giai đoạn 2021–2025.",
        recommendations="",
    )
    return SimpleNamespace(**(fields | changes))
