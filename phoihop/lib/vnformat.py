"""Vietnamese number and date formats, independent of Django's locale machinery.

Vietnamese writes 4.100 for four thousand one hundred, 0,9% for 0.9 percent and
"ngày 05 tháng 3 năm 2020" for a date in official documents.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """4100 → "4.100"; 1234.5 with decimals=1 → "1.234,5"; None → "–"."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def percent(ratio: float | Decimal | None, decimals: int = 1) -> str:
    """0.009 → "0,9%"; 0.18 with decimals=0 → "18%"."""
    if ratio is None:
        return "–"
    return f"{number(Decimal(str(ratio)) * 100, decimals)}%"


def long_date(day: dt.date) -> str:
    """date(2020, 3, 5) → "ngày 05 tháng 3 năm 2020" (official document style)."""
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def short_date(day: dt.date | None) -> str:
    """date(2020, 3, 5) → "05/03/2020"."""
    return day.strftime("%d/%m/%Y") if day else "–"
