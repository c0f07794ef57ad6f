"""Who may do what with reviews. Plain functions, used by selectors, services and views."""

from phoihop.accounts.models import Role


def can_see_sensitive(user, committee) -> bool:
    """Sensitive cases (land, religion) count in a review only for the committee's
    secretariat and administrators; everyone else gets the redacted review."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return user.is_secretariat and user.organization_id == committee.host_id


def can_manage_reviews(user, program) -> bool:
    """Drafting, editing and issuing: the secretariat of the program's committee."""
    return can_see_sensitive(user, program.committee)


def can_contribute(user, program, member_ids) -> bool:
    """A member's focal point adds its organization's narrative to a draft."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return False
    return user.role == Role.FOCAL_POINT and user.organization_id in set(member_ids)
