"""The user's jobs ("Việc chạy nền"), the state of one as JSON, and what every job page shares.

The page of one job, and its download, belong to the app that owns the record (it checks
the user may still see it: reviews/views_documents.py, workbooks/views.py); they use
`job_page` and `job_file`. The page's bar follows `job_status` through
static/jobs/progress.js (no inline script: the Content-Security-Policy refuses it), and
reloads itself without script through a <noscript> refresh.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from phoihop.core.access import get_scoped
from phoihop.core.downloads import private_download, stored_file_response
from phoihop.jobs.models import JobStatus
from phoihop.jobs.selectors import jobs_for_user

REFRESH_SECONDS = 2
POLL_MS = 1000


@login_required
def job_list(request):
    jobs = jobs_for_user(request.user)[:50]
    pending = any(job.status in {JobStatus.QUEUED, JobStatus.RUNNING} for job in jobs)
    return render(request, "jobs/job_list.html", {"jobs": jobs, "refresh": REFRESH_SECONDS if pending else None})


@login_required
@require_GET
def job_status(request, pk: int):
    """The state of the user's job `pk`, for its page's bar; another user's job is 404."""
    job = get_scoped(jobs_for_user(request.user), pk)
    response = JsonResponse(status_data(job))
    response["Cache-Control"] = "private, no-store"
    return response


def status_data(job) -> dict:
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "finished": job.finished,
        "progress": job.progress,
        "stage": job.stage_text,
    }


def job_page(request, job, *, back_url: str, download_url: str = "", template="jobs/job_detail.html", context=None):
    """The page of `job`: state and progress, followed by progress.js (or, without script,
    a refresh) until it is done; then the file, the owner's `template` blocks (a result),
    or why it failed."""
    poll = None if job.finished else {"url": reverse("jobs:status", args=[job.pk]), "interval": POLL_MS}
    context = {
        "job": job,
        "download_url": download_url,
        "back_url": back_url,
        "refresh": None if job.finished else REFRESH_SECONDS,
        "poll": poll,
        **(context or {}),
    }
    return private_download(lambda request: render(request, template, context))(request)


def job_file(job):
    """The finished job's file, always as a download (the caller checked who asks)."""
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    return stored_file_response(job.file, job.file_name, job.content_type, inline=False)
