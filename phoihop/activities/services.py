"""Writes of activities: the same services serve the pages, the API, the importer and tests.

Workflow: draft → submitted → confirmed, or returned with a comment and submitted again.
Partners confirm or decline their part. Editing a confirmed activity starts a new revision
that goes back to the secretariat (the earlier revision stays in the history).
"""

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from phoihop.activities.models import (
    Activity,
    ActivityStatus,
    Attachment,
    Figure,
    ParticipantRole,
    Participation,
    ParticipationStatus,
)
from phoihop.activities.rules import (
    can_edit_activity,
    can_import_activity_for,
    can_respond_for,
    can_review_activity,
)
from phoihop.core.history import ensure_unchanged
from phoihop.core.uploads import checked_upload
from phoihop.lib.bounds import ID_MAX, MAX_LOCALITIES
from phoihop.lib.text import clean_name, fold
from phoihop.localities.models import Locality
from phoihop.localities.selectors import not_in_force_message
from phoihop.programs.models import Task

# --- Hand-offs ------------------------------------------------------------------------------
# Each step that waits on someone (a partner invited, a partner's answer, a submission, a
# return, a confirmation) is announced after commit to the listeners here. Notifications
# live in `exchange`, a layer above: its AppConfig.ready() registers its listener, which
# calls exchange.notifications.notify() (phoihop/exchange/activity_notices.py).


class Step:
    INVITED = "invited"  # details: organization_ids (the partners newly asked)
    RESPONDED = "responded"  # details: participation
    SUBMITTED = "submitted"
    RETURNED = "returned"
    CONFIRMED = "confirmed"
    IMPORTED = "imported"  # a whole import submitted: details: activities (activity is None)


HANDOFF_LISTENERS: list[Callable[..., object]] = []


def _hand_off(step: str, activity: Activity | None, actor, **details) -> None:
    for listener in HANDOFF_LISTENERS:
        transaction.on_commit(
            lambda listener=listener: listener(step, activity=activity, actor=actor, **details)
        )


def _pending_partner_ids(activity: Activity) -> list[int]:
    return list(
        activity.participations.filter(
            role=ParticipantRole.PARTNER, status=ParticipationStatus.PENDING
        ).values_list("organization_id", flat=True)
    )


@dataclass
class ActivityData:
    """Everything a user types for an activity; the form, API and importer build one."""

    title: str
    start_date: dt.date
    end_date: dt.date
    content_area_id: int
    lead_id: int
    partner_ids: list[int] = field(default_factory=list)
    locality_ids: list[int] = field(default_factory=list)
    task_id: int | None = None
    narrative: str = ""
    figures: dict[int, Decimal] = field(default_factory=dict)  # indicator id → value


@dataclass(frozen=True)
class ProgramFacts:
    """What _check_program_fit needs to know about a program, read once (bulk imports)."""

    content_area_ids: frozenset[int]
    task_ids: frozenset[int]
    member_ids: frozenset[int]
    area: dict[int, Locality]  # every unit of the committee's area, of either generation


def program_facts(program) -> ProgramFacts:
    return ProgramFacts(
        content_area_ids=frozenset(program.content_areas.values_list("pk", flat=True)),
        task_ids=frozenset(Task.objects.filter(plan__program=program).values_list("pk", flat=True)),
        member_ids=frozenset(program.members.values_list("organization_id", flat=True)),
        area=Locality.objects.in_force_within(program.committee.locality).in_bulk(),
    )


def _locality_errors(program, data: ActivityData, facts: ProgramFacts) -> str | None:
    """At most MAX_LOCALITIES places, each inside the committee's area and in force on the
    start date. The units of `Locality.objects.in_force_within(area)` are read once into
    `facts` (an import checks thousands of rows), then each is checked for the date."""
    if len(data.locality_ids) > MAX_LOCALITIES:
        return _("Một hoạt động ghi tối đa %(n)s địa bàn.") % {"n": MAX_LOCALITIES}
    chosen = list(dict.fromkeys(data.locality_ids))
    outside = [pk for pk in chosen if pk not in facts.area]
    if outside:
        names = Locality.objects.filter(pk__in=[pk for pk in outside if 0 < pk <= ID_MAX])
        names = names.select_related("parent__parent").order_by("pk")
        return _("Địa bàn không thuộc %(area)s: %(names)s.") % {
            "area": program.committee.locality.name,
            "names": "; ".join(unit.full_name for unit in names[:5]) or _("(không tồn tại)"),
        }
    stale = [facts.area[pk] for pk in chosen if not facts.area[pk].is_valid_on(data.start_date)]
    if not stale:
        return None
    return " ".join(not_in_force_message(unit, data.start_date) for unit in stale[:5])


