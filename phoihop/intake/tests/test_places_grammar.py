"""Places written as the corpus writes them: a description between the type word and
the names, a district in brackets without its type word, provinces listed alone."""

import pytest

from phoihop.intake.extract import ExtractionContext, extract


def _refs(text, province):
    result = extract(text, context=ExtractionContext(province=province))
    return {row.get("ref") for row in result.localities() if row["status"] == "matched"}


@pytest.mark.django_db
def test_a_description_between_type_word_and_names_is_skipped(load):
    load("tinhtayninh")
    refs = _refs("Năm 2018, Hội phối hợp với Đồn Biên phòng Phước Chỉ hỗ trợ phụ nữ các xã biên giới Phước Chỉ, "
                 "Bình Thạnh.", "Tây Ninh")
    assert {"v1.c25738", "v1.c25729"} <= {ref.split("~")[0] for ref in refs}  # their codes, in the versions of the day


@pytest.mark.django_db
def test_a_district_in_brackets_after_a_commune_needs_no_type_word(hanam):
    refs = _refs("Tháng 10/2022, làng Xuân Dục, xã Xuân Ninh (Xuân Trường) có 3 xóm.", "Nam Định")
    assert "v1.d364" in refs  # Huyện Xuân Trường, not Thị trấn Xuân Trường


@pytest.mark.django_db
def test_provinces_listed_alone_are_places_but_a_persons_name_is_not(hanam):
    refs = _refs("Năm 2024, đoàn công tác đến các địa phương: Hà Nam, Nam Định. Ông Lê Ninh Bình dự; "
                 "học tập tư tưởng Hồ Chí Minh.", "Hà Nam")
    assert {"v1.p35", "v1.p36"} <= refs
    assert "v1.p37" not in refs


@pytest.mark.django_db
def test_names_given_as_examples_of_a_plural_type_word_are_places_figures_and_all(load):
    load("tinhnamdinh")
    refs = _refs("Năm 2020, huyện Xuân Trường có nhiều xã có tỷ lệ giáo dân cao như Xuân Ngọc (92%), "
                 "Thọ Nghiệp (54%).", "Nam Định")
    assert {"v1.c14116", "v1.c14125"} <= refs
