"""The user's jobs ("Việc đang chạy"), and what every job page shares.

The page of one job, and its download, belong to the app that owns the record (it checks
the user may still see it: reviews/views_documents.py); they use `job_page` and `job_file`.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from phoihop.core.downloads import private_download, stored_file_response
from phoihop.jobs.models import JobStatus
from phoihop.jobs.selectors import jobs_for_user

REFRESH_SECONDS = 2


@login_required
def job_list(request):
    jobs = jobs_for_user(request.user)[:50]
    pending = any(job.status in {JobStatus.QUEUED, JobStatus.RUNNING} for job in jobs)
    return render(request, "jobs/job_list.html", {"jobs": jobs, "refresh": REFRESH_SECONDS if pending else None})


def job_page(request, job, *, download_url: str, back_url: str):
    """The page of `job`: state and progress, reloaded by a meta refresh (no script, so the
    Content-Security-Policy holds) until it is done; then the file, or why it failed."""
    context = {
        "job": job,
        "download_url": download_url,
        "back_url": back_url,
        "refresh": None if job.finished else REFRESH_SECONDS,
    }
    return private_download(lambda request: render(request, "jobs/job_detail.html", context))(request)


def job_file(job):
    """The finished job's file, always as a download (the caller checked who asks)."""
    if job.status != JobStatus.DONE:
        raise Http404
    return stored_file_response(job.file, job.file_name, job.content_type, inline=False)