def _check_program_fit(program, data: ActivityData, facts: ProgramFacts | None = None) -> None:
    """Dates inside the program, content area and task of this program, lead a member."""
    facts = facts or program_facts(program)
    errors = {}
    if data.end_date < data.start_date:
        errors["end_date"] = _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
    if not (program.period_start <= data.start_date <= program.period_end):
        errors["start_date"] = _("Ngày bắt đầu nằm ngoài thời gian của chương trình.")
    if data.start_date > timezone.localdate():
        errors["start_date"] = _("Không thể báo cáo hoạt động chưa diễn ra (ngày trong tương lai).")
    if data.content_area_id not in facts.content_area_ids:
        errors["content_area"] = _("Nội dung phối hợp không thuộc chương trình này.")
    if data.task_id and data.task_id not in facts.task_ids:
        errors["task"] = _("Nhiệm vụ không thuộc kế hoạch của chương trình này.")
    members = facts.member_ids
    if data.lead_id not in members:
        errors["lead"] = _("Cơ quan chủ trì không phải thành viên chương trình.")
    if set(data.partner_ids) - members:
        errors["partners"] = _("Có cơ quan phối hợp không phải thành viên chương trình.")
    if data.lead_id in data.partner_ids:
        errors["partners"] = _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp.")
    if message := _locality_errors(program, data, facts):
        errors["localities"] = message
    if any(value < 0 for value in data.figures.values()):
        errors["figures"] = _("Số liệu không được âm.")
    if errors:
        raise ValidationError(errors)


def _typed(data: ActivityData) -> dict:
    """The fields of an activity that `data` sets, by attname, as they are stored."""
    title = clean_name(data.title)
    return {
        "title": title,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "content_area_id": data.content_area_id,
        "lead_id": data.lead_id,
        "task_id": data.task_id,
        "narrative": data.narrative.strip(),
        "search_text": fold(title)[:300],  # as Activity.refresh_search_fields
    }


def _apply(activity: Activity, data: ActivityData) -> None:
    for name, value in _typed(data).items():
        setattr(activity, name, value)


def _sync_participants(activity: Activity, data: ActivityData) -> None:
    """Lead + partners; a partner kept keeps its answer, a new one starts pending."""
    wanted = {data.lead_id: ParticipantRole.LEAD} | {
        pk: ParticipantRole.PARTNER for pk in data.partner_ids
    }
    activity.participations.exclude(organization_id__in=wanted).delete()
    existing = {p.organization_id: p for p in activity.participations.all()}
    for org_id, role in wanted.items():
        part = existing.get(org_id)
        status = ParticipationStatus.CONFIRMED if role == ParticipantRole.LEAD else None
        if part is None:
            Participation.objects.create(
                activity=activity,
                organization_id=org_id,
                role=role,
                status=status or ParticipationStatus.PENDING,
            )
        elif part.role != role:
            part.role, part.status = role, status or ParticipationStatus.PENDING
            part.save(update_fields=["role", "status"])


def _sync_figures(activity: Activity, figures: dict[int, Decimal]) -> None:
    activity.figures.exclude(indicator_id__in=figures).delete()
    existing = {f.indicator_id: f for f in activity.figures.all()}
    for indicator_id, value in figures.items():
        figure = existing.get(indicator_id)
        if figure is None:
            Figure.objects.create(activity=activity, indicator_id=indicator_id, value=value)
        elif figure.value != value:
            figure.value = value
            figure.save(update_fields=["value"])


def _refresh_participant_count(activity: Activity) -> None:
    """Lead plus partners that have not declined: what "joint" means in reviews."""
    count = activity.participations.exclude(status=ParticipationStatus.DECLINED).count()
    if count != activity.participant_count:
        activity.participant_count = count
        activity.save(update_fields=["participant_count"])


