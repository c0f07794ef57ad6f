"""Documents are judged by their bytes, and the name must agree."""

import io
import zipfile

import pytest

from phoihop.lib.filetypes import document_kind, sniff


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("ke-hoach.pdf", b"%PDF-1.7 ...", "pdf"),
        ("KE-HOACH.PDF", b"%PDF-1.4 ...", "pdf"),
        ("ke-hoach.docx", _zip("[Content_Types].xml", "word/document.xml"), "docx"),
        ("anh.jpg", b"\xff\xd8\xff\xe0 JFIF", "jpeg"),
        ("anh.png", b"\x89PNG\r\n\x1a\n....", "png"),
        ("anh.gif", b"GIF89a....", "gif"),
        ("anh.webp", b"RIFF\0\0\0\0WEBPVP8 ", "webp"),
        ("bang.docx", _zip("[Content_Types].xml", "xl/workbook.xml"), None),  # Excel renamed
        ("ke-hoach.pdf", b"MZ\x90\0 an executable", None),
        ("ke-hoach.docx", b"%PDF-1.7", None),  # a PDF named .docx
        ("ke-hoach.exe", b"%PDF-1.7", None),
        ("hong.docx", b"PK\x03\x04 broken zip", None),
    ],
)
def test_document_kind(name, content, kind):
    stream = io.BytesIO(content)
    assert document_kind(name, stream) == kind
    assert stream.tell() == 0  # rewound for whoever saves it next


def test_unknown_bytes_have_no_kind():
    assert sniff(b"hello") is None
