"""Regrouping by successor follows the registry's lineage step as far as the registry
walks (LINEAGE_STEPS), not a shorter walk of its own."""

import datetime as dt

import pytest

from phoihop.localities.models import ChangeEvent, Lineage, Locality
from phoihop.localities.selectors import LINEAGE_STEPS, localities_in_force_for
from phoihop.reviews.units import successor_map

pytestmark = pytest.mark.django_db

START = dt.date(2019, 1, 1)


def _chain(steps: int) -> list[Locality]:
    """A commune renamed `steps` times, one change a year from 2020, each change linking
    the old unit to the new one (primary); a side link (not primary) on every step."""
    units = []
    for i in range(steps + 1):
        unit = Locality(ref=f"t.chain{i}", code=f"9{i:04d}", name=f"Xã Chuỗi {i}", short_name=f"Chuỗi {i}",
                        kind="xa", level=3, valid_from=dt.date(2019 + i, 1, 1) if i else None,
                        valid_to=dt.date(2020 + i, 1, 1) if i < steps else None)
        unit.refresh_search_fields()
        unit.save()
        units.append(unit)
    side = Locality(ref="t.side", code="99999", name="Xã Bên", short_name="Bên", kind="xa", level=3)
    side.refresh_search_fields()
    side.save()
    for i in range(steps):
        event = ChangeEvent.objects.create(ref=f"t.ev{i}", kind="rename", effective_date=dt.date(2020 + i, 1, 1),
                                           legal_basis=f"NQ {i}")
        Lineage.objects.create(event=event, predecessor=units[i], successor=units[i + 1], is_primary=True)
        Lineage.objects.create(event=event, predecessor=units[i], successor=side, is_primary=False)
    return units


@pytest.mark.parametrize("steps", [6, 7])
def test_a_long_chain_counts_toward_its_last_unit(steps):
    assert steps <= LINEAGE_STEPS
    units = _chain(steps)
    day = dt.date(2019 + steps + 1, 6, 1)

    mapping = successor_map([u.pk for u in units], day=day)

    assert mapping == {u.pk: units[-1].pk for u in units}
    assert units[-1] in localities_in_force_for(units[0], day)  # the registry walks as far


def test_a_chain_stops_where_the_day_stops_it():
    units = _chain(6)
    mapping = successor_map([units[0].pk], day=dt.date(2023, 6, 1))  # four changes in effect
    assert mapping == {units[0].pk: units[4].pk}
