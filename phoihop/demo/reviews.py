"""The demo's reviews: the issued 2016–2020 five-year review the seed reports on, and a
draft six-month review of 2020. Written through the review services on their own dates."""

import datetime as dt

from phoihop.accounts.models import User
from phoihop.demo.clock import demo_clock
from phoihop.programs.models import Program
from phoihop.reviews.data import Kind
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.services import review_create, review_issue, review_update

FIVE_YEAR = {
    "kind": Kind.PROGRAM,
    "start": dt.date(2016, 1, 1),
    "end": dt.date(2020, 12, 31),
    "title": "Tổng kết 5 năm thực hiện Chương trình phối hợp hoạt động giai đoạn 2016–2020",
}
HALF_YEAR = {"kind": Kind.SIX_MONTHS, "start": dt.date(2020, 1, 1), "end": dt.date(2020, 6, 30)}
DIRECTIONS = (
    "Các tổ chức thành viên tiếp tục nâng cao nhận thức về mục đích của Chương trình phối hợp; "
    "trên cơ sở nội dung ký kết, chủ động xây dựng kế hoạch phối hợp từ tình hình thực tiễn và "
    "nhu cầu của nhân dân, xây dựng mô hình phối hợp cụ thể.\n"
    "Tăng cường trao đổi, nắm bắt thông tin từ cơ sở; vận động nhân dân chấp hành các quy định về "
    "đất đai, giải phóng mặt bằng, hoạt động tôn giáo.\n"
    "Hoạt động của Chương trình phối hợp gắn với các nhiệm vụ chính trị của tỉnh."
)


SITUATION = (
    "Chương trình phối hợp được ký kết ngày 15/01/2016. Ban Chỉ đạo ban hành quy chế hoạt động, "
    "hằng năm xây dựng kế hoạch phối hợp, phân công tổ chức thành viên chủ trì từng nội dung."
)
STRENGTHS = (
    "Các tổ chức thành viên nhận thức rõ mục đích, ý nghĩa của Chương trình phối hợp, bám sát nội dung "
    "ký kết; nhiều hoạt động gắn với nhiệm vụ chính trị của địa phương, được nhân dân đồng tình hưởng ứng."
)
# The drafted causes and lessons say what the figures show (joint work, reports, models,
# the land, site-clearance and religion cases); the secretariat adds what figures cannot.
CAUSES = (
    "Bên cạnh đó, địa bàn rộng, kinh phí bảo đảm cho hoạt động phối hợp còn hạn hẹp; một số tổ chức "
    "thành viên chưa chủ động đề xuất nội dung phối hợp."
)
LESSONS = (
    "Phải có sự lãnh đạo, chỉ đạo chặt chẽ của cấp ủy; thường xuyên trao đổi thông tin, nắm chắc tình hình "
    "từ cơ sở để kịp thời phối hợp giải quyết những vấn đề phát sinh."
)
RECOMMENDATIONS = (
    "Đề nghị Thường trực Tỉnh ủy tiếp tục quan tâm lãnh đạo, chỉ đạo thực hiện Chương trình phối hợp "
    "giai đoạn 2021–2025; bố trí kinh phí bảo đảm cho hoạt động của Ban Chỉ đạo."
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
            situation=SITUATION,
            strengths=STRENGTHS,
            causes=CAUSES,
            lessons=LESSONS,
            directions=DIRECTIONS,
            recommendations=RECOMMENDATIONS,
        )
        review_issue(actor=secretariat, review=review, issued_on=dt.date(2020, 12, 20))
    with demo_clock(dt.date(2020, 7, 10)):
        review_create(actor=secretariat, program=program, **HALF_YEAR)
    return 2
