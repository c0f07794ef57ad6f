"""The seed article read with what Phối hợp knows: its places (with districts and 2025
successors), topics, organizations, people and year; ambiguity; dates choosing units."""

import datetime as dt

import pytest

from phoihop.intake.extract import ExtractionContext, extract
from phoihop.organizations.models import Organization, OrgKind, OrgLevel

pytestmark = pytest.mark.django_db

# (as written, the unit in force in 2020, its district then, primary 2025 successor)
SEED_PLACES = [
    ("xã Thanh Hải", "Xã Thanh Hải", "Huyện Thanh Liêm", "Xã Thanh Lâm"),
    ("Thanh Nghị", "Xã Thanh Nghị", "Huyện Thanh Liêm", "Xã Thanh Lâm"),
    ("Thị trấn Kiện Khê", "Thị trấn Kiện Khê", "Huyện Thanh Liêm", "Phường Châu Sơn"),
    ("Châu Sơn", "Phường Châu Sơn", "Thành phố Phủ Lý", "Phường Châu Sơn"),
    ("Thanh Tuyền", "Phường Thanh Tuyền", "Thành phố Phủ Lý", "Phường Châu Sơn"),
    ("Lam Hạ", "Phường Lam Hạ", "Thành phố Phủ Lý", "Phường Hà Nam"),
    ("Tiên Tân", "Xã Tiên Tân", "Thành phố Phủ Lý", "Phường Hà Nam"),  # Phường Tân Hiệp from 2025
    ("Tân Sơn", "Xã Tân Sơn", "Huyện Kim Bảng", "Phường Nguyễn Úy"),
    ("Thi Sơn", "Xã Thi Sơn", "Huyện Kim Bảng", "Phường Lý Thường Kiệt"),
    ("Khả Phong", "Xã Khả Phong", "Huyện Kim Bảng", "Phường Tam Chúc"),
    ("Ba Sao", "Thị trấn Ba Sao", "Huyện Kim Bảng", "Phường Tam Chúc"),
    ("Yên Bắc", "Phường Yên Bắc", "Thị xã Duy Tiên", "Phường Đồng Văn"),
    ("Đồng Văn", "Phường Đồng Văn", "Thị xã Duy Tiên", "Phường Đồng Văn"),
]


def _seed(hanam, text):
    return extract(text, context=ExtractionContext.for_committee(hanam.committee))


def test_seed_yields_its_thirteen_localities_with_districts_and_2025_successors(hanam, seed_text):
    result = _seed(hanam, seed_text)
    communes = {s.text: s.value for s in result.of("locality") if s.value.get("level") == 3}
    assert len(communes) == 13
    for written, unit, district, successor in SEED_PLACES:
        value = communes[written]
        assert (value["status"], value["name"], value["district"]) == ("matched", unit, district), written
        assert value["province"] == "Tỉnh Hà Nam"
        assert value["successor"]["name"] == successor, written
        assert value["successor"]["full_name"].endswith("Tỉnh Ninh Bình")


def test_seed_explains_a_carried_type_word_and_a_parent_in_parentheses(hanam, seed_text):
    span = next(s for s in _seed(hanam, seed_text).of("locality") if s.text == "Thanh Nghị")
    assert "loại “xã” mang theo từ đầu danh sách" in span.explanation
    assert "đơn vị cấp trên “huyện Thanh Liêm” (ngoặc)" in span.explanation
    assert "nay là Xã Thanh Lâm" in span.explanation


def test_seed_districts_are_read_as_localities_too(hanam, seed_text):
    districts = {row["name"] for row in _seed(hanam, seed_text).localities() if row.get("level") == 2}
    assert districts == {"Huyện Thanh Liêm", "Thành phố Phủ Lý", "Huyện Kim Bảng", "Thị xã Duy Tiên"}


def test_seed_names_land_site_clearance_and_religion_as_salient_topics(hanam, seed_text):
    topics = {t["code"]: t for t in _seed(hanam, seed_text).topics()}
    assert {"dat-dai", "gpmb", "ton-giao"} <= set(topics)
    assert all(topics[code]["salient"] for code in ("dat-dai", "gpmb", "ton-giao"))
    assert not topics["chinh-sach-xa-hoi"]["salient"]


def test_seed_names_its_organizations_and_links_the_registry(hanam, seed_text):
    orgs = {o["key"]: o for o in _seed(hanam, seed_text).organizations()}
    assert set(orgs) == {
        "ban chi dao chuong trinh phoi hop", "bo chi huy quan su tinh ha nam", "ban dan van tinh uy ha nam",
        "mat tran to quoc", "ban thuong vu tinh uy ha nam",
    }
    assert orgs["ban dan van tinh uy ha nam"]["registry_id"] == hanam.dan_van.pk
    assert orgs["bo chi huy quan su tinh ha nam"]["name"] == "Bộ Chỉ huy Quân sự tỉnh Hà Nam"


def test_seed_gives_nguyen_duc_toan_his_three_positions(hanam, seed_text):
    people = {p["name"]: p["positions"] for p in _seed(hanam, seed_text).people()}
    assert people["Nguyễn Đức Toàn"] == [
        "Ủy viên BTV Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy", "Trưởng Ban chỉ đạo điều hành chương trình",
    ]


