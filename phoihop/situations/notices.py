"""What the cases tell their followers: assignment, reopening, deadlines.

Each notice goes through exchange's one `notify()` with the case as `about=`, so
nobody who may not see the case (Case.objects.visible_to) is told of it, not even by
its title. The deadline scan runs from exchange's `send_notifications` command (cron).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import User
from phoihop.exchange.models import Notification
from phoihop.exchange.notifications import (
    already_notified,
    notify,
    organization_users,
    url_or_blank,
)
from phoihop.situations.models import Case

DUE_SOON_DAYS = 3


def case_url(case) -> str:
    return url_or_blank("situations:case_detail", case.pk)


def case_audience(case) -> list[User]:
    """Who follows a case: its lead, supporters, reporting members and the secretariat."""
    orgs = {case.lead_id, *case.supporters.values_list("pk", flat=True)}
    orgs |= set(case.reports.values_list("reporting_org_id", flat=True))
    users = organization_users(orgs)
    users += list(
        User.objects.filter(
            organization_id=case.committee.host_id, role="secretariat", is_active=True
        )
    )
    return users


def _about(case) -> str:
    return _("«%(title)s» (%(place)s)") % {"title": case.title, "place": case.locality.name}


def notify_case_assigned(case) -> list[Notification]:
    """The lead and supporters learn they were given a case."""
    orgs = {case.lead_id, *case.supporters.values_list("pk", flat=True)}
    text = _("Được phân công xử lý vụ việc %(about)s.") % {"about": _about(case)}
    return notify(
        organization_users(orgs), Notification.Kind.ASSIGNED, text, case_url(case), about=case
    )


def notify_case_escalated(higher, source_committee) -> list[Notification]:
    """The higher committee's secretariat learns a case was handed up to it."""
    users = User.objects.filter(
        organization_id=higher.committee.host_id, role="secretariat", is_active=True
    )
    text = _("Vụ việc %(about)s do %(committee)s chuyển lên, chờ phân công.") % {
        "about": _about(higher),
        "committee": source_committee.short_name or source_committee.name,
    }
    return notify(users, Notification.Kind.ESCALATED, text, case_url(higher), about=higher)


def notify_case_reopened(case, reason: str = "") -> list[Notification]:
    text = _("Vụ việc %(about)s được mở lại.") % {"about": _about(case)}
    if reason:
        text += " " + _("Lý do: %(reason)s") % {"reason": reason}
    return notify(case_audience(case), Notification.Kind.REOPENED, text, case_url(case), about=case)


# --- Due soon, overdue ------------------------------------------------------------------


def _due_notice(case, kind: str, since: dt.date) -> int:
    url = case_url(case)
    if kind == Notification.Kind.DUE_SOON:
        text = _("Vụ việc %(about)s sắp đến hạn xử lý (%(day)s).")
    else:
        text = _("Vụ việc %(about)s đã quá hạn xử lý (hạn %(day)s).")
    text %= {"about": _about(case), "day": f"{case.due_date:%d/%m/%Y}"}
    users = [u for u in organization_users([case.lead_id]) if not already_notified(u, kind, url, since)]
    return len(notify(users, kind, text, url, about=case))


def scan_due(today: dt.date | None = None, days: int = DUE_SOON_DAYS) -> tuple[int, int]:
    """Tell leads of open cases due within `days`, or overdue; once per deadline.

    Returns (due soon, overdue) notifications created.
    """
    today = today or timezone.localdate()
    open_cases = Case.objects.open().filter(due_date__isnull=False, lead__isnull=False)
    open_cases = open_cases.select_related("locality")
    soon = overdue = 0
    for case in open_cases.filter(
        due_date__gte=today, due_date__lte=today + dt.timedelta(days=days)
    ):
        soon += _due_notice(
            case, Notification.Kind.DUE_SOON, case.due_date - dt.timedelta(days=days)
        )
    for case in open_cases.filter(due_date__lt=today):
        overdue += _due_notice(case, Notification.Kind.OVERDUE, case.due_date)
    return soon, overdue
