"""Write what only the secretariat can write, so a draft may be issued."""

from phoihop.reviews.services import review_update

FINISHED_TEXT = {
    "number": "12-BC/BCĐ",
    "signer_name": "Nguyễn Đức Toàn",
    "results": "Các tổ chức thành viên triển khai đúng kế hoạch.",
    "strengths": "Các thành viên bám sát nội dung ký kết.",
    "causes": "Nguyên nhân khách quan: địa bàn rộng.\nNguyên nhân chủ quan: trao đổi thông tin chưa thường xuyên.",
    "lessons": "Nội dung phối hợp phải cụ thể, sát thực tiễn.",
    "directions": "Tiếp tục thực hiện Chương trình phối hợp.",
    "recommendations": "Đề nghị Thường trực Tỉnh ủy quan tâm chỉ đạo.",
}


def finished(actor, report, **changes):
    """`report` with every part written (the number is the steering committee's)."""
    return review_update(actor=actor, review=report, version=report.revision, **(FINISHED_TEXT | changes))
