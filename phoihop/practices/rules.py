"""Who may do what with coordination models. Plain functions, used by services and views."""

from phoihop.accounts.models import Role
from phoihop.core.access import runs_secretariat_of

_WRITERS = {Role.FOCAL_POINT, Role.SECRETARIAT}


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def can_propose_model(user, program) -> bool:
    """The secretariat, and the focal points (or secretariat staff) of a member organization."""
    if runs_secretariat_of(user, program.committee):
        return True
    return (
        _active(user)
        and user.role in _WRITERS
        and program.members.filter(organization_id=user.organization_id).exists()
    )


def can_edit_model(user, model) -> bool:
    """The secretariat, and the writers of an organization taking part in the model."""
    if runs_secretariat_of(user, model.program.committee):
        return True
    return (
        _active(user)
        and user.role in _WRITERS
        and model.members.filter(pk=user.organization_id).exists()
    )


def can_decide_model(user, model) -> bool:
    """Recognition is the steering committee's call: its secretariat records it."""
    return runs_secretariat_of(user, model.program.committee)
