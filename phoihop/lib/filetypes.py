"""What an uploaded document really is, judged by its first bytes (not its name).

Signed programs and plans arrive as PDF, Word (.docx) or a scan (JPEG, PNG, GIF, WEBP). A file
named .pdf that is not a PDF, or an executable renamed .docx, is refused.
"""

import io
import zipfile
from pathlib import PurePath
from typing import BinaryIO

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# kind → (extensions it may carry, content type)
DOCUMENT_KINDS = {
    "pdf": ({".pdf"}, "application/pdf"),
    "docx": (
        {".docx"},
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "jpeg": ({".jpg", ".jpeg"}, "image/jpeg"),
    "png": ({".png"}, "image/png"),
    "gif": ({".gif"}, "image/gif"),
    "webp": ({".webp"}, "image/webp"),
}


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


def _is_docx(stream: BinaryIO) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def document_kind(name: str, stream: BinaryIO) -> str | None:
    """The kind ("pdf", "docx", "jpeg", …) when the content matches the name's extension;
    None otherwise. Reads from `stream` and rewinds it."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind = sniff(head)
    if kind == "zip":
        data = io.BytesIO(stream.read())
        stream.seek(0)
        kind = "docx" if _is_docx(data) else None
    if kind is None:
        return None
    extensions, _content_type = DOCUMENT_KINDS[kind]
    return kind if PurePath(name).suffix.lower() in extensions else None
