"""Turning what a user brings (a paste, a .txt, a .docx) into checked text, or a
Vietnamese message saying why not. Framework-light: no models, no storage."""

import io
import re
import unicodedata
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from phoihop.intake.extract.text import normalize
from phoihop.lib.text import fold
from phoihop.lib.uploads import check_upload
from phoihop.lib.vnformat import number

MAX_TEXT_BYTES = 2 * 1024 * 1024  # of UTF-8 text
MAX_FILE_BYTES = 20 * 1024 * 1024
MIN_VIETNAMESE_LETTERS = 0.04  # share of letters with Vietnamese marks (Vietnamese prose: ~0.3)
MIN_COMMON_WORDS = 0.12  # share of very common Vietnamese words, for text typed without marks
COMMON_WORDS = set(fold(
    "và của các có được trong cho với những đã người không này một về nhân dân công tác đến "
    "theo như trên đồng chí năm xã huyện tỉnh hội ban"
).split())
_VIETNAMESE_MARKS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


class TextRejected(ValueError):
    """The input cannot be read as a Vietnamese text; the message says why, in Vietnamese."""


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded .txt or .docx file."""
    if len(data) > MAX_FILE_BYTES:
        raise TextRejected(_("Tệp “%(name)s” quá lớn (%(size)s MB); tối đa %(limit)s MB.") % {
            "name": name, "size": number(len(data) / 1024 / 1024, 1), "limit": MAX_FILE_BYTES // 1024 // 1024})
    suffix = PurePath(name).suffix.lower()
    if suffix == ".txt":
        return _decode(name, data)
    if suffix == ".docx":
        return _docx_text(name, data)
    raise TextRejected(_("Chỉ nhận văn bản dán vào ô, tệp .txt hoặc tệp Word .docx (không nhận “%(name)s”).")
                       % {"name": name})


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TextRejected(_("Tệp “%(name)s” không phải văn bản thuần (có dữ liệu nhị phân).") % {"name": name})
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextRejected(_("Tệp “%(name)s” không đọc được theo bảng mã UTF-8. Hãy lưu lại tệp với bảng mã "
                         "UTF-8 rồi tải lên.") % {"name": name})


def _docx_text(name: str, data: bytes) -> str:
    try:
        check_upload(name, data, len(data), max_bytes=MAX_FILE_BYTES)
    except ValueError as error:
        raise TextRejected(str(error)) from None
    from docx import Document  # python-docx, already used for review documents

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TextRejected(_("Tệp Word “%(name)s” bị hỏng, không đọc được.") % {"name": name}) from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def check_text(raw: str) -> str:
    """The text, normalized (NFC), when it is a non-empty Vietnamese text of a sane size."""
    text = normalize(raw).strip()
    if not text:
        raise TextRejected(_("Văn bản đang trống: hãy dán nội dung hoặc chọn tệp."))
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise TextRejected(_("Văn bản quá dài (%(size)s MB); tối đa %(limit)s MB chữ. Hãy chia thành nhiều "
                             "phần.") % {"size": number(size / 1024 / 1024, 1), "limit": MAX_TEXT_BYTES // 1024 // 1024})
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    if controls > len(text) * 0.01:
        raise TextRejected(_("Nội dung có nhiều ký tự điều khiển: có vẻ là dữ liệu nhị phân, không phải văn bản."))
    if not looks_vietnamese(text):
        raise TextRejected(_("Văn bản không phải tiếng Việt (quá ít chữ có dấu và từ tiếng Việt thông dụng). "
                             "Phối hợp chỉ đọc được văn bản tiếng Việt."))
    return text


def looks_vietnamese(text: str) -> bool:
    sample = text[:20000]
    letters = [ch for ch in sample.lower() if ch.isalpha()]
    if not letters:
        return False
    marked = sum(1 for ch in letters if ch in _VIETNAMESE_MARKS) / len(letters)
    words = re.findall(r"\w+", fold(sample))
    common = sum(1 for w in words if w in COMMON_WORDS) / max(len(words), 1)
    return marked >= MIN_VIETNAMESE_LETTERS or common >= MIN_COMMON_WORDS
