"""Writes of programs, plans, tasks and indicators.

Only the secretariat of the program's committee (or an administrator) writes programs,
plans and tasks; only administrators write the indicator catalogue. Every write checks
rights, validates with Vietnamese messages, and leaves history to simple-history with
the actor as author.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core.history import ensure_unchanged
from phoihop.core.uploads import checked_upload
from phoihop.lib.text import clean_name
from phoihop.localities.models import Locality
from phoihop.organizations.models import Committee, Organization, Person
from phoihop.programs.defaults import CONTENT_AREAS
from phoihop.programs.models import (
    AnnualPlan,
    ContentArea,
    Indicator,
    PlanStatus,
    Program,
    ProgramMember,
    Task,
    TaskTarget,
)
from phoihop.programs.selectors import (
    can_edit_indicators,
    can_manage_program,
    committees_for_new_program,
    program_members_during,
    task_localities_allowed,
)

PROGRAM_FIELDS = (
    "name",
    "level",
    "period_start",
    "period_end",
    "description",
    "report_frequency",
    "report_due_days",
)
TASK_FIELDS = ("number", "title", "description", "content_area", "lead", "due_date")
INDICATOR_FIELDS = (
    "code",
    "name",
    "unit",
    "aggregation",
    "summable_across_members",
    "summable_across_levels",
    "decimals",
    "description",
    "is_active",
    "order",
    "review_phrase",
)


# --- helpers -----------------------------------------------------------------------------


def _require_manager(actor, program: Program) -> None:
    if not can_manage_program(actor, program):
        raise PermissionDenied


def _only(changes: dict, allowed: Iterable[str], label: str) -> dict:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"{label} cannot change {sorted(unknown)}")
    return dict(changes)


def _save_changed(obj, changes: dict, actor) -> list[str]:
    """Set the values that differ, validate and save only those fields."""
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(obj, name, changes[name])
    obj.full_clean()
    obj._history_user = actor
    obj.save(update_fields=changed)
    return changed


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Ngày ký không được sau ngày hôm nay.")})


SIGNED_DOCUMENT_KINDS = frozenset({"PDF", "DOCX", "JPEG", "PNG", "GIF", "WEBP"})


# --- programs ----------------------------------------------------------------------------


def _committee_organizations(committee: Committee):
    return Organization.objects.filter(pk=committee.host_id) | Organization.objects.filter(
        memberships__committee=committee
    )


@transaction.atomic
def program_create(
    *,
    actor,
    committee,
    name: str,
    period_start: dt.date,
    period_end: dt.date,
    members=(),
    **fields,
) -> Program:
    """A program with its members and the seven default content areas (editable later).
    `actor` is the committee's secretariat or an administrator (None: a system import);
    members must belong to the committee."""
    if actor is not None and not committees_for_new_program(actor).filter(pk=committee.pk).exists():
        raise PermissionDenied
    members = list(members)
    outside = {org.pk for org in members} - set(
        committee.memberships.values_list("organization_id", flat=True)
    ) - {committee.host_id}
    if outside:
        raise ValidationError(
            {"members": _("Có tổ chức không phải thành viên Ban Chỉ đạo.")}
        )
    program = Program(
        committee=committee,
        name=clean_name(name),
        period_start=period_start,
        period_end=period_end,
        **fields,
    )
    program.full_clean()
    program._history_user = actor
    program.save()
    for organization in members:
        ProgramMember.objects.create(program=program, organization=organization)
    ContentArea.objects.bulk_create(
        ContentArea(program=program, number=number, name=_(name))
        for number, name in enumerate(CONTENT_AREAS, start=1)
    )
    return program


@transaction.atomic
def program_update(*, actor, program: Program, version: int | None = None, **changes) -> Program:
    """Change a program's facts; refuses when plans would fall outside the new period."""
    changes = _only(changes, PROGRAM_FIELDS, "program_update")
    _require_manager(actor, program)
    program = Program.objects.select_for_update().select_related("committee").get(pk=program.pk)
    ensure_unchanged(program, version)
    if "name" in changes:
        changes["name"] = clean_name(changes["name"])
    if "description" in changes:
        changes["description"] = (changes["description"] or "").strip()
    start = changes.get("period_start", program.period_start)
    end = changes.get("period_end", program.period_end)
    if start and end and start <= end:
        outside = program.plans.exclude(year__gte=start.year, year__lte=end.year)
        years = sorted(outside.values_list("year", flat=True))
        if years:
            raise ValidationError(
                {
                    "period_end": _("Đã có kế hoạch năm %(years)s nằm ngoài thời gian mới.")
                    % {"years": ", ".join(map(str, years))}
                }
            )
    _save_changed(program, changes, actor)
    return program


