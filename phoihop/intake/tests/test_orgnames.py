"""Organization names read by their grammar, on sentences of the evaluation corpus
(its tuning part): heads and levels, military regions and central bodies, shared tails
of lists, plural members, abbreviations, religious bodies, the text's own district,
other provinces' bodies, registry links and what is not an organization."""

import pytest

from phoihop.intake.extract import ExtractionContext, extract, orgnames


def _orgs(text, province):
    return {row["key"]: row for row in extract(text, context=ExtractionContext(province=province)).organizations()}


@pytest.mark.django_db
def test_central_bodies_and_a_military_region_are_read_with_their_levels():
    orgs = _orgs("Chiều 5/9/2023, đoàn công tác của Ban Dân vận Trung ương, Bộ Công an và Tổng cục Chính trị "
                 "QĐND Việt Nam đã kiểm tra chương trình. Dự có lãnh đạo Quân khu 4.", "")
    assert set(orgs) == {"ban dan van trung uong", "bo cong an", "tong cuc chinh tri quan doi nhan dan viet nam",
                         "quan khu 4"}
    assert orgs["quan khu 4"]["level"] == "region" and orgs["bo cong an"]["level"] == "central"
    assert orgs["quan khu 4"]["kind"] == "military" and orgs["quan khu 4"]["registry_id"] is None


@pytest.mark.django_db
def test_the_command_and_political_department_of_a_military_region_are_one_region_and_its_body():
    orgs = _orgs("Dự hội nghị có đại diện Ban Chỉ đạo Tây Nam bộ, Bộ Tư lệnh Quân Khu 9 và Cục Chính trị "
                 "Quân khu 9.", "")
    assert set(orgs) == {"ban chi dao tay nam bo", "quan khu 9", "cuc chinh tri quan khu 9"}


@pytest.mark.django_db
def test_heads_listed_before_one_tail_share_it(load):
    load("tinhbariavungtau")
    orgs = _orgs("Ngày 3/5/2019, đoàn lãnh đạo Tỉnh ủy, HĐND, UBND, UBMTTQVN tỉnh đã thăm các chùa. Cùng ngày, "
                 "lãnh đạo Huyện uỷ, HĐND, UBND huyện Xuyên Mộc tổ chức 7 đoàn.", "Bà Rịa - Vũng Tàu")
    assert {"tinh uy ba ria vung tau", "hoi dong nhan dan tinh ba ria vung tau", "uy ban nhan dan tinh ba ria vung tau",
            "mat tran to quoc tinh ba ria vung tau", "huyen uy xuyen moc", "hoi dong nhan dan huyen xuyen moc",
            "uy ban nhan dan huyen xuyen moc"} == set(orgs)


@pytest.mark.django_db
def test_a_plural_tail_names_one_body_per_place(load):
    load("tinhlongan")
    orgs = _orgs("Ngày 28/6/2016, lễ ký kết giữa Ban CHQS các huyện Bến Lức, Đức Hòa, Cần Đước thuộc Bộ CHQS "
                 "tỉnh Long An với các đơn vị bạn.", "Long An")
    assert {"ban chi huy quan su huyen ben luc", "ban chi huy quan su huyen duc hoa",
            "ban chi huy quan su huyen can duoc", "bo chi huy quan su tinh long an"} == set(orgs)
    assert orgs["ban chi huy quan su huyen duc hoa"]["level"] == "district"


@pytest.mark.django_db
def test_one_head_with_a_list_of_provinces_names_each_province_body(load):
    load("tinhtayninh", "tinhsoctrang")
    orgs = _orgs("Hội Liên hiệp phụ nữ tỉnh Tây Ninh, tỉnh Sóc Trăng đã ủng hộ hơn 550 triệu đồng năm 2018.",
                 "Tây Ninh")
    assert {"hoi lien hiep phu nu tinh tay ninh", "hoi lien hiep phu nu tinh soc trang"} == set(orgs)


@pytest.mark.django_db
def test_abbreviations_and_bracketed_short_forms_are_spelled_out():
    orgs = _orgs("Sáng 5/8/2009, Công an tỉnh, BCH quân sự tỉnh và Hội Cựu chiến binh (CCB) tỉnh tổ chức hội nghị.",
                 "")
    assert {"cong an tinh", "bo chi huy quan su tinh", "hoi cuu chien binh tinh"} == set(orgs)


@pytest.mark.django_db
def test_religious_bodies_are_organizations():
    orgs = _orgs("Đoàn đến thăm Hòa thượng Thích Nhật Huệ (chùa Tân Bửu), Ban Trị sự Minh Sư đạo tỉnh, Tòa Giám "
                 "mục Bùi Chu và Tiểu Vương Cung Thánh Đường Giáo xứ Phú Nhai năm 2020.", "")
    assert {"chua tan buu", "ban tri su minh su dao tinh", "toa giam muc bui chu", "giao xu phu nhai"} == set(orgs)
    assert all(row["kind"] == "religious" for row in orgs.values())


