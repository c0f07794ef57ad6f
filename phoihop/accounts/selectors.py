"""Reads of user accounts, always scoped to the acting user."""

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Role, User
from phoihop.core.access import get_scoped
from phoihop.lib.text import fold
from phoihop.organizations.models import Organization
from phoihop.organizations.selectors import secretariat_covers


def can_manage_users(actor) -> bool:
    """Administrators and secretariat staff manage accounts; others may not open those pages."""
    return (
        actor.is_authenticated
        and actor.is_active
        and (actor.is_administrator or actor.is_secretariat)
    )


def can_manage_user(actor, target: User) -> bool:
    """Administrators manage everyone; the secretariat manages the non-administrator users
    of the organizations in the committees it hosts."""
    if not can_manage_users(actor):
        return False
    if actor.is_administrator:
        return True
    if target.is_administrator or target.organization_id is None:
        return False
    return secretariat_covers(actor, target.organization)


def organizations_managed_by(actor) -> QuerySet[Organization]:
    """Organizations whose users `actor` may create and edit."""
    if not can_manage_users(actor):
        return Organization.objects.none()
    if actor.is_administrator:
        return Organization.objects.all()
    if actor.organization_id is None:
        return Organization.objects.none()
    host = actor.organization_id
    return Organization.objects.filter(
        Q(pk=host, hosted_committees__isnull=False) | Q(memberships__committee__host_id=host)
    ).distinct()


def roles_grantable_by(actor) -> list[tuple[str, str]]:
    """Role choices `actor` may give: only administrators grant the administrator role."""
    return [
        (value, label)
        for value, label in Role.choices
        if actor.is_administrator or value != Role.ADMINISTRATOR
    ]


def users_for_list(
    actor, *, q: str = "", organization: Organization | None = None, role: str = ""
) -> QuerySet[User]:
    """The user list: visible users, searched without diacritics, filtered."""
    users = User.objects.visible_to(actor).select_related("organization")
    folded = fold(q)
    if folded:
        users = users.filter(search_text__contains=folded)
    if organization is not None:
        users = users.filter(organization=organization)
    if role:
        users = users.filter(role=role)
    return users.order_by("username")


def get_user_for_user(actor, pk, *, write: bool = False) -> User:
    return get_scoped(
        User.objects.visible_to(actor).select_related("organization"),
        pk,
        write=write,
        can_write=lambda target: can_manage_user(actor, target),
    )
