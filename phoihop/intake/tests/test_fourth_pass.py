"""Patterns read from the tuning texts of the fourth corpus pass (Thái Nguyên, Vĩnh Phúc,
Thanh Hóa, Nghệ An, Lạng Sơn, Bà Rịa - Vũng Tàu, Cao Bằng, Nam Định, Hòa Bình, Bắc Giang,
Đồng Nai…): each test is a sentence of one of them."""

import pytest

from phoihop.intake.extract import ExtractionContext, extract


def _read(text, province):
    return extract(text, context=ExtractionContext(province=province))


def _keys(text, province):
    return {row["key"] for row in _read(text, province).organizations()}


@pytest.mark.django_db
def test_the_standing_board_of_the_central_front_committee_is_one_central_body():
    keys = _keys("Ngày 26/6, Công an tỉnh và Ủy ban MTTQ Việt Nam tỉnh tổ chức hội nghị tổng kết 10 năm thực hiện "
                 "Chương trình phối hợp số 09/Ctr-BCA-TTTW ngày 1/8/2013 giữa Bộ Công an với Ban Thường trực Ủy ban "
                 "Trung ương MTTQ Việt Nam.", "")
    assert {"bo cong an", "ban thuong truc uy ban trung uong mat tran to quoc viet nam"} <= keys
    assert "uy ban trung uong mat tran to quoc viet nam" not in keys


@pytest.mark.django_db
def test_btt_is_spelled_out_and_a_district_closes_by_the_name_the_text_writes(hanam):
    # Mỹ Lộc went into Nam Định city on 1 January 2025; the registry gives the city, the text the district
    keys = _keys("Sáng 08/10/2021, BTT Uỷ ban MTTQ huyện - Ban vận động Quỹ “Vì người nghèo” huyện Mỹ Lộc tổ chức "
                 "khánh thành 02 nhà đại đoàn kết tại xã Mỹ Phúc. Đồng chí Hoàng Thế Hòe - Ủy viên BTV huyện ủy, "
                 "Chủ tịch Ủy ban MTTQ huyện Mỹ Lộc trao nhà Đại đoàn kết.", "Nam Định")
    assert {"ban thuong truc uy ban mat tran to quoc huyen my loc", "ban thuong vu huyen uy my loc",
            "mat tran to quoc huyen my loc"} <= keys
    assert not any(key.endswith("nam dinh") for key in keys)


@pytest.mark.django_db
def test_thanh_uy_and_thanh_pho_in_a_province_are_the_city_the_text_names(load):
    load("tinhvinhphuc")
    keys = _keys("Sáng ngày 12/5/2022, Ban Dân vận Tỉnh ủy chủ trì phối hợp với Ban Dân vận Thành ủy Vĩnh Yên tổ "
                 "chức hội nghị. Về phía thành phố có đồng chí Nguyễn Thị Mai, Ủy viên BTV Thành ủy, Trưởng ban Dân "
                 "Vận, Chủ tịch Ủy ban MTTQ thành phố, cùng lãnh đạo Trung Tâm Chính trị thành phố.", "Vĩnh Phúc")
    assert {"ban dan van tinh uy vinh phuc", "ban dan van thanh uy vinh yen", "ban thuong vu thanh uy vinh yen",
            "mat tran to quoc thanh pho vinh yen", "trung tam chinh tri thanh pho vinh yen"} <= keys
    assert not {"mat tran to quoc thanh pho", "trung tam chinh"} & keys


@pytest.mark.django_db
def test_a_bare_board_is_the_one_board_of_that_name_in_the_text(load):
    load("tinhnghean")
    keys = _keys("Ban Dân vận ký kết chương trình phối hợp với Ban Tôn giáo tỉnh\n\nChiều 30 tháng 10 năm 2014, Ban "
                 "Dân vận Tỉnh ủy và Ban Tôn giáo tỉnh tổ chức ký kết chương trình phối hợp giai đoạn 2015 – 2020.",
                 "Nghệ An")
    assert {"ban dan van tinh uy nghe an", "ban ton giao tinh nghe an"} <= keys
    assert "ban dan van" not in keys


@pytest.mark.django_db
def test_the_catholic_solidarity_committee_and_its_abbreviation(load):
    load("tinhthanhhoa")
    keys = _keys("Lãnh đạo Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thanh Hóa và Sở Dân tộc và Tôn giáo giới thiệu Điều "
                 "lệ Ủy ban Đoàn kết Công giáo (ĐKCG) Việt Nam khóa 8. Linh mục Nguyễn Văn Ba, Phó Chủ tịch Ủy ban "
                 "ĐKCG tỉnh Thanh Hóa, phát biểu.", "Thanh Hóa")
    assert {"uy ban doan ket cong giao viet nam", "uy ban doan ket cong giao tinh thanh hoa",
            "so dan toc va ton giao", "mat tran to quoc tinh thanh hoa"} <= keys


@pytest.mark.django_db
def test_the_security_departments_of_the_ministry_by_region_and_field():
    keys = _keys("Dự Hội nghị có đại diện lãnh đạo Ban Tôn giáo Chính phủ, Ban Chỉ đạo Tây Bắc, Cục An ninh Tây Bắc. "
                 "Hội đồng Trị sự dẫn đoàn đến Cục An ninh Nội địa - Bộ Công an.", "")
    assert {"ban ton giao chinh phu", "ban chi dao tay bac", "cuc an ninh tay bac",
            "cuc an ninh noi dia bo cong an"} <= keys
    assert "cuc an ninh noi dia" not in keys


@pytest.mark.django_db
def test_a_border_post_written_in_lowercase_before_its_name():
    keys = _keys("Ngày 5/6/2019 Hội LHPN xã Ngọc Chung phối hợp với đồn biên phòng Ngọc Chung phát quang đường tuần "
                 "tra cột mốc 775.", "Cao Bằng")
    assert "don bien phong ngoc chung" in keys
