"""Review pages: list, create, the review itself, edit its text, a member's contribution,
issue; and the figures dashboard. Views parse input, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.forms import button_action, form_action
from phoihop.programs.selectors import program_current_for_committee, programs_for_user
from phoihop.reviews import charts, selectors, services
from phoihop.reviews.assessment import statements_of
from phoihop.reviews.dashboard import (
    CHARTS,
    chart_names,
    chart_svg,
    dashboard_for_user,
    default_period,
)
from phoihop.reviews.forms import (
    ContributionForm,
    DashboardFilterForm,
    ReviewCreateForm,
    ReviewEditForm,
    manageable_programs,
)
from phoihop.reviews.models import ReviewStatus
from phoihop.reviews.render.tables import ACHIEVED_NOTE
from phoihop.reviews.render.text import document_text
from phoihop.reviews.rules import can_manage_reviews


def _chart_image(url: str, title) -> str:
    return format_html('<img src="{}" alt="{}">', url, title)


def _svg_response(svg: bytes) -> HttpResponse:
    """A chart as an SVG file: no script may run in it (it keeps matplotlib's <style>)."""
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, max-age=300"
    return response


def review_chart_images(report, review) -> dict[str, str]:
    """The review page's charts as <img> tags: name → tag. The query string names the
    figures drawn (when they were computed, full or redacted), so a browser's copy of a
    chart is never one of other figures."""
    version = f"{review.computed_at:%Y%m%d%H%M%S%f}{'r' if review.redacted else ''}"
    return {
        name: _chart_image(
            f"{reverse('reviews:chart', args=[report.pk, name])}?v={version}",
            charts.REVIEW_CHARTS[name][0],
        )
        for name in charts.chart_names(review)
    }


@login_required
def review_list(request):
    context = {
        "reviews": selectors.reviews_for_user(request.user).order_by("-end", "-pk"),
        "open_for_contribution": selectors.reviews_open_for_contribution(request.user),
        "can_create": bool(manageable_programs(request.user)),
    }
    return render(request, "reviews/review_list.html", context)


@login_required
def review_create(request):
    if not manageable_programs(request.user):
        raise PermissionDenied
    form = ReviewCreateForm(request.POST or None, user=request.user)
    done = form_action(
        request,
        form,
        lambda data: services.review_create(
            actor=request.user,
            program=data["program"],
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            units=data["units"],
            title=data["title"],
            layout=data["layout"],
        ),
        success=_("Đã tạo dự thảo báo cáo từ số liệu."),
        then=lambda report: redirect("reviews:detail", pk=report.pk),
    )
    if done:
        return done
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "reviews/review_create.html", {"form": form}, status=status)


@login_required
def review_detail(request, pk: int):
    report = selectors.get_review_for_user(request.user, pk)
    review = selectors.review_for_page(request.user, report)
    can_manage = can_manage_reviews(request.user, report.program)
    context = {
        "report": report,
        "review": review,
        "charts": review_chart_images(report, review),
        "document": document_text(review, report),
        "contributions": selectors.contributions_for(report),
        "attached_texts": selectors.attached_texts_for(request.user, report),
        "can_edit": can_manage and report.status == ReviewStatus.DRAFT,
        "strengths": statements_of(review, "result") + statements_of(review, "strength"),
        "limitations": statements_of(review, "limitation"),
        "achieved_note": ACHIEVED_NOTE(),
    }
    return render(request, "reviews/review_detail.html", context)


@login_required
def review_chart(request, pk: int, name: str):
    """One chart of the review page, as SVG: whoever may read the review, with the figures
    the page shows them (frozen once issued, redacted without sensitive access)."""
    report = selectors.get_review_for_user(request.user, pk)
    review = selectors.review_for_page(request.user, report)
    if name not in charts.chart_names(review):
        raise Http404
    return _svg_response(charts.REVIEW_CHARTS[name][1](review))


