"""Reads of situation reports and cases, always starting from `visible_to(user)`.

Sensitive records (land, religion by default) are visible only to the committee's
secretariat and the organizations involved: every list, count, search, export and API
call below goes through the models' visible_to, so they cannot leak.
"""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as Conditional
from django.db.models import (
    CharField,
    Count,
    DateField,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from phoihop.core.access import get_scoped, runs_secretariat_of
from phoihop.lib.text import fold
from phoihop.localities.models import Locality
from phoihop.organizations.models import Committee
from phoihop.organizations.selectors import committees_for_user
from phoihop.situations import rules
from phoihop.situations.models import (
    OPEN_STATUSES,
    REFERRING_KINDS,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseStatus,
    SituationReport,
)

_PLACEHOLDER = re.compile(r"\{(case|report)\}")
OPEN = "open"  # pseudo-status of the list filter: new, assigned or in progress


def _clean(filters: Mapping[str, Any] | None) -> dict:
    return {key: value for key, value in (filters or {}).items() if value not in (None, "", False)}


def _filter_locality(queryset: QuerySet, unit: Locality) -> QuerySet:
    return queryset.filter(locality__in=Locality.objects.within(unit).values("pk"))


def cases_for_user(user, filters: Mapping[str, Any] | None = None, *, today: dt.date | None = None) -> QuerySet[Case]:
    """The case list: visible to `user`, filtered like the list page and the API.

    Filters (all optional): committee, topic, status (a status or "open"), locality (the
    unit or any unit below it), member (lead or supporter), overdue (True), date_from /
    date_to (the case was open at some time in the range), q (title, place, topic,
    without diacritics).
    """
    filters = _clean(filters)
    today = today or timezone.localdate()
    cases = Case.objects.visible_to(user)
    for key in ("committee", "topic"):
        if key in filters:
            cases = cases.filter(**{key: filters[key]})
    status = filters.get("status")
    if status == OPEN:
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status:
        cases = cases.filter(status=status)
    if "locality" in filters:
        cases = _filter_locality(cases, filters["locality"])
    if "member" in filters:
        member = filters["member"]
        cases = cases.filter(
            Q(lead=member) | Q(pk__in=Case.supporters.through.objects.filter(organization=member).values("case_id"))
        )
    if filters.get("overdue"):
        cases = cases.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    if "date_from" in filters:  # the case was still open on or after that day
        cases = cases.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=filters["date_from"]))
    if "date_to" in filters:
        cases = cases.filter(opened_on__lte=filters["date_to"])
    if folded := fold(filters.get("q", "")):
        cases = cases.filter(search_text__contains=folded)
    return cases.select_related("topic", "locality__parent", "lead", "committee").prefetch_related("supporters")


@dataclass
class CaseCounts:
    total: int
    open: int
    overdue: int
    by_status: dict[str, int]


def as_of_state(cases: QuerySet[Case], *, as_of: dt.date) -> QuerySet[Case]:
    """`cases` annotated with `status_then`, `closed_then` (the day it ended, None when
    open on `as_of`) and `due_then`: what the case's dated timeline (CaseEvent) shows on
    `as_of`. A case without a timeline, or asked of a day before its first event, falls
    back to its own fields: open on `as_of` when it ended after it. Reviews
    (reviews.compute.cases) and hotspot scores of a window (hotspots.selectors) read a
    case's past state through this one helper.

    The timeline is read from its rollup (CaseState, kept by situations.rollup): one
    LEFT JOIN of the row whose days cover `as_of`, at most one per case, so the
    caller's scoping (visible_to) and counts are untouched. `as_of_state_from_events`
    reads the events themselves and must agree (tests/test_case_state_rollup.py)."""
    covering = Q(states__valid_from__lte=as_of) & (
        Q(states__valid_until__gt=as_of) | Q(states__valid_until__isnull=True)
    )
    cases = cases.annotate(state_then=FilteredRelation("states", condition=covering))
    return _as_of_fields(
        cases,
        as_of,
        status=NullIf(F("state_then__status"), Value("")),
        due=F("state_then__due_date"),
        moved_on=F("state_then__moved_on"),
    )


def as_of_state_from_events(cases: QuerySet[Case], *, as_of: dt.date) -> QuerySet[Case]:
    """as_of_state read from the events, three correlated subqueries per case: what the
    rollup must reproduce, kept for the tests that compare both."""
    until = CaseEvent.objects.filter(case_id=OuterRef("pk"), happened_on__lte=as_of)
    newest = ("-happened_on", "-recorded_at", "-pk")
    moved = until.exclude(to_status="").order_by(*newest)
    return _as_of_fields(
        cases,
        as_of,
        status=Subquery(moved.values("to_status")[:1]),
        due=Subquery(until.exclude(due_date=None).order_by(*newest).values("due_date")[:1]),
        moved_on=Subquery(moved.values("happened_on")[:1], output_field=DateField()),
    )


