"""The one way a view turns an id into a record: scoped, 404 for outsiders, 403 for
read-only users. Each app's selectors wrap this as get_<entity>_for_user(). And the one
rule every app's write checks start from: `runs_secretariat_of(user, committee)`."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


def get_scoped(
    visible: QuerySet,
    pk,
    *,
    write: bool = False,
    can_write: Callable[[Model], bool] | None = None,
) -> Model:
    """Fetch `pk` from the user's `visible` queryset.

    Not visible → Http404 (an outsider cannot even learn the record exists).
    Visible but `write` asked and `can_write(record)` false → PermissionDenied (403).
    """
    try:
        record = visible.get(pk=pk)
    except (visible.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    if write and not (can_write and can_write(record)):
        raise PermissionDenied
    return record


def runs_secretariat_of(user, committee) -> bool:
    """The one answer to "is `user` the secretariat of `committee`?": an active user who
    is secretariat staff of the committee's host organization, or an administrator."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_administrator:
        return True
    return user.is_secretariat and user.organization_id == committee.host_id


def settled_scope(queryset: QuerySet, user) -> QuerySet | None:
    """What every `visible_to` answers before its own rule, or None to go on.

    Anonymous or inactive users, and users attached to no organization, see nothing;
    administrators see everything.
    """
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_administrator:
        return queryset.all()
    if user.organization_id is None:
        return queryset.none()
    return None
