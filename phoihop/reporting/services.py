"""Writes of period reports: the expected rows, the submit → accept/return workflow and
the reminders a cron job sends.

Workflow: due → submitted → accepted, or returned with a comment and submitted again.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from phoihop.accounts.models import Role, User
from phoihop.core.access import runs_secretariat_of
from phoihop.programs.models import Program
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.reporting.periods import period_label, program_periods
from phoihop.reporting.rules import can_review_report, can_submit_report

OPEN_STATUSES = (ReportStatus.DUE, ReportStatus.RETURNED)


def _member_during(member, start: dt.date, end: dt.date) -> bool:
    """A member owes a report for every period it belonged to the program on some day."""
    return (member.joined_on is None or member.joined_on <= end) and (
        member.left_on is None or member.left_on > start
    )


@transaction.atomic
def period_reports_generate(*, actor, program: Program, until: dt.date) -> int:
    """Create the expected report of every member for every period ended by `until`.

    Idempotent: rows that exist are left alone. `actor=None` means the system (cron).
    Returns how many rows were created.
    """
    if actor is not None and not runs_secretariat_of(actor, program.committee):
        raise PermissionDenied
    # Lock the program: two runs at once (cron and a click) wait for each other.
    Program.objects.select_for_update().only("pk").get(pk=program.pk)
    existing = set(
        PeriodReport.objects.filter(program=program).values_list(
            "organization_id", "period_start", "period_end"
        )
    )
    members = list(program.members.all())
    missing = [
        PeriodReport(
            program=program,
            organization_id=member.organization_id,
            period_start=start,
            period_end=end,
            due_date=end + dt.timedelta(days=program.report_due_days),
        )
        for start, end in program_periods(program, until=until)
        for member in members
        if _member_during(member, start, end)
        and (member.organization_id, start, end) not in existing
    ]
    if missing:
        bulk_create_with_history(missing, PeriodReport, default_user=actor)
    return len(missing)


def _check_status(report: PeriodReport, allowed) -> None:
    if report.status not in allowed:
        raise ValidationError(
            _("Không thể thực hiện với báo cáo đang ở trạng thái “%(status)s”.")
            % {"status": report.get_status_display()}
        )


def _lock(report: PeriodReport) -> PeriodReport:
    return (
        PeriodReport.objects.select_related("program__committee", "organization")
        .select_for_update(of=("self",))
        .get(pk=report.pk)
    )


@transaction.atomic
def period_report_submit(*, actor, report: PeriodReport, narrative: str) -> PeriodReport:
    report = _lock(report)
    if not can_submit_report(actor, report):
        raise PermissionDenied
    _check_status(report, OPEN_STATUSES)
    narrative = narrative.strip()
    if not narrative:
        raise ValidationError({"narrative": _("Hãy nhập nội dung báo cáo trước khi nộp.")})
    report.narrative = narrative
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.full_clean()
    report._history_user = actor
    report.save(update_fields=["narrative", "status", "submitted_at", "submitted_by"])
    return report


@transaction.atomic
def period_report_accept(*, actor, report: PeriodReport) -> PeriodReport:
    report = _lock(report)
    if not can_review_report(actor, report):
        raise PermissionDenied
    _check_status(report, {ReportStatus.SUBMITTED})
    report.status, report.review_comment = ReportStatus.ACCEPTED, ""
    report._history_user = actor
    report.save(update_fields=["status", "review_comment"])
    return report


@transaction.atomic
def period_report_return(*, actor, report: PeriodReport, comment: str) -> PeriodReport:
    report = _lock(report)
    if not can_review_report(actor, report):
        raise PermissionDenied
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Hãy ghi rõ lý do trả lại để đơn vị bổ sung.")})
    _check_status(report, {ReportStatus.SUBMITTED})
    report.status, report.review_comment = ReportStatus.RETURNED, comment
    report._history_user = actor
    report.save(update_fields=["status", "review_comment"])
    return report


# --- Reminders ----------------------------------------------------------------------------


@dataclass
class ReminderSummary:
    generated: int = 0
    upcoming: int = 0  # reminders for reports due in N days
    overdue: int = 0  # reminders for reports past their due date
    without_recipient: int = 0  # reports whose organization has no focal point with an e-mail

    @property
    def sent(self) -> int:
        return self.upcoming + self.overdue


def _focal_point_emails(organization_ids) -> dict[int, list[str]]:
    emails: dict[int, list[str]] = {}
    focal_points = User.objects.filter(
        organization_id__in=organization_ids, role=Role.FOCAL_POINT, is_active=True
    ).exclude(email="")
    for org_id, email in focal_points.order_by("email").values_list("organization_id", "email"):
        emails.setdefault(org_id, []).append(email)
    return emails


def _reminder_text(report: PeriodReport, today: dt.date) -> tuple[str, str]:
    values = {
        "period": period_label(report.period_start, report.period_end),
        "program": report.program.name,
        "organization": report.organization.name,
        "due": f"{report.due_date:%d/%m/%Y}",
        "days": (today - report.due_date).days,
    }
    if report.due_date < today:
        subject = _("[Phối hợp] Báo cáo %(period)s đã quá hạn %(days)s ngày") % values
        opening = (
            _("Báo cáo %(period)s của %(organization)s đã quá hạn nộp (hạn %(due)s).") % values
        )
    else:
        subject = _("[Phối hợp] Nhắc nộp báo cáo %(period)s trước ngày %(due)s") % values
        opening = _("Báo cáo %(period)s của %(organization)s cần nộp trước ngày %(due)s.") % values
    body = "\n\n".join(
        [
            _("Kính gửi đồng chí đầu mối,"),
            opening,
            _("Chương trình: %(program)s.") % values,
            _(
                "Đề nghị đồng chí đăng nhập hệ thống Phối hợp, mục “Báo cáo định kỳ”, để "
                "nhập và nộp báo cáo."
            ),
            _("Thư này được gửi tự động, xin không trả lời."),
        ]
    )
    if report.status == ReportStatus.RETURNED and report.review_comment:
        body += "\n\n" + _("Ý kiến của Thường trực: %(comment)s") % {
            "comment": report.review_comment
        }
    return subject, body


def period_report_reminders_send(*, today: dt.date, days_before: int = 3) -> ReminderSummary:
    """Generate missing expected reports, then e-mail the focal points of each open report
    due in `days_before` days or overdue; at most one reminder per report per day."""
    summary = ReminderSummary()
    for program in Program.objects.filter(period_start__lte=today):
        summary.generated += period_reports_generate(actor=None, program=program, until=today)
    upcoming_day = today + dt.timedelta(days=days_before)
    reports = list(
        PeriodReport.objects.filter(status__in=OPEN_STATUSES)
        .filter(Q(due_date__lt=today) | Q(due_date=upcoming_day))
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
        .select_related("program", "organization")
        .order_by("due_date", "pk")
    )
    recipients = _focal_point_emails({r.organization_id for r in reports})
    with translation.override(settings.LANGUAGE_CODE):
        for report in reports:
            emails = recipients.get(report.organization_id)
            if not emails:
                summary.without_recipient += 1
                continue
            _send_one(report, emails, today)
            if report.due_date < today:
                summary.overdue += 1
            else:
                summary.upcoming += 1
    return summary


def _send_one(report: PeriodReport, emails: list[str], today: dt.date) -> None:
    subject, body = _reminder_text(report, today)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
    PeriodReport.objects.filter(pk=report.pk).update(last_reminded_on=today)
