"""Who may use the workbooks of a program, on top of the programs' scoped lookups."""

from phoihop.accounts.models import Role
from phoihop.activities.models import Activity
from phoihop.core.access import get_scoped
from phoihop.jobs.models import Job, JobStatus
from phoihop.programs.models import Program
from phoihop.programs.selectors import programs_for_user

_IMPORTERS = {Role.FOCAL_POINT, Role.SECRETARIAT}
KIND_IMPORT = "activities_import"  # the job kind of an activity import (workbooks/tasks.py)


def can_import_activities(user, program: Program) -> bool:
    """Focal points and secretariat staff of a member (or the host) import; each row is
    then checked against what the user may write (its own organization's activities)."""
    if user.is_administrator:
        return True
    if user.role not in _IMPORTERS or user.organization_id is None:
        return False
    return (
        program.committee.host_id == user.organization_id
        or program.members.filter(organization_id=user.organization_id).exists()
    )


def get_program_for_import(user, pk) -> Program:
    """Outsiders 404, read-only users and non-members 403."""
    return get_scoped(
        programs_for_user(user),
        pk,
        write=True,
        can_write=lambda program: can_import_activities(user, program),
    )


def programs_for_import(user) -> list[Program]:
    """The programs `user` may import activities into, newest first."""
    programs = programs_for_user(user).order_by("-period_start", "name")
    return [program for program in programs if can_import_activities(user, program)]


def drafts_imported_for_others(user, batch, visible: int) -> int:
    """How many rows `user` imported in `batch` that it may not see: drafts led by another
    member, visible to that member only until it submits them. A count, never their text."""
    return Activity.objects.filter(import_batch=batch, created_by=user).count() - visible


def import_of_same_file(program: Program, digest: str) -> Job | None:
    """The newest import into `program`, by anyone, of a file with these very bytes
    (`digest`, its SHA-256) that is queued, running or done: a second upload of it would
    add its rows again. A failed import imported nothing, so it does not count."""
    same = Job.objects.filter(kind=KIND_IMPORT, subject_id=program.pk, params__digest=digest)
    return same.exclude(status=JobStatus.FAILED).order_by("-created_at", "-pk").first()
