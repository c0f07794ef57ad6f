"""Run demo services as if on a given day, so the history and workflow dates of the
2016–2020 demo read like the real program's (submitted after each quarter, confirmed a
few days later), and services that refuse future dates accept the past ones.

Only the demo loader uses this: it swaps django.utils.timezone.now, which the services,
auto_now fields and django-simple-history all read.
"""

import datetime as dt
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


@contextmanager
def demo_clock(day: dt.date, hour: int = 9):
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with mock.patch.object(timezone, "now", return_value=moment):
        yield
