"""Designating the leaders who read a committee's sensitive cases (beside its secretariat).

The right itself is decided in one place, rules.may_see_sensitive / sensitive_committees;
these services only add or remove a committee's designations, each recorded with who
decided and when (simple-history keeps the changes).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core.access import runs_secretariat_of
from phoihop.situations.models import SensitiveReader


@transaction.atomic
def sensitive_reader_designate(*, actor, committee, user, designated_on: dt.date | None = None) -> SensitiveReader:
    """The committee's secretariat (or an administrator) lets `user` read its sensitive cases."""
    if not runs_secretariat_of(actor, committee):
        raise PermissionDenied
    if SensitiveReader.objects.filter(committee=committee, user=user).exists():
        raise ValidationError({"user": _("Người này đã được giao quyền xem vụ việc nhạy cảm.")})
    reader = SensitiveReader(
        committee=committee,
        user=user,
        designated_on=designated_on or timezone.localdate(),
        designated_by=actor if getattr(actor, "pk", None) else None,
    )
    reader._history_user = actor
    reader.full_clean()
    reader.save()
    return reader


@transaction.atomic
def sensitive_reader_remove(*, actor, reader: SensitiveReader) -> None:
    if not runs_secretariat_of(actor, reader.committee):
        raise PermissionDenied
    reader._history_user = actor
    reader.delete()