@pytest.mark.django_db
def test_a_name_written_up_to_its_level_is_the_district_the_text_names_most(hanam):
    orgs = _orgs("Ngày 5 tháng 8 năm 2019, Huyện ủy Giao Thủy đánh giá phối hợp với Ban Chỉ huy Quân sự huyện. "
                 "Hội nghị ghi nhận kinh nghiệm của thị trấn Cổ Lễ, huyện Trực Ninh. Bí thư Huyện ủy Giao Thủy "
                 "phát biểu. Ban Chỉ huy Quân sự huyện đã huy động dân quân.", "Nam Định")
    assert "ban chi huy quan su huyen giao thuy" in orgs
    assert not any(key.endswith("truc ninh") for key in orgs)


@pytest.mark.django_db
def test_a_party_committee_written_before_its_body_belongs_to_it():
    orgs = _orgs("Ngày 25/4/2019, đoàn làm việc với Đảng đoàn Hội CCB Việt Nam.", "")
    assert "dang doan hoi cuu chien binh viet nam" in orgs


@pytest.mark.django_db
def test_titles_halls_and_kinds_of_bodies_are_not_organizations():
    orgs = _orgs("Năm 2017, tại hội trường của huyện, Trưởng Ban Dân vận phát biểu; Mặt trận Tổ quốc các cấp và Ủy "
                 "ban nhân dân các huyện, thành phố, thị xã chịu trách nhiệm thi hành. Ông Nguyễn Trường Thắng dự.", "")
    assert set(orgs) == {"ban dan van"}


def test_every_head_pattern_is_indexed_by_the_words_it_may_begin_with():
    assert not orgnames._UNINDEXED
    assert orgnames._first_words("(?:(?:bo tu lenh|cuc chinh tri) )?quan khu \\d+") == {"bo", "cuc", "quan"}


@pytest.mark.django_db
def test_a_defence_zone_command_is_read_with_its_number_and_name_joined_by_a_bare_hyphen():
    orgs = _orgs("Ngày 10/12/2025, tại Ban Chỉ huy phòng thủ khu vực 2-Thống Nhất, UBND tỉnh tổ chức gặp mặt; "
                 "dự có cán bộ trên địa bàn Ban Chỉ huy Phòng thủ khu vực 3-Lạc Sơn.", "Phú Thọ")
    assert {"ban chi huy phong thu khu vuc 2 thong nhat", "ban chi huy phong thu khu vuc 3 lac son"} <= set(orgs)
    assert orgs["ban chi huy phong thu khu vuc 2 thong nhat"]["kind"] == "military"


@pytest.mark.django_db
def test_the_border_guard_command_under_its_2025_name_is_the_provinces_border_guard(load):
    load("tinhcaobang")
    orgs = _orgs("Ban Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh Cao Bằng vừa tổ chức gặp mặt báo chí.", "Cao Bằng")
    assert "bo doi bien phong tinh cao bang" in orgs


@pytest.mark.django_db
def test_a_province_closes_a_proper_name_so_the_person_after_it_is_left_out(load):
    load("tinhcaobang")
    orgs = _orgs("Dự có Giám đốc Báo và Phát thanh, truyền hình Cao Bằng Sầm Việt An.", "Cao Bằng")
    assert "bao va phat thanh truyen hinh cao bang" in orgs


@pytest.mark.django_db
def test_a_party_committee_joined_by_a_hyphen_to_its_body_belongs_to_it(load):
    load("tinhcaobang")
    orgs = _orgs("Năm 2025, Đảng ủy - Ban chỉ huy BĐBP Cao Bằng đã lãnh đạo đơn vị hoàn thành nhiệm vụ.", "Cao Bằng")
    assert {"dang uy bo doi bien phong cao bang", "bo doi bien phong cao bang"} <= set(orgs)
    assert "dang uy" not in orgs


@pytest.mark.django_db
def test_a_steering_board_named_by_its_task_keeps_the_task():
    orgs = _orgs("Dự có thành viên Ban Chỉ đạo thực hiện quy chế dân chủ và Trưởng khối Dân vận huyện.", "Cà Mau")
    assert "ban chi dao thuc hien quy che dan chu" in orgs
    assert "ban chi dao chuong trinh phoi hop" not in orgs


@pytest.mark.django_db
def test_a_head_followed_by_two_level_words_is_a_kind_of_body_not_one_body(load):
    load("tinhphutho")
    orgs = _orgs("Dự có lãnh đạo một số xã, phường, Ban Chỉ huy Quân sự xã, phường trên địa bàn tỉnh.", "Phú Thọ")
    assert not any(key.startswith("ban chi huy quan su") for key in orgs)
