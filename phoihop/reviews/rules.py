"""Who may do what with reviews. Plain functions, used by selectors, services and views."""

from phoihop.accounts.models import Role
from phoihop.core.access import runs_secretariat_of
from phoihop.situations.rules import may_see_sensitive


def can_see_sensitive(user, committee) -> bool:
    """Sensitive cases (land, religion) count in a review only for those who hold the
    committee's sensitive-case right, the same rule as the case lists
    (situations.rules.may_see_sensitive); everyone else gets the redacted review."""
    return may_see_sensitive(user, committee)


def can_manage_reviews(user, program) -> bool:
    """Drafting, editing and issuing: the secretariat of the program's committee."""
    return runs_secretariat_of(user, program.committee)


def can_contribute(user, program, member_ids) -> bool:
    """A member's focal point adds its organization's narrative to a draft."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return False
    return user.role == Role.FOCAL_POINT and user.organization_id in set(member_ids)
