"""Expected reports due soon or overdue, told in the app (exchange's one `notify()`).

The e-mail reminders of `period_report_reminders_send` stay as they are; this scan puts
the same deadline in the members' notification lists, once per report and deadline
state, for the people who write the reporting organization's reports: its focal points,
and its secretariat staff when the organization is the committee's host (`about=` the
report, so only users who may see it). It runs from exchange's `send_notifications` command (cron).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import User
from phoihop.exchange.models import Notification
from phoihop.exchange.notifications import already_notified, notify, url_or_blank
from phoihop.reporting.models import PeriodReport
from phoihop.reporting.periods import period_label
from phoihop.reporting.rules import REPORT_WRITERS
from phoihop.reporting.services import OPEN_STATUSES

DUE_SOON_DAYS = 3


def _writers(organization_id: int) -> list[User]:
    """Who submits the organization's reports (reporting.rules), administrators aside."""
    return list(
        User.objects.filter(
            organization_id=organization_id, role__in=REPORT_WRITERS, is_active=True
        )
    )


def _notice(report: PeriodReport, today: dt.date) -> int:
    overdue = report.due_date < today
    kind = Notification.Kind.OVERDUE if overdue else Notification.Kind.REPORT_DUE
    since = report.due_date if overdue else report.due_date - dt.timedelta(days=DUE_SOON_DAYS)
    url = url_or_blank("reporting:detail", report.pk)
    values = {
        "period": period_label(report.period_start, report.period_end),
        "due": f"{report.due_date:%d/%m/%Y}",
    }
    if overdue:
        text = _("Báo cáo định kỳ %(period)s đã quá hạn nộp (hạn %(due)s).") % values
    else:
        text = _("Báo cáo định kỳ %(period)s cần nộp trước ngày %(due)s.") % values
    users = [
        user
        for user in _writers(report.organization_id)
        if not already_notified(user, kind, url, since)
    ]
    return len(notify(users, kind, text, url, about=report))


def scan_due(today: dt.date | None = None, days: int = DUE_SOON_DAYS) -> int:
    """Tell the writers of open expected reports due within `days`, or overdue; once per
    deadline state. Returns the notifications created."""
    today = today or timezone.localdate()
    reports = PeriodReport.objects.filter(
        status__in=OPEN_STATUSES, due_date__lte=today + dt.timedelta(days=days)
    )
    return sum(_notice(report, today) for report in reports.order_by("due_date", "pk"))
