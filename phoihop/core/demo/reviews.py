"""The demo's reviews: the issued 2016–2020 five-year review the seed reports on, and a
draft six-month review of 2020. Written through the review services on their own dates."""

import datetime as dt

from phoihop.accounts.models import User
from phoihop.core.demo.clock import demo_clock
from phoihop.programs.models import Program
from phoihop.reviews.data import Kind
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.services import review_create, review_issue, review_update

FIVE_YEAR = {
    "kind": Kind.PROGRAM,
    "start": dt.date(2016, 1, 1),
    "end": dt.date(2020, 12, 31),
    "title": "Báo cáo tổng kết 5 năm thực hiện Chương trình phối hợp hoạt động giai đoạn 2016–2020",
}
HALF_YEAR = {"kind": Kind.SIX_MONTHS, "start": dt.date(2020, 1, 1), "end": dt.date(2020, 6, 30)}
DIRECTIONS = (
    "Các tổ chức thành viên tiếp tục nâng cao nhận thức về mục đích của Chương trình phối hợp; "
    "trên cơ sở nội dung ký kết, chủ động xây dựng kế hoạch phối hợp từ tình hình thực tiễn và "
    "nhu cầu của nhân dân, xây dựng mô hình phối hợp cụ thể.\n"
    "Tăng cường trao đổi, nắm bắt thông tin từ cơ sở, nhất là tại các địa bàn tập trung nhiều vụ "
    "việc gây bức xúc; tập trung vận động nhân dân chấp hành các quy định về đất đai, giải phóng "
    "mặt bằng, hoạt động tôn giáo.\n"
    "Hoạt động của Chương trình phối hợp gắn với các nhiệm vụ chính trị của tỉnh."
)


def reviews_load() -> int:
    """Create the demo's reviews; 0 when they are already there."""
    program = Program.objects.filter(period_start=FIVE_YEAR["start"], period_end=FIVE_YEAR["end"]).first()
    if program is None or ReviewReport.objects.filter(program=program).exists():
        return 0
    secretariat = User.objects.get(username="thuongtruc")
    with demo_clock(dt.date(2020, 12, 18)):
        review = review_create(actor=secretariat, program=program, **FIVE_YEAR)
        review = review_update(
            actor=secretariat,
            review=review,
            version=review.revision,
            number="45-BC/BCĐ",
            place="Hà Nam",
            signer_name="Nguyễn Đức Toàn",
            signer_title="Trưởng Ban Dân vận Tỉnh ủy, Trưởng Ban Chỉ đạo",
            directions=DIRECTIONS,
        )
        review_issue(actor=secretariat, review=review, issued_on=dt.date(2020, 12, 20))
    with demo_clock(dt.date(2020, 7, 10)):
        review_create(actor=secretariat, program=program, **HALF_YEAR)
    return 2
