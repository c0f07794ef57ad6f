"""Bad input gets a clear Vietnamese message: empty, binary renamed .docx, oversized,
another language. Good .txt and .docx files are read."""

import io

import pytest
from docx import Document

from phoihop.intake.reading import TextRejected, check_text, looks_vietnamese, read_upload


def _docx(*paragraphs) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_empty_text_is_refused():
    with pytest.raises(TextRejected, match="Văn bản đang trống"):
        check_text(" \n\t ")


def test_a_twenty_megabyte_paste_is_refused():
    with pytest.raises(TextRejected, match="Văn bản quá dài"):
        check_text("Hội nghị tổng kết công tác dân vận. " * 600_000)


def test_english_text_is_refused_as_not_vietnamese():
    with pytest.raises(TextRejected, match="không phải tiếng Việt"):
        check_text("The provincial steering committee reviewed five years of the coordination program.")


def test_vietnamese_without_diacritics_is_still_read():
    assert looks_vietnamese("Ban Dan van Tinh uy va cac to chuc thanh vien da phoi hop nam tinh hinh o xa")


def test_an_executable_renamed_docx_is_refused():
    with pytest.raises(TextRejected, match="không phải tệp DOCX thật"):
        read_upload("bao-cao.docx", b"MZ\x90\x00" + b"\x00" * 200)


def test_a_binary_renamed_txt_is_refused():
    with pytest.raises(TextRejected, match="nhị phân"):
        read_upload("bao-cao.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_a_file_over_20_megabytes_is_refused():
    with pytest.raises(TextRejected, match="quá lớn"):
        read_upload("bao-cao.txt", b"a" * (20 * 1024 * 1024 + 1))


def test_other_file_types_are_refused():
    with pytest.raises(TextRejected, match=".txt hoặc tệp Word .docx"):
        read_upload("bao-cao.pdf", b"%PDF-1.4")


def test_a_word_file_gives_its_paragraphs():
    data = _docx("Sơ kết chương trình phối hợp", "Tại xã Thanh Hải (huyện Thanh Liêm).")
    assert read_upload("so-ket.docx", data) == "Sơ kết chương trình phối hợp\nTại xã Thanh Hải (huyện Thanh Liêm)."


def test_a_utf8_text_file_with_bom_is_read():
    assert read_upload("tin.txt", "\ufeffXã Thanh Hải".encode()) == "Xã Thanh Hải"
