"""Hà Nam's quarterly reports of 2016, as the reporting tests pin them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from phoihop.reporting.models import PeriodReport
from phoihop.reporting.services import period_report_submit, period_reports_generate

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: dt.date, hour: int = 9):
    """Pin the clock to `hour` o'clock of `day`, Hà Nội time."""
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, tzinfo=HANOI), tick=False
    )


def report_of(program, org, period_start: dt.date) -> PeriodReport:
    return PeriodReport.objects.get(program=program, organization=org, period_start=period_start)


def submit_on(day: dt.date, actor, report, narrative="Kết quả phối hợp trong kỳ.") -> PeriodReport:
    with at(day):
        return period_report_submit(actor=actor, report=report, narrative=narrative)


Q1 = dt.date(2016, 1, 1)
Q2 = dt.date(2016, 4, 1)
PINNED = dt.date(2016, 7, 5)  # Q1 due 10/04 has passed, Q2 due 10/07 has not


@pytest.fixture
def quarters(cast, program):
    """Q1 and Q2 2016 expected from the three members, as of 5 July 2016:
    Military: Q1 on time (05/04), Q2 early (03/07). Women: Q1 late (20/04).
    Ban Dân vận: nothing. The clock stays pinned on 5 July 2016."""
    period_reports_generate(actor=cast.secretariat, program=program, until=PINNED)
    submit_on(dt.date(2016, 4, 5), cast.military_focal, report_of(program, cast.military, Q1))
    submit_on(dt.date(2016, 7, 3), cast.military_focal, report_of(program, cast.military, Q2))
    submit_on(dt.date(2016, 4, 20), cast.women_focal, report_of(program, cast.women, Q1))
    with at(PINNED):
        yield program
