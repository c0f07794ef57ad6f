"""Login throttling: one account from one address, and one address across accounts.

django-axes compares every lockout group with one limit. We want two:
- an account from one address (``["username", "ip_address"]``) is locked after
  ``AXES_FAILURE_LIMIT`` wrong passwords: the owner mistyping;
- an address (``"ip_address"``) is locked after ``AXES_IP_FAILURE_LIMIT`` wrong
  passwords over any accounts: someone guessing through many usernames.

The handler reports failures on the account scale: an address's count is scaled so that
reaching its own limit reads as reaching ``AXES_FAILURE_LIMIT``
(``floor(n * account_limit / ip_limit) >= account_limit`` exactly when ``n >= ip_limit``).

A successful login forgives only that account's own failures from that address, not the
address's failures on other accounts: otherwise anyone holding one valid account could
wipe the address's count between guesses.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

IP_ONLY = "ip_address"


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        groups = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        return max(
            (
                _scaled(group, _failures(queryset))
                for group, queryset in zip(groups, attempts, strict=True)
            ),
            default=0,
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _scaled(group, failures: int) -> int:
    if group != IP_ONLY:
        return failures
    return failures * settings.AXES_FAILURE_LIMIT // settings.AXES_IP_FAILURE_LIMIT


def client_ip(request) -> str:
    """The address a login comes from. Behind ``PHOIHOP_TRUSTED_PROXIES`` reverse proxies
    (nginx in front of gunicorn: 1), REMOTE_ADDR is the proxy's for everyone, so the
    address is the one the outermost trusted proxy appended to X-Forwarded-For (entries
    further left are the client's own claims and are ignored)."""
    proxies = settings.PHOIHOP_TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
