"""Writes of jobs: start one (a row, then the task in the queue) and run one (state, file).

`job_start` enqueues `task` with the job's id only; the task calls `job_run(job_id, work)`,
where `work(job, progress)` does the job and answers a `JobOutput`. A `JobFailed` carries a
Vietnamese reason for the user; any other error is logged and shown as a general reason.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """The job cannot be done; the message is for the user (Vietnamese)."""


@dataclass(frozen=True)
class JobOutput:
    content: bytes
    file_name: str
    content_type: str


def job_start(*, user, kind: str, subject_id: int, label: str, page_url: Callable[[Job], str], task) -> Job:
    """A queued job of `user`; `page_url(job)` is its page. The queue is in the same database
    (django-tasks-db), so the row and the queued task are written together."""
    job = Job.objects.create(user=user, kind=kind, subject_id=subject_id, label=label)
    job.page_url = page_url(job)
    job.save(update_fields=["page_url"])
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def job_run(job_id: int, work: Callable[[Job, Callable[[int], None]], JobOutput]) -> None:
    job = Job.objects.select_related("user").get(pk=job_id)
    _set(job, status=JobStatus.RUNNING, progress=5)
    try:
        output = work(job, lambda percent: _set(job, progress=percent))
    except JobFailed as failure:
        _finish(job, status=JobStatus.FAILED, error=str(failure))
        return
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, status=JobStatus.FAILED, error=_("Có lỗi ngoài dự kiến khi thực hiện việc này. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống (mã việc %(id)s).") % {"id": job.pk})
        return
    job.file.save(output.file_name, ContentFile(output.content), save=False)
    job.file_name, job.content_type = output.file_name, output.content_type
    _finish(job, status=JobStatus.DONE, progress=100, fields=["file", "file_name", "content_type"])


def _set(job: Job, **values) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=list(values))


def _finish(job: Job, *, fields: list[str] = (), **values) -> None:
    job.finished_at = timezone.now()
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=[*fields, *values, "finished_at"])
