"""What every page's frame needs, for the templates of every app."""

import functools

from phoihop.organizations.selectors import committees_for_user


def shell(request):
    """What every page's frame needs: the user's committees and unread notifications."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "shell_committees": committees_for_user(user),
        # The inbox's own rule (exchange's Notification.objects.visible_to), reached through
        # the reverse relation: the badge counts exactly the unread rows the inbox lists.
        # Counted once a page (the template asks twice), when the page shows the badge.
        "shell_unread": functools.cache(lambda: user.notifications.visible_to(user).unread().count()),
    }
