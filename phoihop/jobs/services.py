"""Writes of jobs: start one (a row, then the task in the queue) and run one (state, file).

`job_start` enqueues `task` with the job's id only; the task calls `job_run(job_id, work)`,
where `work(job, progress)` does the job and answers a `JobOutput`: a file, a `result` for
the job's page, or both. `progress(percent, stage="", rows=0)` records how far it is (a
stage of `models.STAGES`, with the rows done so far). A `JobFailed` carries a Vietnamese
reason for the user (and may carry a `result`, e.g. every error of an imported file); any
other error is logged and shown as a general reason.

The work runs in the language of the request that asked (`Job.language`), so the reasons
it stores read as the rest of the user's pages.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """The job cannot be done; the message is for the user (Vietnamese). `result`, if
    given, is kept for the job's page (e.g. the list of errors of a refused file)."""

    def __init__(self, message: str, *, result: dict | None = None):
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class JobOutput:
    content: bytes = b""
    file_name: str = ""  # "" when the job makes no file
    content_type: str = ""
    result: dict | None = None


def job_start(
    *,
    user,
    kind: str,
    subject_id: int,
    label: str,
    page_url: Callable[[Job], str],
    task,
    params: dict | None = None,
    input_file=None,
) -> Job:
    """A queued job of `user`; `page_url(job)` is its page. `input_file` (an upload) is
    stored with the job for the worker, which may run on another server. The queue is in
    the same database (django-tasks-db), so the row and the queued task are written together."""
    job = Job(
        user=user,
        kind=kind,
        subject_id=subject_id,
        label=label[:300],
        params=params or {},
        language=translation.get_language() or "",
    )
    if input_file is not None:
        job.input_file.save(_input_name(input_file), input_file, save=False)
    job.save()
    job.page_url = page_url(job)
    job.save(update_fields=["page_url"])
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def _input_name(upload) -> str:
    """A stored name that says nothing of the user's file name (kept in the label only)."""
    extension = str(getattr(upload, "name", "") or "").rsplit(".", 1)[-1].lower()
    return "dau-vao." + (extension if extension.isalnum() and len(extension) <= 5 else "bin")


def job_run(job_id: int, work: Callable[..., JobOutput]) -> None:
    job = Job.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        _run(job, work)


def _run(job: Job, work) -> None:
    _set(job, status=JobStatus.RUNNING, progress=5)

    def progress(percent: int, stage: str = "", rows: int = 0) -> None:
        _set(job, progress=max(0, min(100, int(percent))), stage=stage, stage_rows=rows)

    try:
        output = work(job, progress)
    except JobFailed as failure:
        _finish(job, status=JobStatus.FAILED, error=str(failure), result=failure.result)
        return
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, status=JobStatus.FAILED, error=_("Có lỗi ngoài dự kiến khi thực hiện việc này. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống (mã việc %(id)s).") % {"id": job.pk})
        return
    fields = []
    if output.file_name:
        job.file.save(output.file_name, ContentFile(output.content), save=False)
        job.file_name, job.content_type = output.file_name, output.content_type
        fields = ["file", "file_name", "content_type"]
    _finish(job, status=JobStatus.DONE, progress=100, result=output.result, fields=fields)


def _set(job: Job, **values) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=list(values))


def _finish(job: Job, *, fields: list[str] = (), **values) -> None:
    """The end of a job, either way; its input is not kept past it."""
    job.finished_at = timezone.now()
    for name, value in values.items():
        setattr(job, name, value)
    extra = ["finished_at"]
    if job.input_file:
        job.input_file.delete(save=False)
        extra.append("input_file")
    job.save(update_fields=[*fields, *values, *extra])
