"""Writes of situation reports and cases; the pages, the API, the demo and tests share them.

A report is what a member saw; the secretariat opens a case from it and follows it to
the end: new → assigned → in progress → resolved / referred / closed unresolved, and
reopened with a reason when the matter comes back. Every write adds a line to the case's
timeline (CaseEvent), tells simple-history who acted, and bumps the case's revision so a
form opened before someone else's change is refused instead of silently overwriting it.
"""

import datetime as dt
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core.access import runs_secretariat_of
from phoihop.core.history import ensure_unchanged
from phoihop.core.uploads import CheckedUpload, checked_upload
from phoihop.lib.text import clean_name, fold
from phoihop.lib.vnformat import short_date
from phoihop.localities.models import Level, Locality
from phoihop.localities.selectors import localities_in_force_for, not_in_force_message
from phoihop.organizations.models import Committee, Organization
from phoihop.situations import notices, rules
from phoihop.situations.models import (
    CASE_REFERENCE,
    REPORT_REFERENCE,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseStatus,
    Severity,
    SituationReport,
    Topic,
)
from phoihop.situations.selectors import higher_committees

CLOSING_STATUSES = [CaseStatus.RESOLVED, CaseStatus.REFERRED, CaseStatus.CLOSED_UNRESOLVED]
Kind = CaseEvent.Kind



# --- Helpers ------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _org_name(org: Organization | None) -> str:
    if org is None:
        return "–"
    return org.short_name or org.name


def _search_text(*parts: str) -> str:
    return " | ".join(fold(p) for p in parts if p)[:600]


def _refresh_case_search(case: Case) -> None:
    case.search_text = _search_text(case.title, case.locality.name, case.topic.name)


def _lock(case: Case, revision: int | None) -> None:
    """Lock the case row, reload it, and refuse when it changed after `revision` was read."""
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
    case.refresh_from_db()
    ensure_unchanged(case, revision)


def _save_case(case: Case, actor, fields: list[str]) -> None:
    case.revision += 1
    _refresh_case_search(case)
    if actor is not None:
        case._history_user = actor
    case.full_clean()
    case.save(update_fields=[*fields, "revision", "search_text"])


def _event(
    case: Case,
    kind: str,
    actor,
    *,
    on: dt.date,
    text: str = "",
    old: str = "",
    new: str = "",
    related_case: Case | None = None,
    related_report: SituationReport | None = None,
    due: dt.date | None = None,
) -> CaseEvent:
    """One timeline line. A text that mentions another record says `{case}` / `{report}`
    and passes the record: the reader's page decides whether to name it."""
    event = CaseEvent(
        case=case,
        kind=kind,
        happened_on=on,
        actor=actor if getattr(actor, "pk", None) else None,
        organization_id=getattr(actor, "organization_id", None),
        text=text,
        from_status=old,
        to_status=new,
        related_case=related_case,
        related_report=related_report,
        due_date=due,
    )
    event.full_clean()
    event.save()
    return event


