"""Account pages: sign-in (Django's views, our templates) and user management."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import services
from phoihop.accounts.forms import UserCreateForm, UserEditForm, UserFilterForm
from phoihop.accounts.models import Role
from phoihop.accounts.selectors import (
    can_manage_user,
    can_manage_users,
    get_user_for_user,
    users_for_list,
)
from phoihop.core.forms import button_action, form_action
from phoihop.core.history import can_read_history, record_version

USERS_PER_PAGE = 50


def _require_manager(actor) -> None:
    if not can_manage_users(actor):
        raise PermissionDenied


@login_required
def user_list(request):
    _require_manager(request.user)
    form = UserFilterForm(request.GET or None, actor=request.user)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    users = users_for_list(request.user, **filters)
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def user_detail(request, pk: int):
    target = get_user_for_user(request.user, pk)
    _require_manager(request.user)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "can_edit": can_manage_user(request.user, target),
            "can_read_history": can_read_history(request.user),
        },
    )


@login_required
def user_create(request):
    _require_manager(request.user)
    form = UserCreateForm(
        request.POST or None, actor=request.user, initial={"role": Role.FOCAL_POINT}
    )
    done = form_action(
        request,
        form,
        lambda data: services.user_create(actor=request.user, **_without(data, "password_confirm")),
        success=lambda user: _("Đã tạo tài khoản %(name)s.") % {"name": user.username},
        then=lambda user: redirect("accounts:user_detail", pk=user.pk),
    )
    if done:
        return done
    return render(request, "accounts/user_form.html", {"form": form, "target": None})


@login_required
def user_edit(request, pk: int):
    target = get_user_for_user(request.user, pk, write=True)
    if request.method != "POST":
        form = UserEditForm(initial=_edit_initial(target), actor=request.user)
        return render(request, "accounts/user_form.html", {"form": form, "target": target})
    form = UserEditForm(request.POST, actor=request.user)
    done = form_action(
        request,
        form,
        lambda data: services.user_update(actor=request.user, user=target, **data),
        current=target,
        then=lambda _user: redirect("accounts:user_detail", pk=target.pk),
    )
    if done:
        return done
    return render(request, "accounts/user_form.html", {"form": form, "target": target})


@login_required
@require_POST
def user_deactivate(request, pk: int):
    target = get_user_for_user(request.user, pk, write=True)
    return button_action(
        request,
        lambda _: services.user_deactivate(actor=request.user, user=target),
        success=_("Đã khóa tài khoản %(name)s.") % {"name": target.username},
        back=redirect("accounts:user_detail", pk=target.pk),
    )


def _edit_initial(target) -> dict:
    return {
        "first_name": target.first_name,
        "last_name": target.last_name,
        "email": target.email,
        "organization": target.organization_id,
        "role": target.role,
        "is_active": target.is_active,
        "version": record_version(target),
    }


def _without(data: dict, *names: str) -> dict:
    return {key: value for key, value in data.items() if key not in names}
