"""Figures by the 2025 units: every unit counted toward its primary 2025 successor.

A record keeps the unit valid on its date (Phường Lam Hạ in 2020). Regrouping follows
the Lineage links marked `is_primary` (a divided commune has exactly one), hop by hop,
until a unit in force on the reform day is reached; a unit already in force (a 2025
commune) maps to itself, and a unit with no successor stays as it is. So the sum over
2025 units equals the sum as recorded, and each 2025 unit equals the sum of its
predecessors.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from phoihop.localities.models import REFORM_2025, Locality
from phoihop.localities.selectors import LINEAGE_STEPS, lineage_step
from phoihop.reviews.data import LocalityResult


def reform_day() -> dt.date:
    return max(timezone.localdate(), REFORM_2025)


def successor_map(ids: Iterable[int], *, day: dt.date | None = None) -> dict[int, int]:
    """unit id → the id of the unit it counts toward on `day` (the reform day by default).

    One query for the units and one per hop, whatever the number of units; the hops are
    the registry's own lineage step (phoihop.localities.selectors.lineage_step).
    """
    day = day or reform_day()
    units = Locality.objects.filter(pk__in=set(ids)).only("valid_from", "valid_to")
    result = {u.pk: u.pk for u in units if u.is_valid_on(day)}
    pending = {u.pk: u.pk for u in units if u.pk not in result}  # original → current
    for _hop in range(LINEAGE_STEPS):
        if not pending:
            break
        step = _primary_step(set(pending.values()), day)
        moved = {}
        for original, current in pending.items():
            successor = step.get(current)
            if successor is None:
                result[original] = original
            elif successor.is_valid_on(day):
                result[original] = successor.pk
            else:
                moved[original] = successor.pk
        pending = moved
    result.update({original: original for original in pending})
    return result


def _primary_step(ids: set[int], day: dt.date) -> dict[int, Locality]:
    links = lineage_step(ids, day, primary_only=True)
    ordered = sorted(links, key=lambda link: (link.event.effective_date, link.pk))
    return {link.predecessor_id: link.successor for link in ordered}  # the latest event wins


def identity_map(ids: Iterable[int]) -> dict[int, int]:
    return {pk: pk for pk in ids}


def regroup_localities(
    rows: list[LocalityResult], *, day: dt.date | None = None
) -> list[LocalityResult]:
    """The same figures summed by primary 2025 successor, named after the successors."""
    mapping = successor_map([row.locality_id for row in rows], day=day)
    sums: dict[int, list[int]] = {}
    for row in rows:
        total = sums.setdefault(mapping[row.locality_id], [0, 0, 0])
        total[0] += row.activities
        total[1] += row.cases
        total[2] += row.cases_resolved
    return locality_rows(sums)


def locality_rows(sums: dict[int, list[int]]) -> list[LocalityResult]:
    """LocalityResult rows for {locality id: [activities, cases, resolved]}, by parent and name."""
    units = Locality.objects.filter(pk__in=list(sums)).values_list("pk", "name", "parent__name")
    rows = [LocalityResult(pk, name, parent or "", *sums[pk]) for pk, name, parent in units]
    return sorted(rows, key=lambda r: (r.parent_name, r.name, r.locality_id))