def _require(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


def _check_day(day: dt.date, field: str, *, not_before: dt.date | None = None, since: str = "") -> None:
    """Not in the future, and not before `not_before` (the case's opening, unless `since`
    names another moment)."""
    if day > _today():
        raise ValidationError({field: _("Ngày không thể ở tương lai.")})
    if not_before and day < not_before:
        since = since or _("ngày tiếp nhận vụ việc")
        raise ValidationError(
            {field: _("Ngày không thể trước %(since)s (%(date)s).") % {"since": since, "date": short_date(not_before)}}
        )


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(_("Vụ việc đã kết thúc; hãy mở lại vụ việc trước khi tiếp tục."), code="closed")


# --- Attachments --------------------------------------------------------------------------


def _checked_uploads(uploads: Iterable) -> list[CheckedUpload]:
    """Each upload checked (core.uploads); a ValidationError naming every bad one."""
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(checked_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def _store(checked, *, event: CaseEvent | None = None, report: SituationReport | None = None) -> list[CaseAttachment]:
    """Save checked uploads under random names (served only by the permission-checked
    view). Services call this last, after every check, so a refused write leaves no file."""
    stored = []
    for item in checked:
        attachment = CaseAttachment(
            event=event,
            report=report,
            original_name=item.name,
            content_type=item.content_type,
            size=item.upload.size,
        )
        attachment.file.save(f"{uuid.uuid4().hex}{item.suffix}", item.upload, save=False)
        storage, path = attachment.file.storage, attachment.file.name
        try:
            attachment.full_clean()
            attachment.save()
        except Exception:
            storage.delete(path)
            raise
        stored.append(attachment)
    return stored


# --- Reports ------------------------------------------------------------------------------


def _in_area(committee: Committee, locality: Locality, day) -> bool:
    area = Locality.objects.in_force_within(committee.locality, on=day)
    return area.filter(pk=locality.pk).exists()


def _report_errors(committee, reported_on, locality, topic, severity, people_affected) -> dict:
    errors = {}
    if reported_on > _today():
        errors["reported_on"] = _("Ngày nắm được tình hình không thể ở tương lai.")
    if locality.level != Level.COMMUNE:
        errors["locality"] = _("Hãy chọn một đơn vị cấp xã (xã, phường, thị trấn, đặc khu).")
    elif not locality.is_valid_on(reported_on):
        errors["locality"] = not_in_force_message(locality, reported_on)
    elif not _in_area(committee, locality, reported_on):
        errors["locality"] = _("%(name)s không thuộc địa bàn của %(committee)s.") % {
            "name": locality.full_name,
            "committee": committee.short_name or committee.name,
        }
    if not topic.is_active:
        errors["topic"] = _("Lĩnh vực “%(name)s” không còn được sử dụng.") % {"name": topic.name}
    if severity not in Severity.values:
        errors["severity"] = _("Mức độ không hợp lệ.")
    if people_affected is None or people_affected < 0:
        errors["people_affected"] = _("Số người liên quan không được âm.")
    return errors


@transaction.atomic
def report_create(
    *,
    actor,
    committee: Committee,
    reported_on: dt.date,
    locality: Locality,
    topic: Topic,
    title: str,
    description: str,
    severity: int = Severity.MEDIUM,
    people_affected: int = 0,
    sensitive: bool | None = None,
    attachments: Iterable = (),
) -> SituationReport:
    """A member reports what it saw on `reported_on` in a commune of the committee's area.

    Sensitivity defaults to the topic's (land and religion are sensitive).
    """
    if not rules.can_report(actor, committee):
        raise PermissionDenied
    title = clean_name(title)
    description = (description or "").strip()
    errors = _report_errors(committee, reported_on, locality, topic, severity, people_affected)
    if not title:
        errors["title"] = _("Hãy nhập tiêu đề.")
    if not description:
        errors["description"] = _("Hãy mô tả tình hình.")
    if errors:
        raise ValidationError(errors)
    checked = _checked_uploads(attachments)
    report = SituationReport(
        committee=committee,
        reported_on=reported_on,
        locality=locality,
        topic=topic,
        severity=severity,
        people_affected=people_affected,
        title=title,
        description=description,
        reporting_org_id=actor.organization_id,
        reported_by=actor,
        sensitive=topic.sensitive if sensitive is None else sensitive,
        search_text=_search_text(title, locality.name, topic.name, description[:300]),
    )
    report._history_user = actor
    report.full_clean()
    report.save()
    _store(checked, report=report)
    return report


# --- Opening and assigning ----------------------------------------------------------------


@transaction.atomic
def case_open(*, actor, report: SituationReport, title: str | None = None, opened_on: dt.date | None = None) -> Case:
    """The secretariat turns a report into a case to follow (event CREATED), received on
    the report's date unless `opened_on` says otherwise."""
    if not runs_secretariat_of(actor, report.committee):
        raise PermissionDenied
    report = SituationReport.objects.select_for_update().get(pk=report.pk)
    if report.case_id is not None:
        raise ValidationError(_("Báo cáo này đã thuộc một vụ việc."), code="has_case")
    opened_on = opened_on or report.reported_on
    _check_day(opened_on, "opened_on")
    if opened_on < report.reported_on:
        raise ValidationError({"opened_on": _("Ngày tiếp nhận không thể trước ngày báo cáo.")})
    case = Case(
        committee=report.committee,
        title=clean_name(title or "") or report.title,
        topic=report.topic,
        locality=report.locality,
        severity=report.severity,
        people_affected=report.people_affected,
        sensitive=report.sensitive,
        opened_on=opened_on,
        revision=0,
    )
    _save_new_case(case, actor)
    report.case = case
    report._history_user = actor
    report.save(update_fields=["case"])
    text = _("Từ báo cáo của %(org)s ngày %(date)s: %(title)s") % {
        "org": _org_name(report.reporting_org),
        "date": short_date(report.reported_on),
        "title": REPORT_REFERENCE,
    }
    _event(case, Kind.CREATED, actor, on=opened_on, text=text, new=CaseStatus.NEW, related_report=report)
    return case


def _save_new_case(case: Case, actor) -> None:
    case.revision = 1
    _refresh_case_search(case)
    if actor is not None:
        case._history_user = actor
    case.full_clean()
    case.save()


def _check_members(committee: Committee, orgs: list[Organization]) -> None:
    outside = [org for org in orgs if not rules.is_member_of(org.pk, committee)]
    if outside:
        raise ValidationError(
            _("%(names)s không phải thành viên Ban Chỉ đạo.") % {"names": ", ".join(_org_name(o) for o in outside)}
        )


@transaction.atomic
def case_assign(
    *,
    actor,
    case: Case,
    lead: Organization,
    supporters: Iterable[Organization] = (),
    due_date: dt.date | None = None,
    revision: int | None = None,
    assigned_on: dt.date | None = None,
) -> Case:
    """The secretariat names a lead and supporting members and a due date (default: the
    day of assignment, today unless given, plus the topic's expected handling time)."""
    if not rules.can_manage(actor, case):
        raise PermissionDenied
    _lock(case, revision)
    _require_open(case)
    supporters = [org for org in dict.fromkeys(supporters) if org.pk != lead.pk]
    _check_members(case.committee, [lead, *supporters])
    assigned_on = assigned_on or _today()
    _check_day(assigned_on, "assigned_on", not_before=case.opened_on)
    due_date = due_date or assigned_on + dt.timedelta(days=case.topic.handling_days)
    if due_date < case.opened_on:
        raise ValidationError({"due_date": _("Hạn xử lý không thể trước ngày tiếp nhận vụ việc.")})
    old = case.status
    case.lead, case.due_date = lead, due_date
    if case.status == CaseStatus.NEW:
        case.status = CaseStatus.ASSIGNED
    _save_case(case, actor, ["lead", "due_date", "status"])
    case.supporters.set(supporters)
    text = _("Chủ trì: %(lead)s; phối hợp: %(supporters)s; hạn xử lý: %(due)s.") % {
        "lead": _org_name(lead),
        "supporters": ", ".join(_org_name(o) for o in supporters) or "–",
        "due": short_date(due_date),
    }
    _event(
        case, Kind.ASSIGNED, actor, on=assigned_on, text=text, old=old, new=case.status, due=due_date
    )
    transaction.on_commit(lambda: notices.notify_case_assigned(case))
    return case


# --- Following up and closing -------------------------------------------------------------


@transaction.atomic
def case_follow_up(
    *,
    actor,
    case: Case,
    happened_on: dt.date,
    text: str,
    attachments: Iterable = (),
    status: str | None = None,
    revision: int | None = None,
) -> CaseEvent:
    """What was done, by whom, when, with evidence. The first follow-up moves the case
    from assigned to in progress; `status` may also close it (lead or secretariat)."""
    if not rules.can_follow_up(actor, case):
        raise PermissionDenied
    _lock(case, revision)
    _require_open(case)
    if case.lead_id is None:
        raise ValidationError(_("Vụ việc chưa được phân công xử lý."), code="not_assigned")
    text = _require(text, "text", _("Hãy ghi nội dung đã làm."))
    _check_day(happened_on, "happened_on", not_before=case.opened_on)
    if status and status not in [CaseStatus.IN_PROGRESS, *CLOSING_STATUSES]:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    if status in CLOSING_STATUSES and not rules.can_close(actor, case):
        raise PermissionDenied
    checked = _checked_uploads(attachments)
    old = case.status
    fields = ["status"]
    case.status = status or CaseStatus.IN_PROGRESS
    if case.status in CLOSING_STATUSES:
        case.closed_on, case.outcome = happened_on, text
        fields += ["closed_on", "outcome"]
    _save_case(case, actor, fields)
    changed = old != case.status
    event = _event(
        case, Kind.FOLLOW_UP, actor, on=happened_on, text=text, old=old if changed else "",
        new=case.status if changed else "",
    )
    _store(checked, event=event)
    return event


@transaction.atomic
def case_close(
    *,
    actor,
    case: Case,
    status: str,
    outcome: str,
    closed_on: dt.date | None = None,
    revision: int | None = None,
) -> Case:
    """End a case: resolved, referred to the competent authority, or closed unresolved."""
    if not rules.can_close(actor, case):
        raise PermissionDenied
    _lock(case, revision)
    _require_open(case)
    if status not in CLOSING_STATUSES:
        raise ValidationError({"status": _("Hãy chọn kết quả: đã giải quyết, chuyển cơ quan có thẩm quyền "
                                           "hoặc kết thúc chưa giải quyết được.")})
    outcome = _require(outcome, "outcome", _("Hãy ghi kết quả xử lý."))
    closed_on = closed_on or _today()
    _check_day(closed_on, "closed_on", not_before=case.opened_on)
    old = case.status
    case.status, case.outcome, case.closed_on = status, outcome, closed_on
    _save_case(case, actor, ["status", "outcome", "closed_on"])
    _event(case, Kind.STATUS, actor, on=closed_on, text=outcome, old=old, new=status)
    return case


@transaction.atomic
def case_reopen(
    *, actor, case: Case, reason: str, reopened_on: dt.date | None = None, revision: int | None = None
) -> Case:
    """The matter came back: reopen with a reason and a fresh due date."""
    if not rules.can_manage(actor, case):
        raise PermissionDenied
    _lock(case, revision)
    if case.is_open:
        raise ValidationError(_("Vụ việc đang được xử lý, không cần mở lại."), code="open")
    reason = _require(reason, "reason", _("Hãy ghi lý do mở lại vụ việc."))
    reopened_on = reopened_on or _today()
    _check_day(reopened_on, "reopened_on", not_before=case.closed_on, since=_("ngày kết thúc vụ việc"))
    old = case.status
    case.status = CaseStatus.IN_PROGRESS if case.lead_id else CaseStatus.NEW
    case.reopen_count += 1
    case.closed_on, case.outcome = None, ""
    case.due_date = reopened_on + dt.timedelta(days=case.topic.handling_days)
    _save_case(case, actor, ["status", "reopen_count", "closed_on", "outcome", "due_date"])
    _event(
        case, Kind.REOPENED, actor, on=reopened_on, text=reason, old=old, new=case.status,
        due=case.due_date,
    )
    transaction.on_commit(lambda: notices.notify_case_reopened(case, reason))
    return case


# --- Links between cases and reports ------------------------------------------------------


@transaction.atomic
def case_link_recurrence(*, actor, case: Case, earlier: Case, linked_on: dt.date | None = None) -> Case:
    """Mark `case` as the matter of `earlier` coming back; both timelines say so."""
    if not rules.can_manage(actor, case):
        raise PermissionDenied
    _lock(case, None)
    errors = []
    if earlier.pk == case.pk:
        errors.append(_("Không thể liên kết vụ việc với chính nó."))
    elif earlier.committee_id != case.committee_id:
        errors.append(_("Vụ việc trước phải thuộc cùng Ban Chỉ đạo."))
    elif earlier.opened_on > case.opened_on:
        errors.append(_("Vụ việc trước phải được tiếp nhận trước vụ việc này."))
    elif _is_in_chain(earlier, case):
        errors.append(_("Liên kết này tạo thành vòng lặp giữa các vụ việc."))
    if errors:
        raise ValidationError({"earlier": errors})
    linked_on = linked_on or _today()
    _check_day(linked_on, "linked_on", not_before=case.opened_on)
    case.recurrence_of = earlier
    _save_case(case, actor, ["recurrence_of"])
    of, into = _("Tái diễn của %(case)s."), _("Tái diễn thành %(case)s.")
    _event(case, Kind.RECURRENCE, actor, on=linked_on, text=of % {"case": CASE_REFERENCE}, related_case=earlier)
    _event(earlier, Kind.RECURRENCE, actor, on=linked_on, text=into % {"case": CASE_REFERENCE}, related_case=case)
    return case


def _is_in_chain(start: Case, target: Case) -> bool:
    seen, current = set(), start
    while current is not None and current.pk not in seen:
        if current.pk == target.pk:
            return True
        seen.add(current.pk)
        current = current.recurrence_of
    return False


@transaction.atomic
def case_escalate(
    *, actor, case: Case, to_committee: Committee, revision: int | None = None, escalated_on: dt.date | None = None
) -> Case:
    """Hand the matter up: a new case in the higher committee, linked by escalated_to.

    Returns the higher committee's new case.
    """
    if not rules.can_manage(actor, case):
        raise PermissionDenied
    _lock(case, revision)
    if case.escalated_to_id is not None:
        raise ValidationError(_("Vụ việc đã được chuyển lên cấp trên."), code="escalated")
    if to_committee.pk not in {c.pk for c in higher_committees(case.committee)}:
        raise ValidationError(
            {"to_committee": _("Chỉ chuyển lên Ban Chỉ đạo cấp trên có địa bàn bao gồm địa bàn của Ban Chỉ đạo này.")}
        )
    today = escalated_on or _today()
    _check_day(today, "escalated_on", not_before=case.opened_on)
    # The new case opens today, so it carries the unit in force today: a commune merged
    # since the lower case opened is named by its successor (primary first).
    in_force = localities_in_force_for(case.locality, today)
    higher = Case(
        committee=to_committee,
        title=case.title,
        topic=case.topic,
        locality=in_force[0] if in_force else case.locality,
        severity=case.severity,
        people_affected=case.people_affected,
        sensitive=case.sensitive,
        opened_on=today,
    )
    _save_new_case(higher, actor)
    case.escalated_to = higher
    _save_case(case, actor, ["escalated_to"])
    source = case.committee.short_name or case.committee.name
    text = _("Do %(committee)s chuyển lên (%(case)s).") % {"committee": source, "case": CASE_REFERENCE}
    _event(higher, Kind.CREATED, actor, on=today, text=text, new=CaseStatus.NEW, related_case=case)
    target = to_committee.short_name or to_committee.name
    _event(case, Kind.ESCALATED, actor, on=today, text=_("Đã chuyển lên %(committee)s.") % {"committee": target})
    transaction.on_commit(lambda: notices.notify_case_escalated(higher, case.committee))
    return higher


@transaction.atomic
def report_merge(*, actor, duplicate: SituationReport, into_case: Case, merged_on: dt.date | None = None) -> Case:
    """A second report of the same matter joins the case; both reports stay."""
    if not rules.can_manage(actor, into_case):
        raise PermissionDenied
    _lock(into_case, None)
    duplicate = SituationReport.objects.select_for_update().get(pk=duplicate.pk)
    if duplicate.committee_id != into_case.committee_id:
        raise ValidationError({"into_case": _("Chỉ gộp báo cáo vào vụ việc của cùng Ban Chỉ đạo.")})
    if duplicate.case_id == into_case.pk:
        raise ValidationError({"into_case": _("Báo cáo này đã thuộc vụ việc đó.")})
    if duplicate.case_id is not None:
        raise ValidationError({"into_case": _("Báo cáo này đã thuộc một vụ việc khác.")})
    duplicate.case = into_case
    duplicate._history_user = actor
    duplicate.save(update_fields=["case"])
    fields = []
    if duplicate.sensitive and not into_case.sensitive:
        into_case.sensitive = True  # never let a sensitive report show through its case
        fields.append("sensitive")
    _save_case(into_case, actor, fields)
    text = _("Gộp báo cáo trùng của %(org)s ngày %(date)s: %(title)s") % {
        "org": _org_name(duplicate.reporting_org),
        "date": short_date(duplicate.reported_on),
        "title": REPORT_REFERENCE,
    }
    _event(into_case, Kind.MERGED, actor, on=merged_on or _today(), text=text, related_report=duplicate)
    return into_case
