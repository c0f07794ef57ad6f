"""Patterns read from the tuning texts in the fifth pass (Đồng Nai, Hồ Chí Minh, Cà Mau,
Hải Phòng, Hà Nội, Bình Dương…). Each test is one of their sentences. The held-back
part was measured only as aggregate figures and never read."""

import datetime as dt

import pytest

from phoihop.intake.extract import ExtractionContext, extract


def _read(text, province):
    return extract(text, context=ExtractionContext(province=province))


def _keys(text, province):
    return {row["key"] for row in _read(text, province).organizations()}


DONG_NAI_2020 = ("Ngày 3-7, Bộ Chỉ huy quân sự tỉnh, Công an tỉnh, Ban Tôn giáo tỉnh, Ban Dân tộc tỉnh tổ chức hội nghị "
                 "tự đánh giá kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh với đề tài “Công tác dân vận "
                 "của lực lượng vũ trang trên địa bàn tỉnh Đồng Nai; thực trạng và giải pháp”.")


@pytest.mark.django_db
def test_an_undated_text_naming_a_body_the_reform_ended_is_read_before_the_reform(load):
    load("tinhdongnai")
    extraction = _read(DONG_NAI_2020, "Đồng Nai")
    assert extraction.on == dt.date(2025, 6, 30)
    assert "Ban Tôn giáo tỉnh" in extraction.on_reason
    (place,) = extraction.localities()
    assert place["ref"] == "v1.p75"  # the Đồng Nai of before the reform, not the merged one


@pytest.mark.django_db
def test_an_undated_text_naming_a_district_party_committee_is_read_before_the_reform(load):
    load("tinhdongnai")
    extraction = _read("Công tác Dân vận luôn được Huyện ủy, chính quyền, ban, ngành, đoàn thể của huyện Vĩnh Cửu "
                       "quan tâm.", "Đồng Nai")
    assert extraction.on == dt.date(2025, 6, 30)


@pytest.mark.django_db
def test_an_undated_text_after_the_reform_speaking_of_the_former_district_is_read_today(load):
    load("tinhdongnai")
    extraction = _read("Ủy ban MTTQ Việt Nam tỉnh Đồng Nai thăm các hộ nghèo ở địa bàn huyện cũ.", "Đồng Nai")
    assert extraction.on == dt.date(2026, 3, 2)  # the pinned today


@pytest.mark.django_db
def test_a_dated_text_keeps_its_date_whatever_bodies_it_names(load):
    load("tinhdongnai")
    extraction = _read("Ngày 3/7/2020, Ban Tôn giáo tỉnh tổ chức hội nghị.", "Đồng Nai")
    assert extraction.on == dt.date(2020, 7, 3)


@pytest.mark.django_db
def test_catp_is_the_city_police_closed_by_the_city_after_it(load):
    load("thanhphohanoi")
    keys = _keys("Ký kết Chương trình phối hợp công tác dân vận giữa Ban Dân vận Thành ủy và CATP Hà Nội.", "Hà Nội")
    assert "cong an thanh pho ha noi" in keys


@pytest.mark.django_db
def test_a_catholic_monastery_is_a_religious_body(load):
    load("tinhdongnai")
    extraction = _read("Linh mục Nguyễn Tiến Dũng, Viện trưởng Đan viện Thánh Mẫu Phước An phát biểu; đại diện các "
                       "dòng tu báo cáo.", "Đồng Nai")
    rows = {row["key"]: row for row in extraction.organizations()}
    assert rows["dan vien thanh mau phuoc an"]["kind"] == "religious"


@pytest.mark.django_db
def test_a_venue_is_not_an_organization(load):
    load("tinhbinhduong")
    keys = _keys("Đại hội chính thức diễn ra từ chiều 21/9/2023 đến 23/9/2023, tại Trung tâm Hội nghị Triển lãm tỉnh. "
                 "Hội nghị tổ chức tại Nhà văn hóa Thanh Niên.", "Bình Dương")
    assert not any(key.startswith(("trung tam", "nha van hoa")) for key in keys)


