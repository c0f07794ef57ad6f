"""Who may do what with period reports. Plain functions, used by services and views."""

from phoihop.accounts.models import Role
from phoihop.core.access import runs_secretariat_of

REPORT_WRITERS = {Role.FOCAL_POINT, Role.SECRETARIAT}


def can_submit_report(user, report) -> bool:
    """The report's organization: its focal points and its secretariat staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return user.role in REPORT_WRITERS and user.organization_id == report.organization_id


def can_review_report(user, report) -> bool:
    return runs_secretariat_of(user, report.program.committee)
