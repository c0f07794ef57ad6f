"""The resolver on the inputs of issue #15: abbreviations, a type word after the name,
addresses, names that fold alike, near misses, units ended by the day, the type in force
on the day, and the in-memory index it reads (one query a name, refreshed on change)."""

import datetime as dt

import pytest
import time_machine

from phoihop.localities import index as name_index
from phoihop.localities.models import ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.localities.resolver import resolve
from phoihop.localities.tests.conftest import SEED_DAY

LATER = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def fresh_index():
    """The index outlives a test's rolled-back transaction (SQLite reuses the ids): start empty."""
    name_index.clear()
    yield
    name_index.clear()


def _unit(ref, name, short, kind, level, parent=None, valid_from=None, valid_to=None) -> Locality:
    unit = Locality(ref=ref, code=ref[-5:], name=name, short_name=short, kind=kind, level=level,
                    parent=parent, valid_from=valid_from, valid_to=valid_to)
    unit.refresh_search_fields()
    unit.save()
    return unit


@pytest.fixture
def quang_ngai(db):
    """Pairs of 2025 communes of one province that differ only by their marks."""
    province = _unit("t.p51", "Tỉnh Quảng Ngãi", "Quảng Ngãi", Kind.TINH, Level.PROVINCE, valid_from=dt.date(2025, 7, 1))
    for i, short in enumerate(["Ba Tô", "Ba Tơ", "Sơn Hà", "Sơn Hạ", "Cẩm Giang", "Cẩm Giàng"]):
        _unit(f"t.c{i:05d}", f"Xã {short}", short, Kind.XA, Level.COMMUNE, province, valid_from=dt.date(2025, 7, 1))
    return province


@pytest.fixture
def saigon(db):
    city = _unit("t.p79", "Thành phố Hồ Chí Minh", "Hồ Chí Minh", Kind.THANH_PHO_TW, Level.PROVINCE)
    _unit("t.d00760", "Quận 1", "Quận 1", Kind.QUAN, Level.DISTRICT, city, valid_to=dt.date(2025, 7, 1))
    _unit("t.c26734", "Đặc khu Côn Đảo", "Côn Đảo", Kind.DAC_KHU, Level.COMMUNE, city, valid_from=dt.date(2025, 7, 1))
    return city


# --- Abbreviations and a type word after the name ----------------------------------------


@pytest.mark.parametrize(("text", "parent", "ref"), [
    ("X. Thanh Hải", "H. Thanh Liêm", "v1.c13498"),
    ("x.Thanh Hải", "Thanh Liêm huyện", "v1.c13498"),
    ("P. Lam Hạ", "T.P Phủ Lý", "v1.c13303"),
    ("P.Lam Hạ", "TP. Phủ Lý", "v1.c13303"),
    ("Lam Hạ phường", "Tp.Phủ Lý", "v1.c13303"),
    ("TT. Kiện Khê", "H. Thanh Liêm", "v1.c13441"),
    ("TT Kiện Khê", None, "v1.c13441"),
    ("Thanh Liêm huyện", None, "v1.d351"),
    ("TP Phủ Lý", None, "v1.d347"),
    ("T.P Phủ Lý", None, "v1.d347"),
])
def test_abbreviations_and_a_trailing_type_word_are_read(region, text, parent, ref):
    found = resolve(text, parent=parent, on=SEED_DAY, within="Hà Nam")
    assert found.status == "matched", found.message
    assert found.best.ref == ref


def test_h_dot_names_the_district_of_that_name(region):
    found = resolve("H. Kim Bảng", on=SEED_DAY, within="Hà Nam")
    assert found.best.level == Level.DISTRICT and found.best.short_name == "Kim Bảng"


@pytest.mark.parametrize("text", ["TPHCM", "Tp.HCM", "TP.HCM", "TP. Hồ Chí Minh", "tp hcm"])
def test_ho_chi_minh_city_abbreviated(saigon, text):
    assert resolve(text, on=SEED_DAY).best == saigon


