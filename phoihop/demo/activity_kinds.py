"""What Hà Nam's members typically did in 2016–2020, per content area: title patterns,
the indicators each kind reports (value ranges), and who usually leads it.

Plain data for demo/activities.py. Ranges are (low, high, step). Land, site-clearance
and religion kinds are rare and their results small: the seed's weak spots.
"""

PROPAGANDA = {"tuyen-truyen-buoi": (1, 6, 1), "tuyen-truyen-luot": (80, 650, 10)}

# area number → list of (title pattern, figures, weight)
KINDS = {
    1: [
        ("Tuyên truyền Nghị quyết Đại hội Đảng bộ tỉnh tại {place}", PROPAGANDA, 3),
        ("Tuyên truyền phòng, chống tội phạm và tệ nạn ma túy tại {place}", PROPAGANDA, 3),
        ("Tuyên truyền Luật Đất đai năm 2013 tại {place}", PROPAGANDA, 1),
        ("Tuyên truyền chính sách tín ngưỡng, tôn giáo tại {place}", PROPAGANDA, 1),
        ("Hội nghị tuyên truyền phong trào thi đua “Dân vận khéo” tại {place}", PROPAGANDA, 2),
    ],
    2: [
        ("Nắm tình hình dư luận xã hội tại {place}", {"tin-bao": (1, 12, 1)}, 4),
        ("Đối thoại với nhân dân về khiếu nại đất đai tại {place}",
         {"don-thu-tiep-nhan": (2, 9, 1), "don-thu-giai-quyet": (0, 3, 1)}, 2),
        ("Tiếp nhận, xử lý đơn thư của công dân tại {place}",
         {"don-thu-tiep-nhan": (1, 6, 1), "don-thu-giai-quyet": (0, 4, 1)}, 2),
    ],
    3: [
        ("Ra quân xây dựng nông thôn mới tại {place}", {"ngay-cong": (50, 600, 10)}, 4),
        ("Hỗ trợ mô hình kinh tế hộ gia đình tại {place}", {"tien-van-dong": (20, 400, 1)}, 2),
        ("Vận động hiến đất, giải phóng mặt bằng dự án tại {place}", {"ho-so-gpmb": (1, 8, 1)}, 1),
    ],
    4: [
        ("Phối hợp tuyển chọn, gọi công dân nhập ngũ tại {place}", PROPAGANDA, 3),
        ("Diễn tập chiến đấu phòng thủ tại {place}", {"ngay-cong": (100, 900, 10)}, 2),
        ("Tuyên truyền Luật Nghĩa vụ quân sự tại {place}", PROPAGANDA, 2),
    ],
    5: [
        ("Hỗ trợ hộ nghèo phát triển sản xuất tại {place}",
         {"ho-thoat-ngheo": (1, 15, 1), "tien-van-dong": (30, 500, 1)}, 3),
        ("Diễn tập phòng, chống lụt bão, tìm kiếm cứu nạn tại {place}",
         {"luot-tham-gia-cuu-nan": (60, 500, 10)}, 2),
        ("Khắc phục hậu quả mưa lũ tại {place}",
         {"luot-tham-gia-cuu-nan": (30, 300, 10), "ngay-cong": (40, 400, 10)}, 1),
    ],
    6: [
        ("Trao nhà Đại đoàn kết cho hộ nghèo tại {place}",
         {"nha-dai-doan-ket": (1, 4, 1), "tien-van-dong": (50, 240, 1)}, 3),
        ("Khởi công nhà tình nghĩa cho gia đình chính sách tại {place}",
         {"nha-tinh-nghia": (1, 2, 1), "tien-van-dong": (60, 120, 1)}, 2),
        ("Thăm, tặng quà gia đình chính sách tại {place}",
         {"suat-qua": (20, 200, 5), "tien-van-dong": (10, 80, 1)}, 3),
        ("Trao quà Tết cho hộ nghèo tại {place}", {"suat-qua": (30, 300, 5)}, 2),
    ],
    7: [
        ("Tập huấn nghiệp vụ công tác dân vận cho cán bộ cơ sở tại {place}", PROPAGANDA, 2),
        ("Kiện toàn chi hội, phát triển hội viên tại {place}", {}, 2),
        ("Sinh hoạt chuyên đề “Dân vận khéo” tại {place}", PROPAGANDA, 1),
    ],
}

# "tien-van-dong" ranges are in millions of đồng; the loader multiplies.
MILLIONS = {"tien-van-dong"}

# member key → content areas it leads most (first = most often)
AFFINITY = {
    "bdv_hn": [1, 2, 7],
    "bchqs_hn": [4, 5, 1],
    "mttq_hn": [6, 2, 3],
    "ldld_hn": [6, 3, 7],
    "hnd_hn": [3, 5, 1],
    "phunu_hn": [6, 5, 1],
    "tinhdoan_hn": [1, 5, 6],
    "ccb_hn": [4, 2, 7],
    "ctd_hn": [6, 5, 7],
}

# Activities per year: the program gathered pace, then 2020 brought COVID-19.
PER_YEAR = {2016: 85, 2017: 100, 2018: 110, 2019: 115, 2020: 90}

NARRATIVES = [
    "Hoạt động được tổ chức đúng kế hoạch, nhân dân đồng tình hưởng ứng.",
    "Các đơn vị phối hợp chặt chẽ; kết quả được báo cáo về Thường trực Ban Chỉ đạo.",
    "Một số hộ còn băn khoăn, đã được giải thích, vận động trực tiếp.",
    "Kết quả chủ yếu do đơn vị chủ trì thực hiện; sự tham gia của các tổ chức khác còn ít.",
    "Đã tổng hợp ý kiến, kiến nghị của nhân dân gửi cấp ủy, chính quyền địa phương.",
]
RETURN_COMMENT = "Đề nghị bổ sung số liệu cụ thể và tài liệu minh chứng."
