import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from phoihop.lib.vnformat import long_date, number, percent, short_date


def test_thousands_use_dots():
    assert number(4100) == "4.100"
    assert number(405000) == "405.000"
    assert number(156_000_000_000) == "156.000.000.000"


def test_decimals_use_a_comma():
    assert number(1234.5, decimals=1) == "1.234,5"


def test_small_numbers_have_no_separator():
    assert number(897) == "897"


def test_negative_numbers_keep_their_sign():
    assert number(-4100) == "-4.100"


def test_percent_uses_a_decimal_comma():
    assert percent(0.009) == "0,9%"
    assert percent(0.18, decimals=0) == "18%"


def test_missing_values_show_a_dash():
    assert number(None) == "–"
    assert percent(None) == "–"
    assert short_date(None) == "–"


def test_long_date_in_official_style():
    assert long_date(dt.date(2020, 3, 5)) == "ngày 05 tháng 3 năm 2020"


def test_long_date_pads_days_below_ten_and_the_months_january_and_february():
    assert long_date(dt.date(2021, 2, 5)) == "ngày 05 tháng 02 năm 2021"
    assert long_date(dt.date(2021, 1, 15)) == "ngày 15 tháng 01 năm 2021"
    assert long_date(dt.date(2021, 11, 20)) == "ngày 20 tháng 11 năm 2021"


def test_short_date():
    assert short_date(dt.date(2020, 3, 5)) == "05/03/2020"


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_number_round_trips_for_integers(value):
    assert int(number(value).replace(".", "")) == value


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_number_round_trips_with_two_decimals(value):
    text = number(value, decimals=2)
    assert Decimal(text.replace(".", "").replace(",", ".")) == value
