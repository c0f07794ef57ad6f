"""Is this workbook small enough to open? Decided from its zip directory, before parsing.

An .xlsx is a zip of XML parts. A 320 KB file can hold a sharedStrings.xml that unpacks
to hundreds of megabytes (deflate reaches ~1000:1 on repetitive text), and openpyxl,
even read-only, loads every shared string into memory: one such file once took the
server from 347 MB to 3.6 GB. So before openpyxl sees the bytes, the zip's own directory
is read and the workbook refused when

- all parts together unpack to more than PHOIHOP_IMPORT_MAX_UNPACKED_MB,
- xl/sharedStrings.xml alone unpacks to more than PHOIHOP_IMPORT_MAX_SHARED_STRINGS_MB,
- a sheet may hold more than PHOIHOP_IMPORT_MAX_CELLS cells: the larger of the area its
  <dimension ref="A1:K20001"/> declares and its XML size / BYTES_PER_CELL (a small cell,
  `<c r="B2"><v>7</v></c>`, takes about that many bytes), since the dimension may be
  missing or wrong.

The sizes come from the zip directory, which a hostile file could understate; Python's
zipfile never inflates a part beyond its stated size (it stops and the CRC check fails),
so a lie there makes the file unreadable, not larger.
"""

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries

from phoihop.lib.vnformat import number

MB = 1024 * 1024
BYTES_PER_CELL = 20
SHARED_STRINGS = "xl/sharedStrings.xml"
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')
HEAD_BYTES = 4096  # the dimension sits at the start of a sheet part


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int
    shared_strings_bytes: int
    cells: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            unpacked_bytes=settings.PHOIHOP_IMPORT_MAX_UNPACKED_MB * MB,
            shared_strings_bytes=settings.PHOIHOP_IMPORT_MAX_SHARED_STRINGS_MB * MB,
            cells=settings.PHOIHOP_IMPORT_MAX_CELLS,
        )


def workbook_limit_problems(upload, limits: Limits | None = None) -> list[str]:
    """Why `upload` (a seekable file) is too big to open, one Vietnamese sentence per
    reason; [] when it is within the limits or not a zip at all (the parser then says
    it is unreadable). The file is left at its start."""
    limits = limits or Limits.from_settings()
    try:
        with zipfile.ZipFile(upload) as archive:
            return _problems(archive, limits)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return []
    finally:
        upload.seek(0)


def _problems(archive: zipfile.ZipFile, limits: Limits) -> list[str]:
    parts = archive.infolist()
    problems = []
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.unpacked_bytes:
        problems.append(_(
            "Dữ liệu trong tệp khi giải nén lên tới %(size)s MB, vượt giới hạn %(limit)s MB."
        ) % {"size": _mb(unpacked), "limit": _mb(limits.unpacked_bytes)})
    shared = next((p.file_size for p in parts if p.filename == SHARED_STRINGS), 0)
    if shared > limits.shared_strings_bytes:
        problems.append(_(
            "Phần chữ dùng chung của bảng tính (sharedStrings) lên tới %(size)s MB, vượt giới hạn %(limit)s MB."
        ) % {"size": _mb(shared), "limit": _mb(limits.shared_strings_bytes)})
    cells = max((_cells(archive, p) for p in parts if SHEET_PART.match(p.filename)), default=0)
    if cells > limits.cells:
        problems.append(_(
            "Một trang tính có thể chứa tới %(cells)s ô, vượt giới hạn %(limit)s ô."
        ) % {"cells": number(cells), "limit": number(limits.cells)})
    return problems


def _cells(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """The most cells `part` may hold: declared area or size estimate, whichever is larger."""
    by_size = part.file_size // BYTES_PER_CELL
    with archive.open(part) as handle:
        found = DIMENSION.search(handle.read(HEAD_BYTES))
    if not found:
        return by_size
    min_col, min_row, max_col, max_row = range_boundaries(found.group(1).decode())
    return max(by_size, (max_col - min_col + 1) * (max_row - min_row + 1))


def _mb(size: int) -> str:
    return number(size / MB, 1)
