"""Who may do what with coordination models. Plain functions, used by services and views."""

from phoihop.accounts.models import Role

_WRITERS = {Role.FOCAL_POINT, Role.SECRETARIAT}


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def runs_secretariat_of(user, program) -> bool:
    if not _active(user):
        return False
    if user.is_administrator:
        return True
    return user.is_secretariat and program.committee.host_id == user.organization_id


def can_propose_model(user, program) -> bool:
    """The secretariat, and the focal points (or secretariat staff) of a member organization."""
    if runs_secretariat_of(user, program):
        return True
    return (
        _active(user)
        and user.role in _WRITERS
        and program.members.filter(organization_id=user.organization_id).exists()
    )


def can_edit_model(user, model) -> bool:
    """The secretariat, and the writers of an organization taking part in the model."""
    if runs_secretariat_of(user, model.program):
        return True
    return (
        _active(user)
        and user.role in _WRITERS
        and model.members.filter(pk=user.organization_id).exists()
    )


def can_decide_model(user, model) -> bool:
    """Recognition is the steering committee's call: its secretariat records it."""
    return runs_secretariat_of(user, model.program)
