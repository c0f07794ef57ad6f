"""Who may do what with situation reports and cases. Plain functions for services and views.

- The committee's secretariat (staff of its host organization) opens, assigns, closes,
  reopens, links, merges and escalates cases.
- Focal points (and secretariat staff) of a member organization report what they see.
- The lead's and supporters' focal points record follow-ups; the lead may close.
- Viewers only read; outsiders see nothing (see the models' visible_to).
- Sensitive cases: the ONE rule is `may_see_sensitive` / `sensitive_committees` below,
  used by Case.visible_to (so cases, maps, scores, notifications, exports, the API) and by
  reviews and the dashboard.
"""

from django.db.models import Q

from phoihop.accounts.models import Role
from phoihop.core.access import runs_secretariat_of
from phoihop.organizations.models import Committee

WRITERS = {Role.FOCAL_POINT, Role.SECRETARIAT}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_member_of(organization_id: int | None, committee) -> bool:
    if organization_id is None:
        return False
    if organization_id == committee.host_id:
        return True
    return committee.memberships.filter(organization_id=organization_id).exists()


def can_report(user, committee) -> bool:
    """Focal points and secretariat staff of a member organization report situations."""
    if not _active(user) or user.organization_id is None:
        return False
    if user.is_administrator:
        return True
    return user.role in WRITERS and is_member_of(user.organization_id, committee)


def _involved_writer(user, case, *, lead_only: bool = False) -> bool:
    if user.role not in WRITERS or user.organization_id is None:
        return False
    if case.lead_id == user.organization_id:
        return True
    if lead_only or case.pk is None:
        return False
    return case.supporters.filter(pk=user.organization_id).exists()


def can_follow_up(user, case) -> bool:
    if not _active(user):
        return False
    return runs_secretariat_of(user, case.committee) or _involved_writer(user, case)


def can_close(user, case) -> bool:
    if not _active(user):
        return False
    return runs_secretariat_of(user, case.committee) or _involved_writer(user, case, lead_only=True)


def can_manage(user, case) -> bool:
    """Assign, reopen, link, merge into, escalate: the committee's secretariat."""
    return runs_secretariat_of(user, case.committee)


def sensitive_committees(user):
    """The committees whose every sensitive case `user` may see: all for administrators;
    for others, the committee whose secretariat they are (secretariat staff of its host
    organization) and the committees that designated them (SensitiveReader)."""
    if not _active(user):
        return Committee.objects.none()
    if user.is_administrator:
        return Committee.objects.all()
    held = Q(sensitive_readers__user_id=user.pk)
    if user.is_secretariat and user.organization_id:
        held |= Q(host_id=user.organization_id)
    return Committee.objects.filter(held)


def may_see_sensitive(user, committee) -> bool:
    """Whether `user` holds the sensitive-case right of `committee` (see sensitive_committees)."""
    if runs_secretariat_of(user, committee):
        return True
    return _active(user) and sensitive_committees(user).filter(pk=committee.pk).exists()
