"""Reads of the place registry. Places are public reference data: every signed-in,
active user sees all of them, so the scoped helpers only keep anonymous users out."""

import datetime as dt

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from phoihop.core.access import get_scoped
from phoihop.lib.text import fold_key
from phoihop.lib.vnformat import short_date
from phoihop.localities.models import REFORM_2025, Level, Lineage, Locality

BEFORE_REFORM = "truoc"
FROM_REFORM = "tu"
GENERATION_DAYS = {
    BEFORE_REFORM: REFORM_2025 - dt.timedelta(days=1),
    FROM_REFORM: REFORM_2025,
}
AUTOCOMPLETE_LIMIT = 20
CHILDREN_LIMIT = 200


def localities_visible_to(user) -> QuerySet[Locality]:
    return Locality.objects.visible_to(user).select_related("parent__parent")


def localities_for_browse(
    user,
    *,
    q: str = "",
    level: int | None = None,
    generation: str = "",
    province: Locality | None = None,
) -> QuerySet[Locality]:
    """The browse page's list: text search (no diacritics needed) and filters."""
    units = localities_visible_to(user)
    if q:
        units = units.search(q)
    if level:
        units = units.filter(level=level)
    if generation in GENERATION_DAYS:
        units = units.valid_on(GENERATION_DAYS[generation])
    if province is not None:
        units = units.within(province)
    return units.order_by("level", "name", "pk")


def provinces_for_filter(user) -> QuerySet[Locality]:
    return (
        Locality.objects.visible_to(user)
        .filter(level=Level.PROVINCE)
        .order_by("name", "valid_from")
    )


def get_locality_for_user(user, pk) -> Locality:
    return get_scoped(localities_visible_to(user), pk)


def locality_children(unit: Locality, limit: int = CHILDREN_LIMIT) -> tuple[list[Locality], int]:
    """The first `limit` units directly under `unit`, and how many there are in all."""
    children = unit.children.order_by("name", "pk")
    return list(children[:limit]), children.count()


def locality_predecessor_links(unit: Locality) -> QuerySet[Lineage]:
    return unit.predecessor_links.select_related("event", "predecessor__parent__parent").order_by(
        "-event__effective_date", "predecessor__name"
    )


def locality_successor_links(unit: Locality) -> QuerySet[Lineage]:
    return unit.successor_links.select_related("event", "successor__parent__parent").order_by(
        "-event__effective_date", "-is_primary", "successor__name"
    )


TIMELINE_LIMIT = 200


def locality_timeline(unit: Locality, limit: int = TIMELINE_LIMIT) -> list[dict]:
    """The unit's whole history, oldest first: every change event on its line (the units it
    came from, back to 2019, and those it went into), each with its date, kind, legal basis
    and links. One query a step of the lineage, at most `limit` events."""
    events: dict[int, dict] = {}
    for forward in (False, True):
        seen, frontier = {unit.pk}, [unit.pk]
        while frontier and len(events) < limit:
            where = {"predecessor_id__in": frontier} if forward else {"successor_id__in": frontier}
            links = list(Lineage.objects.filter(**where).select_related(
                "event", "predecessor__parent__parent", "successor__parent__parent"
            ).order_by("event__effective_date", "event__ref", "-is_primary", "pk"))
            frontier = []
            for link in links:
                entry = events.setdefault(link.event_id, {"event": link.event, "links": {}})
                entry["links"].setdefault(link.pk, link)
                other = link.successor_id if forward else link.predecessor_id
                if other is not None and other not in seen:
                    seen.add(other)
                    frontier.append(other)
    rows = sorted(events.values(), key=lambda e: (e["event"].effective_date, e["event"].ref))[:limit]
    return [{"event": e["event"], "links": list(e["links"].values()),
             "here": any(unit.pk in (ln.predecessor_id, ln.successor_id) for ln in e["links"].values())}
            for e in rows]


def localities_for_autocomplete(
    user,
    *,
    q: str,
    parent: Locality | None = None,
    on: dt.date | None = None,
    level: int | None = None,
) -> list[Locality]:
    """At most 20 units for search-as-you-type: exact names first, then prefixes; units
    in force today before former ones."""
    units = localities_visible_to(user).search(q)
    if parent is not None:
        units = units.filter(Q(parent=parent) | Q(parent__parent=parent))
    if on is not None:
        units = units.valid_on(on)
    if level:
        units = units.filter(level=level)
    return list(_ranked(units, fold_key(q))[:AUTOCOMPLETE_LIMIT])


