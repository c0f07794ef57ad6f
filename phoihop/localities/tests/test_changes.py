"""The 2025 layer's fixes and the changes after 2025 (`localities/changes.py`,
`data/changes.json`): types, points, Trường Sa, part links, resolutions, Đồng Nai 2026."""

import dataclasses
import datetime as dt
import functools

import pytest

from phoihop.localities import changes
from phoihop.localities.changes import (
    apply_after_2025,
    apply_corrections,
    distance_km,
    far_from_predecessors,
    read_changes,
)
from phoihop.localities.models import REFORM_2025, ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.localities.source import (
    COMMUNE_RESOLUTIONS,
    EventRecord,
    LinkRecord,
    LocalityDataError,
    SourceData,
    UnitRecord,
    read_source,
)

DONG_NAI_2026 = dt.date(2026, 4, 30)


@functools.cache
def _raw():
    return read_source()


@functools.cache
def _loaded():
    return apply_after_2025(apply_corrections(_raw()))


def _unit(
    name: str, parent_name: str, data=None, *, level=Level.COMMUNE, on=dt.date(2025, 7, 1)
) -> UnitRecord:
    data = data or _loaded()
    names = {u.ref: u.name for u in data.units}
    found = [
        u
        for u in data.units
        if u.name == name
        and u.level == level
        and names.get(u.parent_ref) == parent_name
        and changes._in_force(u, on)
    ]
    assert len(found) == 1, (name, parent_name, found)
    return found[0]


# --- Types -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "province", "kind"),
    [
        # NQ 1669/NQ-UBTVQH15, khoản 27 ("phường mới có tên gọi là phường Việt Hòa") and 66.
        ("Phường Việt Hòa", "Thành phố Hải Phòng", Kind.PHUONG),
        ("Xã Vĩnh Hòa", "Thành phố Hải Phòng", Kind.XA),
        # NQ 1668/NQ-UBTVQH15: phường Tân Lộc is not rearranged; khoản 31 forms xã Phong Điền.
        ("Phường Tân Lộc", "Thành phố Cần Thơ", Kind.PHUONG),
        ("Xã Phong Điền", "Thành phố Cần Thơ", Kind.XA),
    ],
)
def test_the_four_types_are_those_of_the_resolutions(name, province, kind):
    """The package has the right names but swapped types (kind "xa" for Phường Việt Hòa)."""
    assert _unit(name, province, _raw()).kind != kind
    assert _unit(name, province).kind == kind


@pytest.mark.parametrize(
    ("ref", "name", "kind"),
    [
        ("v1.c15061", "Thị trấn Ngọc Lặc", Kind.THI_TRAN),  # Huyện Ngọc Lặc, Thanh Hóa
        ("v1.c27046", "Phường 5", Kind.PHUONG),  # Quận Phú Nhuận: a quận has only phường
        ("v1.c27076", "Phường 15", Kind.PHUONG),
    ],
)
def test_three_pre_reform_units_named_thi_tran_or_phuong_are_not_xa(ref, name, kind):
    raw = {u.ref: u for u in _raw().units}
    loaded = {u.ref: u for u in _loaded().units}

    assert (raw[ref].name, raw[ref].kind) == (name, Kind.XA)  # the package's wardType
    assert (loaded[ref].name, loaded[ref].kind) == (name, kind)


def test_every_unit_of_the_pre_reform_layer_has_the_type_its_name_says():
    words = {"Xã": Kind.XA, "Phường": Kind.PHUONG, "Thị trấn": Kind.THI_TRAN}
    wrong = [
        (u.ref, u.name, u.kind)
        for u in _loaded().units
        if u.level == Level.COMMUNE and u.ref.startswith("v1.") and "~" not in u.ref
        for word, kind in words.items()
        if u.name.startswith(word + " ") and u.kind != kind
    ]
    assert wrong == []


# --- Points ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "province", "point"),
    [
        ("Xã Lương Sơn", "Tỉnh Phú Thọ", (20.8763, 105.5016)),
        ("Xã Sơn Lương", "Tỉnh Phú Thọ", (21.4757, 104.9379)),
        ("Xã Long Khánh", "Tỉnh Đồng Tháp", (10.8007, 105.3008)),
        ("Xã Thanh Bình", "Tỉnh Đồng Tháp", (10.5987, 105.5177)),
        ("Xã Vĩnh Thực", "Tỉnh Quảng Ninh", (21.3689, 107.9144)),
        ("Xã Cái Chiên", "Tỉnh Quảng Ninh", (21.3296, 107.7769)),
        ("Xã Yên Bình", "Tỉnh Lào Cai", (21.7738, 104.953)),
    ],
)
def test_named_points_are_moved_inside_their_commune(name, province, point):
    raw, fixed = _unit(name, province, _raw()), _unit(name, province)
    target = dataclasses.replace(fixed, latitude=point[0], longitude=point[1])
    assert distance_km(raw, target) > 50
    assert (fixed.latitude, fixed.longitude) == point


