"""Which unit a record of a given day should carry, through changes of 2020, 2024 and 2025.

The chain is made up but shaped like the real ones: Xã Liêm Tiết merged into Xã Thanh
Phong in 2020 (NQ 2019-2021 wave), Thanh Phong became Thị trấn Liêm Phong in 2024, which
merged into Phường Liêm Tuyền on 1 July 2025, together with Xã Liêm Cần.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from phoihop.localities.models import ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.localities.selectors import localities_in_force_for, not_in_force_message

D2020, D2024, D2025 = dt.date(2020, 2, 1), dt.date(2024, 11, 1), dt.date(2025, 7, 1)


def make_unit(ref, name, kind, level, parent=None, *, since=None, until=None) -> Locality:
    unit = Locality(
        ref=ref,
        code=ref.split(".c")[-1],
        name=name,
        short_name=name.split(" ", 2)[-1],
        kind=kind,
        level=level,
        parent=parent,
        valid_from=since,
        valid_to=until,
    )
    unit.refresh_search_fields()
    unit.save()
    return unit


def link(ref, kind, day, pairs, basis) -> ChangeEvent:
    event = ChangeEvent.objects.create(ref=ref, kind=kind, effective_date=day, legal_basis=basis)
    for predecessor, successor, primary in pairs:
        Lineage.objects.create(
            event=event, predecessor=predecessor, successor=successor, is_primary=primary
        )
    return event


@pytest.fixture
def chain(db):
    """Units and events of Huyện Thanh Liêm (made up, dated like the real waves)."""
    province = make_unit("t.p1", "Tỉnh Hà Nam", Kind.TINH, Level.PROVINCE, until=D2025)
    district = make_unit(
        "t.d1", "Huyện Thanh Liêm", Kind.HUYEN, Level.DISTRICT, province, until=D2025
    )
    new_province = make_unit("t.p2", "Tỉnh Ninh Bình", Kind.TINH, Level.PROVINCE, since=D2025)
    tiet = make_unit("t.c1", "Xã Liêm Tiết", Kind.XA, Level.COMMUNE, district, until=D2020)
    can = make_unit("t.c2", "Xã Liêm Cần", Kind.XA, Level.COMMUNE, district, until=D2025)
    phong = make_unit(
        "t.c3", "Xã Thanh Phong", Kind.XA, Level.COMMUNE, district, since=D2020, until=D2024
    )
    town = make_unit(
        "t.c4",
        "Thị trấn Liêm Phong",
        Kind.THI_TRAN,
        Level.COMMUNE,
        district,
        since=D2024,
        until=D2025,
    )
    tuyen = make_unit(
        "t.c5", "Phường Liêm Tuyền", Kind.PHUONG, Level.COMMUNE, new_province, since=D2025
    )
    events = SimpleNamespace(
        merge_2020=link(
            "e2020", "merge", D2020, [(tiet, phong, True)], "Nghị quyết số 862/NQ-UBTVQH14"
        ),
        upgrade_2024=link(
            "e2024", "upgrade", D2024, [(phong, town, True)], "Nghị quyết số 1105/NQ-UBTVQH15"
        ),
        merge_2025=link(
            "e2025",
            "merge",
            D2025,
            [(town, tuyen, True), (can, tuyen, True)],
            "Nghị quyết số 1674/NQ-UBTVQH15",
        ),
    )
    return SimpleNamespace(
        province=province,
        district=district,
        new_province=new_province,
        tiet=tiet,
        can=can,
        phong=phong,
        town=town,
        tuyen=tuyen,
        events=events,
    )


def test_a_unit_in_force_stands_for_itself(chain):
    assert localities_in_force_for(chain.phong, dt.date(2022, 5, 1)) == [chain.phong]


def test_after_a_unit_ended_its_successor_of_the_day_stands_for_it(chain):
    assert localities_in_force_for(chain.tiet, dt.date(2022, 5, 1)) == [chain.phong]
    assert localities_in_force_for(chain.tiet, dt.date(2025, 1, 1)) == [chain.town]
    assert localities_in_force_for(chain.tiet, dt.date(2025, 8, 1)) == [chain.tuyen]


def test_before_a_unit_began_its_predecessors_of_the_day_stand_for_it(chain):
    assert localities_in_force_for(chain.tuyen, dt.date(2024, 12, 1)) == [chain.town, chain.can]
    assert localities_in_force_for(chain.tuyen, dt.date(2019, 12, 1)) == [chain.can, chain.tiet]
    assert localities_in_force_for(chain.town, dt.date(2023, 6, 1)) == [chain.phong]


def test_a_unit_without_lineage_has_no_stand_in(chain):
    lone = make_unit("t.c9", "Xã Đơn Lẻ", Kind.XA, Level.COMMUNE, chain.district, until=D2020)
    assert localities_in_force_for(lone, dt.date(2022, 1, 1)) == []
    message = not_in_force_message(lone, dt.date(2022, 1, 1))
    assert message == (
        "Xã Đơn Lẻ, Huyện Thanh Liêm, Tỉnh Hà Nam không có hiệu lực vào ngày 01/01/2022: "
        "hãy chọn đơn vị hành chính đúng vào ngày đó."
    )


def test_the_message_for_an_ended_unit_names_the_date_and_the_successor(chain):
    assert not_in_force_message(chain.phong, dt.date(2025, 3, 1)) == (
        "Xã Thanh Phong, Huyện Thanh Liêm, Tỉnh Hà Nam không có hiệu lực vào ngày 01/03/2025 "
        "(hết hiệu lực từ 01/11/2024); vào ngày đó nơi này thuộc: "
        "Thị trấn Liêm Phong, Huyện Thanh Liêm, Tỉnh Hà Nam."
    )


def test_the_message_for_a_unit_not_yet_made_names_its_predecessors_of_the_day(chain):
    assert not_in_force_message(chain.tuyen, dt.date(2020, 6, 1)) == (
        "Phường Liêm Tuyền, Tỉnh Ninh Bình không có hiệu lực vào ngày 01/06/2020 "
        "(chỉ có hiệu lực từ 01/07/2025); vào ngày đó nơi này là: "
        "Xã Liêm Cần, Huyện Thanh Liêm, Tỉnh Hà Nam; Xã Thanh Phong, Huyện Thanh Liêm, Tỉnh Hà Nam."
    )
