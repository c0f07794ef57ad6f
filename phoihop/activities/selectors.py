"""Reads of activities, always scoped to a user through Activity.objects.visible_to().

Totals count each activity once: they aggregate Figure rows of the visible, confirmed
activities, never joining through participations (which would repeat a joint activity
once per participant).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from phoihop.activities import rollup
from phoihop.activities.models import (
    Activity,
    ActivityStatus,
    Attachment,
    Figure,
    ParticipantRole,
    Participation,
    ParticipationStatus,
)
from phoihop.activities.rules import can_edit_activity, can_respond_for, can_review_activity
from phoihop.core.access import get_scoped
from phoihop.lib.text import fold
from phoihop.localities.models import Locality
from phoihop.organizations.models import Organization
from phoihop.programs.models import Aggregation, Indicator, Program, Task, TaskStatus, TaskTarget
from phoihop.programs.selectors import TargetProgress, TaskProgress


def _participations_prefetch() -> Prefetch:
    return Prefetch("participations", queryset=Participation.objects.select_related("organization"))


def activities_for_user(user, filters: Mapping[str, Any] | None = None) -> QuerySet[Activity]:
    """The activity list: visible to `user`, filtered like the list page and the API.

    Filters (all optional): program, status, content_area, organization (takes part in
    any role), lead, locality (the unit or any unit below it), date_from, date_to (the
    activity overlaps the range), q (title, without diacritics), batch (the rows of one
    Excel import).
    """
    filters = {key: value for key, value in (filters or {}).items() if value not in (None, "")}
    activities = Activity.objects.visible_to(user)
    simple = {
        "program": "program",
        "status": "status",
        "content_area": "content_area",
        "lead": "lead",
        "batch": "import_batch",
    }
    for key, lookup in simple.items():
        if key in filters:
            activities = activities.filter(**{lookup: filters[key]})
    if "organization" in filters:
        activities = activities.filter(
            pk__in=Participation.objects.filter(organization=filters["organization"]).values(
                "activity_id"
            )
        )
    if "locality" in filters:
        units = Locality.objects.within(filters["locality"]).values("pk")
        activities = activities.filter(
            pk__in=Activity.localities.through.objects.filter(locality_id__in=units).values(
                "activity_id"
            )
        )
    if "date_from" in filters:
        activities = activities.filter(end_date__gte=filters["date_from"])
    if "date_to" in filters:
        activities = activities.filter(start_date__lte=filters["date_to"])
    if folded := fold(filters.get("q", "")):
        activities = activities.filter(search_text__contains=folded)
    return (
        activities.select_related("program", "content_area", "lead")
        .prefetch_related(_participations_prefetch())
        .order_by("-start_date", "-pk")
    )


def get_activity_for_user(user, pk, *, write: bool = False) -> Activity:
    """Outsiders 404; visible but not the lead's writer and `write` asked: 403."""
    return get_scoped(
        Activity.objects.visible_to(user).select_related(
            "program__committee", "content_area", "lead", "task", "created_by"
        ),
        pk,
        write=write,
        can_write=lambda activity: can_edit_activity(
            user, program=activity.program, lead_id=activity.lead_id
        ),
    )


def get_attachment_for_user(user, pk, *, write: bool = False) -> Attachment:
    return get_scoped(
        Attachment.objects.present()
        .filter(activity__in=Activity.objects.visible_to(user))
        .select_related("activity__program"),
        pk,
        write=write,
        can_write=lambda attachment: can_edit_activity(
            user, program=attachment.activity.program, lead_id=attachment.activity.lead_id
        ),
    )


def get_deleted_attachment_for_user(user, pk) -> Attachment:
    """A deleted attachment to restore: outsiders 404, anyone but the secretariat 403."""
    return get_scoped(
        Attachment.objects.deleted()
        .filter(activity__in=Activity.objects.visible_to(user))
        .select_related("activity__program__committee"),
        pk,
        write=True,
        can_write=lambda attachment: can_review_activity(user, attachment.activity),
    )


def organization_activities(user, organization) -> QuerySet[Participation]:
    """Every activity `organization` leads or takes part in that `user` may see, as the
    organization's participation (its role and answer); a joint activity appears in
    each participant's record."""
    return (
        Participation.objects.filter(
            organization=organization, activity__in=Activity.objects.visible_to(user)
        )
        .select_related("activity__content_area", "activity__lead", "activity__program")
        .order_by("-activity__start_date", "-activity_id")
    )


