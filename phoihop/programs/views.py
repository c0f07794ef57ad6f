"""Program, plan, task and indicator pages: parse input, call a service, render."""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core.downloads import private_file_view
from phoihop.core.forms import form_action
from phoihop.core.history import can_read_history, record_version
from phoihop.programs import selectors, services
from phoihop.programs.forms import (
    ContentAreaForm,
    IndicatorForm,
    MemberAddForm,
    MemberLeaveForm,
    PlanForm,
    PlanSignForm,
    ProgramCreateForm,
    ProgramForm,
    ProgramSignForm,
    TaskForm,
    target_formset,
)

# --- programs ----------------------------------------------------------------------------


@login_required
def program_list(request):
    programs = selectors.programs_for_user(request.user).order_by("-period_start", "name")
    context = {
        "programs": programs,
        "can_create": selectors.committees_for_new_program(request.user).exists(),
    }
    return render(request, "programs/program_list.html", context)


@login_required
def program_create(request):
    committees = selectors.committees_for_new_program(request.user)
    if not committees.exists():
        raise PermissionDenied
    form = ProgramCreateForm(request.POST or None, committees=committees)
    done = form_action(
        request,
        form,
        lambda data: services.program_create(actor=request.user, **data),
        success=_("Đã tạo chương trình; bảy nội dung phối hợp mặc định có thể sửa."),
        then=lambda program: redirect("programs:detail", pk=program.pk),
    )
    if done:
        return done
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": _("Thêm chương trình phối hợp")}
    return render(request, "programs/program_create.html", context, status=status)


@login_required
def program_detail(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk)
    context = {
        "detail": selectors.program_detail_for_user(request.user, program),
        "program": program,
        "can_read_history": can_read_history(request.user),
    }
    return render(request, "programs/program_detail.html", context)


@login_required
def program_edit(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, write=True)
    if request.method != "POST":
        form = ProgramForm(initial=ProgramForm.initial_for(program, record_version(program)))
    else:
        form = ProgramForm(request.POST)
        done = form_action(
            request,
            form,
            lambda data: services.program_update(actor=request.user, program=program, **data),
            current=program,
            then=lambda _program: redirect("programs:detail", pk=program.pk),
        )
        if done:
            return done
    context = {"form": form, "program": program, "title": _("Sửa thông tin chương trình")}
    return render(request, "programs/program_form.html", context)


@login_required
def program_sign(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, write=True)
    form = ProgramSignForm(request.POST or None, request.FILES or None, program=program)
    done = form_action(
        request,
        form,
        lambda data: services.program_sign(
            actor=request.user,
            program=program,
            signed_on=data["signed_on"],
            signed_place=data["signed_place"],
            signatories=form.signatories(),
            signed_document=data["signed_document"] or None,
        ),
        success=_("Đã ghi nhận việc ký kết chương trình."),
        then=lambda _signed: redirect("programs:detail", pk=program.pk),
    )
    if done:
        return done
    context = {"form": form, "program": program, "title": _("Ký kết chương trình")}
    return render(request, "programs/program_form.html", context)


@login_required
def member_add(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, write=True)
    form = MemberAddForm(request.POST or None, program=program)
    done = form_action(
        request,
        form,
        lambda data: services.program_member_add(actor=request.user, program=program, **data),
        success=_("Đã thêm thành viên."),
        then=lambda _member: redirect("programs:detail", pk=program.pk),
    )
    if done:
        return done
    context = {"form": form, "program": program, "title": _("Thêm thành viên chương trình")}
    return render(request, "programs/program_form.html", context)


@login_required
def member_leave(request, pk: int):
    member = selectors.get_member_for_user(request.user, pk, write=True)
    form = MemberLeaveForm(request.POST or None)
    done = form_action(
        request,
        form,
        lambda data: services.program_member_leave(actor=request.user, member=member, left_on=data["left_on"]),
        then=lambda _left: redirect("programs:detail", pk=member.program_id),
    )
    if done:
        return done
    context = {
        "form": form,
        "program": member.program,
        "title": _("%(org)s rời chương trình") % {"org": member.organization},
    }
    return render(request, "programs/program_form.html", context)


@login_required
def area_create(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, write=True)
    numbers = program.content_areas.order_by("-number").values_list("number", flat=True)
    next_number = (numbers.first() or 0) + 1
    form = ContentAreaForm(request.POST or None, initial={"number": next_number})
    done = form_action(
        request,
        form,
        lambda data: services.content_area_create(actor=request.user, program=program, **data),
        then=lambda _area: redirect("programs:detail", pk=program.pk),
    )
    if done:
        return done
    context = {"form": form, "program": program, "title": _("Thêm nội dung phối hợp")}
    return render(request, "programs/program_form.html", context)


@login_required
def area_edit(request, pk: int):
    area = selectors.get_content_area_for_user(request.user, pk, write=True)
    initial = {"number": area.number, "name": area.name, "description": area.description}
    form = ContentAreaForm(request.POST or None, initial=initial)
    done = form_action(
        request,
        form,
        lambda data: services.content_area_update(actor=request.user, area=area, **data),
        then=lambda _area: redirect("programs:detail", pk=area.program_id),
    )
    if done:
        return done
    context = {"form": form, "program": area.program, "title": _("Sửa nội dung phối hợp")}
    return render(request, "programs/program_form.html", context)


def _document(document):
    """A stored signed document: named after its file, of no declared type (downloaded)."""
    return document, (document.name or "").rsplit("/", 1)[-1], None


program_document = private_file_view(
    selectors.get_program_for_user, lambda program: _document(program.signed_document)
)


# --- plans -------------------------------------------------------------------------------