@transaction.atomic
def activity_create(
    *, actor, program, data: ActivityData, submit: bool = False, uploads: Sequence = ()
) -> Activity:
    """`uploads` are attached as evidence; each is checked before anything is written."""
    if not can_edit_activity(actor, program=program, lead_id=data.lead_id):
        raise PermissionDenied
    for upload in uploads:
        checked_upload(upload, field="attachments")
    _check_program_fit(program, data)
    activity = Activity(program=program, created_by=actor)
    _apply(activity, data)
    activity.full_clean(exclude=["localities"])
    activity._history_user = actor
    activity.save()
    activity.localities.set(data.locality_ids)
    _sync_participants(activity, data)
    _sync_figures(activity, data.figures)
    _refresh_participant_count(activity)
    for upload in uploads:
        attachment_add(actor=actor, activity=activity, upload=upload)
    if submit:
        activity_submit(actor=actor, activity=activity)
    return activity


@transaction.atomic
def activity_update(
    *, actor, activity: Activity, data: ActivityData, version: int | None = None
) -> Activity:
    """Edit; `version` is the revision the editor saw (a stale one is refused)."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not can_edit_activity(actor, program=activity.program, lead_id=activity.lead_id):
        raise PermissionDenied
    ensure_unchanged(activity, version)
    _check_program_fit(activity.program, data)
    was_confirmed = activity.status == ActivityStatus.CONFIRMED
    _apply(activity, data)
    activity.full_clean(exclude=["localities"])
    activity.revision += 1
    if was_confirmed:
        activity.status = ActivityStatus.SUBMITTED
        activity.confirmed_at = None
    activity._history_user = actor
    activity.save()
    activity.localities.set(data.locality_ids)
    pending_before = set(_pending_partner_ids(activity))
    _sync_participants(activity, data)
    _sync_figures(activity, data.figures)
    _refresh_participant_count(activity)
    asked = [pk for pk in _pending_partner_ids(activity) if pk not in pending_before]
    if asked and activity.status != ActivityStatus.DRAFT:
        _hand_off(Step.INVITED, activity, actor, organization_ids=asked)
    if was_confirmed:
        _hand_off(Step.SUBMITTED, activity, actor)
    return activity


def _transition(activity, *, actor, allowed_from, to, **fields) -> Activity:
    if activity.status not in allowed_from:
        raise ValidationError(
            _("Không thể chuyển hoạt động từ trạng thái “%(status)s”.")
            % {"status": activity.get_status_display()}
        )
    activity.status = to
    for name, value in fields.items():
        setattr(activity, name, value)
    activity._history_user = actor
    activity.save(update_fields=["status", "updated_at", *fields])
    return activity


@transaction.atomic
def activity_submit(*, actor, activity: Activity) -> Activity:
    """Send to the secretariat; partners still to answer are asked (again) to confirm."""
    if not can_edit_activity(actor, program=activity.program, lead_id=activity.lead_id):
        raise PermissionDenied
    activity = _transition(
        activity,
        actor=actor,
        allowed_from={ActivityStatus.DRAFT, ActivityStatus.RETURNED},
        to=ActivityStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    _hand_off(Step.SUBMITTED, activity, actor)
    if asked := _pending_partner_ids(activity):
        _hand_off(Step.INVITED, activity, actor, organization_ids=asked)
    return activity


@transaction.atomic
def activity_confirm(*, actor, activity: Activity) -> Activity:
    if not can_review_activity(actor, activity):
        raise PermissionDenied
    activity = _transition(
        activity,
        actor=actor,
        allowed_from={ActivityStatus.SUBMITTED},
        to=ActivityStatus.CONFIRMED,
        confirmed_at=timezone.now(),
        review_comment="",
    )
    _hand_off(Step.CONFIRMED, activity, actor)
    return activity


@transaction.atomic
def activity_return(*, actor, activity: Activity, comment: str) -> Activity:
    if not can_review_activity(actor, activity):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": _("Hãy ghi rõ lý do trả lại để đơn vị bổ sung.")})
    activity = _transition(
        activity,
        actor=actor,
        allowed_from={ActivityStatus.SUBMITTED},
        to=ActivityStatus.RETURNED,
        review_comment=comment.strip(),
    )
    _hand_off(Step.RETURNED, activity, actor)
    return activity


@transaction.atomic
def participation_respond(
    *, actor, participation: Participation, accept: bool, contribution: str = ""
) -> Participation:
    """A partner confirms (with its part) or declines its participation."""
    if participation.role != ParticipantRole.PARTNER or not can_respond_for(
        actor, participation.organization_id
    ):
        raise PermissionDenied
    participation.status = ParticipationStatus.CONFIRMED if accept else ParticipationStatus.DECLINED
    participation.contribution = contribution.strip()
    participation.responded_by, participation.responded_at = actor, timezone.now()
    participation._history_user = actor
    participation.save()
    _refresh_participant_count(participation.activity)
    _hand_off(Step.RESPONDED, participation.activity, actor, participation=participation)
    return participation


# --- Attachments: evidence of an activity ---------------------------------------------


@transaction.atomic
def attachment_add(*, actor, activity: Activity, upload) -> Attachment:
    """Attach evidence: checked by size, extension and the file's own bytes.

    Stored under MEDIA_ROOT with a random name; served only through a permission-checked
    view, never from a public URL.
    """
    if not can_edit_activity(actor, program=activity.program, lead_id=activity.lead_id):
        raise PermissionDenied
    checked = checked_upload(upload)
    attachment = Attachment(
        activity=activity,
        original_name=checked.name,
        content_type=checked.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(f"{uuid.uuid4().hex}{checked.suffix}", upload, save=False)
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    """Mark the attachment deleted: hidden from the page and downloads, its file kept, the
    deletion in its history (and the activity's timeline) until the secretariat restores it."""
    activity = attachment.activity
    if not can_edit_activity(actor, program=activity.program, lead_id=activity.lead_id):
        raise PermissionDenied
    _set_deleted(attachment, actor=actor, deleted=True)


@transaction.atomic
def attachment_restore(*, actor, attachment: Attachment) -> None:
    """Bring a deleted attachment back; only the secretariat of the program's committee."""
    if not can_review_activity(actor, attachment.activity):
        raise PermissionDenied
    _set_deleted(attachment, actor=actor, deleted=False)


def _set_deleted(attachment: Attachment, *, actor, deleted: bool) -> None:
    current = (
        Attachment.objects.select_for_update()
        .values_list("deleted_at", flat=True)
        .get(pk=attachment.pk)
    )
    if (current is not None) == deleted:
        return
    attachment.deleted_at = timezone.now() if deleted else None
    attachment.deleted_by = actor if deleted else None
    attachment.full_clean()
    attachment._history_user = actor
    attachment.save(update_fields=["deleted_at", "deleted_by"])


# --- Bulk import (the Excel importer, the demo) --------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem of one row of a bulk import: `index` into the rows, `field` of ActivityData."""

    index: int
    field: str
    message: str


class ActivityRowsInvalid(ValidationError):
    """Raised by activity_bulk_create with every row's problems; nothing was saved."""

    def __init__(self, row_errors: list[RowError]):
        self.row_errors = row_errors
        super().__init__([f"{e.index + 1}: {e.message}" for e in row_errors])


# The fields of an activity that differ from row to row of an import, checked for each row
# as full_clean would (Field.clean); the others are the same defaults for every row. The
# relations (content area, task, lead) and places are checked by _check_program_fit.
_ROW_FIELDS = ["title", "start_date", "end_date", "narrative", "search_text"]


def _field_errors(values: dict) -> dict[str, list]:
    """What Activity.full_clean says of the row fields of `values` (`_typed`), by field."""
    errors = {}
    for name in _ROW_FIELDS:
        model_field = Activity._meta.get_field(name)
        value = values[name]
        if model_field.blank and value in model_field.empty_values:
            continue  # as clean_fields skips it
        try:
            model_field.clean(value, None)
        except ValidationError as error:
            errors[name] = error.error_list
    return errors


def _rows_checked(actor, program, rows: list[ActivityData]) -> tuple[list[RowError], list[dict]]:
    """Every problem of every row, and each row's stored fields (`_typed`)."""
    facts = program_facts(program)
    errors: list[RowError] = []
    typed: list[dict] = []
    may_import: dict[int, bool] = {}  # by lead: the rule reads only the user and the program
    for index, data in enumerate(rows):
        if data.lead_id not in may_import:
            may_import[data.lead_id] = can_import_activity_for(
                actor, program=program, lead_id=data.lead_id
            )
        if not may_import[data.lead_id]:
            errors.append(
                RowError(
                    index, "lead", _("Bạn chỉ được nhập hoạt động do tổ chức của mình chủ trì.")
                )
            )
        try:
            _check_program_fit(program, data, facts)
        except ValidationError as error:
            errors += [
                RowError(index, name, message)
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        values = _typed(data)
        typed.append(values)
        if found := _field_errors(values):
            errors += [
                RowError(index, name, message)
                for name, messages in ValidationError(found).message_dict.items()
                for message in messages
            ]
    return errors, typed


def activity_rows_check(*, actor, program, rows: list[ActivityData]) -> list[RowError]:
    """Every problem of every row (permission, program fit, field limits); writes nothing."""
    return _rows_checked(actor, program, rows)[0]


@transaction.atomic
def activity_bulk_create(
    *,
    actor,
    program,
    rows: list[ActivityData],
    submit: bool = False,
    batch: uuid.UUID | None = None,
) -> int:
    """Create all `rows` in one transaction, or none: raises ActivityRowsInvalid listing
    every row's problems. History rows are written in bulk too. Returns the count.
    `batch` marks the rows of one import, so the list can show them (?lo=)."""
    errors, typed = _rows_checked(actor, program, rows)
    if errors:
        raise ActivityRowsInvalid(errors)
    now = timezone.now()
    status = ActivityStatus.SUBMITTED if submit else ActivityStatus.DRAFT
    if batch is None:
        activities = []
        for data in rows:
            activity = Activity(
                program=program,
                created_by=actor,
                participant_count=1 + len(set(data.partner_ids)),
                status=status,
                submitted_at=now if submit else None,
            )
            _apply(activity, data)
            activities.append(activity)
        created = bulk_create_with_history(activities, Activity, batch_size=500, default_user=actor)
        _bulk_children(actor, created, rows)
        ids = [activity.pk for activity in created]
    else:  # an import: plain INSERTs of the rows' values, their history copied in SQL
        common = {
            "program_id": program.pk,
            "created_by_id": actor.pk if actor else None,
            "status": str(status),
            "submitted_at": now if submit else None,
            "import_batch": batch,
            "created_at": now,
            "updated_at": now,
        }
        for data, values in zip(rows, typed, strict=True):
            values["participant_count"] = 1 + len(set(data.partner_ids))
        _insert_rows(Activity, typed, common)
        # Their pks, in the order of `rows`: one session's inserts take ascending ids
        # (SQLite's rowid, PostgreSQL's sequence), whatever other sessions insert meanwhile.
        ids = list(
            Activity.objects.filter(import_batch=batch).order_by("pk").values_list("pk", flat=True)
        )
        _import_children(ids, rows)
        _history_of_batch(actor, batch, now)
        created = (
            [Activity(pk=pk, import_batch=batch) for pk in ids]
            if submit and HANDOFF_LISTENERS
            else []
        )
    if submit and ids:
        _hand_off(Step.IMPORTED, None, actor, activities=created)  # one notice per reader
    return len(ids)


def _bulk_children(actor, activities: list[Activity], rows: list[ActivityData]) -> None:
    """Participations, figures and localities of freshly bulk-created activities, with history."""
    parts, figures, places = [], [], []
    through = Activity.localities.through
    for activity, data in zip(activities, rows, strict=True):
        parts.append(
            Participation(
                activity=activity,
                organization_id=data.lead_id,
                role=ParticipantRole.LEAD,
                status=ParticipationStatus.CONFIRMED,
            )
        )
        parts += [
            Participation(activity=activity, organization_id=pk, role=ParticipantRole.PARTNER)
            for pk in dict.fromkeys(data.partner_ids)
        ]
        figures += [
            Figure(activity=activity, indicator_id=pk, value=value)
            for pk, value in data.figures.items()
        ]
        places += [
            through(activity_id=activity.pk, locality_id=pk)
            for pk in dict.fromkeys(data.locality_ids)
        ]
    bulk_create_with_history(parts, Participation, batch_size=500, default_user=actor)
    bulk_create_with_history(figures, Figure, batch_size=500, default_user=actor)
    through.objects.bulk_create(places, batch_size=500)


def _import_children(ids: list[int], rows: list[ActivityData]) -> None:
    """Participations, figures and places of an import's activities (`ids`, in the order of
    `rows`), as plain INSERTs; their history is written afterwards (_history_of_batch)."""
    lead, partner = str(ParticipantRole.LEAD), str(ParticipantRole.PARTNER)
    confirmed, pending = str(ParticipationStatus.CONFIRMED), str(ParticipationStatus.PENDING)
    parts, figures, places = [], [], []
    for pk, data in zip(ids, rows, strict=True):
        parts.append(
            {"activity_id": pk, "organization_id": data.lead_id, "role": lead, "status": confirmed}
        )
        parts += [
            {"activity_id": pk, "organization_id": org, "role": partner, "status": pending}
            for org in dict.fromkeys(data.partner_ids)
        ]
        figures += [
            {"activity_id": pk, "indicator_id": indicator, "value": value}
            for indicator, value in data.figures.items()
        ]
        places += [
            {"activity_id": pk, "locality_id": place} for place in dict.fromkeys(data.locality_ids)
        ]
    _insert_rows(Participation, parts)
    _insert_rows(Figure, figures)
    _insert_rows(Activity.localities.through, places)


BULK_BATCH = 10_000  # rows per executemany of an import


# Fields whose Python values the database drivers take as they are (int, str, None): no
# per-value preparation. Dates and decimals go straight to the backend's adapter, as their
# field's get_db_prep_save ends; any other field's values go through get_db_prep_save.
_PLAIN_FIELDS = (
    models.AutoField,
    models.IntegerField,
    models.CharField,
    models.TextField,
    models.ForeignKey,
)


def _preparer(model_field, db):
    """A function preparing one value of `model_field` for `db`, or None when none is needed."""
    if isinstance(model_field, _PLAIN_FIELDS):
        return None
    if type(model_field) is models.DateField:
        adapt = db.ops.adapt_datefield_value
        return lambda value: (
            adapt(value) if type(value) is dt.date else model_field.get_db_prep_save(value, db)
        )
    if type(model_field) is models.DecimalField:
        adapt, digits, places = (
            db.ops.adapt_decimalfield_value,
            model_field.max_digits,
            model_field.decimal_places,
        )
        return lambda value: (
            adapt(value, digits, places)
            if type(value) is Decimal and value.is_finite()
            else model_field.get_db_prep_save(value, db)
        )
    return partial(_prepared, model_field, db)


def _insert_rows(model, rows: list[dict], common: dict | None = None) -> None:
    """INSERT `rows` (dicts by attname, each with the same keys) without a model instance
    per row: COPY on PostgreSQL, executemany elsewhere. `common` holds the values shared by every row; a field
    neither gives takes its default, as an unsaved instance would have it. Rows that need
    no signal, no returned pk and no history of their own here."""
    if not rows:
        return
    db = connections[router.db_for_write(model)]
    common = common or {}
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = [f for f in fields if f.attname in rows[0]]
    template = model(**{f.attname: common[f.attname] for f in fields if f.attname in common})
    fixed = {
        f.attname: f.get_db_prep_save(f.pre_save(template, add=True), db)
        for f in fields
        if f not in given
    }
    prepare = {f.attname: _preparer(f, db) for f in given}
    quote = db.ops.quote_name
    names = [f.attname for f in fields]
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(model._meta.db_table)

    def values(batch):
        return [
            [
                fixed[name]
                if name in fixed
                else (row[name] if prepare[name] is None else prepare[name](row[name]))
                for name in names
            ]
            for row in batch
        ]

    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            # COPY: one stream of rows instead of a statement per row (executemany), the
            # same values through psycopg's adapters; the sequence still gives the rows
            # ascending ids in their order, and the transaction keeps all or nothing.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(rows), BULK_BATCH):
                    for row in values(rows[start : start + BULK_BATCH]):
                        copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        for start in range(0, len(rows), BULK_BATCH):
            cursor.executemany(sql, values(rows[start : start + BULK_BATCH]))


def _prepared(model_field, db, value):
    return model_field.get_db_prep_save(value, db)


def _history_of_batch(actor, batch: uuid.UUID, now) -> None:
    """The "+" history rows of an import's activities, participations and figures, each
    one INSERT … SELECT copying the rows just written (what bulk_create_with_history
    writes, without building a Python object per history row): the same tracked fields,
    history_date `now`, history_user `actor`, no change reason."""
    activities = Activity.objects.filter(import_batch=batch)
    quote = connection.ops.quote_name
    for model, rows in (
        (Activity, activities),
        (Participation, Participation.objects.filter(activity__in=activities.values("pk"))),
        (Figure, Figure.objects.filter(activity__in=activities.values("pk"))),
    ):
        history = model.history.model
        fields = history.tracked_fields
        select, params = (
            rows.order_by("pk").values_list(*[f.attname for f in fields]).query.sql_with_params()
        )
        select = select.replace(
            " FROM ", ", %s, %s, %s FROM ", 1
        )  # the columns are plain: first FROM
        target = ", ".join(quote(c) for c in [f.column for f in fields] + HISTORY_COLUMNS)
        stamp = [connection.ops.adapt_datetimefield_value(now), "+", actor.pk if actor else None]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({target}) {select}",
                [*stamp, *params],
            )


HISTORY_COLUMNS = ["history_date", "history_type", "history_user_id"]