def activities_for_review(user) -> QuerySet[Activity]:
    """Submitted activities waiting for `user`'s secretariat (administrators: all)."""
    activities = activities_for_user(user, {"status": ActivityStatus.SUBMITTED})
    if user.is_administrator:
        return activities.order_by("submitted_at", "pk")
    return activities.filter(program__committee__host_id=user.organization_id).order_by(
        "submitted_at", "pk"
    )


def pending_for_user(user) -> QuerySet[Participation]:
    """Partner parts `user`'s organization has yet to confirm or decline."""
    return (
        pending_participations_for(user)
        .filter(activity__in=Activity.objects.visible_to(user))
        .select_related("activity__lead", "activity__content_area")
        .order_by("activity__start_date", "activity_id")
    )


def programs_for_reporting(user) -> QuerySet[Program]:
    """Programs `user` may report activities in: those its organization is a member of."""
    programs = Program.objects.visible_to(user).select_related("committee")
    if user.is_administrator:
        return programs
    return programs.filter(members__organization_id=user.organization_id).distinct()


# --- The detail page ---------------------------------------------------------------------


@dataclass
class TimelineEntry:
    when: dt.datetime
    who: str
    status: str
    change: str
    revision: int


@dataclass
class ActivityDetail:
    activity: Activity
    figures: list
    participations: list[Participation]
    attachments: list[Attachment]
    deleted_attachments: list[Attachment]  # only for the secretariat, who may restore them
    timeline: list[TimelineEntry]
    my_participation: Participation | None
    can_edit: bool
    can_submit: bool
    can_review: bool
    can_respond: bool

    @property
    def pending_partners(self) -> int:
        """Partners still "Chờ xác nhận": the secretariat is warned before confirming."""
        return sum(
            1
            for part in self.participations
            if part.role == ParticipantRole.PARTNER and part.status == ParticipationStatus.PENDING
        )


def activity_timeline(activity: Activity, user=None) -> list[TimelineEntry]:
    """Every step of the activity, newest first, with who and when: its own history rows
    (created, edited, submitted, returned with the comment, confirmed), the partners'
    answers and the files uploaded, deleted and restored.

    Organizations are named only for a `user` who may see them (visibility covers text:
    a partner since removed from another committee is "một đơn vị"); without `user`, as
    the record's own history, every name shows.
    """
    entries = _activity_entries(activity)
    status = entries[-1].status if entries else ""
    others = _participation_entries(activity, user, status=status)
    others += _attachment_entries(activity, status=status)
    # Newest first; at the same instant (a pinned clock) the activity's own row comes last.
    others.sort(key=lambda entry: entry.when)
    return sorted(others[::-1] + entries[::-1], key=lambda entry: entry.when, reverse=True)


def _who(record) -> str:
    return record.history_user.display_name if record.history_user else str(_("Hệ thống"))


def _activity_entries(activity: Activity) -> list[TimelineEntry]:
    records = list(
        activity.history.select_related("history_user").order_by("history_date", "history_id")
    )
    labels = dict(ActivityStatus.choices)
    entries, previous = [], None
    for record in records:
        status = str(labels.get(record.status, record.status))
        if previous is None:
            change = _("Tạo mới (%(status)s)") % {"status": status}
        elif previous.status != record.status:
            change = f"{labels.get(previous.status, previous.status)} → {status}"
            if record.status == ActivityStatus.RETURNED and record.review_comment:
                change += " · " + _("Ý kiến: %(comment)s") % {"comment": record.review_comment}
        elif previous.revision != record.revision:
            change = _("Sửa nội dung")
        elif previous.participant_count != record.participant_count:
            change = _("Số tổ chức tham gia: %(old)s → %(new)s") % {
                "old": previous.participant_count,
                "new": record.participant_count,
            }
        else:
            change = _("Cập nhật")
        entries.append(
            TimelineEntry(record.history_date, _who(record), status, change, record.revision)
        )
        previous = record
    return entries


def _participation_entries(activity: Activity, user, *, status: str) -> list[TimelineEntry]:
    """A partner's answer: confirmed (with its part) or declined, by whom and when."""
    records = (
        Participation.history.filter(
            activity_id=activity.pk,
            role=ParticipantRole.PARTNER,
            responded_at__isnull=False,
            history_type="~",
        )
        .select_related("history_user", "organization")
        .order_by("history_date", "history_id")
    )
    records = list(records)
    named = {record.organization_id for record in records}
    if user is not None:
        named = set(
            Organization.objects.visible_to(user).filter(pk__in=named).values_list("pk", flat=True)
        )
    entries = []
    for record in records:
        org = record.organization
        name = (org.short_name or org.name) if record.organization_id in named else _("Một đơn vị")
        if record.status == ParticipationStatus.CONFIRMED:
            change = _("%(org)s xác nhận tham gia") % {"org": name}
            if record.contribution:
                change += " · " + _("Phần việc: %(part)s") % {"part": record.contribution}
        elif record.status == ParticipationStatus.DECLINED:
            change = _("%(org)s từ chối tham gia") % {"org": name}
        else:
            continue
        entries.append(
            TimelineEntry(record.history_date, _who(record), status, str(change), activity.revision)
        )
    return entries


