"""Reporting periods of a program: calendar months, quarters, halves or years, clipped
to the program's own dates. Pure date arithmetic, no database."""

import datetime as dt

from django.utils.translation import gettext as _

from phoihop.programs.models import Frequency

MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SEMIANNUAL: 6,
    Frequency.ANNUAL: 12,
}


def _first_day_after_block(day: dt.date, months: int) -> dt.date:
    """The first day after the calendar block of `months` months that contains `day`."""
    block_start_month = (day.month - 1) // months * months  # 0-based month of the block start
    index = day.year * 12 + block_start_month + months
    return dt.date(index // 12, index % 12 + 1, 1)


def periods_between(
    start: dt.date, end: dt.date, frequency: str, *, until: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """The (first day, last day) of each period from `start` to `end` that has ended by
    `until` (its last day is on or before `until`)."""
    months = MONTHS_PER_PERIOD[frequency]
    periods = []
    first = start
    while first <= end:
        following = _first_day_after_block(first, months)
        last = min(following - dt.timedelta(days=1), end)
        if last > until:
            break
        periods.append((first, last))
        first = following
    return periods


def program_periods(program, *, until: dt.date) -> list[tuple[dt.date, dt.date]]:
    return periods_between(
        program.period_start, program.period_end, program.report_frequency, until=until
    )


def period_label(start: dt.date, end: dt.date) -> str:
    """ "Quý 1/2020", "Tháng 3/2020", "6 tháng đầu năm 2020", "Năm 2020", or the dates."""
    if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"  # a period clipped by the program's dates
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    values = {"month": start.month, "year": start.year}
    if months == 1:
        return _("Tháng %(month)s/%(year)s") % values
    if months == 3 and start.month % 3 == 1:
        return _("Quý %(quarter)s/%(year)s") % {"quarter": (start.month + 2) // 3, **values}
    if months == 6 and start.month in (1, 7):
        if start.month == 1:
            return _("6 tháng đầu năm %(year)s") % values
        return _("6 tháng cuối năm %(year)s") % values
    if months == 12 and start.month == 1:
        return _("Năm %(year)s") % values
    return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