def _as_of_fields(cases: QuerySet[Case], as_of: dt.date, *, status, due, moved_on) -> QuerySet[Case]:
    """The as-of fields from the timeline's newest move (`status`, None when none),
    the day of that move and the newest due date, each falling back to the case's own."""
    recorded = Conditional(
        When(closed_on__gt=as_of, then=Value(CaseStatus.IN_PROGRESS.value)),
        default=F("status"),
        output_field=CharField(),
    )
    cases = cases.annotate(status_then=Coalesce(status, recorded), due_then=Coalesce(due, F("due_date")))
    return cases.annotate(
        closed_then=Conditional(
            When(status_then__in=OPEN_STATUSES, then=Value(None)),
            default=Coalesce(moved_on, F("closed_on")),
            output_field=DateField(),
        )
    )


def case_counts(cases: QuerySet[Case], *, today: dt.date | None = None) -> CaseCounts:
    """Counts over an already scoped (and filtered) case queryset, in one query."""
    today = today or timezone.localdate()
    row = cases.order_by().aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
        **{status: Count("pk", filter=Q(status=status)) for status in CaseStatus.values},
    )
    by_status = {status: row[status] for status in CaseStatus.values}
    return CaseCounts(total=row["total"], open=row["open"], overdue=row["overdue"], by_status=by_status)


def reports_for_user(user, filters: Mapping[str, Any] | None = None) -> QuerySet[SituationReport]:
    """The report list. Filters: committee, topic, locality, member (reporting
    organization), without_case (True: not yet a case), q."""
    filters = _clean(filters)
    reports = SituationReport.objects.visible_to(user)
    for key, lookup in {"committee": "committee", "topic": "topic", "member": "reporting_org"}.items():
        if key in filters:
            reports = reports.filter(**{lookup: filters[key]})
    if "locality" in filters:
        reports = _filter_locality(reports, filters["locality"])
    if filters.get("without_case"):
        reports = reports.filter(case__isnull=True)
    if folded := fold(filters.get("q", "")):
        reports = reports.filter(search_text__contains=folded)
    return reports.select_related("topic", "locality__parent", "reporting_org", "case", "committee")


def get_case_for_user(user, pk, *, write: bool = False) -> Case:
    """Outsiders (and uninvolved members, for a sensitive case) 404; viewers 403 on writes."""
    return get_scoped(
        Case.objects.visible_to(user).select_related(
            "committee__host", "committee__locality", "topic", "locality__parent__parent", "lead"
        ),
        pk,
        write=write,
        can_write=lambda case: rules.can_follow_up(user, case),
    )


def get_report_for_user(user, pk, *, write: bool = False) -> SituationReport:
    return get_scoped(
        SituationReport.objects.visible_to(user).select_related(
            "committee__host", "topic", "locality__parent__parent", "reporting_org", "reported_by", "case"
        ),
        pk,
        write=write,
        can_write=lambda report: runs_secretariat_of(user, report.committee),
    )


def get_attachment_for_user(user, pk) -> CaseAttachment:
    """A file is visible exactly when its case or its report is."""
    visible = CaseAttachment.objects.filter(
        Q(event__case__in=Case.objects.visible_to(user).values("pk"))
        | Q(report__in=SituationReport.objects.visible_to(user).values("pk"))
    )
    return get_scoped(visible, pk)


def committees_for_reporting(user) -> list[Committee]:
    """The committees `user` may report situations in."""
    return [c for c in committees_for_user(user) if rules.can_report(user, c)]


def case_timeline(case: Case, user) -> list[CaseEvent]:
    """Every event of the case, oldest first, with who acted and the files attached,
    its references to other records rendered for `user` (events_for_reader)."""
    events = list(
        case.events.select_related("actor", "organization", "related_case", "related_report").prefetch_related(
            Prefetch("attachments", queryset=CaseAttachment.objects.order_by("pk"))
        )
    )
    labels = dict(CaseStatus.choices)
    for event in events:
        event.to_status_label = labels.get(event.to_status, "")
    return events_for_reader(events, user)


@dataclass(frozen=True)
class Reference:
    """Another record as one reader may see it: its title and page, or a neutral phrase."""

    label: str
    url: str = ""
    pk: int | None = None


def _case_reference(case: Case | None, visible: set[int]) -> Reference:
    if case is None or case.pk not in visible:
        return Reference(_("một vụ việc khác"))
    url = reverse("situations:case_detail", args=[case.pk])
    return Reference(_("vụ việc “%(title)s”") % {"title": case.title}, url, case.pk)


def _report_reference(report: SituationReport | None, visible: set[int]) -> Reference:
    if report is None or report.pk not in visible:
        return Reference(_("một báo cáo khác"))
    url = reverse("situations:report_detail", args=[report.pk])
    return Reference(_("báo cáo “%(title)s”") % {"title": report.title}, url, report.pk)


