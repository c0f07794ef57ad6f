"""Excel pages: download a program's template, import a filled one, export a list.

An activity import is a background job (workbooks/tasks.py): the upload page stores the
file with a queued job and answers with the job's page, which follows its progress and
ends with the rows created or every error of the file.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities.forms import ActivityFilterForm
from phoihop.activities.selectors import activities_for_user
from phoihop.core.downloads import filter_refused, private_download
from phoihop.core.forms import form_action
from phoihop.jobs.models import JobStatus
from phoihop.jobs.selectors import get_job_for_user
from phoihop.jobs.services import job_start
from phoihop.jobs.views import job_page
from phoihop.lib.text import nfc
from phoihop.lib.vnformat import number, short_date
from phoihop.programs.selectors import get_plan_for_user, get_program_for_user
from phoihop.workbooks.export import activities_workbook
from phoihop.workbooks.forms import ImportForm, TasksImportForm, file_digest
from phoihop.workbooks.plan_tasks import plan_tasks_import, plan_tasks_workbook
from phoihop.workbooks.selectors import (
    drafts_imported_for_others,
    get_program_for_import,
    import_of_same_file,
    programs_for_import,
)
from phoihop.workbooks.tasks import KIND_IMPORT, activities_import_task, batch_of
from phoihop.workbooks.template import activity_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS_SHOWN = 500


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@private_download
def template_download(request, program_pk: int):
    program = get_program_for_user(request.user, program_pk)
    return _xlsx(activity_template(program), f"mau-hoat-dong-chuong-trinh-{program.pk}.xlsx")


def _refused(result) -> ValidationError:
    return ValidationError(
        _("Không nhập dòng nào: tệp có %(n)s lỗi, liệt kê dưới đây.")
        % {"n": number(len(result.errors))}
    )


def _error_context(result) -> dict:
    errors = result.errors if result else []
    return {
        "result": result,
        "errors": errors[:ERRORS_SHOWN],
        "more": max(0, len(errors) - ERRORS_SHOWN),
    }


@login_required
def import_choose(request):
    """Nhập từ Excel: the programs `user` may import into; with one, straight to it."""
    programs = programs_for_import(request.user)
    if not programs:
        raise PermissionDenied
    if len(programs) == 1:
        return redirect("workbooks:import", programs[0].pk)
    return render(request, "workbooks/choose.html", {"programs": programs})


def _file_label(upload) -> str:
    name = "".join(ch for ch in nfc(str(upload.name or "")) if ch.isprintable())[:200]
    return _("Nhập hoạt động từ tệp %(name)s") % {"name": name}


def _already_imported(earlier) -> ValidationError:
    """Refuse a second import of a file already imported into the program (by anyone:
    the message names no one), unless the user says to import it again."""
    when = timezone.localtime(earlier.created_at)
    if earlier.status == JobStatus.DONE:
        message = _(
            "Tệp này đã được nhập vào chương trình lúc %(time)s ngày %(day)s (%(n)s hoạt động). "
            "Nhập lại sẽ tạo các hoạt động trùng; nếu thật sự cần, chọn lại tệp, đánh dấu «Vẫn nhập lại tệp này» rồi gửi."
        ) % {"time": when.strftime("%H:%M"), "day": short_date(when.date()), "n": number((earlier.result or {}).get("created", 0))}
    else:
        message = _(
            "Tệp này đang được nhập vào chương trình (từ lúc %(time)s ngày %(day)s). Hãy chờ lần nhập đó xong; "
            "nếu thật sự cần nhập thêm một lần, chọn lại tệp, đánh dấu «Vẫn nhập lại tệp này» rồi gửi."
        ) % {"time": when.strftime("%H:%M"), "day": short_date(when.date())}
    return ValidationError({"again": message})


@login_required
def activities_upload(request, program_pk: int):
    """Store the file with a queued import job and show the job's page."""
    program = get_program_for_import(request.user, program_pk)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()

    def run(data):
        digest = file_digest(data["file"])
        earlier = import_of_same_file(program, digest)
        if earlier is not None and earlier.status != JobStatus.DONE and earlier.user_id == request.user.pk:
            return earlier  # the same file sent twice (a double click): follow the first
        if earlier is not None and not data["again"]:
            raise _already_imported(earlier)
        return job_start(
            user=request.user,
            kind=KIND_IMPORT,
            subject_id=program.pk,
            label=_file_label(data["file"]),
            page_url=lambda job: reverse("workbooks:import_job", args=[program.pk, job.pk]),
            task=activities_import_task,
            params={"submit": data["submit"], "digest": digest},
            input_file=data["file"],
        )

    done = form_action(
        request,
        form,
        run,
        success=_("Đã nhận tệp. Hệ thống kiểm tra từng ô rồi nhập; trang này theo dõi tiến độ."),
        then=lambda job: redirect(job.page_url),
    )
    if done:
        return done
    return render(request, "workbooks/import.html", {"program": program, "form": form})