@pytest.mark.django_db
def test_the_front_as_a_field_of_work_or_a_bloc_is_not_a_body(load):
    load("tinhcamau")
    text = ("Hội nghị tổng kết công tác dân vận, Mặt trận Tổ quốc Việt Nam huyện năm 2019\n\nHuyện Trần Văn Thời tổ "
            "chức hội nghị tổng kết công tác dân vận, Mặt trận Tổ quốc năm 2019. Năm 2019, khối Dân vận, Mặt trận Tổ "
            "quốc huyện đã kịp thời quán triệt. Đồng chí Trương Linh Phượng, Phó Chủ tịch Thường trực Ủy ban Mặt trận "
            "Tổ quốc Việt Nam tỉnh Cà Mau phát biểu.")
    keys = _keys(text, "Cà Mau")
    assert "mat tran to quoc tinh ca mau" in keys
    assert not any(key.startswith("mat tran to quoc") and "ca mau" not in key for key in keys)


@pytest.mark.django_db
def test_a_person_named_after_the_peoples_committee_is_not_its_place(load):
    load("tinhdongnai")
    extraction = _read("Đoàn công tác do Phó bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Cao Tiến Dũng làm trưởng đoàn đã đến "
                       "thăm, chúc Tết.", "Đồng Nai")
    keys = {row["key"] for row in extraction.organizations()}
    assert "uy ban nhan dan tinh dong nai" in keys
    assert not any("cao tien dung" in key for key in keys)
    assert not any("Cao Tiến Dũng" in (row.get("name") or "") for row in extraction.localities())


@pytest.mark.django_db
def test_a_city_word_at_a_sentence_end_closes_the_name_by_the_city(load):
    load("thanhphohaiphong")
    keys = _keys("Đồng chí Phó bí thư thành uỷ đã trao tặng bức trướng của BCH Đảng bộ TP. Ông Nguyễn Hữu Doãn, "
                 "Trưởng ban dân vận, phát biểu.", "Hải Phòng")
    assert "ban chap hanh dang bo thanh pho hai phong" in keys
    assert not any("nguyen huu doan" in key for key in keys)


@pytest.mark.django_db
def test_a_dash_joined_list_shares_its_tail(load):
    load("tinhdongnai")
    keys = _keys("Nhân dịp Tết Nguyên đán Quý Mão năm 2023, đoàn công tác của Tỉnh ủy - HĐND – UBND - Ủy ban MTTQ "
                 "Việt Nam tỉnh đã đến thăm, chúc Tết các tổ chức tôn giáo.", "Đồng Nai")
    assert {"tinh uy dong nai", "hoi dong nhan dan tinh dong nai", "uy ban nhan dan tinh dong nai",
            "mat tran to quoc tinh dong nai"} <= keys
    assert not {"hoi dong nhan dan", "uy ban nhan dan"} & keys


@pytest.mark.django_db
def test_a_force_of_several_localities_is_a_kind_not_one_body(load):
    load("tinhgialai", "thanhphohochiminh")
    keys = _keys("Chương trình do Hội LHPN tỉnh Gia Lai và Hội LHPN TP. Hồ Chí Minh cùng với lực lượng Bộ đội Biên "
                 "phòng 2 địa phương phối hợp triển khai ngày 1/6/2023.", "Gia Lai")
    assert not any(key.startswith("bo doi bien phong") for key in keys)
    assert any(key.startswith("hoi lien hiep phu nu") and "gia lai" in key for key in keys)


@pytest.mark.django_db
def test_a_day_without_a_year_takes_the_year_of_the_texts_other_dates(load):
    load("tinhdongnai")
    extraction = _read("Ngày 3-7, Bộ Chỉ huy quân sự tỉnh, Công an tỉnh tổ chức hội nghị đánh giá kết quả năm 2020.",
                       "Đồng Nai")
    assert extraction.on == dt.date(2020, 7, 3)
    assert "2020-07-03" in extraction.dates()


@pytest.mark.django_db
def test_a_day_without_a_year_in_a_text_with_no_other_date_is_not_a_date(load):
    load("tinhdongnai")
    extraction = _read("Ngày 1-2, đoàn đến chúc Tết các ban, ngành tại tỉnh Đồng Nai.", "Đồng Nai")
    assert extraction.dates() == []