def _rendered(text: str, references: dict[str, Reference]) -> tuple[str, str]:
    """(plain text, escaped HTML with links) of `text` with its placeholders filled."""
    plain, html = [], []
    for index, piece in enumerate(_PLACEHOLDER.split(text)):
        if index % 2 == 0:
            plain.append(piece)
            html.append(linebreaksbr(piece, autoescape=True))
            continue
        ref = references[piece]
        plain.append(ref.label)
        html.append(format_html('<a href="{}">{}</a>', ref.url, ref.label) if ref.url else escape(ref.label))
    return "".join(plain), mark_safe("".join(html))  # noqa: S308 - every piece escaped above


def _visible_ids(model, user, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    return set(model.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def events_for_reader(events: list[CaseEvent], user) -> list[CaseEvent]:
    """Fill each event's `display_text` / `display_html` and its references as `user`
    may see them (`case_reference`, `report_reference`: None when the event has none).

    Two queries at most, whatever the number of events: which referenced cases and
    reports `user` may see. The title of a record the reader may not see never appears.
    """
    cases = _visible_ids(Case, user, {e.related_case_id for e in events if e.related_case_id})
    reports = _visible_ids(SituationReport, user, {e.related_report_id for e in events if e.related_report_id})
    for event in events:
        case_ref = _case_reference(event.related_case, cases)
        report_ref = _report_reference(event.related_report, reports)
        event.case_reference = case_ref if event.related_case_id else None
        event.report_reference = report_ref if event.related_report_id else None
        if event.kind in REFERRING_KINDS:
            event.display_text, event.display_html = _rendered(event.text, {"case": case_ref, "report": report_ref})
        else:  # what people typed is shown as typed, braces included
            event.display_text, event.display_html = event.text, linebreaksbr(event.text, autoescape=True)
    return events


def open_cases_for_merge(user, report: SituationReport) -> QuerySet[Case]:
    """Cases of the report's committee a duplicate may join (visible, open first)."""
    return (
        Case.objects.visible_to(user)
        .filter(committee_id=report.committee_id)
        .select_related("locality")
        .order_by("-opened_on", "-pk")
    )


def earlier_cases_for(user, case: Case) -> QuerySet[Case]:
    """Cases `case` may be a recurrence of: same committee, opened no later, not itself."""
    return (
        Case.objects.visible_to(user)
        .filter(committee_id=case.committee_id, opened_on__lte=case.opened_on)
        .exclude(pk=case.pk)
        .select_related("locality")
        .order_by("-opened_on", "-pk")
    )


@dataclass
class CaseDetail:
    case: Case
    reports: list[SituationReport]
    timeline: list[CaseEvent]
    supporters: list
    earlier: Case | None  # what this case is a recurrence of, when visible
    escalated_to: Case | None  # the higher committee's case, when visible
    recurrences: list[Case]
    escalated_from: list[Case]
    higher: list[Committee]
    overdue: bool
    can_follow_up: bool
    can_close: bool
    can_manage: bool


def case_detail_for_user(user, case: Case, *, today: dt.date | None = None) -> CaseDetail:
    """Everything the case page shows. Linked cases are listed only when visible."""
    visible = Case.objects.visible_to(user)
    can_manage = rules.can_manage(user, case)
    return CaseDetail(
        case=case,
        reports=list(
            SituationReport.objects.visible_to(user).filter(case=case).select_related("reporting_org", "locality", "topic").prefetch_related("attachments")
        ),
        timeline=case_timeline(case, user),
        supporters=list(case.supporters.all()),
        earlier=visible.filter(pk=case.recurrence_of_id).first() if case.recurrence_of_id else None,
        escalated_to=(
            visible.filter(pk=case.escalated_to_id).select_related("committee").first()
            if case.escalated_to_id
            else None
        ),
        recurrences=list(visible.filter(recurrence_of=case)),
        escalated_from=list(visible.filter(escalated_to=case).select_related("committee")),
        higher=higher_committees(case.committee) if can_manage and not case.escalated_to_id else [],
        overdue=case_is_overdue(case, today),
        can_follow_up=case.is_open and case.lead_id is not None and rules.can_follow_up(user, case),
        can_close=case.is_open and rules.can_close(user, case),
        can_manage=can_manage,
    )


def case_is_overdue(case: Case, today: dt.date | None = None) -> bool:
    """Open, with a due date, and past it."""
    today = today or timezone.localdate()
    return case.status in OPEN_STATUSES and case.due_date is not None and case.due_date < today


def higher_committees(committee: Committee):
    """Committees whose area contains `committee`'s area (closest first)."""
    ancestors, unit = [], committee.locality.parent
    while unit is not None:
        ancestors.append(unit.pk)
        unit = unit.parent
    found = Committee.objects.filter(locality_id__in=ancestors).exclude(pk=committee.pk)
    return sorted(found, key=lambda c: ancestors.index(c.locality_id))
