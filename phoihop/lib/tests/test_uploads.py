"""check_upload: the extension must be accepted and the bytes must agree with it."""

import io
import zipfile

import pytest

from phoihop.lib.uploads import CONTENT_TYPES, check_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


def _office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<x/>")  # openpyxl writes [Content_Types].xml last: order must not matter
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("anh.PNG", PNG, "PNG"),
        ("anh.jpg", JPEG, "JPEG"),
        ("bien-ban.pdf", b"%PDF-1.7\n", "PDF"),
        ("bao-cao.docx", _office("word/document.xml"), "DOCX"),
        ("so-lieu.xlsx", _office("xl/workbook.xml"), "XLSX"),
    ],
)
def test_real_files_are_accepted(name, data, kind):
    assert check_upload(name, data, len(data)) == kind
    assert CONTENT_TYPES[kind]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("bien-ban.pdf", b"MZ\x90\x00", "không phải tệp PDF thật"),
        ("bao-cao.docx", _office("xl/workbook.xml"), "không phải tệp DOCX thật"),
        ("anh.png", JPEG, "không phải tệp PNG thật"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "không được nhận"),
        ("khong-duoi", PNG, "không được nhận"),
        ("tai-lieu.zip.pdf", _office("word/document.xml"), "không phải tệp PDF thật"),
    ],
)
def test_disguised_or_unaccepted_files_are_refused_in_vietnamese(name, data, words):
    with pytest.raises(ValueError, match=words):
        check_upload(name, data, len(data))


def test_size_is_checked_before_the_bytes():
    with pytest.raises(ValueError, match=r"quá lớn \(10,5 MB\); tối đa 10 MB"):
        check_upload("anh.png", PNG, int(10.5 * 1024 * 1024))
    with pytest.raises(ValueError, match="rỗng"):
        check_upload("anh.png", b"", 0)
