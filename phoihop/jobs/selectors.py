"""Reads of jobs: a user sees their own jobs, nobody else's (404, as for any record)."""

from django.db.models import QuerySet

from phoihop.core.access import get_scoped
from phoihop.jobs.models import Job, JobStatus


def jobs_for_user(user) -> QuerySet[Job]:
    if not (user and user.is_authenticated):
        return Job.objects.none()
    return Job.objects.filter(user=user)


def get_job_for_user(user, pk, *, kind: str, subject_id: int) -> Job:
    return get_scoped(jobs_for_user(user).filter(kind=kind, subject_id=subject_id), pk)


def job_pending(user, *, kind: str, subject_id: int) -> Job | None:
    """The user's job of this kind on this record still queued or running, if any."""
    pending = jobs_for_user(user).filter(kind=kind, subject_id=subject_id)
    return pending.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).first()