@login_required
def review_edit(request, pk: int):
    report = selectors.get_review_for_user(request.user, pk, write=True)
    if report.status != ReviewStatus.DRAFT:
        messages.error(request, _("Báo cáo đã ban hành, không thể sửa."))
        return redirect("reviews:detail", pk=report.pk)
    if request.method != "POST":
        form = ReviewEditForm(instance=report, initial={"version": report.revision})
        return render(request, "reviews/review_edit.html", {"form": form, "report": report})
    form = ReviewEditForm(request.POST, instance=report)
    done = form_action(
        request,
        form,
        lambda data: services.review_update(
            actor=request.user,
            review=report,
            version=data["version"],
            **{k: v for k, v in data.items() if k != "version"},
        ),
        then=lambda _review: redirect("reviews:detail", pk=report.pk),
    )
    if done:
        return done
    return render(request, "reviews/review_edit.html", {"form": form, "report": report}, status=400)


@login_required
@require_POST
def review_issue(request, pk: int):
    report = selectors.get_review_for_user(request.user, pk, write=True)
    return button_action(
        request,
        lambda _: services.review_issue(actor=request.user, review=report),
        success=_("Đã ban hành báo cáo; số liệu được giữ nguyên như lúc ban hành."),
        joined=True,
        back=redirect("reviews:detail", pk=report.pk),
    )


@login_required
def contribution_edit(request, pk: int):
    report = selectors.get_review_for_contribution(request.user, pk)
    form = ContributionForm(
        request.POST or None, instance=selectors.own_contribution(request.user, report)
    )
    done = form_action(
        request,
        form,
        lambda data: services.contribution_submit(actor=request.user, review=report, text=data["text"]),
        success=_("Đã gửi ý kiến của đơn vị tới Thường trực Ban Chỉ đạo."),
        then=lambda _contribution: redirect("reviews:list"),
    )
    if done:
        return done
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "reviews/contribution_form.html", {"form": form, "report": report}, status=status
    )


def _dashboard_program(request, form):
    if form.is_bound and form.is_valid() and form.cleaned_data.get("program"):
        return form.cleaned_data["program"]
    programs = programs_for_user(request.user)
    first = programs.first()
    current = program_current_for_committee(first.committee) if first else None
    return current if current is not None and programs.filter(pk=current.pk).exists() else first


def _dashboard_board(request):
    """(form, program, board) for the dashboard's query string; board is None when the
    user takes part in no program."""
    form = DashboardFilterForm(request.GET or None, user=request.user)
    program = _dashboard_program(request, form)
    if program is None:
        return form, None, None
    start, end = default_period(program)
    form.fields["start"].initial, form.fields["end"].initial = start, end
    form.fields["program"].initial = program.pk
    member = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data.get("start") or start, form.cleaned_data.get("end") or end
        member = form.cleaned_data.get("member")
    board = dashboard_for_user(
        request.user, program=program, start=start, end=end, member_id=member
    )
    return form, program, board


@login_required
def dashboard(request):
    form, program, board = _dashboard_board(request)
    status = 400 if form.is_bound and form.errors else 200
    if board is None:
        return render(
            request, "reviews/dashboard.html", {"form": form, "board": None}, status=status
        )
    query = request.GET.urlencode()
    images = {
        name: _chart_image(
            reverse("reviews:dashboard_chart", args=[name]) + (f"?{query}" if query else ""),
            CHARTS[name][0],
        )
        for name in chart_names(board)
    }
    context = {
        "form": form,
        "board": board,
        "program": program,
        "review": board.review,
        "charts": images,
        "achieved_note": ACHIEVED_NOTE(),
    }
    return render(request, "reviews/dashboard.html", context, status=status)


@login_required
def dashboard_chart(request, name: str):
    """One chart of the dashboard, as SVG, for the same query string as the page."""
    form, _program, board = _dashboard_board(request)
    if board is None or name not in chart_names(board):
        raise Http404
    if form.is_bound and form.errors:
        return HttpResponse(status=400)
    return _svg_response(chart_svg(board, name))
