"""Writes to organizations, people and their positions, and reorganization events.

Every write checks the actor's rights, validates, saves only what changed and leaves
the history to django-simple-history (with the actor as the author).
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.core.history import ensure_unchanged
from phoihop.lib.text import clean_name
from phoihop.organizations.models import Organization, OrgEvent, Person, Position
from phoihop.organizations.selectors import can_edit_organization, can_edit_people_of

ORGANIZATION_FIELDS = (
    "name",
    "short_name",
    "aliases",
    "kind",
    "level",
    "locality",
    "parent",
    "valid_from",
    "valid_to",
    "email",
    "phone",
)
PERSON_FIELDS = ("full_name", "email", "phone")
_TEXT_FIELDS = {"name", "short_name", "full_name", "phone"}


def _clean_changes(changes: dict, allowed: Iterable[str], label: str) -> dict:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"{label} cannot change {sorted(unknown)}")
    cleaned = dict(changes)
    for name in _TEXT_FIELDS & set(cleaned):
        cleaned[name] = clean_name(cleaned[name] or "")
    if "email" in cleaned:
        cleaned["email"] = (cleaned["email"] or "").strip().lower()
    if "aliases" in cleaned:
        cleaned["aliases"] = clean_aliases(cleaned["aliases"])
    return cleaned


def clean_aliases(aliases: Iterable[str]) -> list[str]:
    """NFC, trimmed, no blanks, no repeats, order kept."""
    return list(dict.fromkeys(a for a in (clean_name(x) for x in aliases) if a))


def _check_period(valid_from: dt.date | None, valid_to: dt.date | None, field: str) -> None:
    if valid_from and valid_to and valid_to <= valid_from:
        raise ValidationError({field: _("Ngày kết thúc phải sau ngày bắt đầu.")})


def _save_changed(obj, changes: dict, actor) -> list[str]:
    """Set the values that differ, validate and save only those fields."""
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(obj, name, changes[name])
    update_fields = list(changed)
    if hasattr(obj, "refresh_search_fields"):
        obj.refresh_search_fields()
        update_fields.append("search_text")
    obj.full_clean()
    obj._history_user = actor
    obj.save(update_fields=update_fields)
    return changed


@transaction.atomic
def organization_update(
    *, actor, organization: Organization, version: int | None = None, **changes
) -> Organization:
    """Change an organization's facts; refuses when it changed after `version` was read."""
    changes = _clean_changes(changes, ORGANIZATION_FIELDS, "organization_update")
    if not can_edit_organization(actor, organization):
        raise PermissionDenied
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    ensure_unchanged(organization, version)
    _check_period(
        changes.get("valid_from", organization.valid_from),
        changes.get("valid_to", organization.valid_to),
        "valid_to",
    )
    _save_changed(organization, changes, actor)
    return organization


@transaction.atomic
def person_create(
    *, actor, organization: Organization, full_name: str, email: str = "", phone: str = ""
) -> Person:
    if not can_edit_people_of(actor, organization):
        raise PermissionDenied
    values = _clean_changes(
        {"full_name": full_name, "email": email, "phone": phone}, PERSON_FIELDS, "person_create"
    )
    person = Person(organization=organization, **values)
    person.refresh_search_fields()
    person.full_clean()
    person._history_user = actor
    person.save()
    return person


@transaction.atomic
def person_update(*, actor, person: Person, version: int | None = None, **changes) -> Person:
    changes = _clean_changes(changes, PERSON_FIELDS, "person_update")
    if not can_edit_people_of(actor, person.organization):
        raise PermissionDenied
    person = Person.objects.select_for_update().get(pk=person.pk)
    ensure_unchanged(person, version)
    _save_changed(person, changes, actor)
    return person


@transaction.atomic
def position_add(
    *,
    actor,
    person: Person,
    title: str,
    organization: Organization,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    is_focal_point: bool = False,
) -> Position:
    """Give `person` a title at `organization` for a period (open-ended by default)."""
    if not can_edit_people_of(actor, person.organization):
        raise PermissionDenied
    if not Organization.objects.visible_to(actor).filter(pk=organization.pk).exists():
        raise ValidationError({"organization": _("Bạn không được chọn tổ chức này.")})
    _check_period(valid_from, valid_to, "valid_to")
    position = Position(
        person=person,
        title=clean_name(title),
        organization=organization,
        valid_from=valid_from,
        valid_to=valid_to,
        is_focal_point=is_focal_point,
    )
    position.full_clean()
    position._history_user = actor
    position.save()
    return position