def test_lương_sơn_and_sơn_lương_were_swapped():
    raw = {n: _unit(n, "Tỉnh Phú Thọ", _raw()) for n in ("Xã Lương Sơn", "Xã Sơn Lương")}
    fixed = {n: _unit(n, "Tỉnh Phú Thọ") for n in raw}
    assert distance_km(raw["Xã Lương Sơn"], fixed["Xã Sơn Lương"]) < 3
    assert distance_km(raw["Xã Sơn Lương"], fixed["Xã Lương Sơn"]) < 3


def test_every_commune_far_from_all_its_predecessors_is_a_known_case():
    """Every 2025 commune's point against its predecessors'; > 30 km is flagged. Before the
    corrections 15 are; after, only these, each checked inside (or at) its own boundary on the
    map, the far point being the predecessors' (data/SOURCES.md)."""
    assert len(far_from_predecessors(_raw())) == 15
    assert [ref for ref, _ in far_from_predecessors(_loaded())] == [
        "v2.c01456",  # Xã Quang Hán, 30 km
        "v2.c20333",  # Đặc khu Hoàng Sa: Huyện Hoàng Sa's point is on the coast
        "v2.c23535",  # Xã Ia Đal
        "v2.c23538",  # Xã Ia Tơi
        "v2.c25162",  # Xã Cát Tiên 3
        "v2.c30781",  # Xã Tiên Hải (islands)
    ]


# --- Trường Sa ---------------------------------------------------------------------------


def test_trường_sa_s_communes_before_2025_go_whole_into_the_special_zone():
    units = {u.ref: u for u in _loaded().units}
    olds = {
        "v1.c22736": "Thị trấn Trường Sa",
        "v1.c22737": "Xã Song Tử Tây",
        "v1.c22739": "Xã Sinh Tồn",
    }
    for ref, name in olds.items():
        unit = units[ref]
        assert (unit.name, units[unit.parent_ref].name, unit.valid_to) == (
            name,
            "Huyện Trường Sa",
            dt.date(2025, 7, 1),
        )
        assert (unit.latitude, unit.longitude) == (None, None)  # the package's point was Cam Ranh's
    event = next(e for e in _loaded().events if e.ref == "2025.c22736")
    assert {ln.predecessor_ref for ln in event.links} == set(olds)
    assert all(ln.is_primary and ln.is_whole for ln in event.links)
    assert units["v2.c22736"].name == "Đặc khu Trường Sa"
    assert (event.resolution, event.kind) == ("1667/NQ-UBTVQH15", ChangeEvent.Kind.MERGE)


# --- Part or whole -----------------------------------------------------------------------


def test_sài_gòn_has_bến_nghé_whole_and_đa_kao_in_part():
    units = {u.ref: u for u in _loaded().units}
    event = next(e for e in _loaded().events if e.ref == "2025.c26740")
    links = {units[ln.predecessor_ref].name: (ln.is_primary, ln.is_whole) for ln in event.links}
    # NQ 1685/NQ-UBTVQH15, khoản 1: toàn bộ Bến Nghé, một phần Đa Kao và Nguyễn Thái Bình.
    assert links == {
        "Phường Bến Nghé": (True, True),
        "Phường Đa Kao": (True, False),
        "Phường Nguyễn Thái Bình": (False, False),
    }
    assert "Phường Đa Kao (một phần)" in event.note


def test_a_secondary_link_is_always_a_part():
    assert all(
        ln.is_whole is False
        for e in _loaded().events
        for ln in e.links
        if not ln.is_primary and e.ref.startswith("2025.c")
    )


