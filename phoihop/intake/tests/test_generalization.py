"""Patterns read from the tuning texts of the second corpus pass (Hải Phòng, Vĩnh Phúc,
Hòa Bình, TP Hồ Chí Minh and central bodies): each test is a sentence of one of them."""

import datetime as dt

import pytest

from phoihop.intake.extract import ExtractionContext, extract


def _read(text, province):
    return extract(text, context=ExtractionContext(province=province))


def _keys(text, province):
    return {row["key"] for row in _read(text, province).organizations()}


@pytest.mark.django_db
def test_an_undated_text_naming_a_province_that_has_ended_is_read_on_its_last_day(load):
    load("tinhvinhphuc")
    text = ("Tiếp Phó Thủ tướng tại Tỉnh ủy có đồng chí Hoàng Thị Thúy Lan, Bí thư Tỉnh ủy; lãnh đạo Ủy ban "
            "MTTQ Việt Nam tỉnh, lãnh đạo một số Sở, ban ngành của tỉnh và thành phố Vĩnh Yên.")
    found = _read(text, "Vĩnh Phúc")
    assert found.on == dt.date(2025, 6, 30)
    keys = {row["key"] for row in found.organizations()}
    assert {"tinh uy vinh phuc", "mat tran to quoc tinh vinh phuc"} <= keys
    assert not any("phu tho" in key for key in keys)


@pytest.mark.django_db
def test_the_prime_minister_is_a_post_and_the_government_the_body():
    keys = _keys("Đồng chí Trịnh Đình Dũng, Ủy viên TƯ Đảng, Phó Thủ tướng Chính phủ đã đến thăm, chúc Tết.", "")
    assert {"chinh phu", "trung uong dang"} <= keys
    assert "thu tuong chinh phu" not in keys


@pytest.mark.django_db
def test_a_centrally_run_citys_thanh_uy_is_that_citys_even_in_lowercase_after_a_title(load):
    load("thanhphohaiphong")
    keys = _keys("Sáng 12-10-2010, Ban dân vận Thành uỷ tổ chức lễ kỷ niệm. Ông Dương Anh Điền, Phó bí thư "
                 "thành uỷ, đã trao tặng bức trướng.", "Hải Phòng")
    assert {"ban dan van thanh uy hai phong", "thanh uy hai phong"} <= keys


@pytest.mark.django_db
def test_central_bodies_written_with_t_u_and_a_bracketed_short_form():
    keys = _keys("Tối 27/2/2026, T.Ư Đoàn TNCS Hồ Chí Minh và T.Ư Hội LHTN Việt Nam phối hợp với Bộ Tư lệnh Bộ đội "
                 "Biên phòng, Ban Thanh niên Quân đội tổ chức chương trình. Dự có Phó Chủ tịch Ủy ban Trung ương "
                 "Mặt trận Tổ quốc (MTTQ) Việt Nam.", "")
    assert {"trung uong doan thanh nien cong san ho chi minh", "trung uong hoi lien hiep thanh nien viet nam",
            "bo tu lenh bo doi bien phong", "ban thanh nien quan doi",
            "uy ban trung uong mat tran to quoc viet nam"} <= keys
    assert "mat tran to quoc viet nam" not in keys


@pytest.mark.django_db
def test_the_councils_and_institutes_of_the_buddhist_sangha_are_central_bodies():
    keys = _keys("Thượng tọa Thích Đức Thiện, Phó Chủ tịch Hội đồng Trị sự Giáo hội Phật giáo (GHPG) Việt Nam báo "
                 "cáo; Hòa thượng Thích Giác Toàn, Viện trưởng Viện Nghiên cứu Phật học Việt Nam, dẫn đoàn "
                 "Trung ương GHPGVN năm 2021.", "")
    assert {"hoi dong tri su giao hoi phat giao viet nam", "vien nghien cuu phat hoc viet nam",
            "trung uong giao hoi phat giao viet nam"} <= keys
    assert not any(key.startswith("vien truong") for key in keys)


@pytest.mark.django_db
def test_phong_chong_is_one_verb_pair_not_a_list(load):
    load("tinhhoabinh")
    keys = _keys("Theo Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh Hòa Bình, ngày 11/8/2022 có "
                 "mưa to; Văn phòng Ban Chỉ huy Phòng, chống thiên tai và tìm kiếm cứu nạn huyện Lạc Thủy đã "
                 "xuống hiện trường.", "Hòa Bình")
    assert {"ban chi huy phong chong thien tai va tim kiem cuu nan tinh hoa binh",
            "van phong ban chi huy phong chong thien tai va tim kiem cuu nan huyen lac thuy"} <= keys


@pytest.mark.django_db
def test_tp_names_a_centrally_run_city_too(load):
    load("thanhphohochiminh")
    found = _read("Ngày 20/1/2016, tại điểm cầu TP Hồ Chí Minh có Thượng tướng Phạm Dũng.", "")
    assert [row["ref"] for row in found.to_json()["localities"]] == ["v1.p79"]
