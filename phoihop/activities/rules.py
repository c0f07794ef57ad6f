"""Who may do what with an activity. Plain functions, used by services and views."""

from phoihop.accounts.models import Role
from phoihop.core.access import runs_secretariat_of

_WRITERS = {Role.FOCAL_POINT, Role.SECRETARIAT}


def can_edit_activity(user, *, program, lead_id: int) -> bool:
    """The lead organization's focal points (and its secretariat staff) write its activities."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return user.role in _WRITERS and user.organization_id == lead_id


def can_import_activity_for(user, *, program, lead_id: int) -> bool:
    """An import writes what the lead's writers may, and the committee's secretariat
    (and administrators) import on any member's behalf."""
    return can_edit_activity(user, program=program, lead_id=lead_id) or runs_secretariat_of(
        user, program.committee
    )


def can_review_activity(user, activity) -> bool:
    """The secretariat of the program's committee confirms or sends back."""
    return runs_secretariat_of(user, activity.program.committee)


def can_respond_for(user, organization_id: int) -> bool:
    if user.is_administrator:
        return True
    return user.role in _WRITERS and user.organization_id == organization_id
