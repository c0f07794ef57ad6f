"""Excel pages: download a program's template, import a filled one, export a list."""

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
from phoihop.lib.vnformat import number
from phoihop.programs.selectors import get_plan_for_user, get_program_for_user
from phoihop.workbooks.export import activities_workbook
from phoihop.workbooks.forms import ImportForm, TasksImportForm
from phoihop.workbooks.importer import activities_import
from phoihop.workbooks.plan_tasks import plan_tasks_import, plan_tasks_workbook
from phoihop.workbooks.selectors import (
    drafts_imported_for_others,
    get_program_for_import,
    programs_for_import,
)
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


@login_required
def activities_upload(request, program_pk: int):
    program = get_program_for_import(request.user, program_pk)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    refused = {}

    def run(data):
        result = activities_import(
            actor=request.user, program=program, upload=data["file"], submit=data["submit"]
        )
        if not result.ok:
            refused["result"] = result
            raise _refused(result)
        return result

    done = form_action(
        request,
        form,
        run,
        success=lambda result: _("Đã nhập %(n)s hoạt động.") % {"n": number(result.created)},
        then=lambda result: redirect("workbooks:imported", result.batch),
    )
    if done:
        return done
    context = {"program": program, "form": form, **_error_context(refused.get("result"))}
    return render(request, "workbooks/import.html", context)


@login_required
def activities_imported(request, batch):
    """What one import created, as far as `user` may see it: a count, and links to the
    rows in the activity list and to their export."""
    activities = activities_for_user(request.user, {"batch": batch})
    first = activities.select_related("program").first()
    if first is None:
        raise Http404
    count = activities.count()
    context = {
        "batch": batch,
        "program": first.program,
        "count": count,
        "drafts_of_others": drafts_imported_for_others(request.user, batch, count),
    }
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