@transaction.atomic
def program_member_add(
    *,
    actor,
    program: Program,
    organization: Organization,
    joined_on: dt.date | None = None,
    is_signatory: bool = True,
    signatory: Person | None = None,
) -> ProgramMember:
    _require_manager(actor, program)
    errors = {}
    if not _committee_organizations(program.committee).filter(pk=organization.pk).exists():
        errors["organization"] = _("Tổ chức không thuộc Ban Chỉ đạo của chương trình.")
    elif program.members.filter(organization=organization).exists():
        errors["organization"] = _("Tổ chức đã là thành viên chương trình.")
    if joined_on and not program.is_running_on(joined_on):
        errors["joined_on"] = _("Ngày tham gia nằm ngoài thời gian của chương trình.")
    if signatory is not None and signatory.organization_id != organization.pk:
        errors["signatory"] = _("Người ký phải là cán bộ của tổ chức thành viên.")
    if errors:
        raise ValidationError(errors)
    member = ProgramMember(
        program=program,
        organization=organization,
        joined_on=joined_on,
        is_signatory=is_signatory,
        signatory=signatory,
    )
    member.full_clean()
    member._history_user = actor
    member.save()
    return member


@transaction.atomic
def program_member_leave(*, actor, member: ProgramMember, left_on: dt.date) -> ProgramMember:
    """The member leaves the program from `left_on` (the first day it is no longer in)."""
    _require_manager(actor, member.program)
    if member.left_on is not None:
        raise ValidationError({"left_on": _("Tổ chức này đã rời chương trình.")})
    if member.joined_on and left_on <= member.joined_on:
        raise ValidationError({"left_on": _("Ngày rời phải sau ngày tham gia.")})
    if not (member.program.period_start < left_on <= member.program.period_end):
        raise ValidationError({"left_on": _("Ngày rời nằm ngoài thời gian của chương trình.")})
    _save_changed(member, {"left_on": left_on}, actor)
    return member


def _check_area_number(program: Program, number: int, area: ContentArea | None = None) -> None:
    taken = program.content_areas.filter(number=number)
    if area is not None:
        taken = taken.exclude(pk=area.pk)
    if taken.exists():
        raise ValidationError({"number": _("Số thứ tự %(n)s đã được dùng.") % {"n": number}})


@transaction.atomic
def content_area_create(
    *, actor, program: Program, number: int, name: str, description: str = ""
) -> ContentArea:
    _require_manager(actor, program)
    _check_area_number(program, number)
    area = ContentArea(
        program=program, number=number, name=clean_name(name), description=description.strip()
    )
    area.full_clean()
    area._history_user = actor
    area.save()
    return area


@transaction.atomic
def content_area_update(
    *, actor, area: ContentArea, number: int, name: str, description: str = ""
) -> ContentArea:
    """Rename, renumber or describe a content area (its tasks and activities follow)."""
    _require_manager(actor, area.program)
    _check_area_number(area.program, number, area)
    changes = {"number": number, "name": clean_name(name), "description": description.strip()}
    _save_changed(area, changes, actor)
    return area


@transaction.atomic
def program_sign(
    *,
    actor,
    program: Program,
    signed_on: dt.date,
    signed_place: str,
    signatories: Mapping[int, Person | None] | None = None,
    signed_document=None,
) -> Program:
    """Record the signing: date, place, who signed for each member (member id → person)
    and, optionally, the signed document."""
    _require_manager(actor, program)
    _not_in_future(signed_on, "signed_on")
    if signed_document is not None:
        checked_upload(signed_document, field="signed_document", allowed=SIGNED_DOCUMENT_KINDS)
    members = {m.pk: m for m in program.members.all()}
    for member_pk, person in (signatories or {}).items():
        member = members.get(member_pk)
        if member is None:
            raise ValidationError(_("Có người ký không thuộc thành viên của chương trình."))
        if person is not None and person.organization_id != member.organization_id:
            raise ValidationError(
                {
                    f"signatory_{member_pk}": _("%(person)s không phải cán bộ của %(org)s.")
                    % {"person": person, "org": member.organization}
                }
            )
        _save_changed(member, {"signatory": person}, actor)
    changes = {"signed_on": signed_on, "signed_place": clean_name(signed_place)}
    _save_changed(program, changes, actor)
    if signed_document is not None:
        program.signed_document = signed_document
        program._history_user = actor
        program.save(update_fields=["signed_document"])
    return program


