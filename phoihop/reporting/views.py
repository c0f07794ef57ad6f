"""Period report pages: the completeness matrix, a member's reports, submit and review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.access import runs_secretariat_of
from phoihop.core.forms import button_action, form_action
from phoihop.programs.selectors import get_program_for_user, programs_for_user
from phoihop.reporting import selectors, services
from phoihop.reporting.forms import ReturnForm, SubmitForm, YearFilterForm
from phoihop.reporting.models import ReportStatus
from phoihop.reporting.periods import period_label
from phoihop.reporting.rules import can_review_report, can_submit_report


@login_required
def report_index(request):
    """The programs whose reporting the user follows, and the reports of its organization."""
    reports = list(selectors.own_reports(request.user)) if request.user.organization_id else []
    today = timezone.localdate()
    rows = [
        (
            report,
            period_label(report.period_start, report.period_end),
            selectors.Cell(report, selectors.report_state(report, today)),
        )
        for report in reports
    ]
    context = {"programs": programs_for_user(request.user), "rows": rows}
    return render(request, "reporting/index.html", context)


@login_required
def completeness_matrix(request, program_pk: int):
    program = get_program_for_user(request.user, program_pk)
    years = selectors.report_years(program)
    form = YearFilterForm(request.GET or None, years=years)
    year = form.cleaned_data.get("nam") if form.is_bound and form.is_valid() else None
    matrix = selectors.completeness(request.user, program, year)
    can_manage = runs_secretariat_of(request.user, program.committee)
    context = {
        "program": program,
        "matrix": matrix,
        "form": form,
        "can_manage": can_manage,
        "waiting": selectors.reports_waiting_review(request.user, program) if can_manage else [],
    }
    return render(request, "reporting/matrix.html", context)


@login_required
@require_POST
def reports_generate(request, program_pk: int):
    program = get_program_for_user(request.user, program_pk)
    if not runs_secretariat_of(request.user, program.committee):
        raise PermissionDenied
    created = services.period_reports_generate(
        actor=request.user, program=program, until=timezone.localdate()
    )
    messages.success(request, _("Đã tạo %(count)s báo cáo định kỳ còn thiếu.") % {"count": created})
    return redirect("reporting:matrix", program_pk=program.pk)


def _activity_url(pk: int) -> str | None:
    try:
        return reverse("activities:detail", args=[pk])
    except NoReverseMatch:
        return None


def _detail(request, report, *, submit_form=None, return_form=None, status=200):
    summary = selectors.activity_summary(request.user, report)
    user = request.user
    can_submit = can_submit_report(user, report) and report.status in services.OPEN_STATUSES
    can_review = can_review_report(user, report) and report.status == ReportStatus.SUBMITTED
    context = {
        "report": report,
        "label": period_label(report.period_start, report.period_end),
        "cell": selectors.Cell(report, selectors.report_state(report, timezone.localdate())),
        "summary": summary,
        "activity_links": [(a, _activity_url(a.pk)) for a in summary.activities],
        "can_submit": can_submit,
        "can_review": can_review,
        "submit_form": submit_form or SubmitForm(initial={"narrative": report.narrative}),
        "return_form": return_form or ReturnForm(),
    }
    return render(request, "reporting/report_detail.html", context, status=status)


@login_required
def report_detail(request, pk: int):
    report = selectors.get_period_report_for_user(request.user, pk)
    return _detail(request, report)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = selectors.get_period_report_for_user(request.user, pk, write=True)
    form = SubmitForm(request.POST)
    done = form_action(
        request,
        form,
        lambda data: services.period_report_submit(
            actor=request.user, report=report, narrative=data["narrative"]
        ),
        success=_("Đã nộp báo cáo."),
        then=lambda _submitted: redirect("reporting:detail", pk=report.pk),
    )
    return done or _detail(request, report, submit_form=form)


@login_required
@require_POST
def report_accept(request, pk: int):
    report = selectors.get_period_report_for_user(request.user, pk, review=True)
    return button_action(
        request,
        lambda _: services.period_report_accept(actor=request.user, report=report),
        success=_("Đã tiếp nhận báo cáo."),
        joined=True,
        back=redirect("reporting:detail", pk=report.pk),
    )


@login_required
@require_POST
def report_return(request, pk: int):
    report = selectors.get_period_report_for_user(request.user, pk, review=True)
    form = ReturnForm(request.POST)
    done = form_action(
        request,
        form,
        lambda data: services.period_report_return(
            actor=request.user, report=report, comment=data["comment"]
        ),
        success=_("Đã trả lại báo cáo để đơn vị bổ sung."),
        then=lambda _returned: redirect("reporting:detail", pk=report.pk),
    )
    return done or _detail(request, report, return_form=form)
