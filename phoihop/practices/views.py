"""Coordination model pages: list, detail, propose, edit, recognize, add a replication."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core.forms import form_action
from phoihop.core.history import record_version
from phoihop.practices import selectors, services
from phoihop.practices.forms import (
    CoordinationModelForm,
    DecideForm,
    ModelFilterForm,
    ReplicationForm,
)
from phoihop.practices.rules import can_decide_model, can_edit_model, can_propose_model
from phoihop.programs.selectors import get_program_for_user, programs_for_user

MODELS_PER_PAGE = 50


@login_required
def model_list(request):
    form = ModelFilterForm(request.GET or None, user=request.user)
    filters = dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}
    status = filters.pop("status", "")
    models = selectors.models_for_list(request.user, status=status, **filters)
    page = Paginator(models, MODELS_PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "form": form,
        "page": page,
        "counts": selectors.status_counts(request.user, **filters),
        "query": query.urlencode(),
        "can_propose": any(
            can_propose_model(request.user, p) for p in programs_for_user(request.user)
        ),
    }
    return render(request, "practices/model_list.html", context)


def _activity_url(pk: int) -> str | None:
    try:
        return reverse("activities:detail", args=[pk])
    except NoReverseMatch:
        return None


@login_required
def model_detail(request, pk: int):
    model = selectors.get_coordination_model_for_user(request.user, pk)
    evidence = [
        (activity, _activity_url(activity.pk) if visible else None)
        for activity, visible in selectors.evidence_activities(request.user, model)
    ]
    context = {
        "model": model,
        "members": model.members.order_by("name"),
        "localities": model.localities.select_related("parent__parent").order_by("name"),
        "evidence": evidence,
        "figures": selectors.evidence_figures(model),
        "decisions": selectors.decision_history(model),
        "replications": selectors.replications_of(model),
        "can_edit": can_edit_model(request.user, model),
        "can_decide": can_decide_model(request.user, model),
    }
    return render(request, "practices/model_detail.html", context)


def _program_to_propose_in(request):
    """The program named by ?chuong-trinh=, else the user's only one; None: let them choose."""
    if request.GET.get("chuong-trinh"):
        return get_program_for_user(request.user, request.GET["chuong-trinh"])
    programs = list(programs_for_user(request.user))
    return programs[0] if len(programs) == 1 else None


@login_required
def model_create(request):
    program = _program_to_propose_in(request)
    if program is None:
        programs = [
            p for p in programs_for_user(request.user) if can_propose_model(request.user, p)
        ]
        return render(request, "practices/choose_program.html", {"programs": programs})
    if not can_propose_model(request.user, program):
        raise PermissionDenied
    form = CoordinationModelForm(request.POST or None, program=program, user=request.user)
    done = form_action(
        request,
        form,
        lambda data: services.coordination_model_create(
            actor=request.user, program=program, **{k: v for k, v in data.items() if k != "version"}
        ),
        success=lambda model: _("Đã ghi nhận mô hình “%(name)s”.") % {"name": model.name},
        then=lambda model: redirect("practices:detail", pk=model.pk),
    )
    if done:
        return done
    return render(
        request, "practices/model_form.html", {"form": form, "program": program, "model": None}
    )


@login_required
def model_edit(request, pk: int):
    model = selectors.get_coordination_model_for_user(request.user, pk, write=True)
    kwargs = {"program": model.program, "user": request.user, "model": model}
    if request.method != "POST":
        initial = CoordinationModelForm.initial_for(model, record_version(model))
        form = CoordinationModelForm(initial=initial, **kwargs)
    else:
        form = CoordinationModelForm(request.POST, **kwargs)
        done = form_action(
            request,
            form,
            lambda data: services.coordination_model_update(
                actor=request.user, model=model, **data
            ),
            current=model,
            then=lambda _model: redirect("practices:detail", pk=model.pk),
        )
        if done:
            return done
    context = {"form": form, "program": model.program, "model": model}
    return render(request, "practices/model_form.html", context)


@login_required
def model_decide(request, pk: int):
    model = selectors.get_coordination_model_for_user(request.user, pk, decide=True)
    initial = {"status": model.status, "note": model.decision_note}
    form = DecideForm(request.POST or None, initial=initial)
    done = form_action(
        request,
        form,
        lambda data: services.coordination_model_decide(actor=request.user, model=model, **data),
        success=_("Đã ghi nhận quyết định công nhận."),
        then=lambda _decided: redirect("practices:detail", pk=model.pk),
    )
    if done:
        return done
    return render(request, "practices/decide_form.html", {"form": form, "model": model})


@login_required
def replication_add(request, pk: int):
    model = selectors.get_coordination_model_for_user(request.user, pk, write=True)
    form = ReplicationForm(
        request.POST or None, program=model.program, initial={"started_on": timezone.localdate()}
    )
    done = form_action(
        request,
        form,
        lambda data: services.replication_add(actor=request.user, model=model, **data),
        success=_("Đã thêm địa bàn nhân rộng."),
        then=lambda _replication: redirect("practices:detail", pk=model.pk),
    )
    if done:
        return done
    return render(request, "practices/replication_form.html", {"form": form, "model": model})
