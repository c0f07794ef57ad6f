"""Report and case pages: parse input, call one service, render.

Every record comes through a scoped selector: outsiders (and uninvolved members, for a
sensitive case) get 404, read-only users 403 on writes.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.access import runs_secretariat_of
from phoihop.core.downloads import filter_refused, private_download, private_file_view
from phoihop.core.forms import form_action
from phoihop.lib.spreadsheet import csv_writer
from phoihop.lib.vnformat import short_date
from phoihop.situations import selectors, services
from phoihop.situations.forms import (
    AssignForm,
    CaseFilterForm,
    CloseForm,
    EscalateForm,
    FollowUpForm,
    MergeForm,
    OpenCaseForm,
    RecurrenceForm,
    ReopenForm,
    ReportFilterForm,
    ReportForm,
)
from phoihop.situations.models import Case

PER_PAGE = 50


def _page(request, items):
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return page, query.urlencode()


# --- Cases --------------------------------------------------------------------------------


@login_required
def case_list(request):
    form = CaseFilterForm(request.GET or None, user=request.user)
    cases = selectors.cases_for_user(request.user, form.filters())
    page, query = _page(request, cases)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "counts": selectors.case_counts(cases),
        "today": timezone.localdate(),
    }
    return render(request, "situations/case_list.html", context)


@login_required
@private_download
def case_export(request):
    """The filtered list as CSV (UTF-8 with BOM, so Excel reads the diacritics); filters
    that do not validate export nothing."""
    form = CaseFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return filter_refused(request, form, reverse("situations:case_list"))
    cases = selectors.cases_for_user(request.user, form.filters())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vu-viec.csv"'
    response.write("\ufeff")
    writer = csv_writer(response)
    writer.writerow([_("Số"), _("Tên vụ việc"), _("Lĩnh vực"), _("Địa bàn"), _("Ngày tiếp nhận"),
                     _("Chủ trì"), _("Hạn xử lý"), _("Trạng thái"), _("Quá hạn")])
    today = timezone.localdate()
    for case in cases:
        writer.writerow([
            case.pk, case.title, case.topic.name, case.locality.full_name, short_date(case.opened_on),
            case.lead.name if case.lead else "", short_date(case.due_date) if case.due_date else "",
            case.get_status_display(), _("Có") if selectors.case_is_overdue(case, today) else "",
        ])
    return response


def _detail_context(request, case: Case, **bound) -> dict:
    detail = selectors.case_detail_for_user(request.user, case)
    revision = {"revision": case.revision}
    forms = {
        "assign_form": AssignForm(initial={**revision, "lead": case.lead_id,
                                           "supporters": [o.pk for o in detail.supporters],
                                           "due_date": case.due_date}, case=case),
        "follow_up_form": FollowUpForm(initial=revision),
        "close_form": CloseForm(initial=revision),
        "reopen_form": ReopenForm(initial=revision),
        "escalate_form": EscalateForm(initial=revision, higher=detail.higher),
        "recurrence_form": RecurrenceForm(earlier_cases=selectors.earlier_cases_for(request.user, case)),
    }
    forms.update(bound)
    return {"case": case, "detail": detail, **forms}


@login_required
def case_detail(request, pk: int):
    case = selectors.get_case_for_user(request.user, pk)
    return render(request, "situations/case_detail.html", _detail_context(request, case))


def _act(request, case, form_name: str, form, run, success: str):
    """Run a case action from a bound form; on bad input show the page with the errors."""
    done = form_action(
        request, form, run, success=success, then=lambda _done: redirect("situations:case_detail", pk=case.pk)
    )
    if done:
        return done
    fresh = selectors.get_case_for_user(request.user, case.pk)
    context = _detail_context(request, fresh, **{form_name: form})
    context["open_form"] = form_name
    return render(request, "situations/case_detail.html", context, status=400)


@login_required
@require_POST
def case_assign(request, pk: int):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = AssignForm(request.POST, case=case)
    return _act(request, case, "assign_form", form, lambda d: services.case_assign(
        actor=request.user, case=case, lead=d["lead"], supporters=d["supporters"], due_date=d["due_date"],
        revision=d["revision"],
    ), _("Đã phân công xử lý vụ việc."))


@login_required
@require_POST
def case_follow_up(request, pk: int):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = FollowUpForm(request.POST, request.FILES)
    return _act(request, case, "follow_up_form", form, lambda d: services.case_follow_up(
        actor=request.user, case=case, happened_on=d["happened_on"], text=d["text"],
        attachments=d["attachments"], revision=d["revision"],
    ), _("Đã ghi kết quả theo dõi, xử lý."))


@login_required
@require_POST
def case_close(request, pk: int):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = CloseForm(request.POST)
    return _act(request, case, "close_form", form, lambda d: services.case_close(
        actor=request.user, case=case, status=d["status"], outcome=d["outcome"], closed_on=d["closed_on"],
        revision=d["revision"],
    ), _("Đã kết thúc vụ việc."))


@login_required
@require_POST
def case_reopen(request, pk: int):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = ReopenForm(request.POST)
    return _act(request, case, "reopen_form", form, lambda d: services.case_reopen(
        actor=request.user, case=case, reason=d["reason"], revision=d["revision"],
    ), _("Đã mở lại vụ việc."))


@login_required
@require_POST
def case_escalate(request, pk: int):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = EscalateForm(request.POST, higher=selectors.higher_committees(case.committee))
    return _act(request, case, "escalate_form", form, lambda d: services.case_escalate(
        actor=request.user, case=case, to_committee=d["to_committee"], revision=d["revision"],
    ), _("Đã chuyển vụ việc lên Ban Chỉ đạo cấp trên."))


@login_required
@require_POST
def case_link_recurrence(request, pk: int):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = RecurrenceForm(request.POST, earlier_cases=selectors.earlier_cases_for(request.user, case))
    return _act(request, case, "recurrence_form", form, lambda d: services.case_link_recurrence(
        actor=request.user, case=case, earlier=d["earlier"],
    ), _("Đã liên kết vụ việc tái diễn."))


# Files are served only here, after the same check as their case or report.
attachment_download = private_file_view(selectors.get_attachment_for_user)


# --- Reports ------------------------------------------------------------------------------


@login_required
def report_list(request):
    form = ReportFilterForm(request.GET or None, user=request.user)
    page, query = _page(request, selectors.reports_for_user(request.user, form.filters()))
    can_report = bool(selectors.committees_for_reporting(request.user))
    context = {"form": form, "page": page, "query": query, "can_report": can_report}
    return render(request, "situations/report_list.html", context)


@login_required
def report_create(request):
    committees = selectors.committees_for_reporting(request.user)
    if not committees:
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None, committees=committees)
    done = form_action(
        request,
        form,
        lambda data: services.report_create(
            actor=request.user, committee=data["committee"], reported_on=data["reported_on"],
            locality=data["locality"], topic=data["topic"], title=data["title"],
            description=data["description"], severity=data["severity"],
            people_affected=data["people_affected"], sensitive=data["sensitive"],
            attachments=data["attachments"],
        ),
        success=_("Đã ghi nhận báo cáo tình hình."),
        then=lambda report: redirect("situations:report_detail", pk=report.pk),
    )
    if done:
        return done
    status = 400 if form.errors else 200
    return render(request, "situations/report_form.html", {"form": form}, status=status)


def _report_context(request, report, **bound) -> dict:
    can_manage = runs_secretariat_of(request.user, report.committee)
    context = {
        "report": report,
        "attachments": list(report.attachments.order_by("pk")),
        "can_manage": can_manage and report.case_id is None,
        "open_form": OpenCaseForm(),
        "merge_form": MergeForm(cases=selectors.open_cases_for_merge(request.user, report)),
    }
    context.update(bound)
    return context


@login_required
def report_detail(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk)
    return render(request, "situations/report_detail.html", _report_context(request, report))


@login_required
@require_POST
def report_open_case(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk, write=True)
    form = OpenCaseForm(request.POST)
    done = form_action(
        request,
        form,
        lambda data: services.case_open(actor=request.user, report=report, **data),
        success=_("Đã mở vụ việc từ báo cáo."),
        then=lambda case: redirect("situations:case_detail", pk=case.pk),
    )
    if done:
        return done
    context = _report_context(request, report, open_form=form)
    return render(request, "situations/report_detail.html", context, status=400)


@login_required
@require_POST
def report_merge(request, pk: int):
    report = selectors.get_report_for_user(request.user, pk, write=True)
    form = MergeForm(request.POST, cases=selectors.open_cases_for_merge(request.user, report))
    done = form_action(
        request,
        form,
        lambda data: services.report_merge(
            actor=request.user, duplicate=report, into_case=data["into_case"]
        ),
        success=_("Đã gộp báo cáo vào vụ việc."),
        then=lambda _merged: redirect(
            "situations:case_detail", pk=form.cleaned_data["into_case"].pk
        ),
    )
    if done:
        return done
    context = _report_context(request, report, merge_form=form)
    return render(request, "situations/report_detail.html", context, status=400)
