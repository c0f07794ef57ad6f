"""The dated history as loaded: the units in force on a day are GSO's list of that day,
and every dated example of issue #15 reads as it was then, with the event that changed
it and its resolution. Counts are taken on the records `localities_load` writes (the
whole country; the database tests load Hà Nam's region)."""

import datetime as dt
import functools
from collections import Counter

import pytest
from django.urls import reverse

from phoihop.localities import source
from phoihop.localities.models import REFORM_2025, Level, Locality
from phoihop.localities.resolver import resolve
from phoihop.localities.selectors import (
    LINEAGE_STEPS,
    localities_in_force_for,
    localities_now_for,
    locality_timeline,
)

D2020 = dt.date(2020, 6, 1)


@functools.cache
def _country() -> source.SourceData:
    return source.read_source()


def _in_force(units, day: dt.date) -> list:
    return [
        u
        for u in units
        if (u.valid_from is None or u.valid_from <= day)
        and (u.valid_to is None or day < u.valid_to)
    ]


@pytest.mark.parametrize(
    ("day", "provinces", "districts", "communes"),
    [
        (dt.date(2019, 1, 1), 63, 713, 11162),  # GSO's list of 01/01/2019
        (D2020, 63, 707, 10614),  # GSO's list of 01/06/2020
        (dt.date(2022, 10, 1), 63, 705, 10599),  # GSO's list of 01/10/2022
        (REFORM_2025, 34, 0, 3321),
    ],
)
def test_units_in_force_on_a_day_are_gso_s_list_of_that_day(day, provinces, districts, communes):
    levels = Counter(u.level for u in _in_force(_country().units, day))

    assert (levels[Level.PROVINCE], levels[Level.DISTRICT], levels[Level.COMMUNE]) == (
        provinces,
        districts,
        communes,
    )


def test_only_the_2025_events_are_dated_1_july_2025():
    days = Counter(e.effective_date for e in _country().events)

    assert len(days) > 25
    assert sum(n for day, n in days.items() if day < REFORM_2025) > 2500


def test_every_event_up_to_july_2021_names_its_resolution():
    early = [e for e in _country().events if e.effective_date <= dt.date(2021, 7, 1)]

    unnamed = [e.ref for e in early if not e.resolution]
    assert early and not unnamed


@pytest.mark.parametrize(
    ("level", "code", "name", "parent", "ends"),
    [
        (Level.DISTRICT, "350", "Huyện Kim Bảng", "Tỉnh Hà Nam", dt.date(2025, 1, 1)),
        (Level.COMMUNE, "13429", "Thị trấn Ba Sao", "Huyện Kim Bảng", dt.date(2025, 1, 1)),
        (Level.COMMUNE, "13366", "Xã Tiên Tân", "Thành phố Phủ Lý", dt.date(2025, 1, 1)),
        (Level.COMMUNE, "13372", "Xã Tiên Hiệp", "Thành phố Phủ Lý", dt.date(2025, 1, 1)),
        (Level.DISTRICT, "413", "Thị xã Cửa Lò", "Tỉnh Nghệ An", dt.date(2025, 1, 1)),
        (Level.DISTRICT, "172", "Thị xã Phổ Yên", "Tỉnh Thái Nguyên", None),
        (Level.COMMUNE, "09379", "Xã Phù Khê", "Thị xã Từ Sơn", None),
        (Level.COMMUNE, "14434", "Xã Thanh Lạc", "Huyện Nho Quan", dt.date(2025, 1, 1)),
    ],
)
def test_each_dated_example_of_the_issue_reads_as_it_was_on_1_june_2020(
    level, code, name, parent, ends
):
    units = {u.ref: u for u in _country().units}
    found = [u for u in _in_force(units.values(), D2020) if u.level == level and u.code == code]

    assert [(u.name, units[u.parent_ref].name) for u in found] == [(name, parent)]
    if ends:
        assert found[0].valid_to == ends
    else:  # Phổ Yên a city from 2022, Phù Khê a phường from 2021
        assert dt.date(2021, 1, 1) <= found[0].valid_to < dt.date(2023, 1, 1)


