"""Numbers typed the Vietnamese way: dots group thousands, a comma starts decimals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phoihop.lib.vnformat import NumberFormatError, number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.100", Decimal(4100)),
        ("405.000", Decimal(405000)),
        ("1.234,5", Decimal("1234.5")),
        ("4100", Decimal(4100)),
        ("12,5", Decimal("12.5")),
        ("0,500", Decimal("0.5")),
        (" 156.000.000.000 ", Decimal(156_000_000_000)),
        ("4 100", Decimal(4100)),
        ("-3", Decimal(-3)),
    ],
)
def test_vietnamese_numbers_are_read(text, expected):
    assert parse_number(text) == expected


def test_empty_input_is_no_number():
    assert parse_number("") is None
    assert parse_number("   ") is None


@pytest.mark.parametrize("text", ["0.5", "4.10", "4,100", "1,234.5", "1.23.456"])
def test_forms_that_read_differently_in_english_are_refused_as_ambiguous(text):
    with pytest.raises(NumberFormatError) as error:
        parse_number(text)
    assert error.value.kind == "ambiguous"
    assert "không rõ" in str(error.value)


@pytest.mark.parametrize("text", ["abc", "12a", "1e5", "-", "1,2,3", ",5", "4.100,"])
def test_garbage_is_refused_in_vietnamese(text):
    with pytest.raises(NumberFormatError) as error:
        parse_number(text)
    assert error.value.kind == "invalid"
    assert "không phải là một số" in str(error.value)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_what_number_writes_parse_number_reads_back(value):
    assert parse_number(number(value, decimals=2)) == value