def test_part_flags_are_stored_and_a_second_load_changes_nothing(region):
    from phoihop.localities import services

    hà_nam = Locality.objects.get(name="Phường Hà Nam")
    links = {
        ln.predecessor.name: (ln.is_primary, ln.is_whole)
        for ln in Lineage.objects.filter(successor=hà_nam)
    }
    assert links["Phường Hoàng Đông"] == (False, False)
    assert links["Phường Quang Trung"] == (True, False)
    assert Lineage.objects.filter(is_whole=False).count() == 12  # the region's divided parts
    assert Lineage.objects.filter(is_whole=True, event__ref__startswith="2025.c").exists()
    again = services.localities_load(provinces=["tinhhanam", "tinhnamdinh", "tinhninhbinh"])
    assert (again.created, again.updated) == (0, 0)


# --- Resolutions -------------------------------------------------------------------------


def test_every_event_names_its_resolution_but_those_dated_by_gso_s_lists():
    events = _loaded().events
    # From 01/11/2021 to 30/06/2025 the history knows a change only from GSO's lists,
    # which name no resolution (data/SOURCES.md); `data/resolutions.json` names it for
    # the provinces and lists a source gives (`test_resolutions.py`), the others say so
    # in their legal basis.
    unknown = {e.ref for e in events if "chưa xác định" in e.legal_basis}
    assert all(
        dt.date(2021, 11, 1) <= e.effective_date < REFORM_2025 and not e.resolution
        for e in events
        if e.ref in unknown
    )
    assert all(e.resolution for e in events if e.ref not in unknown)
    communes = {e.resolution for e in events if e.ref.startswith("2025.c")}
    assert communes == {f"{n}/NQ-UBTVQH15" for n in range(1654, 1688)}
    assert len(COMMUNE_RESOLUTIONS) == 34
    by_ref = {e.ref: e for e in events}
    assert by_ref["2025.c10543"].resolution == "1669/NQ-UBTVQH15"  # Phường Việt Hòa, Hải Phòng
    assert by_ref["2025.p37"].resolution == "202/2025/QH15"
    assert by_ref["2025.d351"].resolution == "72/2025/QH15"


# --- Đồng Nai 2026 -----------------------------------------------------------------------


def test_đồng_nai_becomes_a_city_with_ten_more_phường():
    data = _loaded()
    before, after = DONG_NAI_2026 - dt.timedelta(days=1), DONG_NAI_2026
    assert _unit("Tỉnh Đồng Nai", None, level=Level.PROVINCE, on=before).ref == "v2.p75"
    city = _unit("Thành phố Đồng Nai", None, level=Level.PROVINCE, on=after)
    assert (city.ref, city.kind, city.valid_from) == (
        "v2.p75@20260430",
        Kind.THANH_PHO_TW,
        DONG_NAI_2026,
    )
    communes = [u for u in data.units if u.parent_ref == city.ref]
    assert len(communes) == 95 and all(changes._in_force(u, after) for u in communes)
    assert sum(u.kind == Kind.PHUONG for u in communes) == 33  # 23 + 10
    tân_phú = _unit("Phường Tân Phú", "Thành phố Đồng Nai", on=after)
    assert (tân_phú.ref, tân_phú.code) == ("v2.c26116@20260430", "26116")
    assert _unit("Xã Tân Phú", "Tỉnh Đồng Nai", on=before).valid_to == DONG_NAI_2026
    event = next(e for e in data.events if e.ref == "2026.c26116")
    assert (event.kind, event.effective_date, event.resolution) == (
        ChangeEvent.Kind.UPGRADE,
        DONG_NAI_2026,
        "237/NQ-UBTVQH16",
    )
    assert [(ln.predecessor_ref, ln.successor_ref) for ln in event.links] == [
        ("v2.c26116", "v2.c26116@20260430")
    ]
    moved = next(e for e in data.events if e.ref == "2026.p75.26068")  # Phường Biên Hòa
    assert (moved.kind, moved.resolution) == (ChangeEvent.Kind.REASSIGN, "30/2026/QH16")


def test_đồng_nai_2026_in_the_database(load_places):
    load_places(["tinhdongnai", "tinhbinhphuoc"])
    after = Locality.objects.valid_on(DONG_NAI_2026)
    city = after.get(level=Level.PROVINCE)
    assert city.name == "Thành phố Đồng Nai"
    assert after.filter(parent=city, kind=Kind.PHUONG).count() == 33
    assert Locality.objects.valid_on(DONG_NAI_2026 - dt.timedelta(days=1)).get(
        level=Level.PROVINCE
    ).name == ("Tỉnh Đồng Nai")
    old = Locality.objects.get(ref="v2.c26248")
    assert Lineage.objects.get(predecessor=old).successor.name == "Phường Trảng Bom"
    assert load_places(["tinhdongnai", "tinhbinhphuoc"]).created == 0


