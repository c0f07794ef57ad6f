"""Default situation topics (shared/DOMAIN.md): land and religion are sensitive."""

# (code, name, sensitive, expected handling days)
TOPICS = [
    ("dat-dai", "Đất đai", True, 60),
    ("gpmb", "Giải phóng mặt bằng", False, 45),
    ("ton-giao", "Tôn giáo", True, 30),
    ("moi-truong", "Môi trường", False, 30),
    ("lao-dong-viec-lam", "Lao động – việc làm", False, 30),
    ("an-ninh-trat-tu", "An ninh trật tự", False, 15),
    ("chinh-sach-xa-hoi", "Chính sách xã hội", False, 30),
    ("khieu-nai-to-cao", "Khiếu nại – tố cáo", False, 60),
    ("khac", "Khác", False, 30),
]