@login_required
def plan_create(request, pk: int):
    program = selectors.get_program_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST or None)
    done = form_action(
        request,
        form,
        lambda data: services.plan_create(actor=request.user, program=program, **data),
        success=lambda plan: _("Đã tạo kế hoạch năm %(year)s.") % {"year": plan.year},
        then=lambda plan: redirect("programs:plan_detail", pk=plan.pk),
    )
    if done:
        return done
    context = {"form": form, "program": program, "title": _("Tạo kế hoạch phối hợp năm")}
    return render(request, "programs/program_form.html", context)


@login_required
def plan_detail(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk)
    tasks = selectors.plan_tasks(plan)
    progress = selectors.plan_progress(plan, tasks, as_of=timezone.localdate())
    groups = [
        (area, [progress[task.pk] for task in area_tasks])
        for area, area_tasks in groupby(tasks, key=lambda task: task.content_area)
    ]
    context = {
        "plan": plan,
        "program": plan.program,
        "groups": groups,
        "can_manage": selectors.can_manage_program(request.user, plan.program),
    }
    return render(request, "programs/plan_detail.html", context)


@login_required
def plan_sign(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    form = PlanSignForm(request.POST or None, request.FILES or None, plan=plan)
    done = form_action(
        request,
        form,
        lambda data: services.plan_sign(
            actor=request.user,
            plan=plan,
            signed_on=data["signed_on"],
            signed_place=data["signed_place"],
            document=data["document"] or None,
        ),
        success=_("Đã ghi nhận việc ký kế hoạch."),
        then=lambda _signed: redirect("programs:plan_detail", pk=plan.pk),
    )
    if done:
        return done
    context = {"form": form, "program": plan.program, "plan": plan, "title": _("Ký kế hoạch")}
    return render(request, "programs/program_form.html", context)


plan_document = private_file_view(selectors.get_plan_for_user, lambda plan: _document(plan.document))


# --- tasks -------------------------------------------------------------------------------


def _task_values(data: dict) -> dict:
    values = {k: v for k, v in data.items() if k != "version"}
    if values.get("number") is None:
        values.pop("number", None)
    return values


def _save_task(request, *, plan, task, form, targets):
    """Create or update the task and its targets in one transaction; the saved task."""
    values = _task_values(form.cleaned_data)
    with transaction.atomic():
        if task is None:
            task = services.task_create(actor=request.user, plan=plan, **values)
        else:
            task = services.task_update(
                actor=request.user, task=task, version=form.cleaned_data.get("version"), **values
            )
        services.task_targets_replace(actor=request.user, task=task, targets=targets.targets())
    return task


def _task_form_page(request, *, plan, task=None):
    if request.method != "POST":
        initial = TaskForm.initial_for(task, record_version(task)) if task else {}
        form = TaskForm(initial=initial, plan=plan)
        targets = target_formset(task=task)
    else:
        form = TaskForm(request.POST, plan=plan)
        targets = target_formset(request.POST, task=task)
        done = targets.is_valid() and form_action(
            request,
            form,
            lambda _data: _save_task(request, plan=plan, task=task, form=form, targets=targets),
            current=task,
            then=lambda saved: redirect("programs:task_detail", pk=saved.pk),
        )
        if done:
            return done
    context = {
        "form": form,
        "targets": targets,
        "plan": plan,
        "program": plan.program,
        "task": task,
        "title": _("Sửa nhiệm vụ") if task else _("Thêm nhiệm vụ"),
    }
    return render(request, "programs/task_form.html", context)


@login_required
def task_create(request, pk: int):
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    return _task_form_page(request, plan=plan)


@login_required
def task_edit(request, pk: int):
    task = selectors.get_task_for_user(request.user, pk, write=True)
    return _task_form_page(request, plan=task.plan, task=task)


def _activity_url(pk: int) -> str | None:
    """The activity page, when the activities app has one (it is built separately)."""
    try:
        return reverse("activities:detail", args=[pk])
    except NoReverseMatch:
        return None


@login_required
def task_detail(request, pk: int):
    task = selectors.get_task_for_user(request.user, pk)
    activities = selectors.task_activities(request.user, task)
    context = {
        "task": task,
        "plan": task.plan,
        "program": task.plan.program,
        "progress": selectors.task_progress(task, as_of=timezone.localdate()),
        "partners": list(task.partners.order_by("name")),
        "localities": list(task.localities.select_related("parent").order_by("name")),
        "activities": [(a, _activity_url(a.pk)) for a in activities],
        "can_manage": selectors.can_manage_program(request.user, task.plan.program),
    }
    return render(request, "programs/task_detail.html", context)


# --- indicators --------------------------------------------------------------------------


@login_required
def indicator_list(request):
    context = {
        "indicators": selectors.indicators_for_user(request.user),
        "can_edit": selectors.can_edit_indicators(request.user),
    }
    return render(request, "programs/indicator_list.html", context)


@login_required
def indicator_create(request):
    if not selectors.can_edit_indicators(request.user):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None)
    done = form_action(
        request,
        form,
        lambda data: services.indicator_create(actor=request.user, **data),
        then=lambda _indicator: redirect("programs:indicator_list"),
    )
    if done:
        return done
    return render(request, "programs/indicator_form.html", {"form": form, "indicator": None})


@login_required
def indicator_edit(request, pk: int):
    indicator = selectors.get_indicator_for_user(request.user, pk, write=True)
    form = IndicatorForm(request.POST or None, initial=IndicatorForm.initial_for(indicator))
    done = form_action(
        request,
        form,
        lambda data: services.indicator_update(actor=request.user, indicator=indicator, **data),
        then=lambda _indicator: redirect("programs:indicator_list"),
    )
    if done:
        return done
    return render(request, "programs/indicator_form.html", {"form": form, "indicator": indicator})
