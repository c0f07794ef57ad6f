"""Downloads of a review document: Word, Excel, PDF.

Whoever may read the review may download it: the same scoped lookup as the review page,
and the same figures (frozen once issued, redacted for readers without sensitive access).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from phoihop.core.downloads import private_download
from phoihop.lib.text import fold
from phoihop.reviews import selectors
from phoihop.reviews.render.docx import render_docx
from phoihop.reviews.render.pdf import PdfUnavailable, render_pdf
from phoihop.reviews.render.xlsx import render_xlsx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def file_name(report, extension: str) -> str:
    """"bao-cao-12-bc-bdvtu-tong-ket-5-nam….docx": ASCII, so every browser and mail client keeps it."""
    stem = slugify(fold(f"bao cao {report.number} {report.title}"))[:80].strip("-") or "bao-cao"
    return f"{stem}.{extension}"


def _download(request, pk: int, extension: str, render) -> HttpResponse:
    report = selectors.get_review_for_user(request.user, pk)
    review = selectors.review_for_user(request.user, report)
    response = HttpResponse(render(review, report), content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = content_disposition_header(True, file_name(report, extension))
    return response


@login_required
@private_download
def review_docx(request, pk: int):
    return _download(request, pk, "docx", render_docx)


@login_required
@private_download
def review_xlsx(request, pk: int):
    return _download(request, pk, "xlsx", render_xlsx)


@login_required
@private_download
def review_pdf(request, pk: int):
    try:
        return _download(request, pk, "pdf", render_pdf)
    except PdfUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
