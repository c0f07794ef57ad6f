"""Activity pages: parse input, call one service, render.

Every record comes through a scoped selector: outsiders get 404, read-only users 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.activities import selectors, services
from phoihop.activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    AttachmentForm,
    ConfirmForm,
    RespondForm,
    ReturnForm,
)
from phoihop.activities.models import ParticipantRole
from phoihop.activities.rules import can_edit_activity, can_respond_for, can_review_activity
from phoihop.core.access import get_scoped
from phoihop.core.downloads import private_file_view
from phoihop.core.forms import button_action, form_action
from phoihop.organizations.selectors import get_organization_for_user

PER_PAGE = 50


def _page(request, items):
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return page, query.urlencode()


def _flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def activity_list(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    activities = selectors.activities_for_user(request.user, form.filters())
    page, query = _page(request, activities)
    return render(request, "activities/list.html", {"form": form, "page": page, "query": query})


@login_required
def organization_record(request, pk: int | None = None):
    """Hoạt động của đơn vị: every activity the organization leads or takes part in."""
    if pk is None and request.user.organization_id is None:
        messages.info(request, _("Tài khoản của bạn không thuộc tổ chức nào."))
        return redirect("activities:list")
    organization = get_organization_for_user(request.user, pk or request.user.organization_id)
    page, query = _page(request, selectors.organization_activities(request.user, organization))
    context = {"organization": organization, "page": page, "query": query}
    return render(request, "activities/organization.html", context)


def _program_for_create(request):
    """The program to report in: the only one, or the one chosen (?chuong-trinh=)."""
    programs = selectors.programs_for_reporting(request.user)
    chosen = request.GET.get("chuong-trinh")
    if chosen:
        return get_scoped(programs, chosen), programs
    listed = list(programs[:2])
    return (listed[0] if len(listed) == 1 else None), programs


@login_required
def activity_create(request):
    program, programs = _program_for_create(request)
    if not can_edit_activity(request.user, program=program, lead_id=request.user.organization_id):
        raise PermissionDenied
    if program is None:
        return render(request, "activities/choose_program.html", {"programs": programs})
    form = ActivityForm(request.POST or None, request.FILES or None, program=program, user=request.user)
    done = form_action(
        request,
        form,
        lambda _data: services.activity_create(
            actor=request.user,
            program=program,
            data=form.activity_data(),
            submit="gui" in request.POST,
            uploads=form.cleaned_data["attachments"],
        ),
        success=_("Đã ghi nhận hoạt động."),
        then=lambda activity: redirect("activities:detail", pk=activity.pk),
    )
    if done:
        return done
    context = {"form": form, "program": program, "activity": None}
    return render(request, "activities/form.html", context)


@login_required
def activity_edit(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, write=True)
    kwargs = {"program": activity.program, "user": request.user, "activity": activity}
    if request.method != "POST":
        form = ActivityForm(initial=ActivityForm.initial_for(activity), **kwargs)
    else:
        form = ActivityForm(request.POST, **kwargs)
        done = form_action(
            request,
            form,
            lambda data: services.activity_update(
                actor=request.user,
                activity=activity,
                data=form.activity_data(),
                version=data["version"],
            ),
            current=activity,
            then=lambda _activity: redirect("activities:detail", pk=activity.pk),
        )
        if done:
            return done
    context = {"form": form, "program": activity.program, "activity": activity}
    return render(request, "activities/form.html", context)


def _detail_page(request, activity, *, confirm_form=None, respond_form=None):
    """The detail page; a write that failed shows it again with its bound form."""
    detail = selectors.activity_detail_for_user(request.user, activity)
    context = {
        "activity": activity,
        "detail": detail,
        "return_form": ReturnForm(),
        "respond_form": respond_form or RespondForm.for_participation(detail.my_participation),
        "confirm_form": confirm_form or ConfirmForm(pending=detail.pending_partners),
        "attachment_form": AttachmentForm(),
    }
    return render(request, "activities/detail.html", context)


@login_required
def activity_detail(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk)
    return _detail_page(request, activity)


@login_required
@require_POST
def activity_submit(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, write=True)
    return button_action(
        request,
        lambda _: services.activity_submit(actor=request.user, activity=activity),
        success=_("Đã gửi hoạt động để Thường trực xác nhận."),
        back=redirect("activities:detail", pk=activity.pk),
    )


@login_required
@require_POST
def activity_confirm(request, pk: int):
    """Confirm; with partners still pending, only once the warning is acknowledged."""
    activity = selectors.get_activity_for_user(request.user, pk)
    if not can_review_activity(request.user, activity):
        raise PermissionDenied  # before the form: a member never sees the warning
    detail = selectors.activity_detail_for_user(request.user, activity)
    form = ConfirmForm(request.POST, pending=detail.pending_partners)
    done = form_action(
        request,
        form,
        lambda data: services.activity_confirm(actor=request.user, activity=activity),
        then=lambda confirmed: redirect("activities:detail", pk=confirmed.pk),
        success=_("Đã xác nhận hoạt động."),
    )
    return done or _detail_page(request, activity, confirm_form=form)


@login_required
@require_POST
def activity_return(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk)
    return button_action(
        request,
        lambda data: services.activity_return(
            actor=request.user, activity=activity, comment=data["comment"]
        ),
        form=ReturnForm(request.POST),
        success=_("Đã trả lại hoạt động để đơn vị bổ sung."),
        back=redirect("activities:detail", pk=activity.pk),
    )


@login_required
@require_POST
def participation_respond(request, pk: int):
    """A partner confirms (with its part) or declines its participation."""
    activity = selectors.get_activity_for_user(request.user, pk)
    participation = activity.participations.filter(
        organization_id=request.user.organization_id, role=ParticipantRole.PARTNER
    ).first()
    if participation is None or not can_respond_for(request.user, participation.organization_id):
        raise PermissionDenied
    form = RespondForm.for_participation(participation, request.POST)
    back = "activities:pending" if request.POST.get("next") == "cho-toi" else "activities:detail"
    done = form_action(
        request,
        form,
        lambda data: services.participation_respond(
            actor=request.user,
            participation=participation,
            accept=form.accept,
            contribution=data["contribution"],
        ),
        then=lambda _part: redirect(back, **({} if back == "activities:pending" else {"pk": activity.pk})),
        success=lambda part: _("Đã xác nhận tham gia hoạt động.")
        if part.status == "confirmed"
        else _("Đã từ chối tham gia hoạt động."),
    )
    return done or _detail_page(request, activity, respond_form=form)


@login_required
@require_POST
def attachment_add(request, pk: int):
    activity = selectors.get_activity_for_user(request.user, pk, write=True)
    return button_action(
        request,
        lambda data: services.attachment_add(
            actor=request.user, activity=activity, upload=data["file"]
        ),
        form=AttachmentForm(request.POST, request.FILES),
        success=lambda attachment: _("Đã đính kèm “%(name)s”.")
        % {"name": attachment.original_name},
        back=redirect("activities:detail", pk=activity.pk),
    )


# Attachments are served only here, after the same check as the activity page.
attachment_download = private_file_view(selectors.get_attachment_for_user)


@login_required
@require_POST
def attachment_remove(request, pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, write=True)
    services.attachment_remove(actor=request.user, attachment=attachment)
    messages.success(request, _("Đã xóa tệp “%(name)s”.") % {"name": attachment.original_name})
    return redirect("activities:detail", pk=attachment.activity_id)


@login_required
@require_POST
def attachment_restore(request, pk: int):
    attachment = selectors.get_deleted_attachment_for_user(request.user, pk)
    services.attachment_restore(actor=request.user, attachment=attachment)
    messages.success(request, _("Đã khôi phục tệp “%(name)s”.") % {"name": attachment.original_name})
    return redirect("activities:detail", pk=attachment.activity_id)


@login_required
def review_queue(request):
    """Chờ xác nhận: submitted activities of the secretariat's committee programs."""
    if not (request.user.is_administrator or request.user.is_secretariat):
        raise PermissionDenied
    page, query = _page(request, selectors.activities_for_review(request.user))
    return render(request, "activities/review_queue.html", {"page": page, "query": query})


@login_required
def pending(request):
    """Chờ tôi xác nhận: partner parts waiting for my organization's answer."""
    page, query = _page(request, selectors.pending_for_user(request.user))
    return render(request, "activities/pending.html", {"page": page, "query": query})
