"""Loading the package data: both generations, the 2025 events, idempotency, and
refusing damaged files without touching the database."""

import json
import shutil
import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from phoihop.localities.models import REFORM_2025, ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.localities.services import LocalityDataError, localities_load
from phoihop.localities.source import (
    BASIS_DISTRICT,
    BASIS_PROVINCE,
    default_source_dir,
)
from phoihop.localities.tests.conftest import REGION, unit

HISTORY = [Locality.history, ChangeEvent.history]


def history_rows() -> list[int]:
    return [manager.count() for manager in HISTORY]


def db_counts() -> tuple[int, int, int, list[int]]:
    return Locality.objects.count(), ChangeEvent.objects.count(), Lineage.objects.count(), history_rows()


def test_region_loads_both_generations(region):
    old = Locality.objects.filter(valid_to=REFORM_2025)
    new = Locality.objects.filter(valid_from=REFORM_2025)
    assert old.filter(level=Level.PROVINCE).count() == 3
    assert old.filter(level=Level.COMMUNE).count() == 398
    assert new.filter(level=Level.PROVINCE).get().name == "Tỉnh Ninh Bình"
    assert new.filter(level=Level.COMMUNE).count() == 129
    assert not Locality.objects.filter(level=Level.DISTRICT, valid_from=REFORM_2025).exists()


def test_pre_reform_units_keep_their_place_in_the_tree(region):
    thanh_hai = unit("v1.c13498")
    assert thanh_hai.full_name == "Xã Thanh Hải, Huyện Thanh Liêm, Tỉnh Hà Nam"
    assert (thanh_hai.kind, thanh_hai.level, thanh_hai.valid_to) == (Kind.XA, Level.COMMUNE, REFORM_2025)
    assert unit("v1.d350").kind == Kind.THI_XA  # Kim Bảng was a thị xã by 2025
    assert unit("v2.c13489").full_name == "Xã Thanh Lâm, Tỉnh Ninh Bình"


def test_former_names_are_stored_as_bare_keys(region):
    assert unit("v1.c13366").former_names == ["tienhiep", "tientan"]  # Phường Tân Hiệp
    assert unit("v1.c13429").former_names == []  # Ba Sao: "baxao" is a mere spelling variant
    assert "tientan" in unit("v1.c13366").search_text


def test_every_pre_reform_commune_has_exactly_one_primary_successor(region):
    communes = Locality.objects.filter(level=Level.COMMUNE, valid_to=REFORM_2025).annotate(
        primaries=Count("successor_links", filter=Q(successor_links__is_primary=True))
    )
    assert set(communes.values_list("primaries", flat=True)) == {1}


def test_divided_commune_links_to_each_part_with_the_default_primary(region):
    quang_trung = unit("v1.c13285")  # Phường Quang Trung, Phủ Lý
    links = {(ln.successor.name, ln.is_primary) for ln in quang_trung.successor_links.all()}
    assert links == {("Phường Hà Nam", True), ("Phường Phủ Lý", False)}


def test_events_have_kind_date_and_legal_basis(region):
    province = ChangeEvent.objects.get(ref="2025.p37")
    assert (province.kind, province.effective_date, province.legal_basis) == (
        ChangeEvent.Kind.MERGE, REFORM_2025, BASIS_PROVINCE
    )
    assert set(province.links.values_list("predecessor__name", flat=True)) == {
        "Tỉnh Hà Nam", "Tỉnh Nam Định", "Tỉnh Ninh Bình"
    }
    thanh_lam = ChangeEvent.objects.get(ref="2025.c13489")
    assert (thanh_lam.kind, thanh_lam.resolution) == (ChangeEvent.Kind.MERGE, "1674/NQ-UBTVQH15")
    assert thanh_lam.legal_basis == (
        "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp "
        "xếp các đơn vị hành chính cấp xã của tỉnh Ninh Bình năm 2025"
    )
    assert "Xã Thanh Hải" in thanh_lam.note
    district = ChangeEvent.objects.get(ref="2025.d351")  # Huyện Thanh Liêm
    assert (district.kind, district.legal_basis) == (ChangeEvent.Kind.DISSOLVE, BASIS_DISTRICT)
    assert ChangeEvent.objects.filter(kind=ChangeEvent.Kind.DISSOLVE).count() == Locality.objects.filter(
        level=Level.DISTRICT, valid_to=REFORM_2025
    ).count()


def test_continuing_province_keeps_one_record(load_places):
    load_places(["tinhlaichau"])
    lai_chau = unit("v1.p12")
    assert lai_chau.valid_to is None
    assert not Locality.objects.filter(ref="v2.p12").exists()
    assert not ChangeEvent.objects.filter(ref="2025.p12").exists()
    new_communes = Locality.objects.filter(valid_from=REFORM_2025)
    assert new_communes.count() == 38
    assert set(new_communes.values_list("parent", flat=True)) == {lai_chau.pk}
    same_name = ChangeEvent.objects.get(ref="2025.c03451")  # Xã Mù Cả stays Xã Mù Cả
    assert same_name.kind == ChangeEvent.Kind.REASSIGN


def test_island_district_without_communes_becomes_a_special_zone(load_places):
    load_places(["tinhquangtri"])
    con_co = unit("v1.d471")
    assert con_co.name == "Huyện Cồn Cỏ" and not con_co.children.exists()
    links = {(ln.successor.name, ln.event.kind, ln.is_primary) for ln in con_co.successor_links.all()}
    assert links == {
        ("Đặc khu Cồn Cỏ", ChangeEvent.Kind.UPGRADE, True),
        ("Tỉnh Quảng Trị", ChangeEvent.Kind.DISSOLVE, False),
    }


