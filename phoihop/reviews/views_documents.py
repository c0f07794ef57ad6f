"""Downloads of a review document: Word, Excel, PDF, each a background job.

Whoever may read the review may download it: the same scoped lookup as the review page,
and the same figures (frozen once issued, redacted for readers without sensitive access).
Each file is made by the worker (reviews/tasks.py; the PDF's LibreOffice takes ~10 s, a
national Word file several): the POST queues it and answers with the job's page, which
follows its state; the file is served from there, to the user who asked, while they may
still see the review.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.downloads import private_download
from phoihop.jobs import selectors as jobs_selectors
from phoihop.jobs.services import job_start
from phoihop.jobs.views import job_file, job_page
from phoihop.reviews import selectors
from phoihop.reviews.models import ReviewStatus
from phoihop.reviews.tasks import KIND_FIGURES, KINDS, TASKS, review_figures_task


def _label(extension: str, title: str) -> str:
    labels = {
        "pdf": _("Bản PDF: %(title)s"),
        "docx": _("Bản Word: %(title)s"),
        "xlsx": _("Bảng số liệu Excel: %(title)s"),
    }
    return labels[extension] % {"title": title}


@login_required
@require_POST
def review_document(request, pk: int, extension: str):
    """Queue the file (or follow the one of this kind already queued) and show its job."""
    report = selectors.get_review_for_user(request.user, pk)
    kind = KINDS[extension]
    job = jobs_selectors.job_pending(request.user, kind=kind, subject_id=report.pk) or job_start(
        user=request.user,
        kind=kind,
        subject_id=report.pk,
        label=_label(extension, report.title),
        page_url=lambda job: reverse(f"reviews:{extension}_job", args=[report.pk, job.pk]),
        task=TASKS[extension],
    )
    return redirect(job.page_url)


def _job(request, pk: int, job_pk: int, extension: str):
    report = selectors.get_review_for_user(request.user, pk)
    job = jobs_selectors.get_job_for_user(request.user, job_pk, kind=KINDS[extension], subject_id=report.pk)
    return report, job


@login_required
def review_document_job(request, pk: int, job_pk: int, extension: str):
    report, job = _job(request, pk, job_pk, extension)
    download = reverse(f"reviews:{extension}_file", args=[report.pk, job.pk])
    return job_page(request, job, download_url=download, back_url=reverse("reviews:detail", args=[report.pk]))


@login_required
@private_download
def review_document_file(request, pk: int, job_pk: int, extension: str):
    return job_file(_job(request, pk, job_pk, extension)[1])


@login_required
@require_POST
def review_figures(request, pk: int):
    """Compute a draft's figures in the worker (a national review takes seconds) and show
    the job; the review's page reads them once done. An issued review has them frozen."""
    report = selectors.get_review_for_user(request.user, pk)
    if report.status == ReviewStatus.ISSUED:
        return redirect("reviews:detail", pk=report.pk)
    job = jobs_selectors.job_pending(
        request.user, kind=KIND_FIGURES, subject_id=report.pk
    ) or job_start(
        user=request.user,
        kind=KIND_FIGURES,
        subject_id=report.pk,
        label=_("Số liệu: %(title)s") % {"title": report.title},
        page_url=lambda job: reverse("reviews:figures_job", args=[report.pk, job.pk]),
        task=review_figures_task,
    )
    return redirect(job.page_url)


@login_required
def review_figures_job(request, pk: int, job_pk: int):
    report = selectors.get_review_for_user(request.user, pk)
    job = jobs_selectors.get_job_for_user(
        request.user, job_pk, kind=KIND_FIGURES, subject_id=report.pk
    )
    back = reverse("reviews:detail", args=[report.pk])
    return job_page(
        request, job, back_url=back, template="reviews/figures_job.html",
        context={"review_url": back},
    )  # fmt: skip