def test_q_dot_and_dk(saigon):
    assert resolve("Q. 1", on=SEED_DAY, within="TPHCM").best.name == "Quận 1"
    assert resolve("ĐK Côn Đảo", on=LATER).best.name == "Đặc khu Côn Đảo"
    assert resolve("đk. Côn Đảo", on=LATER).best.name == "Đặc khu Côn Đảo"


def test_a_name_ending_in_a_type_word_without_its_marks_stays_a_name(db):
    province = _unit("t.p1", "Tỉnh Thử", "Thử", Kind.TINH, Level.PROVINCE)
    van_xa = _unit("t.c1", "Xã Vân Xá", "Vân Xá", Kind.XA, Level.COMMUNE, province)
    assert resolve("Vân Xá", on=SEED_DAY).best == van_xa  # "xá" is not "xã"


# --- An address, right to left ------------------------------------------------------------


def test_an_address_is_read_right_to_left(region):
    found = resolve("Lam Hạ, Phủ Lý, Hà Nam", on=SEED_DAY)
    assert found.best.ref == "v1.c13303"
    assert resolve("xã Thanh Hải, huyện Thanh Liêm, tỉnh Hà Nam", on=SEED_DAY).best.ref == "v1.c13498"
    assert resolve("Thanh Hải, Thanh Liêm", on=SEED_DAY).best.ref == "v1.c13498"


def test_an_address_with_an_unknown_part_says_which(region):
    found = resolve("Lam Hạ, Không Có, Hà Nam", on=SEED_DAY)
    assert found.status == "not_found" and "Không Có" in found.message


# --- Names that fold alike, and near misses -----------------------------------------------


@pytest.mark.parametrize(("text", "name"), [
    ("Ba Tô", "Xã Ba Tô"), ("Ba Tơ", "Xã Ba Tơ"), ("xã Sơn Hà", "Xã Sơn Hà"), ("Sơn Hạ", "Xã Sơn Hạ"),
    ("Cẩm Giang", "Xã Cẩm Giang"), ("Cẩm Giàng", "Xã Cẩm Giàng"), ("CẨM GIÀNG", "Xã Cẩm Giàng"),
])
def test_exact_marks_break_a_tie_between_names_that_fold_alike(quang_ngai, text, name):
    found = resolve(text, on=LATER, within="Quảng Ngãi")
    assert found.status == "matched", found.message
    assert found.best.name == name
    other = found.candidates[1]  # written with other marks ("Ba Tô" for Ba Tơ), or none ("Giang")
    assert other.near or (other.score == found.candidates[0].score and "đúng chính tả có dấu" in found.message)


@pytest.mark.parametrize("text", ["Ba To", "son ha", "Cam Giang"])
def test_without_marks_names_that_fold_alike_stay_ambiguous(quang_ngai, text):
    found = resolve(text, on=LATER, within="Quảng Ngãi")
    assert found.status == "ambiguous" and len(found.candidates) == 2


def test_old_and_new_tone_placement_are_the_same_spelling(db):
    province = _unit("t.p2", "Tỉnh Thử", "Thử", Kind.TINH, Level.PROVINCE)
    hoa = _unit("t.c2", "Xã Thanh Hoà", "Thanh Hoà", Kind.XA, Level.COMMUNE, province)
    _unit("t.c3", "Xã Thành Hòa", "Thành Hòa", Kind.XA, Level.COMMUNE, province)
    assert resolve("Thanh Hòa", on=SEED_DAY).best == hoa


def test_a_near_miss_is_a_candidate_never_a_match(region):
    found = resolve("Thanh Hả", parent="huyện Thanh Liêm", on=SEED_DAY)
    assert found.status == "ambiguous" and found.best is None
    names = {c.locality.name for c in found.candidates}
    assert {"Xã Thanh Hà", "Xã Thanh Hải"} <= names
    assert all(c.near for c in found.candidates)
    assert "gần giống" in found.message


def test_one_letter_off_is_a_candidate(region):
    found = resolve("Thanh Hia", parent="huyện Thanh Liêm", on=SEED_DAY)
    assert found.best is None
    hai = next(c for c in found.candidates if c.locality.ref == "v1.c13498")
    assert hai.near and "khác một chữ" in hai.reason