def _ranked(units: QuerySet[Locality], key: str) -> QuerySet[Locality]:
    rank = Case(
        When(name_key=key, then=Value(0)),
        When(name_key__startswith=key, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return units.annotate(rank=rank).order_by(
        "rank", F("valid_to").desc(nulls_first=True), "level", "name", "pk"
    )


# --- The unit a record dated `day` should carry ------------------------------------------

LINEAGE_STEPS = 8  # a commune of 2019 reaches 2026 in at most this many changes


def localities_in_force_for(unit: Locality, day: dt.date) -> list[Locality]:
    """The units that stood for `unit` on `day`, primary first: `[unit]` while it is in
    force; after it ended, its successors in force on `day`; before it began, its
    predecessors in force on `day`. Empty when the lineage says nothing."""
    if unit.is_valid_on(day):
        return [unit]
    if unit.valid_to is not None and day >= unit.valid_to:
        return _walk(unit, day, forward=True)
    return _walk(unit, day, forward=False)


def localities_now_for(units: list[Locality], day: dt.date) -> dict[int, list[Locality]]:
    """For each of `units` (by pk), the units standing for it on `day` as
    `localities_in_force_for` says going forward: itself while in force, else its
    successors in force on `day` (a 2019 commune on a 2025 map). One query a lineage step
    for all of them; a unit not begun yet on `day` gets none."""
    found: dict[int, list[Locality]] = {}
    frontier: dict[int, set[int]] = {}  # a unit reached -> the units of `units` it stands for
    for unit in units:
        found.setdefault(unit.pk, [])
        if unit.is_valid_on(day):
            found[unit.pk] = [unit]
        elif unit.valid_to is not None and day >= unit.valid_to:
            frontier.setdefault(unit.pk, set()).add(unit.pk)
    seen = set(frontier)
    for _step in range(LINEAGE_STEPS):
        if not frontier:
            break
        onward: dict[int, set[int]] = {}
        for link in lineage_step(list(frontier), day, forward=True):
            reached, origins = link.successor, frontier[link.predecessor_id]
            if reached.is_valid_on(day):
                for origin in origins:
                    if reached not in found[origin]:
                        found[origin].append(reached)
            elif reached.pk not in seen:
                onward.setdefault(reached.pk, set()).update(origins)
            seen.add(reached.pk)
        frontier = onward
    return found


def _walk(unit: Locality, day: dt.date, *, forward: bool) -> list[Locality]:
    """Follow Lineage from `unit` (to successors or to predecessors), step by step, and
    keep the units reached that are in force on `day`."""
    found: list[Locality] = []
    frontier, seen = [unit.pk], {unit.pk}
    for _step in range(LINEAGE_STEPS):
        if not frontier:
            break
        frontier = [u.pk for u in _next_units(frontier, day, forward, seen, found)]
    return found


def lineage_step(ids, day: dt.date, *, forward: bool = True, primary_only: bool = False) -> list[Lineage]:
    """One step of every lineage walk: the links out of the units `ids` that matter on
    `day`, in one query. Forward: to successors, by events in effect on `day`; backward:
    to predecessors, by events after `day`. Primary links first, then by name; each link
    carries its event and the unit reached (with its parents)."""
    if forward:
        links = Lineage.objects.filter(
            predecessor_id__in=ids, successor__isnull=False, event__effective_date__lte=day
        ).select_related("event", "successor__parent__parent")
        order = ("-is_primary", "successor__name", "pk")
    else:
        links = Lineage.objects.filter(successor_id__in=ids, event__effective_date__gt=day)
        links = links.select_related("event", "predecessor__parent__parent")
        order = ("-is_primary", "predecessor__name", "pk")
    if primary_only:
        links = links.filter(is_primary=True)
    return list(links.order_by(*order))


def _next_units(ids, day, forward, seen, found) -> list[Locality]:
    links = lineage_step(ids, day, forward=forward)
    units = [link.successor if forward else link.predecessor for link in links]
    onward = []
    for candidate in units:
        if candidate.pk in seen:
            continue
        seen.add(candidate.pk)
        (found if candidate.is_valid_on(day) else onward).append(candidate)
    return onward


def not_in_force_message(unit: Locality, day: dt.date) -> str:
    """Why a record dated `day` cannot carry `unit`, naming the unit(s) in force that day."""
    values = {"name": unit.full_name, "date": short_date(day)}
    others = "; ".join(other.full_name for other in localities_in_force_for(unit, day)[:5])
    if not others:
        return (
            _(
                "%(name)s không có hiệu lực vào ngày %(date)s: hãy chọn đơn vị hành chính đúng vào ngày đó."
            )
            % values
        )
    if unit.valid_to is not None and day >= unit.valid_to:
        return _(
            "%(name)s không có hiệu lực vào ngày %(date)s (hết hiệu lực từ %(end)s); "
            "vào ngày đó nơi này thuộc: %(others)s."
        ) % {**values, "end": short_date(unit.valid_to), "others": others}
    return _(
        "%(name)s không có hiệu lực vào ngày %(date)s (chỉ có hiệu lực từ %(start)s); "
        "vào ngày đó nơi này là: %(others)s."
    ) % {**values, "start": short_date(unit.valid_from), "others": others}
