"""Reporting periods: calendar-aligned, clipped to the program, only those ended."""

import datetime as dt

from phoihop.programs.models import Frequency
from phoihop.reporting.periods import period_label, periods_between

D = dt.date


def test_quarters_that_have_ended_by_the_day_asked():
    periods = periods_between(
        D(2016, 1, 1), D(2020, 12, 31), Frequency.QUARTERLY, until=D(2016, 7, 15)
    )
    assert periods == [(D(2016, 1, 1), D(2016, 3, 31)), (D(2016, 4, 1), D(2016, 6, 30))]


def test_a_period_ending_on_the_day_asked_has_ended():
    periods = periods_between(
        D(2016, 1, 1), D(2020, 12, 31), Frequency.MONTHLY, until=D(2016, 2, 29)
    )
    assert periods[-1] == (D(2016, 2, 1), D(2016, 2, 29))
    assert len(periods) == 2


def test_periods_are_clipped_to_a_program_starting_mid_quarter():
    periods = periods_between(
        D(2016, 2, 15), D(2016, 11, 20), Frequency.SEMIANNUAL, until=D(2017, 1, 1)
    )
    assert periods == [(D(2016, 2, 15), D(2016, 6, 30)), (D(2016, 7, 1), D(2016, 11, 20))]


def test_labels_read_like_vietnamese_reports():
    assert period_label(D(2020, 4, 1), D(2020, 6, 30)) == "Quý 2/2020"
    assert period_label(D(2020, 3, 1), D(2020, 3, 31)) == "Tháng 3/2020"
    assert period_label(D(2020, 1, 1), D(2020, 6, 30)) == "6 tháng đầu năm 2020"
    assert period_label(D(2020, 7, 1), D(2020, 12, 31)) == "6 tháng cuối năm 2020"
    assert period_label(D(2020, 1, 1), D(2020, 12, 31)) == "Năm 2020"
    assert period_label(D(2016, 2, 15), D(2016, 3, 31)) == "15/02/2016–31/03/2016"
