"""The resolver on the seed's 14 localities, ambiguity, dates, bad input; successors."""

import datetime as dt

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phoihop.localities.models import Level, Locality
from phoihop.localities.resolver import primary_successor, resolve, successors
from phoihop.localities.tests.conftest import SEED_DAY, unit

TODAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

# Every name of "xã Thanh Hải, Thanh Nghị, Thị trấn Kiện Khê (huyện Thanh Liêm); Châu Sơn,
# Thanh Tuyền, Lam Hạ, Tiên Tân (thành phố Phủ Lý); Tân Sơn, Thi Sơn, Khả Phong, Ba Sao
# (huyện Kim Bảng); Yên Bắc, Đồng Văn (thị xã Duy Tiên)" as written, with the unit and
# district in force on the seed's day (GSO's list of 01/06/2020) and the primary 2025
# successor, reached through the 2025 changes (checked against the package data).
SEED = [
    ("xã Thanh Hải", "huyện Thanh Liêm", "Xã Thanh Hải", "Huyện Thanh Liêm", "Xã Thanh Lâm"),
    ("Thanh Nghị", "huyện Thanh Liêm", "Xã Thanh Nghị", "Huyện Thanh Liêm", "Xã Thanh Lâm"),
    ("Thị trấn Kiện Khê", "huyện Thanh Liêm", "Thị trấn Kiện Khê", "Huyện Thanh Liêm", "Phường Châu Sơn"),
    ("Châu Sơn", "thành phố Phủ Lý", "Phường Châu Sơn", "Thành phố Phủ Lý", "Phường Châu Sơn"),
    ("Thanh Tuyền", "thành phố Phủ Lý", "Phường Thanh Tuyền", "Thành phố Phủ Lý", "Phường Châu Sơn"),
    ("Lam Hạ", "thành phố Phủ Lý", "Phường Lam Hạ", "Thành phố Phủ Lý", "Phường Hà Nam"),
    ("Tiên Tân", "thành phố Phủ Lý", "Xã Tiên Tân", "Thành phố Phủ Lý", "Phường Hà Nam"),
    ("Tân Sơn", "huyện Kim Bảng", "Xã Tân Sơn", "Huyện Kim Bảng", "Phường Nguyễn Úy"),
    ("Thi Sơn", "huyện Kim Bảng", "Xã Thi Sơn", "Huyện Kim Bảng", "Phường Lý Thường Kiệt"),
    ("Khả Phong", "huyện Kim Bảng", "Xã Khả Phong", "Huyện Kim Bảng", "Phường Tam Chúc"),
    ("Ba Sao", "huyện Kim Bảng", "Thị trấn Ba Sao", "Huyện Kim Bảng", "Phường Tam Chúc"),
    ("Yên Bắc", "thị xã Duy Tiên", "Phường Yên Bắc", "Thị xã Duy Tiên", "Phường Đồng Văn"),
    ("Đồng Văn", "thị xã Duy Tiên", "Phường Đồng Văn", "Thị xã Duy Tiên", "Phường Đồng Văn"),
]


@pytest.mark.parametrize(("text", "district", "expected", "expected_district", "successor"), SEED,
                         ids=[row[0] for row in SEED])
@time_machine.travel(TODAY, tick=False)
def test_seed_locality_resolves_to_its_unit_and_2025_successor(
    region, text, district, expected, expected_district, successor
):
    found = resolve(text, parent=district, on=SEED_DAY, within="Hà Nam")
    assert found.status == "matched", found.message
    assert (found.best.name, found.best.parent.name) == (expected, expected_district)
    assert found.best.parent.parent.name == "Tỉnh Hà Nam"
    heir = primary_successor(found.best)
    assert heir.name == successor
    assert (heir.parent.name, heir.parent.ref) == ("Tỉnh Ninh Bình", "v2.p37")


def test_former_name_matches_with_a_lower_score_and_says_so(region):
    day = dt.date(2025, 3, 1)  # Tiên Tân and Tiên Hiệp are Phường Tân Hiệp from 1/1/2025
    found = resolve("Tiên Tân", parent="thành phố Phủ Lý", on=day)
    assert found.best.name == "Phường Tân Hiệp"
    assert "tên cũ của Phường Tân Hiệp" in found.candidates[0].reason
    assert found.candidates[0].score < resolve("Tân Hiệp", on=day).candidates[0].score


def test_a_name_of_2020_is_the_unit_of_2020_not_its_later_merger(region):
    found = resolve("Tiên Tân", parent="thành phố Phủ Lý", on=SEED_DAY)
    assert (found.status, found.best.name, found.best.valid_to) == ("matched", "Xã Tiên Tân", dt.date(2025, 1, 1))
    assert "tên cũ" not in found.candidates[0].reason


def test_type_words_are_weighed_not_required(region):
    day = dt.date(2025, 3, 1)  # Kim Bảng a thị xã from 1/1/2025, Tân Sơn a phường
    kim_bang = resolve("Huyện Kim Bảng", on=day, within="Hà Nam")
    assert kim_bang.best.name == "Thị xã Kim Bảng"
    assert "đã chuyển thành Thị xã Kim Bảng, Tỉnh Hà Nam từ 01/01/2025" in kim_bang.candidates[0].reason
    tan_son = resolve("Xã Tân Sơn", parent="huyện Kim Bảng", on=day)
    assert tan_son.best.name == "Phường Tân Sơn"


