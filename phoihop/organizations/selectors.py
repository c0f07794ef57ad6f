"""Reads of organizations, committees and people, always scoped to a user."""

from django.db.models import Q, QuerySet

from phoihop.core.access import get_scoped
from phoihop.organizations.models import Committee, Organization, Person


def committees_for_user(user) -> QuerySet[Committee]:
    """The steering committees `user` works in (administrators: all of them)."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    qs = Committee.objects.select_related("host", "locality")
    if user.is_administrator:
        return qs.all()
    if user.organization_id is None:
        return qs.none()
    return qs.filter(
        Q(host_id=user.organization_id) | Q(memberships__organization_id=user.organization_id)
    ).distinct()


def user_runs_secretariat_of(user, organization: Organization) -> bool:
    """True when `user` is secretariat staff of a committee `organization` belongs to."""
    if not user.is_secretariat or user.organization_id is None:
        return False
    return Committee.objects.filter(
        Q(host_id=user.organization_id),
        Q(host=organization) | Q(memberships__organization=organization),
    ).exists()


def can_edit_organization(user, organization: Organization) -> bool:
    if user.is_administrator:
        return True
    if user.is_read_only:
        return False
    return user_runs_secretariat_of(user, organization)


def can_edit_people_of(user, organization: Organization) -> bool:
    """Secretariat edits its members' people; a focal point edits its own organization's."""
    if can_edit_organization(user, organization):
        return True
    return user.role == "focal_point" and user.organization_id == organization.pk


def get_organization_for_user(user, pk, *, write: bool = False) -> Organization:
    return get_scoped(
        Organization.objects.visible_to(user),
        pk,
        write=write,
        can_write=lambda org: can_edit_organization(user, org),
    )


def get_person_for_user(user, pk, *, write: bool = False) -> Person:
    return get_scoped(
        Person.objects.visible_to(user).select_related("organization"),
        pk,
        write=write,
        can_write=lambda person: can_edit_people_of(user, person.organization),
    )


def get_committee_for_user(user, pk) -> Committee:
    return get_scoped(committees_for_user(user), pk)