def test_second_load_changes_nothing(region):
    before = db_counts()
    result = localities_load(provinces=REGION)
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == before[0] + before[1] + before[2]
    assert db_counts() == before


def test_loaded_data_refreshes_the_cast_places(cast, region):
    lam_ha = Locality.objects.get(ref="v1.c13303")
    assert lam_ha.pk == cast.places.lamha.pk
    assert lam_ha.former_names == ["tienhai"]


# --- Damaged data ------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    target.mkdir()
    for name in ("dataset.db", "converter_2025.json"):
        shutil.copy(default_source_dir() / name, target / name)
    return target


def sql(path, statement: str) -> None:
    conn = sqlite3.connect(path / "dataset.db")
    conn.execute(statement)
    conn.commit()
    conn.close()


def edit_converter(path, change) -> None:
    file = path / "converter_2025.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(json.dumps(data), encoding="utf-8")


DAMAGES = {
    "not sqlite": (lambda p: (p / "dataset.db").write_bytes(b"khong phai sqlite" * 100), "dataset.db"),
    "missing db": (lambda p: (p / "dataset.db").unlink(), "dataset.db"),
    "missing table": (lambda p: sql(p, "DROP TABLE admin_units"), "admin_units"),
    "missing column": (lambda p: sql(p, "ALTER TABLE admin_units_legacy DROP COLUMN wardKeywords"), "wardKeywords"),
    "row without name": (lambda p: sql(p, "UPDATE admin_units_legacy SET ward = NULL WHERE wardCode = '13498'"), "dòng"),
    "bad keywords": (lambda p: sql(p, "UPDATE admin_units SET wardKeywords = '[oops' WHERE wardCode = '13489'"), "wardKeywords"),
    "unknown type": (lambda p: sql(p, "UPDATE admin_units SET wardType = 'Ấp' WHERE wardCode = '13489'"), "Ấp"),
    "name too long": (lambda p: sql(p, "UPDATE admin_units SET ward = 'Xã ' || printf('%.200c', 'a') WHERE wardCode = '13489'"), "v2.c13489"),
    "bad json": (lambda p: (p / "converter_2025.json").write_text('{"DICT_PROVINCE": [', encoding="utf-8"), "converter_2025.json"),
    "wrong shape": (lambda p: edit_converter(p, lambda d: d.pop("DICT_PROVINCE_WARD_DIVIDED")), "converter_2025.json"),
    "unknown commune": (
        lambda p: edit_converter(p, lambda d: d["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhninhbinh"]["xathanhlam"].append("tinhhanam_x_y")),
        "tinhhanam_x_y",
    ),
    "two defaults": (
        lambda p: edit_converter(p, lambda d: d["DICT_PROVINCE_WARD_DIVIDED"]["tinhninhbinh"][
            "tinhhanam_thanhphophuly_phuongquangtrung"][1].update(isDefaultNewWard=True)),
        "phuongquangtrung",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_damaged_data_is_refused_and_the_database_left_as_it_was(region, data_copy, damage):
    spoil, expected_in_message = DAMAGES[damage]
    spoil(data_copy)
    before = db_counts()
    with pytest.raises(LocalityDataError) as error:
        localities_load(source_dir=data_copy, provinces=REGION)
    assert expected_in_message in str(error.value)
    assert db_counts() == before


def test_failure_midway_rolls_back_everything(db, data_copy):
    # Provinces and districts are written before the commune with the too-long name fails.
    sql(data_copy, "UPDATE admin_units SET ward = 'Xã ' || printf('%.200c', 'a') WHERE wardCode = '13489'")
    with pytest.raises(LocalityDataError, match="không hợp lệ"):
        localities_load(source_dir=data_copy, provinces=REGION)
    assert db_counts() == (0, 0, 0, [0, 0])


def test_changed_source_updates_only_what_changed_with_history(region, data_copy):
    sql(data_copy, "UPDATE admin_units SET wardLat = 20.5 WHERE wardCode = '13489'")
    history_before = Locality.history.count()
    result = localities_load(source_dir=data_copy, provinces=REGION)
    assert (result.localities.created, result.localities.updated, result.events.updated) == (0, 1, 0)
    assert unit("v2.c13489").latitude == 20.5
    assert Locality.history.count() == history_before + 1
    assert Locality.history.filter(ref="v2.c13489").latest().history_type == "~"


def test_unknown_province_key_is_refused(db):
    with pytest.raises(LocalityDataError, match="tinhkhongco"):
        localities_load(provinces=["tinhkhongco"])


# --- The command -------------------------------------------------------------------------


def test_command_prints_counts_in_vietnamese(load_places):
    out = StringIO()
    call_command("localities_load", "--province", "tinhlaichau", stdout=out)
    assert "Đơn vị hành chính: tạo mới" in out.getvalue()
    assert unit("v1.p12").name == "Tỉnh Lai Châu"


def test_command_fails_with_the_message_on_damaged_data(db, data_copy):
    (data_copy / "converter_2025.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="converter_2025.json"):
        call_command("localities_load", "--source", str(data_copy), stdout=StringIO())
    assert Locality.objects.count() == 0