def test_the_type_in_force_on_the_day_wins(region):
    kim_bang = resolve("Huyện Kim Bảng", on=SEED_DAY, within="Hà Nam")
    assert (kim_bang.status, kim_bang.best.name, kim_bang.best.ref) == ("matched", "Huyện Kim Bảng", "v1.d350~20250101")
    assert "khác loại" not in kim_bang.candidates[0].reason


def test_diacritics_case_and_spacing_are_ignored(region):
    for text in ["XA THANH HAI", "thanh hai", "  Thanh   Hải "]:
        found = resolve(text, parent="thanh liem", on=SEED_DAY)
        assert found.best.ref == "v1.c13498", text


def test_parent_and_within_may_be_localities(region):
    found = resolve("Lam Hạ", parent=unit("v1.d347"), within=unit("v1.p35"), on=SEED_DAY)
    assert found.best.ref == "v1.c13303"


def test_kind_hint_prefers_the_level_asked_for(region):
    found = resolve("Ninh Bình", kind_hint=Level.PROVINCE, on=SEED_DAY)
    assert found.best.ref == "v1.p37"


def test_name_in_several_provinces_is_ambiguous_with_reasons(region, load_places):
    load_places(["tinhnghean"])  # Nghệ An has two Xã Tân Sơn (Quỳnh Lưu, Đô Lương)
    found = resolve("Tân Sơn", on=SEED_DAY)
    assert found.status == "ambiguous" and found.best is None
    provinces = {c.locality.parent.parent.name for c in found.candidates}
    assert provinces == {"Tỉnh Hà Nam", "Tỉnh Nghệ An"}
    assert all("thuộc" in c.reason for c in found.candidates)
    assert "cần nêu rõ" in found.message


def test_ambiguity_inside_a_province_is_settled_by_the_district(region, load_places):
    load_places(["tinhnghean"])
    assert resolve("Tân Sơn", within="Nghệ An", on=SEED_DAY).status == "ambiguous"
    found = resolve("xã Tân Sơn", parent="huyện Đô Lương", within="Nghệ An", on=SEED_DAY)
    assert found.best.full_name == "Xã Tân Sơn, Huyện Đô Lương, Tỉnh Nghệ An"


@time_machine.travel(TODAY, tick=False)
def test_the_date_picks_the_generation(region):
    assert resolve("Thanh Lâm", within="Ninh Bình").best.ref == "v2.c13489"
    # Thanh Hải had ended by 2026: it answers with the unit that carries it, and says so.
    for within in ["Ninh Bình", "Hà Nam"]:  # Hà Nam is gone by 2026: its land is Ninh Bình's
        found = resolve("Thanh Hải", within=within)
        assert found.best.ref == "v2.c13489", within
        assert found.former.ref == "v1.c13498"
        assert found.event.effective_date == dt.date(2025, 7, 1)
        assert found.message.startswith("Xã Thanh Hải đã sáp nhập vào Xã Thanh Lâm, Tỉnh Ninh Bình từ 01/07/2025")
    before = resolve("Thanh Hải", within="Ninh Bình", on=dt.date(2025, 6, 30))  # old Ninh Bình lacks it
    assert before.best is None and all(c.near for c in before.candidates)  # only names one letter off
    assert resolve("Ninh Bình", kind_hint="tỉnh").best.ref == "v2.p37"
    assert resolve("Ninh Bình", kind_hint="tỉnh", on=SEED_DAY).best.ref == "v1.p37"


def test_unknown_parent_is_reported(region):
    found = resolve("Thanh Hải", parent="huyện Không Có", on=SEED_DAY)
    assert found.status == "not_found"
    assert "đơn vị cấp trên" in found.message


@pytest.mark.parametrize("text", [
    "", "   ", "!!! ...", "Thanh Hải привет", "清化", "Thanh Hải 清", "a" * 201, None, 123,
])
def test_bad_input_is_invalid_with_a_reason(db, text):
    found = resolve(text)
    assert found.status == "invalid"
    assert found.best is None and found.message.startswith("Tên địa bàn")


def test_bad_parent_text_is_invalid(db):
    assert resolve("Thanh Hải", parent="清化").status == "invalid"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=250), parent=st.one_of(st.none(), st.text(max_size=30)))
def test_resolve_never_raises(db, text, parent):
    found = resolve(text, parent=parent, on=SEED_DAY)
    assert found.status in {"matched", "ambiguous", "not_found", "invalid"}


# --- Successors --------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_divided_commune_has_all_successors_primary_first(region):
    quang_trung = unit("v1.c13285")
    assert [u.name for u in successors(quang_trung)] == ["Phường Hà Nam", "Phường Phủ Lý"]
    assert primary_successor(quang_trung).name == "Phường Hà Nam"


def test_a_unit_in_force_is_its_own_successor(region):
    thanh_hai = unit("v1.c13498")
    assert successors(thanh_hai, on=SEED_DAY) == [thanh_hai]
    assert primary_successor(thanh_hai, on=SEED_DAY) == thanh_hai


@time_machine.travel(TODAY, tick=False)
def test_dissolved_district_counts_toward_the_new_province(region):
    assert primary_successor(unit("v1.d351")).ref == "v2.p37"
    assert primary_successor(unit("v1.p35")).ref == "v2.p37"


def test_unit_without_successor_has_none(db):
    lonely = Locality(ref="t.1", code="1", name="Xã Thử", short_name="Thử", kind="xa", level=3,
                      valid_to=dt.date(2000, 1, 1))
    lonely.refresh_search_fields()
    lonely.save()
    assert successors(lonely, on=SEED_DAY) == []
    assert primary_successor(lonely, on=SEED_DAY) is None
