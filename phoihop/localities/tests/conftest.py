"""Fixtures of the place registry tests: the real package data for the seed's region
(Hà Nam, Nam Định and Ninh Bình, which became Tỉnh Ninh Bình in 2025).

pytest-django rolls the database back after each test, so each test that needs the
data loads it (about half a second); the package files are parsed once per session.
"""

import datetime as dt
import functools

import pytest

from phoihop.localities import services, source
from phoihop.localities.models import Locality

REGION = ["tinhhanam", "tinhnamdinh", "tinhninhbinh"]
SEED_DAY = dt.date(2020, 6, 15)


@functools.cache
def _cached_source(provinces: tuple[str, ...]):
    return source.read_source(None, provinces)


@pytest.fixture
def load_places(db, monkeypatch):
    """`load_places([...old province keys])` loads the real data for those provinces."""
    real = source.read_source

    def cached(source_dir=None, provinces=None):
        if source_dir is None and provinces is not None:
            return _cached_source(tuple(sorted(provinces)))
        return real(source_dir, provinces)

    monkeypatch.setattr(services, "read_source", cached)
    return lambda provinces: services.localities_load(provinces=provinces)


@pytest.fixture
def region(load_places):
    """Hà Nam, Nam Định and Ninh Bình before 2025, and Tỉnh Ninh Bình from 2025."""
    load_places(REGION)
    return Locality.objects


def unit(ref: str) -> Locality:
    return Locality.objects.select_related("parent__parent").get(ref=ref)
