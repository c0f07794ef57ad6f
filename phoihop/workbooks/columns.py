"""The columns of an activity workbook, shared by the template, the importer and the export.

Headers are Vietnamese and matched without diacritics or case, so a header retyped
"Tu ngay" still reads as "Từ ngày". Indicator columns are "Tên (đơn vị)".

The workbook is a file format members exchange, not a page: its headers and sheet names
are Vietnamese whatever language the interface is in (so they are not translated).
"""

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from phoihop.lib.text import fold
from phoihop.programs.models import Indicator

SHEET_DATA = "Hoạt động"
SHEET_HELP = "Hướng dẫn"
DATE_FORMAT = "DD/MM/YYYY"
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    key: str  # the ActivityData field it fills ("figure" for indicator columns)
    header: str
    width: int = 18
    required: bool = False
    aliases: tuple[str, ...] = ()  # older headers still read, e.g. from last year's files


def fixed_columns() -> list[Column]:
    return [
        Column("title", "Tên hoạt động", 50, required=True),
        Column("start_date", "Từ ngày", 12, required=True),
        Column("end_date", "Đến ngày", 12, required=True),
        Column("content_area", "Nội dung phối hợp (số)", 12, required=True),
        Column("lead", "Đơn vị chủ trì", 28, required=True, aliases=("Cơ quan chủ trì",)),
        Column("partners", "Cơ quan phối hợp (cách nhau bởi dấu ;)", 36),
        Column("localities", "Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)", 36),
        Column("task", "Nhiệm vụ (số thứ tự/năm)", 14),
        Column("narrative", "Kết quả", 50),
    ]


def export_only_columns() -> list[Column]:
    """Columns an export adds; the importer reads past them."""
    return [
        Column("status", "Trạng thái", 16),
        Column("participants", "Tổ chức tham gia (vai trò)", 50),
    ]


def indicator_header(indicator: Indicator) -> str:
    return f"{indicator.name} ({indicator.unit})"


def active_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(is_active=True).order_by("order", "name"))


def header_key(text) -> str:
    return fold(str(text or ""))


def member_labels(organizations) -> dict[int, str]:
    """organization id → the name written in a workbook: its short name, or its full name
    when another member shares that short name (or it has none)."""
    organizations = list(organizations)
    counts: dict[str, int] = {}
    for org in organizations:
        counts[fold(org.short_name)] = counts.get(fold(org.short_name), 0) + 1
    return {
        org.pk: org.short_name if org.short_name and counts[fold(org.short_name)] == 1 else org.name
        for org in organizations
    }


def column_letter(index: int) -> str:
    """0 → "A", 26 → "AA"."""
    return get_column_letter(index + 1)
