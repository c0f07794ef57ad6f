"""Cron job: due-soon / overdue scan, then e-mail notifications per user preference.

*/10 * * * *  phoihop manage send_notifications
0 17 * * *    phoihop manage send_notifications --digest daily
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from phoihop.exchange.notifications import notifications_send
from phoihop.reporting.notices import scan_due as scan_reports_due
from phoihop.situations.notices import scan_due


class Command(BaseCommand):
    help = (
        "Quét vụ việc sắp đến hạn, quá hạn; gửi thư thông báo (ngay, hoặc thư tổng hợp hằng ngày)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--digest",
            choices=["daily"],
            help="Gửi cả thư tổng hợp hằng ngày cho người chọn nhận gộp.",
        )
        parser.add_argument("--today", help="Ngày tính hạn, dạng YYYY-MM-DD (mặc định hôm nay).")

    def handle(self, *args, digest=None, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError("--today phải có dạng YYYY-MM-DD.") from None
        due_soon, overdue = scan_due(day)
        reports = scan_reports_due(day)
        summary = notifications_send(daily=digest == "daily")
        self.stdout.write(
            f"Ngày {day:%d/%m/%Y}: {due_soon} thông báo sắp đến hạn, {overdue} "
            f"quá hạn, {reports} về báo cáo định kỳ; đã gửi {summary.immediate} thư từng thông báo, {summary.digests} thư tổng hợp."
        )