def test_a_near_miss_does_not_hide_an_exact_name(region):
    assert resolve("Thanh Hà", parent="huyện Thanh Liêm", on=SEED_DAY).best.name == "Xã Thanh Hà"
    assert resolve("Thanh Hai", parent="huyện Thanh Liêm", on=SEED_DAY).best.ref == "v1.c13498"


# --- Units ended by the day ----------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_province_merged_away_answers_with_its_successor_and_the_event(region):
    found = resolve("Tỉnh Hà Nam")
    assert found.status == "matched", found.message
    assert (found.best.ref, found.former.ref) == ("v2.p37", "v1.p35")
    assert found.event.effective_date == dt.date(2025, 7, 1)
    assert found.message.startswith("Tỉnh Hà Nam đã sáp nhập vào Tỉnh Ninh Bình từ 01/07/2025")
    assert resolve("Tỉnh Hà Nam", on=dt.date(2025, 6, 30)).best.ref == "v1.p35"


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_commune_merged_away_answers_with_its_successor(region):
    found = resolve("xã Thanh Hải, huyện Thanh Liêm, tỉnh Hà Nam")
    assert found.best.ref == "v2.c13489"
    assert found.former.ref == "v1.c13498"


@pytest.fixture
def kim_son(db):
    """Huyện Kim Sơn until 1/1/2025, then Thị xã Kim Sơn (an upgrade)."""
    province = _unit("t.p3", "Tỉnh Thử", "Thử", Kind.TINH, Level.PROVINCE)
    huyen = _unit("t.d1", "Huyện Kim Sơn", "Kim Sơn", Kind.HUYEN, Level.DISTRICT, province,
                  valid_to=dt.date(2025, 1, 1))
    thi_xa = _unit("t.d2", "Thị xã Kim Sơn", "Kim Sơn", Kind.THI_XA, Level.DISTRICT, province,
                   valid_from=dt.date(2025, 1, 1))
    event = ChangeEvent.objects.create(ref="t.e1", kind=ChangeEvent.Kind.UPGRADE, effective_date=dt.date(2025, 1, 1),
                                       legal_basis="NQ 1285/NQ-UBTVQH15")
    Lineage.objects.create(event=event, predecessor=huyen, successor=thi_xa)
    return huyen, thi_xa


def test_the_type_word_counts_for_the_type_in_force_on_the_day(kim_son):
    huyen, thi_xa = kim_son
    found = resolve("Huyện Kim Sơn", on=SEED_DAY)
    assert found.best == huyen and "đúng loại huyện" in found.message
    assert resolve("Thị xã Kim Sơn", on=SEED_DAY).best == huyen  # the only Kim Sơn then
    assert resolve("Thị xã Kim Sơn", on=LATER).best == thi_xa
    later = resolve("Huyện Kim Sơn", on=LATER)
    assert later.best == thi_xa and later.former == huyen
    assert "đã chuyển thành Thị xã Kim Sơn" in later.message and "NQ 1285/NQ-UBTVQH15" in later.message


# --- The index -----------------------------------------------------------------------------


def test_one_query_a_name_once_the_index_is_built(region, django_assert_num_queries):
    resolve("Lam Hạ", on=SEED_DAY)
    with django_assert_num_queries(1):  # only: has the registry changed?
        assert resolve("Lam Hạ, Phủ Lý, Hà Nam", on=SEED_DAY).best.ref == "v1.c13303"


def test_the_index_sees_a_change_to_the_registry(region):
    assert resolve("Mới Lập", on=SEED_DAY).status == "not_found"
    _unit("t.c9", "Xã Mới Lập", "Mới Lập", Kind.XA, Level.COMMUNE)
    assert resolve("Mới Lập", on=SEED_DAY).status == "matched"
    unit = Locality.objects.get(ref="v1.c13303")
    unit.short_name, unit.name = "Lam Hà", "Phường Lam Hà"
    unit.refresh_search_fields()
    unit.save()  # a save writes history: the next resolve sees it
    assert resolve("Lam Hà", parent="Phủ Lý", on=SEED_DAY).best.ref == "v1.c13303"
