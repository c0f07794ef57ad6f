"""Reading one cell of an activity workbook: text, dates, numbers, lists.

Each reader returns the value or raises CellProblem with a Vietnamese reason.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from phoihop.lib.vnformat import NumberFormatError, parse_number

MAX_FIGURE = Decimal(10) ** 16  # Figure.value: 18 digits, 2 of them decimals
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TASK = re.compile(r"^(\d{1,3})\s*/\s*(\d{4})$")


class CellProblem(ValueError):
    pass


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = f"{value:%d/%m/%Y}"
    return str(value).strip()


def read_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        raise CellProblem(_("Ô ngày đang chứa một con số; hãy ghi ngày dạng dd/mm/yyyy."))
    text = read_text(value)
    match = _DATE.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (iso := _ISO_DATE.match(text)):
        parts = iso.groups()
    if parts is None:
        raise CellProblem(_("“%(text)s” không phải ngày dạng dd/mm/yyyy.") % {"text": text})
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise CellProblem(_("Ngày “%(text)s” không có thật.") % {"text": text}) from None


def read_whole_number(value) -> int:
    if isinstance(value, bool):
        raise CellProblem(_("Cần một số thứ tự."))
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = read_text(value)
    if text.isdigit():
        return int(text)
    raise CellProblem(_("“%(text)s” không phải số thứ tự.") % {"text": text})


def read_task(value) -> tuple[int, int]:
    """(number, year) from "3/2020". Excel turns a typed 3/2020 into 1 March 2020: read
    that back as task 3 of 2020."""
    if isinstance(value, dt.datetime | dt.date) and value.day == 1:
        return value.month, value.year
    text = read_text(value)
    match = _TASK.match(text)
    if not match:
        raise CellProblem(
            _("“%(text)s” không đúng dạng “số thứ tự/năm” (ví dụ 3/2020).") % {"text": text}
        )
    return int(match.group(1)), int(match.group(2))


def read_figure(value, decimals: int) -> Decimal:
    """A non-negative number: an Excel number, or text typed the Vietnamese way."""
    if isinstance(value, bool):
        raise CellProblem(_("Cần một con số."))
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise CellProblem(_("Cần một con số.")) from None
    else:
        try:
            number = parse_number(read_text(value))
        except NumberFormatError as error:
            raise CellProblem(str(error)) from None
    return _checked(number, decimals)


def _checked(number: Decimal, decimals: int) -> Decimal:
    if not number.is_finite():
        raise CellProblem(_("Cần một con số."))
    if number < 0:
        raise CellProblem(_("Số liệu không được âm."))
    if number >= MAX_FIGURE:
        raise CellProblem(_("Số quá lớn."))
    decimals = min(decimals, 2)
    if number != number.quantize(Decimal(1).scaleb(-decimals)):
        if decimals == 0:
            raise CellProblem(_("Chỉ tiêu này chỉ nhận số nguyên."))
        raise CellProblem(
            _("Chỉ tiêu này nhận tối đa %(n)s chữ số thập phân.") % {"n": decimals}
        )
    return number


def split_list(value) -> list[str]:
    return [part.strip() for part in read_text(value).split(";") if part.strip()]
