"""Is an uploaded file what its name says, and small enough? Judged by its bytes.

Evidence arrives as images (PNG, JPEG, GIF, WEBP), PDF, Word (DOCX) or Excel (XLSX). A
file is accepted only when its extension is one of those AND its own bytes say the same:
an executable renamed .pdf, or a Word file renamed .xlsx, is refused. No Django models,
no storage: callers pass the name, the bytes and the size, and get the kind back or a
ValueError whose message a user can read (Vietnamese first, through gettext).

    kind = check_upload("bien-ban.pdf", data, size)   # → "PDF"
    CONTENT_TYPES[kind]                               # → "application/pdf"
"""

import io
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from phoihop.lib.vnformat import number

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Extension → kind. What the file *is* is decided by its bytes, see _kind_of().
EXTENSIONS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".pdf": "PDF",
    ".docx": "DOCX",
    ".xlsx": "XLSX",
}

CONTENT_TYPES = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "PDF": "application/pdf",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# Shown inline in the browser; the rest is downloaded.
INLINE_KINDS = {"PNG", "JPEG", "GIF", "WEBP", "PDF"}


def check_upload(
    name: str,
    head_bytes: bytes,
    size: int,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    allowed: frozenset[str] | None = None,
) -> str:
    """The kind ("PNG", "JPEG", "GIF", "WEBP", "PDF", "DOCX", "XLSX") of an acceptable file.

    `head_bytes` are the file's leading bytes; for DOCX and XLSX (zip archives, whose
    directory sits at the end) pass the whole file. Raises ValueError: too large, empty,
    an extension not accepted, or bytes that are not what the extension claims.
    """
    if size > max_bytes:
        raise ValueError(
            _("Tệp “%(name)s” quá lớn (%(size)s MB); tối đa %(limit)s MB.")
            % {"name": name, "size": number(size / 1024 / 1024, 1), "limit": number(max_bytes / 1024 / 1024)}
        )
    if size == 0:
        raise ValueError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    kinds = allowed or frozenset(CONTENT_TYPES)
    if expected not in kinds:
        raise ValueError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận %(kinds)s.")
            % {"name": name, "kinds": _describe(kinds)}
        )
    if _kind_of(head_bytes) != expected:
        raise ValueError(
            _("Tệp “%(name)s” không phải tệp %(type)s thật: nội dung không khớp với đuôi tệp.")
            % {"name": name, "type": expected}
        )
    return expected


def _describe(kinds: frozenset[str]) -> str:
    """"ảnh (PNG, JPEG, GIF, WEBP), PDF, Word (DOCX) hoặc Excel (XLSX)" for the kinds given."""
    images = [k for k in ("PNG", "JPEG", "GIF", "WEBP") if k in kinds]
    parts = [_("ảnh (%(kinds)s)") % {"kinds": ", ".join(images)}] if images else []
    parts += [label for kind, label in (("PDF", "PDF"), ("DOCX", "Word (DOCX)"), ("XLSX", "Excel (XLSX)")) if kind in kinds]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + _(" hoặc ") + parts[-1]


def sniff(head: bytes) -> str | None:
    """The kind the leading bytes announce ("pdf", "zip", "jpeg", "png", …), else None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _kind_of(data: bytes) -> str | None:
    kind = sniff(data[:16])
    if kind == "zip":
        return _office_kind(data)
    return kind.upper() if kind else None


def _office_kind(data: bytes) -> str | None:
    """DOCX or XLSX: a zip with [Content_Types].xml and a word/ or xl/ part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "DOCX"
    if any(n.startswith("xl/") for n in names):
        return "XLSX"
    return None