def _attachment_entries(activity: Activity, *, status: str) -> list[TimelineEntry]:
    """Attachments uploaded, deleted and restored, from the attachments' own history."""
    records = (
        Attachment.history.filter(activity_id=activity.pk, history_type__in=["+", "~"])
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries = []
    for record in records:
        if record.history_type == "+":
            text = _("Tải lên tệp “%(name)s”")
        elif record.deleted_at:
            text = _("Xóa tệp “%(name)s”")
        else:
            text = _("Khôi phục tệp “%(name)s”")
        change = text % {"name": record.original_name}
        entries.append(
            TimelineEntry(record.history_date, _who(record), status, change, activity.revision)
        )
    return entries


def activity_detail_for_user(user, activity: Activity) -> ActivityDetail:
    participations = list(activity.participations.select_related("organization", "responded_by"))
    mine = next(
        (
            p
            for p in participations
            if p.organization_id == user.organization_id and p.role == ParticipantRole.PARTNER
        ),
        None,
    )
    can_edit = can_edit_activity(user, program=activity.program, lead_id=activity.lead_id)
    can_review = can_review_activity(user, activity)
    return ActivityDetail(
        activity=activity,
        figures=list(activity.figures.select_related("indicator").order_by("indicator__order")),
        participations=participations,
        attachments=list(activity.attachments.present()),
        deleted_attachments=list(activity.attachments.deleted().select_related("deleted_by"))
        if can_review
        else [],
        timeline=activity_timeline(activity, user),
        my_participation=mine,
        can_edit=can_edit,
        can_submit=can_edit and activity.status in (ActivityStatus.DRAFT, ActivityStatus.RETURNED),
        can_review=activity.status == ActivityStatus.SUBMITTED and can_review,
        can_respond=mine is not None
        and activity.status != ActivityStatus.DRAFT
        and can_respond_for(user, mine.organization_id),
    )


# --- Program totals -----------------------------------------------------------------------


@dataclass
class IndicatorTotal:
    indicator: Indicator
    value: Decimal
    activities: int  # confirmed activities that reported this indicator


@dataclass
class ProgramTotals:
    rows: list[IndicatorTotal]
    activities: int  # confirmed activities visible to the user
    joint: int  # of which done by two or more organizations

    @property
    def joint_ratio(self) -> float | None:
        return self.joint / self.activities if self.activities else None


def program_totals(user, program: Program, *, until: dt.date | None = None) -> ProgramTotals:
    """Per indicator, the total over the CONFIRMED activities of `program` visible to
    `user`, each activity counted once whoever took part in it."""
    counted = Activity.objects.visible_to(user).filter(program=program).counted()
    if until is not None:
        counted = counted.filter(start_date__lte=until)
    joint, total = joint_share(counted)
    return ProgramTotals(rows=figure_totals(counted), activities=total, joint=joint)


def figure_totals(counted: QuerySet[Activity], *, by: str | None = None):
    """THE totals by indicator of the activities `counted` (those that count: pass
    `.counted()`), in catalogue order, each by its indicator's rule (Indicator.result):
    the sum, the number of activities that reported it, or the latest value.

    With `by`, a path from Activity to group on (e.g. "models_evidenced"): a dict from
    each of its values to that group's list. A few queries whatever the groups' number.
    """
    figures = Figure.objects.filter(activity__in=counted)
    group = [f"activity__{by}"] if by else []
    sums = list(
        figures.values(*group, "indicator")
        .annotate(total=Sum("value"), activities=Count("activity", distinct=True))
        .order_by()
    )
    indicators = Indicator.objects.in_bulk({row["indicator"] for row in sums})
    latest = _latest_values(figures, group, indicators)
    totals: dict = defaultdict(list)
    for row in sorted(
        sums, key=lambda r: (indicators[r["indicator"]].order, indicators[r["indicator"]].name)
    ):
        key, indicator = (row[group[0]] if by else None), indicators[row["indicator"]]
        value = indicator.result(
            total=row["total"], reported=row["activities"], latest=latest.get((key, indicator.pk))
        )
        totals[key].append(IndicatorTotal(indicator, value, row["activities"]))
    return dict(totals) if by else totals.get(None, [])


def _latest_values(figures, group: list[str], indicators: dict) -> dict:
    """(group key, indicator id) → the value of the activity that ended last, for the
    "latest" indicators only (one query, none when there are none)."""
    wanted = [
        pk for pk, indicator in indicators.items() if indicator.aggregation == Aggregation.LATEST
    ]
    if not wanted:
        return {}
    rows = (
        figures.filter(indicator_id__in=wanted)
        .order_by("-activity__end_date", "-activity_id")
        .values_list(*(group or ["indicator"]), "indicator", "value")
    )
    latest: dict = {}
    for *key, indicator_id, value in rows:  # newest first: keep the first of each
        latest.setdefault((key[0] if group else None, indicator_id), value)
    return latest


def pending_participations_for(user):
    """Partner parts waiting for `user`'s organization to confirm or decline."""
    return Participation.objects.filter(
        organization_id=user.organization_id,
        role=ParticipantRole.PARTNER,
        status=ParticipationStatus.PENDING,
    ).exclude(activity__status=ActivityStatus.DRAFT)


def joint_share(activities) -> tuple[int, int]:
    """(joint, total) over `activities`: joint = two or more organizations took part."""
    row = activities.aggregate(
        total=Count("pk"), joint=Count("pk", filter=Q(participant_count__gte=2))
    )
    return row["joint"], row["total"]


# --- Task progress: counted from the confirmed activities linked to a task -----------------
# programs.selectors.task_progress / plan_progress ask for it through PROGRESS_COUNTERS.


def _status(task: Task, confirmed: int, targets: list[TargetProgress], as_of: dt.date) -> str:
    """Judged on `as_of`, from the activities that started by then. Done: at least one
    confirmed activity and every target reached. Otherwise overdue once the due date has
    passed (`as_of` after it: never for a task due after `as_of`), else not started
    (nothing confirmed) or in progress."""
    if confirmed and all(t.reached for t in targets):
        return TaskStatus.DONE
    if as_of > task.due_date:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS if confirmed else TaskStatus.NOT_STARTED


def progress_for_tasks(
    tasks: Iterable[Task], *, as_of: dt.date, since: dt.date | None = None
) -> dict[int, TaskProgress]:
    """Progress of every task in `tasks` on `as_of`, in a few queries whatever their number.

    Status and `achieved` count every linked activity started up to `as_of`; with `since`,
    each target's `in_period` counts only those started in [since, as_of] (what a review
    of that period achieved on the task)."""
    tasks = list(tasks)
    ids = [task.pk for task in tasks]
    if not ids:
        return {}
    counts, sums = rollup.task_tallies(ids, until=as_of)  # confirmed, from the month rollup
    figures = Figure.objects.filter(
        activity__status=ActivityStatus.CONFIRMED,
        activity__task_id__in=ids,
        activity__start_date__lte=as_of,
    )
    targets = list(TaskTarget.objects.filter(task_id__in=ids).select_related("indicator"))
    indicators = {t.indicator_id: t.indicator for t in targets}
    by_task_group = ["activity__task_id"]
    latest = _latest_values(figures, by_task_group, indicators)
    before = rollup.task_tallies(ids, until=since - dt.timedelta(days=1)) if since else None
    latest_since = (
        _latest_values(figures.filter(activity__start_date__gte=since), by_task_group, indicators)
        if since
        else {}
    )
    by_task: dict[int, list[TargetProgress]] = defaultdict(list)
    for target in sorted(targets, key=lambda t: (t.indicator.order, t.indicator.name)):
        achieved = _achieved(target, counts, sums, latest)
        row = TargetProgress(target.indicator, target.value, achieved)
        if before is not None:  # counts and sums up to `as_of` less those before `since`
            row.in_period = (
                latest_since.get((target.task_id, target.indicator_id), Decimal(0))
                if target.indicator.aggregation == Aggregation.LATEST
                else achieved - _achieved(target, *before, {})
            )
        by_task[target.task_id].append(row)
    result = {}
    for task in tasks:
        count, rows = counts.get(task.pk, 0), by_task.get(task.pk, [])
        result[task.pk] = TaskProgress(task, count, rows, _status(task, count, rows, as_of))
    return result


def _achieved(target: TaskTarget, counts, sums, latest) -> Decimal:
    """What `counts`/`sums`/`latest` (task_tallies, _latest_values) say for `target`, by
    its indicator's one rule (Indicator.result)."""
    key = (target.task_id, target.indicator_id)
    return target.indicator.result(
        total=sums.get(key), reported=counts.get(target.task_id, 0), latest=latest.get(key)
    )
