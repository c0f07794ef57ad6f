"""Who may do what with an activity. Plain functions, used by services and views."""

from phoihop.accounts.models import Role

_WRITERS = {Role.FOCAL_POINT, Role.SECRETARIAT}


def can_edit_activity(user, *, program, lead_id: int) -> bool:
    """The lead organization's focal points (and its secretariat staff) write its activities."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return user.role in _WRITERS and user.organization_id == lead_id


def can_review_activity(user, activity) -> bool:
    """The secretariat of the program's committee confirms or sends back."""
    if user.is_administrator:
        return True
    return user.is_secretariat and activity.program.committee.host_id == user.organization_id


def can_respond_for(user, organization_id: int) -> bool:
    if user.is_administrator:
        return True
    return user.role in _WRITERS and user.organization_id == organization_id
