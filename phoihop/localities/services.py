"""Writes to the place registry: loading the package data (both generations and the
2025 conversion) idempotently, in one transaction, with history."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from phoihop.localities.changes import apply_after_2025, apply_corrections
from phoihop.localities.models import ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.localities.source import (
    EventRecord,
    LocalityDataError,
    SourceData,
    UnitRecord,
    read_source,
)

__all__ = ["LoadResult", "LocalityDataError", "localities_load"]

BATCH = 500
CHUNK = 2000
UNIT_FIELDS = ["code", "name", "short_name", "kind", "level", "parent_id", "valid_from", "valid_to",
               "latitude", "longitude", "former_names"]
UNIT_SAVED_FIELDS = [f.removesuffix("_id") for f in UNIT_FIELDS] + ["name_key", "search_text"]
EVENT_FIELDS = ["kind", "effective_date", "legal_basis", "resolution", "note"]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass
class LoadResult:
    """What a load did, per model (localities, events, links) and in total."""

    localities: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    links: Counts = field(default_factory=Counts)

    @property
    def created(self) -> int:
        return self.localities.created + self.events.created + self.links.created

    @property
    def updated(self) -> int:
        return self.localities.updated + self.events.updated + self.links.updated

    @property
    def unchanged(self) -> int:
        return self.localities.unchanged + self.events.unchanged + self.links.unchanged


def localities_load(
    *, source_dir: Path | None = None, provinces: list[str] | None = None, actor=None
) -> LoadResult:
    """Load (or refresh) units and the 2025 changes from the `vietnamadminunits` data.

    The source is read and checked first; any problem raises LocalityDataError and the
    database is left as it was. Running it twice changes nothing the second time.
    """
    data = apply_after_2025(apply_corrections(read_source(source_dir, provinces)))
    result = LoadResult()
    with transaction.atomic():
        unit_pks = _save_units(data, result.localities, actor)
        event_pks = _save_events(data.events, result.events, actor)
        _save_links(data.events, unit_pks, event_pks, result.links)
    return result


# --- Localities --------------------------------------------------------------------------


def _save_units(data: SourceData, counts: Counts, actor) -> dict[str, int]:
    existing = _existing(Locality, [u.ref for u in data.units])
    pks = {ref: obj.pk for ref, obj in existing.items()}
    pks.update(_parent_pks({u.parent_ref for u in data.units} - set(pks)))
    for level in sorted({u.level for u in data.units}):
        records = [u for u in data.units if u.level == level]
        created, changed = _diff_units(records, existing, pks, counts)
        for obj in _create(created, Locality, actor):
            pks[obj.ref] = obj.pk
        _update(changed, Locality, UNIT_SAVED_FIELDS, actor)
    return pks


def _parent_pks(refs: set) -> dict[str, int]:
    """Parents outside the loaded set (none in a full load) that already exist."""
    refs.discard(None)
    return dict(Locality.objects.filter(ref__in=refs).values_list("ref", "pk"))


def _diff_units(records, existing, pks, counts: Counts) -> tuple[list, list]:
    created, changed = [], []
    for record in records:
        values = _unit_values(record, pks)
        obj = existing.get(record.ref)
        if obj is None:
            created.append(_prepared(Locality(ref=record.ref, **values)))
        elif _apply(obj, values):
            changed.append(_prepared(obj))
        else:
            counts.unchanged += 1
    counts.created += len(created)
    counts.updated += len(changed)
    return created, changed


def _unit_values(record: UnitRecord, pks: dict[str, int]) -> dict:
    if record.parent_ref and record.parent_ref not in pks:
        raise LocalityDataError(
            _("Không tìm thấy đơn vị cấp trên %(parent)s của %(ref)s.")
            % {"parent": record.parent_ref, "ref": record.ref}
        )
    values = {f: getattr(record, f) for f in UNIT_FIELDS if f != "parent_id"}
    values["parent_id"] = pks.get(record.parent_ref)
    values["former_names"] = list(record.former_names)
    return values


CHAR_LIMITS = {f.attname: f.max_length for f in Locality._meta.concrete_fields
               if isinstance(f, models.CharField) and f.name != "ref"}
CHAR_ITEMS = tuple(CHAR_LIMITS.items())
KINDS, LEVELS = set(Kind.values), set(Level.values)
NUMBERS = (float, int)


def _prepared(unit: Locality) -> Locality:
    unit.refresh_search_fields()
    if _looks_valid(unit):
        return unit
    try:  # Django's own checks, only for a unit that fails the quick ones: their messages
        unit.clean_fields(exclude=["parent", "ref"])
    except ValidationError as exc:
        raise LocalityDataError(
            _("Dữ liệu của %(ref)s (%(name)s) không hợp lệ: %(error)s")
            % {"ref": unit.ref, "name": unit.name, "error": "; ".join(exc.messages)}
        ) from exc
    return unit


def _looks_valid(unit: Locality) -> bool:
    """The checks of `clean_fields` that package data can fail, without its cost (a third
    of a full load's time when run on every unit)."""
    values = unit.__dict__  # a plain loop over the instance's own values: ten times cheaper
    for name, limit in CHAR_ITEMS:
        value = values[name]
        if not isinstance(value, str) or not value or len(value) > limit:
            return False
    return (
        unit.kind in KINDS and unit.level in LEVELS
        and all(v is None or isinstance(v, NUMBERS) for v in (unit.latitude, unit.longitude))
    )


# --- Events and links --------------------------------------------------------------------


def _save_events(records: list[EventRecord], counts: Counts, actor) -> dict[str, int]:
    existing = _existing(ChangeEvent, [e.ref for e in records])
    created, changed = [], []
    for record in records:
        values = {f: getattr(record, f) for f in EVENT_FIELDS}
        obj = existing.get(record.ref)
        if obj is None:
            created.append(ChangeEvent(ref=record.ref, **values))
        elif _apply(obj, values):
            changed.append(obj)
    counts.created, counts.updated = len(created), len(changed)
    counts.unchanged = len(records) - len(created) - len(changed)
    pks = {ref: obj.pk for ref, obj in existing.items()}
    pks.update({obj.ref: obj.pk for obj in _create(created, ChangeEvent, actor)})
    _update(changed, ChangeEvent, EVENT_FIELDS, actor)
    return pks


def _save_links(records, unit_pks, event_pks, counts: Counts) -> None:
    wanted = {
        (event_pks[e.ref], unit_pks[link.predecessor_ref], unit_pks.get(link.successor_ref)):
            (link.is_primary, link.is_whole)
        for e in records
        for link in e.links
    }
    existing = {}
    for chunk in _chunks(list(event_pks.values())):
        existing.update({(ln.event_id, ln.predecessor_id, ln.successor_id): ln
                         for ln in Lineage.objects.filter(event_id__in=chunk)})
    changed = [ln for key, ln in existing.items()
               if key in wanted and (ln.is_primary, ln.is_whole) != wanted[key]]
    for link in changed:
        link.is_primary, link.is_whole = wanted[(link.event_id, link.predecessor_id, link.successor_id)]
    stale = [ln.pk for key, ln in existing.items() if key not in wanted]
    # New links go in as plain rows: a model instance each cost a tenth of a cold load.
    order = [f.attname for f in _insert_fields(Lineage)]
    created = [dict(event_id=e, predecessor_id=p, successor_id=s, is_primary=primary, is_whole=whole)
               for (e, p, s), (primary, whole) in wanted.items() if (e, p, s) not in existing]
    _insert_rows(Lineage, [[row[name] for name in order] for row in created])
    Lineage.objects.bulk_update(changed, ["is_primary", "is_whole"], batch_size=BATCH)
    for chunk in _chunks(stale):
        Lineage.objects.filter(pk__in=chunk).delete()
    counts.created, counts.updated, counts.deleted = len(created), len(changed), len(stale)
    counts.unchanged = len(wanted) - len(created) - len(changed)


# --- Helpers -----------------------------------------------------------------------------


def _existing(model, refs: list[str]) -> dict:
    found = {}
    for chunk in _chunks(refs):
        found.update({obj.ref: obj for obj in model.objects.filter(ref__in=chunk)})
    return found


def _apply(obj, values: dict) -> bool:
    """Set `values` on `obj`; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _create(objs: list, model, actor) -> list:
    """Insert `objs` and their "created" history rows; returns them with their pks.

    The ORM's bulk_create compiles every value of every row in Python (most of a cold
    load's time, see `./dev bench localities`), so the rows go in with one executemany a
    batch, their pks are read back by ref, and the history rows are copied from the new
    rows in SQL, as simple_history's `bulk_create_with_history` would write them."""
    if not objs:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")
        before = cursor.fetchone()[0] or 0
    _insert(objs, model)
    pks = dict(model.objects.filter(pk__gt=before).values_list("ref", "pk"))
    for obj in objs:
        obj.pk = pks[obj.ref]
    _copy_to_history(model, before, actor)
    return objs


def _insert(objs: list, model) -> None:
    fields = _insert_fields(model)
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the proxy costs a lookup a value
    prep = [(f.attname, _preparer(f, db)) for f in fields]
    _insert_rows(model, [[p(getattr(obj, name)) if p else getattr(obj, name) for name, p in prep]
                         for obj in objs])


def _insert_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _insert_rows(model, rows: list) -> None:
    """Rows of values in the order of `_insert_fields(model)`, ready for the database."""
    fields = _insert_fields(model)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 4):
            cursor.executemany(sql, rows[start:start + BATCH * 4])


