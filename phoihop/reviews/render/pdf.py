"""A review as PDF: the Word document converted by LibreOffice, where it is installed.

There is no second layout to keep in step: the PDF is exactly the .docx as LibreOffice
prints it. Each conversion runs in its own temporary directory and LibreOffice profile,
so two conversions at once do not fight over a lock, and it is killed after a timeout.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from phoihop.reviews.data import Review
from phoihop.reviews.render.docx import render_docx

TIMEOUT_SECONDS = 120


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or failed; the message is for the user (Vietnamese)."""


def soffice_path() -> str | None:
    configured = getattr(settings, "SOFFICE_PATH", "")
    return configured or shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(review: Review, report=None) -> bytes:
    return docx_to_pdf(render_docx(review, report))


def docx_to_pdf(content: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    if not soffice:
        raise PdfUnavailable(
            _("Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF. Hãy tải tệp Word (.docx) "
              "hoặc đề nghị quản trị hệ thống cài gói libreoffice-writer.")
        )
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as work:
        folder = Path(work)
        (folder / "baocao.docx").write_bytes(content)
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(folder), str(folder / "baocao.docx"),
        ]
        if not _run(command, timeout):
            raise PdfUnavailable(
                _("LibreOffice không chuyển xong tệp PDF sau %(seconds)s giây. Hãy thử lại hoặc tải tệp Word (.docx).")
                % {"seconds": timeout}
            )
        pdf = folder / "baocao.pdf"
        if not pdf.exists():
            raise PdfUnavailable(_("LibreOffice không chuyển được báo cáo sang PDF. Hãy tải tệp Word (.docx)."))
        return pdf.read_bytes()


def _run(command: list[str], timeout: int) -> bool:
    """Run in a new process group; on timeout kill the whole group (soffice forks soffice.bin)."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False
