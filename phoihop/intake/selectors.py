"""Reads of intake documents, always scoped to a user."""

from django.db.models import QuerySet

from phoihop.core.access import get_scoped
from phoihop.intake.models import IntakeDocument
from phoihop.intake.rules import can_take_in
from phoihop.organizations.selectors import committees_for_user


def documents_for_user(user) -> QuerySet[IntakeDocument]:
    return IntakeDocument.objects.visible_to(user).select_related("committee", "uploaded_by")


def get_document_for_user(user, pk, *, write: bool = False) -> IntakeDocument:
    """Outsiders get 404; read-only users 403 when `write` (the review screen is a tool
    for those who may make records)."""
    return get_scoped(
        documents_for_user(user).select_related("committee__locality", "review"),
        pk,
        write=write,
        can_write=lambda document: can_take_in(user, document.committee),
    )


def intake_committees_for_user(user) -> list:
    """Committees where `user` may bring in texts."""
    return [c for c in committees_for_user(user) if can_take_in(user, c)]
