"""Background tasks of reviews (django-tasks): the Word, Excel and PDF files, and a draft's
figures (a national review computes for seconds), off the request.

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
from phoihop.reviews.render.xlsx import render_xlsx

KIND_PDF = "review_pdf"
KIND_DOCX = "review_docx"
KIND_XLSX = "review_xlsx"
KINDS = {"pdf": KIND_PDF, "docx": KIND_DOCX, "xlsx": KIND_XLSX}
KIND_FIGURES = "review_figures"


@task()
def review_pdf_task(job_id: int) -> None:
    job_run(job_id, review_pdf_work)


@task()
def review_docx_task(job_id: int) -> None:
    job_run(job_id, review_docx_work)


@task()
def review_xlsx_task(job_id: int) -> None:
    job_run(job_id, review_xlsx_work)


@task()
def review_figures_task(job_id: int) -> None:
    job_run(job_id, review_figures_work)


def _report(job):
    try:
        return selectors.get_review_for_user(job.user, job.subject_id)
    except Http404:
        raise JobFailed(_("Bạn không còn quyền xem báo cáo này, hoặc báo cáo đã bị xóa.")) from None


def _review(job, progress):
    report = _report(job)
    review = selectors.review_for_user(job.user, report)
    progress(30)
    return report, review


def review_pdf_work(job, progress) -> JobOutput:
    report, review = _review(job, progress)
    content = render_docx(review, report)
    progress(50)
    try:
        pdf = docx_to_pdf(content)
    except PdfUnavailable as error:
        raise JobFailed(str(error)) from None
    return JobOutput(pdf, file_name(report, "pdf"), CONTENT_TYPES["pdf"])


def review_docx_work(job, progress) -> JobOutput:
    report, review = _review(job, progress)
    return JobOutput(render_docx(review, report), file_name(report, "docx"), CONTENT_TYPES["docx"])


def review_xlsx_work(job, progress) -> JobOutput:
    report, review = _review(job, progress)
    return JobOutput(render_xlsx(review, report), file_name(report, "xlsx"), CONTENT_TYPES["xlsx"])


def review_figures_work(job, progress) -> JobOutput:
    """A draft's figures computed as `job.user` sees them and kept where its page reads
    them (selectors.review_for_page: the shared cache, while no record they count changes),
    so the page then opens at once; the job's page says what was counted."""
    report = _report(job)
    progress(10)
    review = selectors.review_for_page(job.user, report)
    return JobOutput(result={
        "activities": review.coordination.activities,
        "cases": sum(topic.received for topic in review.topics),
    })


TASKS = {"pdf": review_pdf_task, "docx": review_docx_task, "xlsx": review_xlsx_task}
