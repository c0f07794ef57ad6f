"""Reading single cells, without the database."""

import datetime as dt
from decimal import Decimal

import pytest

from phoihop.workbooks.cells import CellProblem, read_date, read_figure, read_task, split_list


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2020, 3, 5, 0, 0), dt.date(2020, 3, 5)),  # noqa: DTZ001 (Excel cells are naive)
        ("05/03/2020", dt.date(2020, 3, 5)),
        ("5/3/2020", dt.date(2020, 3, 5)),
        ("2020-03-05", dt.date(2020, 3, 5)),
    ],
)
def test_dates_are_read_day_first(value, expected):
    assert read_date(value) == expected


@pytest.mark.parametrize("value", ["03/05/20", "30/02/2020", 43895, "hôm qua"])
def test_bad_dates_are_refused_in_vietnamese(value):
    with pytest.raises(CellProblem):
        read_date(value)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(4100, 0, Decimal(4100)), (4100.0, 0, Decimal(4100)), ("4.100", 0, Decimal(4100)),
     ("1.234,5", 2, Decimal("1234.5")), (0.25, 2, Decimal("0.25"))],
)
def test_figures_read_excel_numbers_and_vietnamese_text(value, decimals, expected):
    assert read_figure(value, decimals) == expected


@pytest.mark.parametrize(("value", "reason"), [(-1, "âm"), ("1,5", "số nguyên"), (True, "con số"),
                                               (10**17, "quá lớn"), ("abc", "không phải là một số")])
def test_bad_figures_say_why(value, reason):
    with pytest.raises(CellProblem, match=reason):
        read_figure(value, 0)


def test_a_task_excel_turned_into_a_date_is_read_back():
    assert read_task("3/2020") == (3, 2020)
    assert read_task(dt.datetime(2020, 3, 1)) == (3, 2020)  # noqa: DTZ001 (as Excel gives it)
    with pytest.raises(CellProblem):
        read_task("ba")


def test_lists_split_on_semicolons_and_drop_blanks():
    assert split_list(" Bộ CHQS tỉnh ;; Hội LHPN tỉnh ; ") == ["Bộ CHQS tỉnh", "Hội LHPN tỉnh"]
