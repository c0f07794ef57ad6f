"""Change history: the page that shows who changed what, and the version check that
keeps two people from silently overwriting each other's edits.

Every tracked model keeps its history through django-simple-history. An object's
*version* is its `revision` counter where its model keeps one (activities, cases, review
reports), else the id of its newest historical record: an edit form (or an API update)
carries it, and the service refuses to save, with the one STALE_MESSAGE, when the
object has changed since (`ensure_unchanged`).

Each app registers the scoped lookups of its tracked models for the history page in its
AppConfig.ready(), with `register_history_lookup`.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.lib.vnformat import short_date

HISTORY_PAGE_SIZE = 50

STALE_MESSAGE = gettext_lazy(
    "Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu, nên thay đổi của bạn chưa được "
    "lưu. Hãy xem lại thông tin hiện tại (và lịch sử thay đổi) rồi lưu lại nếu vẫn cần."
)


# --- Versions for optimistic locking --------------------------------------------------


def record_version(obj: models.Model) -> int:
    """The version of `obj` an editor reads: its `revision` counter when its model keeps
    one, else the id of its newest historical record; 0 when it has none."""
    if obj.pk is None:
        return 0
    if hasattr(obj, "revision"):
        return obj.revision
    latest = obj.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return latest or 0


def ensure_unchanged(obj: models.Model, version: int | None) -> None:
    """Raise a ValidationError (code "stale") when `obj` changed after `version` was read.

    `version=None` means the caller did not ask for the check (importers, scripts).
    Call it inside the writing transaction, after locking (and reloading) the row.
    """
    if version is not None and record_version(obj) != version:
        raise ValidationError(STALE_MESSAGE, code="stale")


# --- The history page -------------------------------------------------------------------


# Model label in the URL -> the owning app's scoped lookup, filled by each app's ready().
HISTORY_LOOKUPS: dict[str, Callable] = {}


def register_history_lookup(label: str, lookup: Callable) -> None:
    """Let the history page find `label`'s records ("app_label.modelname") through the
    owning app's scoped lookup `lookup(user, pk)` (outsiders get 404)."""
    HISTORY_LOOKUPS.setdefault(label, lookup)


_TYPE_LABELS = {
    "+": gettext_lazy("Tạo mới"),
    "~": gettext_lazy("Sửa"),
    "-": gettext_lazy("Xóa"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: str
    who: str
    type: str
    type_label: str
    changes: list[FieldChange] = field(default_factory=list)


def can_read_history(user) -> bool:
    return user.is_administrator or user.is_secretariat


@login_required
def object_history(request, model: str, pk: int):
    lookup = HISTORY_LOOKUPS.get(model)
    if lookup is None:
        raise Http404
    obj = lookup(request.user, pk)  # outsiders: 404
    if not can_read_history(request.user):
        raise PermissionDenied
    records = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    page = Paginator(records, HISTORY_PAGE_SIZE).get_page(request.GET.get("trang"))
    start = (page.number - 1) * HISTORY_PAGE_SIZE
    # One record more than the page: the one the page's oldest entry is diffed against.
    window = list(records[start : start + HISTORY_PAGE_SIZE + 1])
    context = {
        "object": obj,
        "model_name": obj._meta.verbose_name,
        "entries": history_entries(obj._meta.model, window, HISTORY_PAGE_SIZE),
        "page": page,
    }
    return render(request, "core/history.html", context)


def history_entries(model, window: list, limit: int) -> list[HistoryEntry]:
    """Turn historical records (newest first) into entries; record i is diffed against
    record i + 1, so `window` holds one record more than the entries wanted."""
    pairs = []
    for i, record in enumerate(window[:limit]):
        older = window[i + 1] if i + 1 < len(window) else None
        pairs.append((record, _raw_changes(record, older)))
    labels = _related_labels(model, [c for _, changes in pairs for c in changes])
    return [
        HistoryEntry(
            when=timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M"),
            who=record.history_user.display_name if record.history_user else _("Hệ thống"),
            type=record.history_type,
            type_label=str(_TYPE_LABELS.get(record.history_type, record.history_type)),
            changes=[_field_change(model, change, labels) for change in changes],
        )
        for record, changes in pairs
    ]


@dataclass
class _Raw:
    field: str
    old: object
    new: object


def _raw_changes(record, older) -> list[_Raw]:
    """Field changes of `record` against `older`, in the model's field order."""
    if record.history_type == "-":
        return []
    order = {f.name: i for i, f in enumerate(record.tracked_fields)}
    if older is not None and record.history_type == "~":
        changes = [_Raw(c.field, c.old, c.new) for c in record.diff_against(older).changes]
        return sorted(changes, key=lambda change: order.get(change.field, 0))
    # A creation (or a change whose previous record is gone): its non-empty values.
    return [
        _Raw(f.name, None, getattr(record, f.attname))
        for f in record.tracked_fields
        if f.editable and not f.primary_key and getattr(record, f.attname) not in (None, "", [], {})
    ]


def _related_labels(model, changes: list[_Raw]) -> dict:
    """Names of the objects foreign keys point to, one query per related model."""
    wanted = defaultdict(set)
    for change in changes:
        model_field = model._meta.get_field(change.field)
        if model_field.is_relation and model_field.many_to_one:
            for value in (change.old, change.new):
                if value is not None:
                    wanted[model_field.related_model].add(value)
    labels = {}
    for related, pks in wanted.items():
        for pk, obj in related._default_manager.in_bulk(pks).items():
            labels[(related, pk)] = str(obj)
    return labels


def _field_change(model, change: _Raw, labels: dict) -> FieldChange:
    model_field = model._meta.get_field(change.field)
    return FieldChange(
        label=str(model_field.verbose_name),
        old=_display(model_field, change.old, labels),
        new=_display(model_field, change.new, labels),
    )


def _display(model_field, value, labels: dict) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if model_field.is_relation and model_field.many_to_one:
        return labels.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return short_date(value)
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)