def test_tien_tan_and_tien_hiep_became_phuong_tan_hiep_on_1_january_2025(region):
    tien_tan = Locality.objects.get(ref="v1.c13366~20250101")
    tien_hiep = Locality.objects.get(ref="v1.c13372~20250101")
    links = {
        (ln.predecessor_id, ln.successor.name, ln.event.effective_date)
        for ln in tien_tan.successor_links.all() | tien_hiep.successor_links.all()
    }

    assert links == {
        (tien_tan.pk, "Phường Tân Hiệp", dt.date(2025, 1, 1)),
        (tien_hiep.pk, "Phường Tân Hiệp", dt.date(2025, 1, 1)),
    }


def test_the_resolver_answers_the_units_of_2020(region):
    found = {
        "Huyện Kim Bảng": resolve("Huyện Kim Bảng", within="Hà Nam", on=D2020),
        "Thị trấn Ba Sao": resolve("Ba Sao", parent="huyện Kim Bảng", on=D2020),
        "Xã Tiên Hiệp": resolve("Tiên Hiệp", parent="thành phố Phủ Lý", on=D2020),
        "Xã Thanh Lạc": resolve("Thanh Lạc", parent="huyện Nho Quan", on=D2020),
    }

    assert {name: (r.status, r.best and r.best.name) for name, r in found.items()} == {
        name: ("matched", name) for name in found
    }


def test_the_unit_s_timeline_runs_from_2019_to_2025_date_by_date(region):
    tien_tan = Locality.objects.get(ref="v1.c13366~20250101")

    rows = locality_timeline(tien_tan)

    assert [
        (r["event"].effective_date, r["event"].get_kind_display()) for r in rows if r["here"]
    ] == [(dt.date(2025, 1, 1), "Sáp nhập")]
    assert [r["event"].effective_date for r in rows] == sorted(
        r["event"].effective_date for r in rows
    )
    assert rows[-1]["event"].effective_date == REFORM_2025
    assert {ln.successor.name for ln in rows[-1]["links"]} >= {"Phường Hà Nam"}


def test_the_unit_page_shows_its_history_date_by_date_with_the_resolution(cast, region, client_for):
    url = reverse(
        "localities:detail", args=[Locality.objects.get(ref="v2.c13366").pk]
    )  # Phường Hà Nam

    page = client_for(cast.viewer).get(url).content.decode()
    html = page[page.index("Lịch sử qua các thời kỳ") :]

    assert html.index("01/01/2020") < html.index("01/01/2025") < html.index("01/07/2025")
    assert "829/NQ-UBTVQH14" in html  # Hà Nam's arrangement of 1 January 2020
    assert "Xã Tiên Tân, Thành phố Phủ Lý, Tỉnh Hà Nam" in html


def test_units_of_2019_stand_for_their_successors_on_a_later_day(
    region, django_assert_max_num_queries
):
    tan_son = Locality.objects.get(ref="v1.c13411~20250101")  # Xã Tân Sơn until 2025
    tien_tan = Locality.objects.get(ref="v1.c13366~20250101")  # Xã Tiên Tân until 2025
    late, reform = dt.date(2025, 6, 30), REFORM_2025

    with django_assert_max_num_queries(LINEAGE_STEPS):
        found = localities_now_for([tan_son, tien_tan], late)
    names = {pk: [u.name for u in units] for pk, units in found.items()}

    assert names == {tan_son.pk: ["Phường Tân Sơn"], tien_tan.pk: ["Phường Tân Hiệp"]}
    assert [u.name for u in localities_now_for([tien_tan], reform)[tien_tan.pk]] == [
        u.name for u in localities_in_force_for(tien_tan, reform)
    ]
    assert localities_now_for([tien_tan], D2020) == {tien_tan.pk: [tien_tan]}