# --- The procedure -----------------------------------------------------------------------


def _tiny() -> SourceData:
    province = UnitRecord(
        "v2.p99",
        "99",
        "Tỉnh Thử",
        "Thử",
        Kind.TINH,
        Level.PROVINCE,
        None,
        dt.date(2025, 7, 1),
        None,
        10.0,
        106.0,
        (),
        "tinhthu",
    )
    commune = UnitRecord(
        "v2.c99001",
        "99001",
        "Xã An",
        "An",
        Kind.XA,
        Level.COMMUNE,
        "v2.p99",
        dt.date(2025, 7, 1),
        None,
        10.1,
        106.1,
        (),
        "tinhthu",
    )
    other = dataclasses.replace(
        commune, ref="v2.c99002", code="99002", name="Xã Bình", short_name="Bình"
    )
    event = EventRecord(
        "2025.c99001",
        "rename",
        "x",
        "",
        "tinhthu",
        [LinkRecord("v2.c99001", None, True)],
        resolution="1/NQ",
    )
    return SourceData([province, commune, other], [event])


def _entry(**kw) -> dict:
    return {
        "ref": "2027.c99001",
        "date": "2027-01-01",
        "unit": "v2.c99001",
        "kind": "upgrade",
        "set": {"name": "Phường An", "kind": "phuong"},
        "resolution": "9/NQ-UBTVQH16",
        "legal_basis": "Nghị quyết số 9/NQ-UBTVQH16",
        "source": "thử",
        **kw,
    }


def test_the_next_change_is_one_entry_of_the_file():
    data = apply_after_2025(_tiny(), {"corrections": [], "events": [_entry()]})
    units = {u.ref: u for u in data.units}
    assert units["v2.c99001"].valid_to == dt.date(2027, 1, 1)
    assert (units["v2.c99001@20270101"].name, units["v2.c99001@20270101"].valid_from) == (
        "Phường An",
        dt.date(2027, 1, 1),
    )
    assert units["v2.c99002"].valid_to is None  # untouched
    assert data.events[-1].resolution == "9/NQ-UBTVQH16"


def test_a_province_change_moves_its_communes_under_the_new_version():
    entry = _entry(
        ref="2027.p99", unit="v2.p99", set={"name": "Thành phố Thử", "kind": "thanh_pho_tw"}
    )
    data = apply_after_2025(_tiny(), {"corrections": [], "events": [entry]})
    units = {u.ref: u for u in data.units}
    assert units["v2.c99002@20270101"].parent_ref == "v2.p99@20270101"
    assert {e.ref for e in data.events} >= {"2027.p99", "2027.p99.99001", "2027.p99.99002"}


def test_a_correction_states_what_it_replaces():
    fix = {
        "ref": "v2.c99001",
        "was": {"latitude": 10.1},
        "set": {"latitude": 10.2},
        "source": "bản đồ",
    }
    data = apply_corrections(_tiny(), {"corrections": [fix], "events": []})
    assert next(u for u in data.units if u.ref == "v2.c99001").latitude == 10.2
    with pytest.raises(LocalityDataError, match="10.5"):
        apply_corrections(
            _tiny(), {"corrections": [{**fix, "was": {"latitude": 10.5}}], "events": []}
        )
    with pytest.raises(LocalityDataError, match="nguồn"):
        apply_corrections(_tiny(), {"corrections": [{**fix, "source": ""}], "events": []})
    with pytest.raises(LocalityDataError, match="parent_ref"):
        apply_corrections(
            _tiny(), {"corrections": [{**fix, "set": {"parent_ref": "x"}}], "events": []}
        )


def test_a_change_needs_its_resolution_and_a_unit_in_force():
    with pytest.raises(LocalityDataError, match="nghị quyết"):
        apply_after_2025(_tiny(), {"corrections": [], "events": [_entry(resolution="")]})
    with pytest.raises(LocalityDataError, match="hiệu lực"):
        apply_after_2025(_tiny(), {"corrections": [], "events": [_entry(date="2020-01-01")]})


def test_the_shipped_file_names_a_source_for_every_entry():
    shipped = read_changes()
    assert shipped["corrections"] and shipped["events"]
    assert all(entry["source"] for entry in shipped["corrections"] + shipped["events"])
