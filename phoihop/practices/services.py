"""Writes of coordination models (mô hình phối hợp): propose, edit, recognize, replicate.

Members and evidence are checked against the program: members must be its members, and
evidence activities must belong to it and be visible to whoever links them.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities.models import Activity
from phoihop.core.access import runs_secretariat_of
from phoihop.core.history import ensure_unchanged
from phoihop.lib.text import clean_name, nfc
from phoihop.practices.models import CoordinationModel, ModelStatus, Replication
from phoihop.practices.rules import (
    can_decide_model,
    can_edit_model,
    can_propose_model,
)

RECOGNIZING = {ModelStatus.RECOGNIZED, ModelStatus.OUTSTANDING}


def _ids(items) -> set[int]:
    return {item if isinstance(item, int) else item.pk for item in items}


def _check(actor, program, *, content_area, members, started_on, ended_on, evidence) -> dict:
    """Errors of the program fit: content area, members, dates, evidence."""
    errors = {}
    if content_area is None or content_area.program_id != program.pk:
        errors["content_area"] = _("Nội dung phối hợp không thuộc chương trình này.")
    program_members = set(program.members.values_list("organization_id", flat=True))
    if not members:
        errors["members"] = _("Hãy chọn ít nhất một tổ chức tham gia mô hình.")
    elif members - program_members:
        errors["members"] = _("Có tổ chức tham gia không phải thành viên chương trình.")
    elif not runs_secretariat_of(actor, program.committee) and actor.organization_id not in members:
        errors["members"] = _("Tổ chức của bạn phải là một trong các tổ chức tham gia mô hình.")
    if started_on and not (program.period_start <= started_on <= program.period_end):
        errors["started_on"] = _("Ngày bắt đầu nằm ngoài thời gian của chương trình.")
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
    if evidence:
        allowed = Activity.objects.visible_to(actor).filter(program=program, pk__in=evidence)
        if allowed.count() != len(evidence):
            errors["evidence"] = _(
                "Có hoạt động minh chứng không thuộc chương trình này hoặc bạn không được xem."
            )
    return errors


def _apply(model: CoordinationModel, *, name, content_area, started_on, ended_on, description):
    model.name = clean_name(name)
    model.content_area = content_area
    model.started_on, model.ended_on = started_on, ended_on
    model.description = nfc(description).strip()


def _validate(model: CoordinationModel, errors: dict) -> None:
    """The program-fit `errors` and the model's own, raised together in Vietnamese."""
    try:
        model.full_clean(exclude=["members", "localities", "evidence", *errors])
    except ValidationError as error:
        errors = error.message_dict | errors
    if "name" in errors and not model.name:
        errors["name"] = [_("Hãy nhập tên mô hình.")]
    if "description" in errors and not model.description:
        errors["description"] = [_("Hãy mô tả mô hình: cách làm, kết quả, ai tham gia.")]
    if errors:
        raise ValidationError(errors)


def _set_relations(model, *, members, localities, evidence) -> None:
    model.members.set(members)
    model.localities.set(_ids(localities))
    model.evidence.set(evidence)


@transaction.atomic
def coordination_model_create(
    *,
    actor,
    program,
    name: str,
    content_area,
    members,
    localities=(),
    started_on: dt.date,
    ended_on: dt.date | None = None,
    description: str,
    evidence=(),
) -> CoordinationModel:
    if not can_propose_model(actor, program):
        raise PermissionDenied
    member_ids, evidence_ids = _ids(members), _ids(evidence)
    errors = _check(
        actor,
        program,
        content_area=content_area,
        members=member_ids,
        started_on=started_on,
        ended_on=ended_on,
        evidence=evidence_ids,
    )
    model = CoordinationModel(program=program)
    _apply(
        model,
        name=name,
        content_area=content_area,
        started_on=started_on,
        ended_on=ended_on,
        description=description,
    )
    _validate(model, errors)
    model._history_user = actor
    model.save()
    _set_relations(model, members=member_ids, localities=localities, evidence=evidence_ids)
    return model


@transaction.atomic
def coordination_model_update(
    *,
    actor,
    model: CoordinationModel,
    name: str,
    content_area,
    members,
    localities=(),
    started_on: dt.date,
    ended_on: dt.date | None = None,
    description: str,
    evidence=(),
    version: int | None = None,
) -> CoordinationModel:
    """Edit the facts; `version` is the record version the editor saw (stale → refused)."""
    model = (
        CoordinationModel.objects.select_for_update()
        .select_related("program__committee")
        .get(pk=model.pk)
    )
    if not can_edit_model(actor, model):
        raise PermissionDenied
    ensure_unchanged(model, version)
    member_ids, evidence_ids = _ids(members), _ids(evidence)
    linked = set(model.evidence.values_list("pk", flat=True))
    errors = _check(
        actor,
        model.program,
        content_area=content_area,
        members=member_ids,
        started_on=started_on,
        ended_on=ended_on,
        evidence=evidence_ids - linked,  # what another user linked may stay
    )
    _apply(
        model,
        name=name,
        content_area=content_area,
        started_on=started_on,
        ended_on=ended_on,
        description=description,
    )
    _validate(model, errors)
    model._history_user = actor
    model.save()
    _set_relations(model, members=member_ids, localities=localities, evidence=evidence_ids)
    return model


@transaction.atomic
def coordination_model_decide(
    *, actor, model: CoordinationModel, status: str, note: str = ""
) -> CoordinationModel:
    """Record the committee's decision: who decided, today, and on what basis."""
    if not can_decide_model(actor, model):
        raise PermissionDenied
    note = clean_name(note or "")
    errors = {}
    if status not in ModelStatus.values:
        errors["status"] = _("Mức công nhận không hợp lệ.")
    elif status in RECOGNIZING and not note:
        errors["note"] = _("Hãy ghi căn cứ công nhận (số, ngày của quyết định hoặc văn bản).")
    if len(note) > 300:
        errors["note"] = _("Căn cứ công nhận dài quá 300 ký tự.")
    if errors:
        raise ValidationError(errors)
    model.status, model.decision_note = status, note
    model.decided_by, model.decided_on = actor, timezone.localdate()
    model._history_user = actor
    model.save(update_fields=["status", "decision_note", "decided_by", "decided_on"])
    return model


@transaction.atomic
def replication_add(
    *, actor, model: CoordinationModel, locality, started_on: dt.date, note: str = ""
) -> Replication:
    """The model was taken up again in `locality` from `started_on`."""
    if not can_edit_model(actor, model):
        raise PermissionDenied
    errors = {}
    if locality is None:
        errors["locality"] = _("Hãy chọn địa bàn nhân rộng.")
    if started_on and started_on < model.started_on:
        errors["started_on"] = _("Ngày nhân rộng phải sau hoặc trùng ngày bắt đầu mô hình.")
    if errors:
        raise ValidationError(errors)
    replication = Replication(
        model=model, locality=locality, started_on=started_on, note=clean_name(note or "")
    )
    replication.full_clean()
    replication._history_user = actor
    replication.save()
    return replication
