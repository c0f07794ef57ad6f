"""`manage.py localities_load [--source DIR] [--province KEY ...]`: fill or refresh the
place registry from the `vietnamadminunits` package data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from phoihop.localities.services import LocalityDataError, localities_load


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính (trước và từ 1/7/2025) và các thay đổi năm 2025."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, help="Thư mục chứa dataset.db và converter_2025.json.")
        parser.add_argument(
            "--province", action="append", dest="provinces", metavar="KEY",
            help="Chỉ nạp tỉnh cũ này (ví dụ tinhhanam) và tỉnh mới mà nó nhập vào; lặp lại được.",
        )

    def handle(self, *args, source=None, provinces=None, **options):
        try:
            result = localities_load(source_dir=source, provinces=provinces)
        except LocalityDataError as exc:
            raise CommandError(str(exc)) from exc
        for label, counts in [
            (_("Đơn vị hành chính"), result.localities),
            (_("Sự kiện thay đổi"), result.events),
            (_("Liên kết kế thừa"), result.links),
        ]:
            self.stdout.write(
                _("%(label)s: tạo mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s.")
                % {"label": label, **vars(counts)}
            )
