"""Rebuild the case-state rollup from the cases' timelines (phoihop.situations.rollup).

Needed only after events were written around the models (queryset updates, bulk
inserts, raw SQL); every save or delete of an event keeps the rollup current.

    phoihop manage case_states_rebuild
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from phoihop.situations import rollup


class Command(BaseCommand):
    help = "Tính lại bảng trạng thái vụ việc theo ngày từ diễn biến của từng vụ việc."

    def handle(self, *args, **options):
        start = time.perf_counter()
        with transaction.atomic():
            rows = rollup.case_states_rebuild()
        self.stdout.write(f"Đã ghi {rows} dòng trong {time.perf_counter() - start:.1f} giây.")