# --- plans -------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor, program: Program, year: int, title: str = "") -> AnnualPlan:
    _require_manager(actor, program)
    if not (program.period_start.year <= year <= program.period_end.year):
        raise ValidationError(
            {
                "year": _("Năm %(year)s nằm ngoài thời gian của chương trình (%(start)s–%(end)s).")
                % {"year": year, "start": program.period_start.year, "end": program.period_end.year}
            }
        )
    if program.plans.filter(year=year).exists():
        raise ValidationError({"year": _("Chương trình đã có kế hoạch năm %(year)s.") % {"year": year}})
    title = clean_name(title) or _("Kế hoạch phối hợp năm %(year)s") % {"year": year}
    plan = AnnualPlan(program=program, year=year, title=title)
    plan.full_clean()
    plan._history_user = actor
    plan.save()
    return plan


@transaction.atomic
def plan_sign(
    *, actor, plan: AnnualPlan, signed_on: dt.date, signed_place: str, document=None
) -> AnnualPlan:
    _require_manager(actor, plan.program)
    _not_in_future(signed_on, "signed_on")
    if document is not None:
        checked_upload(document, field="document", allowed=SIGNED_DOCUMENT_KINDS)
    changes = {
        "signed_on": signed_on,
        "signed_place": clean_name(signed_place),
        "status": PlanStatus.SIGNED,
    }
    _save_changed(plan, changes, actor)
    if document is not None:
        plan.document = document
        plan._history_user = actor
        plan.save(update_fields=["document"])
    return plan


# --- tasks -------------------------------------------------------------------------------


def _task_errors(plan: AnnualPlan, values: dict, partners: list, localities: list) -> dict:
    """Content area of this program; lead and partners members during the plan year;
    localities in force that year inside the committee's scope; due date in the year."""
    program, year = plan.program, plan.year
    errors: dict[str, str] = {}
    area = values.get("content_area")
    if area is not None and area.program_id != program.pk:
        errors["content_area"] = _("Nội dung phối hợp không thuộc chương trình này.")
    members = set(program_members_during(program, year).values_list("organization_id", flat=True))
    lead = values.get("lead")
    if lead is not None and lead.pk not in members:
        errors["lead"] = _("Cơ quan chủ trì không phải thành viên chương trình trong năm %(year)s.") % {
            "year": year
        }
    partner_ids = {org.pk for org in partners}
    if partner_ids - members:
        errors["partners"] = _("Có cơ quan phối hợp không phải thành viên chương trình.")
    elif lead is not None and lead.pk in partner_ids:
        errors["partners"] = _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp.")
    locality_ids = {unit.pk for unit in localities}
    allowed = set(
        task_localities_allowed(program, year).filter(pk__in=locality_ids).values_list("pk", flat=True)
    )
    if locality_ids - allowed:
        errors["localities"] = _(
            "Có địa bàn không thuộc phạm vi của Ban Chỉ đạo hoặc không còn hiệu lực trong năm %(year)s."
        ) % {"year": year}
    due = values.get("due_date")
    if due is not None and due.year != year:
        errors["due_date"] = _("Thời hạn phải nằm trong năm %(year)s.") % {"year": year}
    return errors


def _clean_task_values(values: dict) -> dict:
    values = dict(values)
    if "title" in values:
        values["title"] = clean_name(values["title"])
    if "description" in values:
        values["description"] = (values["description"] or "").strip()
    return values


@transaction.atomic
def task_create(
    *,
    actor,
    plan: AnnualPlan,
    title: str,
    content_area: ContentArea,
    lead: Organization,
    due_date: dt.date,
    partners: Iterable[Organization] = (),
    localities: Iterable[Locality] = (),
    description: str = "",
    number: int | None = None,
) -> Task:
    _require_manager(actor, plan.program)
    partners, localities = list(partners), list(localities)
    if number is None:
        number = (plan.tasks.aggregate(n=Max("number"))["n"] or 0) + 1
    values = _clean_task_values(
        {
            "number": number,
            "title": title,
            "description": description,
            "content_area": content_area,
            "lead": lead,
            "due_date": due_date,
        }
    )
    errors = _task_errors(plan, values, partners, localities)
    if errors:
        raise ValidationError(errors)
    task = Task(plan=plan, **values)
    task.full_clean()
    task._history_user = actor
    task.save()
    task.partners.set(partners)
    task.localities.set(localities)
    return task


