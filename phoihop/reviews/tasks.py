"""Background tasks of reviews (django-tasks): the PDF, LibreOffice's ~10 s, off the request.

The worker renders as the user who asked, through the same scoped lookup and redaction
as the download views: a user who lost access meanwhile gets a reason, not the file.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django_tasks import task

from phoihop.jobs.services import JobFailed, JobOutput, job_run
from phoihop.reviews import selectors
from phoihop.reviews.documents import CONTENT_TYPES, file_name
from phoihop.reviews.render.docx import render_docx
from phoihop.reviews.render.pdf import PdfUnavailable, docx_to_pdf

KIND_PDF = "review_pdf"


@task()
def review_pdf_task(job_id: int) -> None:
    job_run(job_id, review_pdf_work)


def review_pdf_work(job, progress) -> JobOutput:
    try:
        report = selectors.get_review_for_user(job.user, job.subject_id)
    except Http404:
        raise JobFailed(_("Bạn không còn quyền xem báo cáo này, hoặc báo cáo đã bị xóa.")) from None
    review = selectors.review_for_user(job.user, report)
    progress(30)
    content = render_docx(review, report)
    progress(50)
    try:
        pdf = docx_to_pdf(content)
    except PdfUnavailable as error:
        raise JobFailed(str(error)) from None
    return JobOutput(pdf, file_name(report, "pdf"), CONTENT_TYPES["pdf"])
