"""Fixtures of the intake tests: the real place data of Hà Nam's region (loaded per test,
the package files parsed once), the seed text, and a fresh gazetteer for every test."""

import datetime as dt
import functools
from pathlib import Path

import pytest
import time_machine

from phoihop.intake.extract import gazetteer
from phoihop.localities import services, source
from phoihop.localities.models import Kind, Level, Locality

SEED = Path(__file__).resolve().parents[1] / "devset" / "000_seed_hanam_2020.txt"
TODAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@functools.cache
def _hanam_source():
    return source.read_source(None, ("tinhhanam",))


@pytest.fixture(autouse=True)
def pinned_clock():
    """Today is 2 March 2026 in every intake test: after the 2025 reform."""
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def fresh_gazetteer():
    gazetteer.clear()
    yield
    gazetteer.clear()


@pytest.fixture
def hanam(cast, monkeypatch):
    """The cast, plus Hà Nam's real units (with Nam Định and Ninh Bình, which share its
    2025 province) of both generations."""
    monkeypatch.setattr(services, "read_source", lambda source_dir=None, provinces=None: _hanam_source())
    services.localities_load(provinces=["tinhhanam"])
    return cast


@functools.cache
def _provinces_source(*provinces):
    return source.read_source(None, provinces)


@pytest.fixture
def load(cast, monkeypatch):
    """`load("tinhlongan", …)` loads those old provinces' real units (with their 2025 partners)."""

    def loader(*provinces):
        monkeypatch.setattr(services, "read_source",
                            lambda source_dir=None, provinces=None: _provinces_source(*wanted))
        wanted = provinces
        services.localities_load(provinces=list(provinces))

    return loader


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def nghe_an_tan_son(hanam):
    """Two more communes called Tân Sơn (Nghệ An), so the name alone is ambiguous."""
    province = _unit("v1.p40", "40", "Tỉnh Nghệ An", "Nghệ An", Kind.TINH, Level.PROVINCE, None)
    for district_ref, district, commune_ref in [("v1.d414", "Quỳnh Lưu", "v1.c17140"),
                                                ("v1.d421", "Đô Lương", "v1.c17674")]:
        parent = _unit(district_ref, district_ref[4:], f"Huyện {district}", district, Kind.HUYEN,
                       Level.DISTRICT, province)
        _unit(commune_ref, commune_ref[4:], "Xã Tân Sơn", "Tân Sơn", Kind.XA, Level.COMMUNE, parent)
    return hanam


def _unit(ref, code, name, short, kind, level, parent) -> Locality:
    unit = Locality(ref=ref, code=code, name=name, short_name=short, kind=kind, level=level, parent=parent,
                    valid_to=dt.date(2025, 7, 1))
    unit.refresh_search_fields()
    unit.save()
    return unit
