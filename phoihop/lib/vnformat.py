"""Vietnamese number and date formats, independent of Django's locale machinery.

Vietnamese writes 4.100 for four thousand one hundred, 0,9% for 0.9 percent and
"ngày 05 tháng 3 năm 2020" for a date in official documents.
"""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal


def number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """4100 → "4.100"; 1234.5 with decimals=1 → "1.234,5"; None → "–"."""
    if value is None:
        return "–"
    if type(value) is int and decimals == 0:  # counts: the tables' thousands of cells
        return f"{value:,}".replace(",", ".")
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
    """date(2020, 3, 5) → "ngày 05 tháng 3 năm 2020", date(2020, 2, 5) → "ngày 05 tháng 02 năm 2020".

    Hướng dẫn 36-HD/VPTW and Nghị định 30/2020: a day below 10 and the months 1 and 2
    take a leading zero (so no digit can be added in front of them later)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date | None) -> str:
    """date(2020, 3, 5) → "05/03/2020"."""
    return day.strftime("%d/%m/%Y") if day else "–"


class DateFormatError(ValueError):
    """A typed date that is not one (kind "invalid") or names no real day (kind
    "not_a_day", e.g. 30/02/2020). The message is Vietnamese; forms translate by `kind`."""

    def __init__(self, message: str, kind: str = "invalid"):
        super().__init__(message)
        self.kind = kind


_VN_DATE = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$", re.ASCII)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)


def parse_date(text: str) -> dt.date | None:
    """Read a date typed the Vietnamese way, day first: "05/03/2020", "5/3/2020",
    "5.3.2020", "05-03-2020" → 5 March 2020. ISO "2020-03-05" is read too (the API, old
    links, browsers' own date fields). Empty → None.

    Raises DateFormatError for anything else, two-digit years included ("05/03/20"
    could be 1920 or 2020), and for days that do not exist ("30/02/2020"). The range
    of acceptable years is not checked here: `phoihop.lib.bounds.check_date` does that.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    if match := _VN_DATE.match(raw):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DAY.match(raw):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise DateFormatError(f"“{raw}” không phải ngày dạng dd/mm/yyyy.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateFormatError(f"Ngày “{raw}” không có thật.", "not_a_day") from None


class NumberFormatError(ValueError):
    """A typed number that is garbage (kind "invalid") or reads differently in English
    (kind "ambiguous"). The message is Vietnamese; forms translate by `kind`."""

    def __init__(self, message: str, kind: str = "invalid"):
        super().__init__(message)
        self.kind = kind


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 4.100 / 1.234.567
_DIGITS = re.compile(r"^\d+$")
_DOTTED = re.compile(r"^[\d.]+$")


def parse_number(text: str) -> Decimal | None:
    """Read a number typed the Vietnamese way: "4.100" → 4100, "1.234,5" → 1234.5.

    Dots group thousands (always in threes), a comma starts the decimals. Spaces are
    ignored. Empty → None. Raises NumberFormatError on garbage and on forms that read
    differently in English ("0.5", "4,100", "1,234.5"), so nothing is silently off by
    a factor of a thousand.
    """
    raw = (text or "").replace("\u00a0", "").replace(" ", "")
    if not raw:
        return None
    sign = "-" if raw[0] == "-" else ""
    raw = raw[1:] if raw[0] in "+-" else raw
    integer, comma, fraction = raw.partition(",")
    if comma and "." in fraction and _DOTTED.match(integer + fraction):
        raise _ambiguous(text)  # an English "1,234.5"
    if not integer or (comma and not _DIGITS.match(fraction)):
        raise NumberFormatError(f"“{text}” không phải là một số.")
    if _GROUPED.match(integer):
        integer = integer.replace(".", "")
    elif _DOTTED.match(integer) and not _DIGITS.match(integer):
        raise _ambiguous(text)  # "0.5", "4.10": a dot that does not group thousands
    elif not _DIGITS.match(integer):
        raise NumberFormatError(f"“{text}” không phải là một số.")
    elif comma and len(fraction) == 3 and integer != "0":
        raise _ambiguous(text)  # "4,100": four thousand one hundred in English
    return Decimal(f"{sign}{integer}.{fraction}" if comma else f"{sign}{integer}")


def _ambiguous(text: str) -> NumberFormatError:
    return NumberFormatError(
        f"“{text}” không rõ: dấu chấm ngăn cách hàng nghìn (4.100), "
        f"dấu phẩy ngăn cách phần thập phân (1.234,5).",
        "ambiguous",
    )


_AMOUNT_STEPS = ((Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu"))


def approx_amount(value: int | float | Decimal | None) -> str:
    """A large amount as prose writes it: 21.994.000.000 → "gần 22 tỷ", 2.227.000.000 →
    "hơn 2,2 tỷ", 450.000.000 → "450 triệu"; below a million, the exact number."""
    if value is None:
        return "–"
    amount = Decimal(str(value))
    for step, word in _AMOUNT_STEPS:
        if abs(amount) >= step:
            scaled = amount / step
            decimals = 0 if abs(scaled) >= 10 else 1
            rounded = scaled.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
            qualifier = "" if rounded == scaled else ("gần " if rounded > scaled else "hơn ")
            return f"{qualifier}{number(rounded, decimals).removesuffix(',0')} {word}"
    return number(amount)