def _preparer(field, db):
    """How a value of `field` goes to `db`; None when it goes as it is."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return db.ops.adapt_datefield_value
    if isinstance(field, models.JSONField | models.DateTimeField):
        return lambda value: field.get_db_prep_save(value, db)
    return None


def _copy_to_history(model, after: int, actor) -> None:
    """One "+" history row for each row of `model` whose id is above `after`."""
    history = model.history.model
    own = {f.attname: f.column for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    columns, selects, params = [], [], []
    for column in history._meta.concrete_fields:
        if column.attname == "history_id":
            continue
        columns.append(quote(column.column))
        if column.attname in own:
            selects.append(quote(own[column.attname]))
        elif column.attname in ("history_date", "history_type", "history_user_id"):
            selects.append("%s")
            if column.attname == "history_date":
                params.append(column.get_db_prep_save(timezone.now(), connection))
            else:
                params.append("+" if column.attname == "history_type" else getattr(actor, "pk", None))
        else:
            selects.append("NULL")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO {} ({}) SELECT {} FROM {} WHERE id > %s".format(
                quote(history._meta.db_table), ", ".join(columns), ", ".join(selects),
                quote(model._meta.db_table),
            ),
            [*params, after],
        )


def _update(objs: list, model, fields: list[str], actor) -> None:
    if objs:
        bulk_update_with_history(objs, model, fields, batch_size=BATCH, default_user=actor)


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
