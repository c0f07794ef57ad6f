"""Downloads of a review document: Word, Excel, PDF.

Whoever may read the review may download it: the same scoped lookup as the review page,
and the same figures (frozen once issued, redacted for readers without sensitive access).
Word and Excel are made in the request (well under a second). The PDF (LibreOffice, ~10 s)
is a background job (reviews/tasks.py): the POST queues it and answers with the job's page,
which follows its state; the file is served from there, to the user who asked, while they
may still see the review.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.downloads import private_download
from phoihop.jobs import selectors as jobs_selectors
from phoihop.jobs.services import job_start
from phoihop.jobs.views import job_file, job_page
from phoihop.reviews import selectors
from phoihop.reviews.documents import CONTENT_TYPES, file_name
from phoihop.reviews.render.docx import render_docx
from phoihop.reviews.render.xlsx import render_xlsx
from phoihop.reviews.tasks import KIND_PDF, review_pdf_task


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
@require_POST
def review_pdf(request, pk: int):
    """Queue the PDF (or follow the one already queued) and show its job."""
    report = selectors.get_review_for_user(request.user, pk)
    job = jobs_selectors.job_pending(request.user, kind=KIND_PDF, subject_id=report.pk) or job_start(
        user=request.user,
        kind=KIND_PDF,
        subject_id=report.pk,
        label=_("Bản PDF: %(title)s") % {"title": report.title},
        page_url=lambda job: reverse("reviews:pdf_job", args=[report.pk, job.pk]),
        task=review_pdf_task,
    )
    return redirect(job.page_url)


def _pdf_job(request, pk: int, job_pk: int):
    report = selectors.get_review_for_user(request.user, pk)
    return report, jobs_selectors.get_job_for_user(request.user, job_pk, kind=KIND_PDF, subject_id=report.pk)


@login_required
def review_pdf_job(request, pk: int, job_pk: int):
    report, job = _pdf_job(request, pk, job_pk)
    download = reverse("reviews:pdf_file", args=[report.pk, job.pk])
    return job_page(request, job, download_url=download, back_url=reverse("reviews:detail", args=[report.pk]))


@login_required
@private_download
def review_pdf_file(request, pk: int, job_pk: int):
    return job_file(_pdf_job(request, pk, job_pk)[1])