@transaction.atomic
def position_end(*, actor, position: Position, valid_to: dt.date) -> Position:
    """Close a position: `valid_to` is the first day the person no longer holds it."""
    if not can_edit_people_of(actor, position.person.organization):
        raise PermissionDenied
    if position.valid_to is not None:
        raise ValidationError({"valid_to": _("Chức vụ này đã kết thúc.")})
    _check_period(position.valid_from, valid_to, "valid_to")
    _save_changed(position, {"valid_to": valid_to}, actor)
    return position


@transaction.atomic
def org_event_record(
    *,
    actor,
    kind: str,
    effective_date: dt.date,
    legal_basis: str,
    predecessors: Iterable[Organization],
    successors: Iterable[Organization],
    note: str = "",
) -> OrgEvent:
    """Record a reorganization (merge, rename, split, dissolve, transfer).

    Predecessors that do not continue get `valid_to = effective_date` and successors that
    are new get `valid_from = effective_date`, when those dates are empty; dates already
    set must agree with the event. An organization listed on both sides continues
    (a transfer, or a merge into an existing body) and keeps its dates. `actor=None` is
    a system import (the demo loader).
    """
    predecessors, successors = list(predecessors), list(successors)
    _check_event_rights(actor, predecessors + successors)
    _check_event_shape(kind, predecessors, successors)
    continuing = {org.pk for org in predecessors} & {org.pk for org in successors}
    errors = _event_date_errors(effective_date, predecessors, successors, continuing)
    if errors:
        raise ValidationError(errors)
    event = OrgEvent(
        kind=kind,
        effective_date=effective_date,
        legal_basis=clean_name(legal_basis),
        note=note.strip(),
    )
    event.full_clean()
    event._history_user = actor
    event.save()
    event.predecessors.set(predecessors)
    event.successors.set(successors)
    for org in predecessors:
        if org.pk not in continuing and org.valid_to is None:
            _save_changed(org, {"valid_to": effective_date}, actor)
    for org in successors:
        if org.pk not in continuing and org.valid_from is None:
            _save_changed(org, {"valid_from": effective_date}, actor)
    return event


def _check_event_rights(actor, organizations: list[Organization]) -> None:
    if actor is None:
        return
    if not all(can_edit_organization(actor, org) for org in organizations):
        raise PermissionDenied


def _check_event_shape(kind: str, predecessors: list, successors: list) -> None:
    if not predecessors:
        raise ValidationError({"predecessors": _("Hãy chọn ít nhất một tổ chức trước sắp xếp.")})
    if kind == OrgEvent.Kind.DISSOLVE and successors:
        raise ValidationError({"successors": _("Giải thể thì không có tổ chức kế thừa.")})
    if kind != OrgEvent.Kind.DISSOLVE and not successors:
        raise ValidationError({"successors": _("Hãy chọn ít nhất một tổ chức sau sắp xếp.")})


def _event_date_errors(day: dt.date, predecessors, successors, continuing: set) -> dict:
    errors: dict[str, list[str]] = {}
    for org in predecessors:
        if org.valid_from and org.valid_from >= day:
            errors.setdefault("predecessors", []).append(
                _("%(org)s chưa hoạt động trước ngày sắp xếp.") % {"org": org}
            )
        if org.pk not in continuing and org.valid_to and org.valid_to != day:
            errors.setdefault("predecessors", []).append(
                _("%(org)s có ngày ngừng hoạt động khác ngày sắp xếp.") % {"org": org}
            )
    for org in successors:
        if org.pk not in continuing and org.valid_from and org.valid_from > day:
            errors.setdefault("successors", []).append(
                _("%(org)s bắt đầu hoạt động sau ngày sắp xếp.") % {"org": org}
            )
        if org.valid_to and org.valid_to <= day:
            errors.setdefault("successors", []).append(
                _("%(org)s đã ngừng hoạt động trước ngày sắp xếp.") % {"org": org}
            )
    return errors
