"""Reads of organizations, committees and people, always scoped to a user."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from phoihop.core.access import get_scoped
from phoihop.organizations.models import (
    Committee,
    Membership,
    Organization,
    OrgEvent,
    Person,
    Position,
    _valid_on_q,
)


def committees_for_user(user) -> QuerySet[Committee]:
    """The steering committees `user` works in (administrators: all of them)."""
    return Committee.objects.visible_to(user).select_related("host", "locality")


def secretariat_covers(user, organization: Organization) -> bool:
    """True when `user` is active secretariat staff of a committee `organization` belongs
    to (its host or a member). Not `runs_secretariat_of`: that asks about one committee."""
    if not (user.is_authenticated and user.is_active):
        return False
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
    return secretariat_covers(user, organization)


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


def get_organization_for_people_edit(user, pk) -> Organization:
    """The organization whose people `user` is about to add: 404 / 403 like the rest."""
    return get_scoped(
        Organization.objects.visible_to(user),
        pk,
        write=True,
        can_write=lambda org: can_edit_people_of(user, org),
    )


def get_position_for_user(user, pk, *, write: bool = False) -> Position:
    return get_scoped(
        Position.objects.filter(person__in=Person.objects.visible_to(user)).select_related(
            "person__organization", "organization"
        ),
        pk,
        write=write,
        can_write=lambda position: can_edit_people_of(user, position.person.organization),
    )


def organizations_for_list(
    user,
    *,
    q: str = "",
    kind: str = "",
    level: str = "",
    committee: Committee | None = None,
    valid_on: dt.date | None = None,
) -> QuerySet[Organization]:
    """The organization list: visible, searched without diacritics, filtered."""
    orgs = Organization.objects.visible_to(user).select_related("locality")
    if q:
        orgs = orgs.search(q)
    if kind:
        orgs = orgs.filter(kind=kind)
    if level:
        orgs = orgs.filter(level=level)
    if committee is not None:
        orgs = orgs.filter(Q(memberships__committee=committee) | Q(hosted_committees=committee))
    if valid_on is not None:
        orgs = orgs.valid_on(valid_on)
    return orgs.order_by("name")


def _current_positions(day: dt.date) -> Prefetch:
    return Prefetch(
        "positions",
        queryset=Position.objects.filter(*_valid_on_q(day)).select_related("organization"),
        to_attr="current_positions",
    )


@dataclass
class OrganizationDetail:
    organization: Organization
    memberships: list[Membership]
    hosted: list[Committee]
    people: list[Person]
    became: list[OrgEvent]  # events where this organization is a predecessor
    came_from: list[OrgEvent]  # events where it is a successor
    can_edit: bool
    can_edit_people: bool


def organization_detail_for_user(user, organization: Organization) -> OrganizationDetail:
    """Everything the organization page shows, in a fixed number of queries."""
    day = timezone.localdate()
    events = OrgEvent.objects.prefetch_related("predecessors", "successors").order_by(
        "-effective_date"
    )
    return OrganizationDetail(
        organization=organization,
        memberships=list(
            organization.memberships.select_related("committee", "committee__host").order_by(
                "committee__name"
            )
        ),
        hosted=list(organization.hosted_committees.all()),
        people=list(organization.people.prefetch_related(_current_positions(day))),
        became=list(events.filter(predecessors=organization)),
        came_from=list(events.filter(successors=organization)),
        can_edit=can_edit_organization(user, organization),
        can_edit_people=can_edit_people_of(user, organization),
    )


def committee_members(committee: Committee) -> list[Membership]:
    return list(
        committee.memberships.select_related("organization").order_by("order", "organization__name")
    )


def person_positions(person: Person) -> list[Position]:
    return list(person.positions.select_related("organization").order_by("-valid_from", "title"))


def committee_chosen_by(user, pk=None) -> Committee | None:
    """The committee `pk` (404 when not one of the user's), else the user's current one
    (not yet dissolved), else their first, else None. Pages whose ?committee= is optional
    (hotspots, bulletins) start here."""
    if pk:
        return get_committee_for_user(user, pk)
    committees = list(committees_for_user(user))
    today = timezone.localdate()
    current = [c for c in committees if c.valid_to is None or c.valid_to > today]
    return (current or committees or [None])[0]
