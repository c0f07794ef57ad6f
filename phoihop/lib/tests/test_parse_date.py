import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phoihop.lib.vnformat import DateFormatError, parse_date, short_date


@pytest.mark.parametrize(
    "text",
    ["05/03/2020", "5/3/2020", " 5/03/2020 ", "05.03.2020", "05-03-2020", "5 / 3 / 2020", "2020-03-05"],
)
def test_day_comes_first_and_iso_is_read_too(text):
    assert parse_date(text) == dt.date(2020, 3, 5)


def test_empty_is_none():
    assert parse_date("") is None
    assert parse_date("   ") is None
    assert parse_date(None) is None


@pytest.mark.parametrize("text", ["05/03/20", "2020/03/05", "03-2020", "hôm qua", "5/3/2020 10:00", "١/٣/٢٠٢٠"])
def test_anything_else_is_refused(text):
    with pytest.raises(DateFormatError) as error:
        parse_date(text)
    assert error.value.kind == "invalid"


@pytest.mark.parametrize("text", ["30/02/2020", "31/04/2021", "00/01/2020", "12/13/2020", "2021-02-29"])
def test_days_that_do_not_exist_are_refused(text):
    with pytest.raises(DateFormatError) as error:
        parse_date(text)
    assert error.value.kind == "not_a_day"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_short_date_reads_back(day):
    assert parse_date(short_date(day)) == day
    assert parse_date(day.isoformat()) == day
