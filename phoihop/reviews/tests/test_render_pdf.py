"""The PDF is the Word document converted by LibreOffice; skipped where it is not installed."""

import shutil

import pytest

from phoihop.reviews.render import pdf
from phoihop.reviews.tests.review_sample import sample_report, sample_review


def test_missing_libreoffice_gives_a_vietnamese_message(monkeypatch):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    with pytest.raises(pdf.PdfUnavailable, match="chưa cài LibreOffice"):
        pdf.render_pdf(sample_review(), sample_report())


def test_a_hung_conversion_is_stopped_with_a_vietnamese_message(monkeypatch, tmp_path):
    sleeper = tmp_path / "soffice"
    sleeper.write_text("#!/bin/sh\nsleep 30\n")
    sleeper.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice_path", lambda: str(sleeper))
    with pytest.raises(pdf.PdfUnavailable, match="không chuyển xong"):
        pdf.docx_to_pdf(b"not really a docx", timeout=1)


def test_the_review_converts_to_a_pdf_with_the_document_text():
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    content = pdf.render_pdf(sample_review(), sample_report())
    assert content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        assert "Phủ Lý, ngày 20 tháng 12 năm 2020" in text
        assert "Buổi tuyên truyền" in text
