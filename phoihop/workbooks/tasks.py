"""Background tasks of workbooks (django-tasks): the import of a filled activity template.

The upload is stored with the job (`Job.input_file`); the worker imports it as the user
who sent it, through the same scoped lookup as the upload page (a user who lost the right
to import meanwhile gets a reason), and reports how far it is: rows read, checked, saved.
The import stays all or nothing; a refused file ends the job with every error of the file
in `Job.result`, for its page to list.
"""

import re
import uuid
import zipfile

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django_tasks import task
from openpyxl.utils.cell import range_boundaries

from phoihop.jobs.services import JobFailed, JobOutput, job_run
from phoihop.lib.vnformat import number
from phoihop.workbooks.importer import activities_import
from phoihop.workbooks.limits import DIMENSION, HEAD_BYTES
from phoihop.workbooks.selectors import KIND_IMPORT, get_program_for_import  # noqa: F401 - the kind, named here too

FIRST_SHEET = "xl/worksheets/sheet1.xml"
# The bar: reading runs from 5% to READ_DONE% as rows come (against the rows the sheet
# declares), then checking and saving.
READ_DONE = 80
STAGE_PERCENT = {"check": 85, "save": 90}


@task()
def activities_import_task(job_id: int) -> None:
    job_run(job_id, activities_import_work)


def activities_import_work(job, progress) -> JobOutput:
    try:
        program = get_program_for_import(job.user, job.subject_id)
    except (Http404, PermissionDenied):
        raise JobFailed(_("Bạn không còn quyền nhập hoạt động vào chương trình này.")) from None
    if not job.input_file:
        raise JobFailed(_("Không còn tệp để nhập. Hãy tải tệp lên lại."))
    with job.input_file.open("rb") as upload:
        declared = declared_rows(upload)
        report = _reporter(progress, declared)
        result = activities_import(
            actor=job.user, program=program, upload=upload, submit=bool(job.params.get("submit")), progress=report
        )
    if not result.ok:
        errors = [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors]
        raise JobFailed(
            _("Không nhập dòng nào: tệp có %(n)s lỗi, liệt kê dưới đây.") % {"n": number(len(errors))},
            result={"errors": errors},
        )
    return JobOutput(result={"created": result.created, "batch": str(result.batch)})


def _reporter(progress, declared: int | None):
    def report(stage: str, rows: int) -> None:
        if stage == "read":
            share = min(1.0, rows / declared) if declared else 0.0
            progress(5 + int((READ_DONE - 5) * share), stage, rows)
        else:
            progress(STAGE_PERCENT.get(stage, READ_DONE), stage, rows)

    return report


def declared_rows(upload) -> int | None:
    """The data rows the first sheet says it holds (its <dimension>), for the bar only;
    None when it says nothing or the file is no zip. The file is left at its start."""
    try:
        with zipfile.ZipFile(upload) as archive, archive.open(FIRST_SHEET) as handle:
            found = DIMENSION.search(handle.read(HEAD_BYTES))
        if not found:
            return None
        _min_col, min_row, _max_col, max_row = range_boundaries(found.group(1).decode())
        return max(1, max_row - max(min_row, 1)) if max_row else None
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, TypeError):
        return None
    finally:
        upload.seek(0)


def batch_of(job) -> uuid.UUID | None:
    """The batch of a finished import job's rows, from its result."""
    value = (job.result or {}).get("batch")
    return uuid.UUID(value) if value and re.fullmatch(r"[0-9a-f-]{36}", value) else None
