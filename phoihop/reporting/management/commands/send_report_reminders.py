"""Daily cron job: create the expected period reports, then remind focal points by e-mail.

0 7 * * *  phoihop manage send_report_reminders
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from phoihop.reporting.services import period_report_reminders_send


class Command(BaseCommand):
    help = "Nhắc đầu mối nộp báo cáo định kỳ sắp đến hạn và quá hạn qua thư điện tử."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Ngày tính nhắc nhở, dạng YYYY-MM-DD (mặc định hôm nay)."
        )
        parser.add_argument(
            "--days-before",
            type=int,
            default=3,
            help="Nhắc trước hạn nộp bao nhiêu ngày (mặc định 3).",
        )

    def handle(self, *args, today=None, days_before=3, **options):
        if days_before < 0:
            raise CommandError("--days-before phải là số không âm.")
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError("--today phải có dạng YYYY-MM-DD.") from None
        summary = period_report_reminders_send(today=day, days_before=days_before)
        self.stdout.write(
            f"Ngày {day:%d/%m/%Y}: đã tạo {summary.generated} báo cáo định kỳ còn thiếu; "
            f"đã gửi {summary.sent} thư nhắc ({summary.upcoming} sắp đến hạn, "
            f"{summary.overdue} quá hạn); {summary.without_recipient} báo cáo không có đầu mối "
            "có địa chỉ thư điện tử."
        )
