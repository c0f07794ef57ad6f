"""Who may take documents in: pure checks that services and selectors both ask."""

from phoihop.situations import rules


def can_take_in(user, committee) -> bool:
    """Secretariat staff and focal points of a member organization (as for reports)."""
    return rules.can_report(user, committee)