@login_required
def activities_import_job(request, program_pk: int, job_pk: int):
    """One import: its progress; then the rows created, or every error of the file."""
    program = get_program_for_import(request.user, program_pk)
    job = get_job_for_user(request.user, job_pk, kind=KIND_IMPORT, subject_id=program.pk)
    context = {"program": program}
    batch = batch_of(job) if job.status == JobStatus.DONE else None
    if batch is not None:
        nothing_visible = {"count": 0, "drafts_of_others": drafts_imported_for_others(request.user, batch, 0)}
        context |= _imported(request.user, batch) or nothing_visible
    if job.status == JobStatus.FAILED and job.result:
        errors = job.result.get("errors", [])
        context |= {"result": {"ok": False, "errors": errors}, "errors": errors, "more": 0}
    back = reverse("workbooks:import", args=[program.pk])
    return job_page(request, job, back_url=back, template="workbooks/import_job.html", context=context)


def _imported(user, batch) -> dict | None:
    """What one import created, as far as `user` may see it (None: nothing)."""
    activities = activities_for_user(user, {"batch": batch})
    first = activities.select_related("program").first()
    if first is None:
        return None
    count = activities.count()
    return {
        "batch": batch,
        "program": first.program,
        "count": count,
        "drafts_of_others": drafts_imported_for_others(user, batch, count),
    }


@login_required
def activities_imported(request, batch):
    """What one import created, as far as `user` may see it: a count, and links to the
    rows in the activity list and to their export."""
    context = _imported(request.user, batch)
    if context is None:
        raise Http404
    return render(request, "workbooks/imported.html", context)


@login_required
@private_download
def activities_export(request):
    """The list's filters, or none; filters that do not validate export nothing."""
    form = ActivityFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return filter_refused(request, form, reverse("activities:list"))
    content = activities_workbook(request.user, form.filters())
    return _xlsx(content, f"hoat-dong-{timezone.localdate():%Y-%m-%d}.xlsx")


# --- the tasks of an annual plan --------------------------------------------------------


@login_required
@private_download
def plan_template_download(request, plan_pk: int):
    plan = get_plan_for_user(request.user, plan_pk)
    return _xlsx(
        plan_tasks_workbook(plan, with_rows=False), f"mau-nhiem-vu-ke-hoach-{plan.year}.xlsx"
    )


@login_required
@private_download
def plan_tasks_export(request, plan_pk: int):
    plan = get_plan_for_user(request.user, plan_pk)
    return _xlsx(plan_tasks_workbook(plan, with_rows=True), f"nhiem-vu-ke-hoach-{plan.year}.xlsx")


@login_required
def plan_tasks_upload(request, plan_pk: int):
    """The secretariat brings in the plan's table of tasks; the plan page lists them after."""
    plan = get_plan_for_user(request.user, plan_pk, write=True)
    form = (
        TasksImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else TasksImportForm()
    )
    refused = {}

    def run(data):
        result = plan_tasks_import(actor=request.user, plan=plan, upload=data["file"])
        if not result.ok:
            refused["result"] = result
            raise _refused(result)
        return result

    done = form_action(
        request,
        form,
        run,
        success=lambda result: (
            _("Đã nhập %(n)s nhiệm vụ vào kế hoạch.") % {"n": number(result.created)}
        ),
        then=lambda _result: redirect("programs:plan_detail", pk=plan.pk),
    )
    if done:
        return done
    context = {
        "plan": plan,
        "program": plan.program,
        "form": form,
        **_error_context(refused.get("result")),
    }
    return render(request, "workbooks/plan_import.html", context)
