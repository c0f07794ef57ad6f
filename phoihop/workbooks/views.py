"""Excel pages: download a program's template, import a filled one, export a list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities.forms import ActivityFilterForm
from phoihop.core.downloads import filter_refused, private_download
from phoihop.lib.vnformat import number
from phoihop.programs.selectors import get_program_for_user
from phoihop.workbooks.export import activities_workbook
from phoihop.workbooks.forms import ImportForm
from phoihop.workbooks.importer import activities_import
from phoihop.workbooks.selectors import get_program_for_import
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


@login_required
def activities_upload(request, program_pk: int):
    program = get_program_for_import(request.user, program_pk)
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    result = None
    if posted and form.is_valid():
        result = activities_import(
            actor=request.user,
            program=program,
            upload=form.cleaned_data["file"],
            submit=form.cleaned_data["submit"],
        )
        if result.ok:
            messages.success(request, _("Đã nhập %(n)s hoạt động.") % {"n": number(result.created)})
            return redirect("workbooks:import", program.pk)
    context = {
        "program": program,
        "form": form,
        "result": result,
        "errors": result.errors[:ERRORS_SHOWN] if result else [],
        "more": max(0, len(result.errors) - ERRORS_SHOWN) if result else 0,
    }
    return render(request, "workbooks/import.html", context)


@login_required
@private_download
def activities_export(request):
    """The list's filters, or none; filters that do not validate export nothing."""
    form = ActivityFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return filter_refused(request, form, reverse("activities:list"))
    content = activities_workbook(request.user, form.filters())
    return _xlsx(content, f"hoat-dong-{timezone.localdate():%Y-%m-%d}.xlsx")
