"""Intake pages: bring in a text, review what was read, confirm the drafts to make.

Every document comes through get_document_for_user: outsiders get 404, read-only users
403 (the review screen is a tool for those who may make records).
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.forms import form_action
from phoihop.intake import drafts, presenter, selectors, services
from phoihop.intake.forms import ActivityDraftForm, IntakeForm, ReportDraftForm
from phoihop.intake.reading import MAX_FILE_BYTES
from phoihop.programs.models import Indicator, Program
from phoihop.reviews.models import ReviewReport, ReviewStatus
from phoihop.reviews.rules import can_manage_reviews


@login_required
def intake_home(request):
    committees = selectors.intake_committees_for_user(request.user)
    if not committees:
        raise PermissionDenied
    # A body over the limits never gets here: RequestSizeLimitMiddleware answers 413.
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = IntakeForm(data, files, committees=committees)
    done = form_action(
        request,
        form,
        lambda data: _create(request, data),
        success=_("Đã đọc văn bản. Hãy kiểm tra, sửa rồi xác nhận những gì cần tạo."),
        then=lambda document: redirect("intake:document", pk=document.pk),
    )
    if done:
        return done
    return _home(request, form, status=400 if form.errors else 200)


def _create(request, data):
    upload = data.get("file")
    return services.intake_create(
        actor=request.user,
        committee=data["committee"],
        text=data.get("text") or "",
        upload=(upload.name, upload.read(MAX_FILE_BYTES + 1)) if upload else None,
        on=data.get("on"),
        title=data.get("title") or "",
    )


def _home(request, form, *, status=200):
    documents = selectors.documents_for_user(request.user)[:50]
    context = {"form": form, "documents": documents}
    return render(request, "intake/home.html", context, status=status)


@login_required
def document_detail(request, pk):
    document = selectors.get_document_for_user(request.user, pk, write=True)
    return _review(request, document)


def _review(request, document, *, report_form=None, activity_form=None, status=200):
    extraction = document.extraction
    programs = _programs(document)
    context = {
        "document": document,
        "text": presenter.highlighted(document.text, extraction.get("spans", [])),
        "x": extraction,
        "locality_rows": presenter.locality_rows(extraction),
        "topics": extraction.get("topics", []),
        "report_form": report_form or ReportDraftForm(initial={
            "reported_on": document.text_date, "description": services.excerpt(document)}),
        "activity_form": activity_form or (ActivityDraftForm(programs=programs, initial=_activity_initial(
            request.user, document, programs)) if programs else None),
        "figures": _figure_rows(extraction),
        "indicators": Indicator.objects.filter(is_active=True),
        "reviews": _reviews(request.user, document),
        "reports": document.reports.select_related("locality", "topic"),
        "activities": document.activities.all(),
    }
    return render(request, "intake/document.html", context, status=status)


def _programs(document) -> list:
    return list(Program.objects.filter(committee=document.committee).order_by("-period_start"))


def _activity_initial(user, document, programs) -> dict:
    day = document.text_date
    program = next((p for p in programs if p.period_start <= day <= p.period_end), programs[0])
    extraction = document.extraction
    member_ids = set(program.members.values_list("organization_id", flat=True))
    found = [o["registry_id"] for o in extraction.get("organizations", []) if o.get("registry_id") in member_ids]
    actors = drafts.actors(document.text, extraction)
    said_lead = (actors.lead or {}).get("registry_id")
    if said_lead in member_ids:  # the text says who did the work
        lead = said_lead
        said = [p.get("registry_id") for p in actors.partners if p.get("registry_id") in member_ids]
        partners = [pk for pk in dict.fromkeys(said or found) if pk != lead]
    else:
        lead = user.organization_id if user.organization_id in member_ids else (found[0] if found else None)
        partners = [pk for pk in found if pk != lead]
    # A title the user gave is kept; the one intake gave (the text's first line, cut) is replaced.
    title = document.title if document.title != services.first_line(document.text) else ""
    return {
        "program": program.pk, "start_date": day, "end_date": day,
        "title": (title or drafts.title(document.text, extraction) or document.title)[:300],
        "content_area": program.content_areas.order_by("number").values_list("pk", flat=True).first(),
        "lead": lead, "partners": partners,
    }



def _figure_rows(extraction) -> list[dict]:
    codes = {f["indicator"] for f in extraction.get("figures", []) if f.get("indicator")}
    indicators = dict(Indicator.objects.filter(code__in=codes).values_list("code", "pk"))
    return [f | {"index": i, "indicator_id": indicators.get(f.get("indicator"))}
            for i, f in enumerate(extraction.get("figures", []))]


def _reviews(user, document):
    reviews = ReviewReport.objects.visible_to(user).filter(
        program__committee=document.committee, status=ReviewStatus.DRAFT).select_related("program__committee")
    return [r for r in reviews if can_manage_reviews(user, r.program)]


@login_required
@require_POST
def document_make_reports(request, pk):
    document = selectors.get_document_for_user(request.user, pk, write=True)
    form = ReportDraftForm(request.POST)
    done = form_action(
        request,
        form,
        lambda data: services.intake_make_reports(
            actor=request.user, document=document, selections=_report_choices(request, document),
            reported_on=data["reported_on"], description=data["description"],
            severity=data["severity"],
        ),
        success=lambda made: _("Đã tạo %(count)s báo cáo nắm tình hình.") % {"count": len(made)},
        then=lambda _made: redirect("intake:document", pk=document.pk),
    )
    if done:
        return done
    return _review(request, document, report_form=form, status=400)


def _report_choices(request, document) -> list[services.ReportChoice]:
    rows = {str(r["index"]): r for r in presenter.locality_rows(document.extraction)}
    topics = request.POST.getlist("topic")
    choices = []
    for index in request.POST.getlist("loc"):
        row = rows.get(index)
        if row is None:
            continue
        unit_id = row["row"].get("id") if not row["choices"] else _int(request.POST.get(f"choice_{index}"))
        if unit_id is None:
            raise ValidationError(_("Hãy chọn một đơn vị cho địa bàn “%(name)s” (tên trùng nhiều nơi).")
                                  % {"name": row["row"]["name"]})
        choices += [services.ReportChoice(locality_id=unit_id, topic_code=code) for code in topics]
    return choices


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def document_make_activity(request, pk):
    document = selectors.get_document_for_user(request.user, pk, write=True)
    form = ActivityDraftForm(request.POST, programs=_programs(document))
    done = form_action(
        request,
        form,
        lambda data: services.intake_make_activities(actor=request.user, document=document, selections=[
            services.ActivityChoice(
                program=data["program"], title=data["title"], start_date=data["start_date"],
                end_date=data["end_date"], content_area_id=data["content_area"].pk, lead_id=data["lead"].pk,
                partner_ids=[o.pk for o in data["partners"]], locality_ids=_activity_localities(request, document),
                narrative=data["narrative"], figures=_figures(request),
            )]),
        success=lambda made: _("Đã tạo hoạt động nháp “%(title)s”.") % {"title": made[0].title},
        then=lambda _made: redirect("intake:document", pk=document.pk),
    )
    if done:
        return done
    return _review(request, document, activity_form=form, status=400)


def _activity_localities(request, document) -> list[int]:
    rows = {str(r["index"]): r for r in presenter.locality_rows(document.extraction)}
    ids = []
    for index in request.POST.getlist("loc"):
        row = rows.get(index)
        unit_id = (row["row"].get("id") if not row["choices"] else _int(request.POST.get(f"choice_{index}"))) if row else None
        if unit_id:
            ids.append(unit_id)
    return ids


def _figures(request) -> dict[int, Decimal]:
    figures = {}
    for index in request.POST.getlist("fig"):
        indicator = _int(request.POST.get(f"fig_indicator_{index}"))
        try:
            value = Decimal(request.POST.get(f"fig_value_{index}", "").replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_("Số liệu không hợp lệ.")) from None
        if indicator:
            figures[indicator] = figures.get(indicator, Decimal(0)) + value
    return figures


@login_required
@require_POST
def document_attach_review(request, pk):
    document = selectors.get_document_for_user(request.user, pk, write=True)
    reviews = {str(r.pk): r for r in _reviews(request.user, document)}
    review = reviews.get(request.POST.get("review", ""))
    if review is None:
        messages.error(request, _("Hãy chọn một báo cáo sơ kết, tổng kết đang soạn."))
        return redirect("intake:document", pk=document.pk)
    services.intake_attach_to_review(actor=request.user, document=document, review=review)
    messages.success(request, _("Đã đính kèm văn bản vào “%(title)s”.") % {"title": review})
    return redirect("intake:document", pk=document.pk)
