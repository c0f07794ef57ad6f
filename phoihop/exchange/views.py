"""Information exchange pages: bulletins, the notification inbox, preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.forms import form_action
from phoihop.exchange import selectors, services
from phoihop.exchange.forms import BulletinForm, PreferenceForm
from phoihop.exchange.notifications import preference_for
from phoihop.organizations.selectors import committee_chosen_by
from phoihop.situations.rules import can_report

PAGE_SIZE = 30


def _committee(request):
    pk = request.GET.get("committee") or request.POST.get("committee")
    return committee_chosen_by(request.user, pk)


@login_required
def bulletin_list(request):
    committee = _committee(request)
    bulletins = selectors.bulletins_for_user(request.user, committee)
    page = Paginator(bulletins, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "committee": committee,
        "page": page,
        "can_send": committee is not None and can_report(request.user, committee),
    }
    return render(request, "exchange/bulletin_list.html", context)


@login_required
def bulletin_detail(request, pk: int):
    bulletin = selectors.get_bulletin_for_user(request.user, pk)
    return render(request, "exchange/bulletin_detail.html", {"bulletin": bulletin})


@login_required
def bulletin_create(request):
    committee = _committee(request)
    if committee is None or not can_report(request.user, committee):
        raise PermissionDenied
    form = BulletinForm(
        request.POST or None, committee=committee, sender_id=request.user.organization_id
    )
    done = form_action(
        request,
        form,
        lambda data: services.bulletin_send(actor=request.user, committee=committee, **data),
        success=_("Đã gửi bản tin."),
        then=lambda bulletin: redirect("exchange:bulletin_detail", pk=bulletin.pk),
    )
    if done:
        return done
    return render(request, "exchange/bulletin_form.html", {"form": form, "committee": committee})


@login_required
def notification_list(request):
    """The inbox, with what appeared since the previous visit (then remembers this one)."""
    previous = services.visit_record(actor=request.user)
    notes = selectors.notifications_for_user(request.user)
    page = Paginator(selectors.unread_first(notes), PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "unread": notes.unread().count(),
        "new": selectors.whats_new_for_user(request.user, previous.last_visit_at),
    }
    return render(request, "exchange/notifications.html", context)


@login_required
@require_POST
def notification_read(request, pk: int):
    note = selectors.get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=note)
    target = request.POST.get("next") or note.url
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("exchange:notification_list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_read(actor=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return redirect("exchange:notification_list")


@login_required
def notification_preferences(request):
    pref = preference_for(request.user)
    form = PreferenceForm(request.POST or None, initial={"digest": pref.digest})
    done = form_action(
        request,
        form,
        lambda data: services.preference_update(actor=request.user, digest=data["digest"]),
        success=_("Đã lưu cách nhận thông báo."),
        then=lambda _pref: redirect("exchange:notification_list"),
    )
    if done:
        return done
    return render(
        request, "exchange/notifications_preferences.html", {"form": form, "pref": pref}
    )
