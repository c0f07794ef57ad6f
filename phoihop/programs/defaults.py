"""Defaults drawn from the seed: the seven content areas and the usual indicators."""

from django.utils.translation import gettext_noop as N_

CONTENT_AREAS = [
    N_("Tuyên truyền, vận động"),
    N_("Nắm tình hình, trao đổi thông tin"),
    N_("Phát triển kinh tế, văn hóa – xã hội"),
    N_("Quốc phòng, quân sự địa phương"),
    N_("Giảm nghèo, phòng chống thiên tai, tìm kiếm cứu nạn"),
    N_("Chính sách xã hội, hậu phương quân đội, từ thiện nhân đạo"),
    N_("Xây dựng tổ chức, cơ sở vững mạnh"),
]

# (code, name, unit, aggregation, summable across members, decimals)
INDICATORS = [
    ("tuyen-truyen-buoi", "Buổi tuyên truyền", "buổi", "sum", True, 0),
    ("tuyen-truyen-luot", "Lượt người dự tuyên truyền", "lượt người", "sum", True, 0),
    ("nha-dai-doan-ket", "Nhà Đại đoàn kết xây mới, sửa chữa", "nhà", "sum", True, 0),
    ("nha-tinh-nghia", "Nhà tình nghĩa, nhà đồng đội", "nhà", "sum", True, 0),
    ("tien-van-dong", "Tiền vận động, ủng hộ", "đồng", "sum", True, 0),
    ("ngay-cong", "Ngày công lao động", "ngày công", "sum", True, 0),
    ("ho-thoat-ngheo", "Hộ thoát nghèo", "hộ", "sum", True, 0),
    ("suat-qua", "Suất quà tặng", "suất", "sum", True, 0),
    ("tin-bao", "Tin báo, nguồn tin từ nhân dân", "tin", "sum", True, 0),
    ("don-thu-tiep-nhan", "Đơn thư khiếu nại, tố cáo tiếp nhận", "đơn", "sum", True, 0),
    ("don-thu-giai-quyet", "Đơn thư được giải quyết", "đơn", "sum", True, 0),
    ("ho-so-gpmb", "Hồ sơ giải phóng mặt bằng vận động bàn giao", "hồ sơ", "sum", True, 0),
    ("luot-tham-gia-cuu-nan", "Lượt người tham gia phòng chống thiên tai, cứu nạn", "lượt người", "sum", True, 0),
    ("ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", "%", "latest", False, 2),
]
