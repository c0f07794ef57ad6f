"""Recompute the month rollup of activities from the records (phoihop.activities.rollup).

Needed only after rows were written around the models (raw SQL, bulk inserts of
confirmed activities); every write through the models keeps the rollup current.

    phoihop manage rollup_rebuild [--program ID ...]
"""

import time

from django.core.management.base import BaseCommand, CommandError

from phoihop.activities import rollup
from phoihop.programs.models import Program


class Command(BaseCommand):
    help = "Tính lại bảng tổng hợp hoạt động theo tháng từ dữ liệu gốc."

    def add_arguments(self, parser):
        parser.add_argument(
            "--program", type=int, action="append", help="Chỉ tính lại chương trình có mã này."
        )

    def handle(self, *args, program=None, **options):
        if program:
            missing = set(program) - set(
                Program.objects.filter(pk__in=program).values_list("pk", flat=True)
            )
            if missing:
                raise CommandError(f"Không có chương trình mã {', '.join(map(str, sorted(missing)))}.")
        start = time.perf_counter()
        months = rollup.rebuild(program)
        self.stdout.write(
            f"Đã tính lại {months} tháng trong {time.perf_counter() - start:.1f} giây."
        )
