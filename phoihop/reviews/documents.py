"""What every review document shares: its content type and its ASCII file name."""

from django.utils.text import slugify

from phoihop.lib.text import fold

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def file_name(report, extension: str) -> str:
    """"bao-cao-12-bc-bdvtu-tong-ket-5-nam….docx": ASCII, so every browser and mail client keeps it."""
    stem = slugify(fold(f"bao cao {report.number} {report.title}"))[:80].strip("-") or "bao-cao"
    return f"{stem}.{extension}"
