"""Organization, committee and people pages: parse input, call a service, render."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.forms import button_action, form_action
from phoihop.core.history import can_read_history, record_version
from phoihop.lib.vnformat import short_date
from phoihop.organizations import selectors, services
from phoihop.organizations.forms import (
    OrganizationFilterForm,
    OrganizationForm,
    PersonEditForm,
    PersonForm,
    PositionEndForm,
    PositionForm,
)

ORGANIZATIONS_PER_PAGE = 50


def validity(record, day: dt.date) -> tuple[str, str]:
    """(badge class, label) telling whether `record` is in force on `day`."""
    if record.valid_from and day < record.valid_from:
        return "badge", _("Hoạt động từ %(date)s") % {"date": short_date(record.valid_from)}
    if record.valid_to and day >= record.valid_to:
        return "badge-old", _("Ngừng hoạt động từ %(date)s") % {"date": short_date(record.valid_to)}
    return "badge-ok", _("Đang hoạt động")


@login_required
def organization_list(request):
    form = OrganizationFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    orgs = selectors.organizations_for_list(request.user, **filters)
    page = Paginator(orgs, ORGANIZATIONS_PER_PAGE).get_page(request.GET.get("trang"))
    day = filters.get("valid_on") or timezone.localdate()
    rows = [(org, *validity(org, day)) for org in page.object_list]
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "organizations/organization_list.html", context)


@login_required
def organization_detail(request, pk: int):
    organization = selectors.get_organization_for_user(request.user, pk)
    detail = selectors.organization_detail_for_user(request.user, organization)
    day = timezone.localdate()
    context = {
        "detail": detail,
        "organization": organization,
        "badge": validity(organization, day),
        "today": day,
        "can_read_history": can_read_history(request.user),
    }
    return render(request, "organizations/organization_detail.html", context)


@login_required
def organization_edit(request, pk: int):
    organization = selectors.get_organization_for_user(request.user, pk, write=True)
    if request.method != "POST":
        initial = OrganizationForm.initial_for(organization, record_version(organization))
        form = OrganizationForm(initial=initial)
    else:
        form = OrganizationForm(request.POST)
        done = form_action(
            request,
            form,
            lambda data: services.organization_update(
                actor=request.user, organization=organization, **data
            ),
            current=organization,
            then=lambda _org: redirect("organizations:detail", pk=organization.pk),
        )
        if done:
            return done
    context = {"form": form, "organization": organization}
    return render(request, "organizations/organization_form.html", context)


@login_required
def committee_detail(request, pk: int):
    committee = selectors.get_committee_for_user(request.user, pk)
    context = {
        "committee": committee,
        "members": selectors.committee_members(committee),
        "can_read_history": can_read_history(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "organizations/committee_detail.html", context)


@login_required
def person_create(request, pk: int):
    organization = selectors.get_organization_for_people_edit(request.user, pk)
    form = PersonForm(request.POST or None)
    done = form_action(
        request,
        form,
        lambda data: services.person_create(actor=request.user, organization=organization, **data),
        success=lambda person: _("Đã thêm cán bộ %(name)s.") % {"name": person.full_name},
        then=lambda person: redirect("organizations:person_detail", pk=person.pk),
    )
    if done:
        return done
    context = {"form": form, "organization": organization, "person": None}
    return render(request, "organizations/person_form.html", context)


@login_required
def person_detail(request, pk: int):
    person = selectors.get_person_for_user(request.user, pk)
    context = {
        "person": person,
        "positions": selectors.person_positions(person),
        "can_edit": selectors.can_edit_people_of(request.user, person.organization),
        "can_read_history": can_read_history(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "organizations/person_detail.html", context)


@login_required
def person_edit(request, pk: int):
    person = selectors.get_person_for_user(request.user, pk, write=True)
    if request.method != "POST":
        initial = {
            "full_name": person.full_name,
            "email": person.email,
            "phone": person.phone,
            "version": record_version(person),
        }
        form = PersonEditForm(initial=initial)
    else:
        form = PersonEditForm(request.POST)
        done = form_action(
            request,
            form,
            lambda data: services.person_update(actor=request.user, person=person, **data),
            current=person,
            then=lambda _person: redirect("organizations:person_detail", pk=person.pk),
        )
        if done:
            return done
    context = {"form": form, "organization": person.organization, "person": person}
    return render(request, "organizations/person_form.html", context)


@login_required
def position_add(request, pk: int):
    person = selectors.get_person_for_user(request.user, pk, write=True)
    form = PositionForm(
        request.POST or None, user=request.user, initial={"organization": person.organization_id}
    )
    done = form_action(
        request,
        form,
        lambda data: services.position_add(actor=request.user, person=person, **data),
        success=_("Đã thêm chức vụ."),
        then=lambda _position: redirect("organizations:person_detail", pk=person.pk),
    )
    if done:
        return done
    return render(request, "organizations/position_form.html", {"form": form, "person": person})


@login_required
@require_POST
def position_end(request, pk: int):
    position = selectors.get_position_for_user(request.user, pk, write=True)
    form = PositionEndForm(request.POST)
    return button_action(
        request,
        lambda data: services.position_end(actor=request.user, position=position, **data),
        form=form,
        success=_("Đã kết thúc chức vụ %(title)s.") % {"title": position.title},
        back=redirect("organizations:person_detail", pk=position.person_id),
    )