def test_seed_is_read_in_2020(hanam, seed_text):
    result = _seed(hanam, seed_text)
    assert result.dates() == ["2020"]
    assert result.on.year == 2020


def test_every_span_points_at_its_characters_even_from_decomposed_input(hanam, seed_text):
    import unicodedata

    from phoihop.intake.extract.text import normalize

    result = extract(unicodedata.normalize("NFD", seed_text), context=ExtractionContext(province="Hà Nam"))
    assert result.text == normalize(seed_text) == unicodedata.normalize("NFC", result.text)
    assert result.spans
    assert all(result.text[s.start:s.end] == s.text for s in result.spans)


def test_tan_son_without_district_or_province_comes_back_as_candidates(nghe_an_tan_son):
    result = extract("Tổ công tác đã đối thoại với bà con xã Tân Sơn về đất đai.", context=ExtractionContext())
    (span,) = result.of("locality")
    assert span.value["status"] == "ambiguous"
    assert "id" not in span.value
    assert {c["full_name"] for c in span.candidates} == {
        "Phường Tân Sơn, Thị xã Kim Bảng, Tỉnh Hà Nam",
        "Xã Tân Sơn, Huyện Quỳnh Lưu, Tỉnh Nghệ An",
        "Xã Tân Sơn, Huyện Đô Lương, Tỉnh Nghệ An",
    }
    assert all(c["reason"] for c in span.candidates)


def test_the_committee_province_decides_between_namesakes_and_says_so(nghe_an_tan_son):
    result = extract("Nắm tình hình tại xã Tân Sơn năm 2020.", context=ExtractionContext(province="Hà Nam"))
    (span,) = result.of("locality")
    assert span.value["ref"] == "v1.c13411~20250101"  # Xã Tân Sơn in 2020


def test_the_text_date_chooses_2025_units_and_old_names_still_resolve(hanam):
    text = ("Ngày 15/9/2025, các phường Hà Nam, Tam Chúc và xã Thanh Lâm thuộc tỉnh Ninh Bình; "
            "ba tỉnh Hà Nam, Nam Định và Ninh Bình đã hợp nhất. Phường Hà Nam gồm phường Lam Hạ cũ.")
    result = extract(text, context=ExtractionContext(province="Ninh Bình"))
    refs = {s.text: s.value.get("ref") for s in result.of("locality")}
    assert refs["phường Hà Nam"].startswith("v2.")
    assert refs["xã Thanh Lâm"].startswith("v2.")
    assert refs["tỉnh Hà Nam"] == "v1.p35"
    assert refs["Nam Định"] == "v1.p36"
    assert refs["phường Lam Hạ"] == "v1.c13303"
    assert result.on == dt.date(2025, 9, 15)


def test_figures_keep_their_units_and_vietnamese_number_formats(hanam):
    text = ("Năm 2024 tổ chức 897 buổi tuyên truyền cho gần 405.000 lượt người, vận động hơn 156 tỷ đồng; "
            "tỷ lệ hộ nghèo còn 0,9%.")
    figures = {f["text"]: f for f in extract(text, context=ExtractionContext(province="Hà Nam")).figures()}
    assert (figures["897 buổi"]["value"], figures["897 buổi"]["indicator"]) == ("897", "tuyen-truyen-buoi")
    near = figures["gần 405.000 lượt người"]
    assert (near["value"], near["unit"], near["qualifier"]) == ("405000", "lượt người", "gần")
    money = figures["hơn 156 tỷ đồng"]
    assert (money["value"], money["unit"], money["indicator"]) == ("156000000000", "đồng", "tien-van-dong")
    assert (figures["0,9%"]["value"], figures["0,9%"]["indicator"]) == ("0.9", "ty-le-ho-ngheo")
    assert "2024" not in {f["value"] for f in figures.values()}


def test_a_person_before_the_name_gets_the_title_before_it(hanam):
    text = "Phó Bí thư Thường trực Tỉnh ủy Lê Văn Bình nhấn mạnh việc vận động nhân dân."
    result = extract(text, context=ExtractionContext(province="Ninh Bình"))
    assert result.people() == [{"name": "Lê Văn Bình", "positions": ["Phó Bí thư Thường trực Tỉnh ủy"]}]
    assert not result.of("locality")


def test_a_new_organization_alias_is_found_without_restarting(hanam):
    text = "Năm 2020, Đoàn Thanh niên và Hội CTĐ tỉnh cùng ra quân."
    assert not any(o.get("registry_id") for o in extract(text, context=ExtractionContext(province="Hà Nam")).organizations())
    org = Organization(name="Hội Chữ thập đỏ tỉnh Hà Nam", short_name="Hội CTĐ tỉnh", kind=OrgKind.HUMANITARIAN,
                       level=OrgLevel.PROVINCE, locality=hanam.places.hanam)
    org.refresh_search_fields()
    org.save()
    found = extract(text, context=ExtractionContext(province="Hà Nam")).organizations()
    assert org.pk in {o.get("registry_id") for o in found}


def test_a_warm_extraction_asks_the_database_one_question(hanam, seed_text, django_assert_max_num_queries):
    context = ExtractionContext.for_committee(hanam.committee)
    extract(seed_text, context=context)
    with django_assert_max_num_queries(1):
        extract(seed_text, context=context)
