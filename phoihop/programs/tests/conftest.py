"""Helpers for the programs tests: a pinned clock and confirmed activities on a task."""

import datetime as dt

import pytest
import time_machine

from phoihop.localities.models import Kind, Level, Locality

NOV_20_2020 = dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    """Pinned to 20 November 2020 (the 2020 plan is running, its task not yet due)."""
    with time_machine.travel(NOV_20_2020, tick=False) as traveller:
        yield traveller


@pytest.fixture
def old_commune(places):
    """A Phủ Lý commune merged away in mid-2019: not valid during 2020."""
    unit = Locality(
        ref="v1.c99999", code="99999", name="Xã Đã Sáp Nhập", short_name="Đã Sáp Nhập",
        kind=Kind.XA, level=Level.COMMUNE, parent=places.phuly, valid_to=dt.date(2019, 7, 1),
    )
    unit.refresh_search_fields()
    unit.save()
    return unit
