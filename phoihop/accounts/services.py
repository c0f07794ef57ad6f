"""Writes to user accounts. Pages, the API and scripts all come through here."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.accounts.models import Role, User
from phoihop.accounts.selectors import can_manage_user, can_manage_users, organizations_managed_by
from phoihop.core.history import ensure_unchanged
from phoihop.lib.text import clean_name, nfc
from phoihop.organizations.models import Organization

EDITABLE_FIELDS = ("first_name", "last_name", "email", "organization", "role", "is_active")


def _check_assignment(actor, *, role: str, organization: Organization | None) -> None:
    """May `actor` give this role in this organization?"""
    if role == Role.ADMINISTRATOR and not actor.is_administrator:
        raise ValidationError({"role": _("Chỉ quản trị hệ thống mới được cấp vai trò quản trị.")})
    if role != Role.ADMINISTRATOR and organization is None:
        raise ValidationError({"organization": _("Hãy chọn tổ chức của người dùng.")})
    if organization is not None and not actor.is_administrator:
        if not organizations_managed_by(actor).filter(pk=organization.pk).exists():
            raise ValidationError(
                {"organization": _("Bạn không quản lý người dùng của tổ chức này.")}
            )


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    organization: Organization | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    if not can_manage_users(actor):
        raise PermissionDenied
    _check_assignment(actor, role=role, organization=organization)
    user = User(
        username=nfc(username).strip(),
        first_name=clean_name(first_name),
        last_name=clean_name(last_name),
        email=User.objects.normalize_email(email.strip()),
        role=role,
        organization=organization,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.refresh_search_fields()
    user.full_clean()
    user._history_user = actor
    user.save()
    return user


@transaction.atomic
def user_update(*, actor, user: User, version: int | None = None, **changes) -> User:
    """Change the fields in EDITABLE_FIELDS; refuses when `user` changed after `version`."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"user_update cannot change {sorted(unknown)}")
    if not can_manage_user(actor, user):
        raise PermissionDenied
    user = User.objects.select_for_update().get(pk=user.pk)
    ensure_unchanged(user, version)
    for name in ("first_name", "last_name"):
        if name in changes:
            changes[name] = clean_name(changes[name])
    if "email" in changes:
        changes["email"] = User.objects.normalize_email((changes["email"] or "").strip())
    changed = [name for name, value in changes.items() if getattr(user, name) != value]
    if not changed:
        return user
    for name in changed:
        setattr(user, name, changes[name])
    if {"role", "organization"} & set(changed):
        _check_assignment(actor, role=user.role, organization=user.organization)
    if user.pk == actor.pk and not user.is_active:
        raise ValidationError({"is_active": _("Bạn không thể tự khóa tài khoản của mình.")})
    user.refresh_search_fields()
    user.full_clean()
    user._history_user = actor
    user.save(update_fields=[*changed, "search_text"])
    return user


def user_deactivate(*, actor, user: User) -> User:
    """Lock an account (accounts are never deleted: history points at them)."""
    return user_update(actor=actor, user=user, is_active=False)