@transaction.atomic
def task_update(
    *,
    actor,
    task: Task,
    version: int | None = None,
    partners: Iterable[Organization] | None = None,
    localities: Iterable[Locality] | None = None,
    **changes,
) -> Task:
    """Change a task; `partners` / `localities` replace the sets when given."""
    changes = _clean_task_values(_only(changes, TASK_FIELDS, "task_update"))
    _require_manager(actor, task.plan.program)
    task = Task.objects.select_for_update().select_related("plan__program__committee").get(pk=task.pk)
    ensure_unchanged(task, version)
    current = {name: getattr(task, name) for name in TASK_FIELDS}
    partners = list(task.partners.all() if partners is None else partners)
    localities = list(task.localities.all() if localities is None else localities)
    errors = _task_errors(task.plan, current | changes, partners, localities)
    if errors:
        raise ValidationError(errors)
    _save_changed(task, changes, actor)
    if {p.pk for p in partners} != set(task.partners.values_list("pk", flat=True)):
        task.partners.set(partners)
    if {u.pk for u in localities} != set(task.localities.values_list("pk", flat=True)):
        task.localities.set(localities)
    return task


@transaction.atomic
def task_target_set(*, actor, task: Task, indicator: Indicator, value: Decimal) -> TaskTarget:
    """Set (create or change) the task's target on `indicator`."""
    _require_manager(actor, task.plan.program)
    if value is None or value < 0:
        raise ValidationError({"value": _("Chỉ tiêu phải là số không âm.")})
    target = task.targets.filter(indicator=indicator).first()
    if target is None:
        if not indicator.is_active:
            raise ValidationError({"indicator": _("Chỉ tiêu này đã ngừng sử dụng.")})
        target = TaskTarget(task=task, indicator=indicator, value=value)
        target.full_clean()
        target._history_user = actor
        target.save()
        return target
    _save_changed(target, {"value": Decimal(value)}, actor)
    return target


@transaction.atomic
def task_target_remove(*, actor, task: Task, indicator: Indicator) -> None:
    _require_manager(actor, task.plan.program)
    for target in task.targets.filter(indicator=indicator):
        target._history_user = actor
        target.delete()


@transaction.atomic
def task_targets_replace(
    *, actor, task: Task, targets: Mapping[Indicator, Decimal]
) -> list[TaskTarget]:
    """Make the task's targets exactly `targets` (indicator → value)."""
    _require_manager(actor, task.plan.program)
    wanted = {indicator.pk for indicator in targets}
    for target in task.targets.exclude(indicator_id__in=wanted).select_related("indicator"):
        task_target_remove(actor=actor, task=task, indicator=target.indicator)
    return [
        task_target_set(actor=actor, task=task, indicator=indicator, value=value)
        for indicator, value in targets.items()
    ]


# --- indicators --------------------------------------------------------------------------


def _clean_indicator(values: dict) -> dict:
    values = _only(values, INDICATOR_FIELDS, "indicator")
    for name in ("name", "unit"):
        if name in values:
            values[name] = clean_name(values[name])
    if "code" in values:
        values["code"] = (values["code"] or "").strip().lower()
    if "description" in values:
        values["description"] = (values["description"] or "").strip()
    if "review_phrase" in values:
        values["review_phrase"] = clean_name(values["review_phrase"] or "")
    return values


@transaction.atomic
def indicator_create(*, actor, **values) -> Indicator:
    if not can_edit_indicators(actor):
        raise PermissionDenied
    values = _clean_indicator(values)
    if Indicator.objects.filter(code=values.get("code")).exists():
        raise ValidationError({"code": _("Mã chỉ tiêu đã tồn tại.")})
    indicator = Indicator(**values)
    indicator.full_clean()
    indicator._history_user = actor
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(
    *, actor, indicator: Indicator, version: int | None = None, **changes
) -> Indicator:
    if not can_edit_indicators(actor):
        raise PermissionDenied
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    ensure_unchanged(indicator, version)
    changes = _clean_indicator(changes)
    code = changes.get("code", indicator.code)
    if Indicator.objects.filter(code=code).exclude(pk=indicator.pk).exists():
        raise ValidationError({"code": _("Mã chỉ tiêu đã tồn tại.")})
    _save_changed(indicator, changes, actor)
    return indicator
