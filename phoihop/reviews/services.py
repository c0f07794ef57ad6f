"""Writes to review documents: draft from the figures, edit, collect members' narratives,
issue (which freezes the figures, so later edits to records change nothing)."""

import datetime as dt
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core.history import ensure_unchanged
from phoihop.lib.text import clean_name
from phoihop.reviews import notices
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind, Scope, Units
from phoihop.reviews.models import Contribution, Layout, ReviewReport, ReviewStatus
from phoihop.reviews.render.check import documents_disagreements
from phoihop.reviews.render.text import (
    document_text,
    number_suffix,
    signed_by_committee,
    unfinished_parts,
)
from phoihop.reviews.rules import can_contribute, can_manage_reviews
from phoihop.reviews.selectors import scope_of

EDITABLE = (
    "title",
    "number",
    "place",
    "layout",
    "signer_name",
    "signer_title",
    "signer_authority",
    "recipients",
    "situation",
    "results",
    "strengths",
    "limitations",
    "causes",
    "lessons",
    "directions",
    "recommendations",
)
ONE_LINE = {"title", "number", "place", "signer_name", "signer_title", "signer_authority"}
# The summary line (trích yếu) follows "BÁO CÁO": it does not repeat the document type.
TITLE_PREFIX = {
    Kind.SIX_MONTHS: "Sơ kết",
    Kind.ANNUAL: "Tổng kết",
    Kind.PROGRAM: "Tổng kết",
    Kind.CUSTOM: "Kết quả thực hiện",
}


def preset_period(
    kind: str,
    program,
    *,
    year: int | None = None,
    half: int = 1,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """The dates of a preset: 6 months (half 1 or 2 of `year`), a year, the whole program."""
    if kind == Kind.PROGRAM:
        return program.period_start, program.period_end
    if kind == Kind.ANNUAL and year:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == Kind.SIX_MONTHS and year:
        return (
            (dt.date(year, 1, 1), dt.date(year, 6, 30))
            if half == 1
            else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        )
    if start is None or end is None:
        raise ValidationError(_("Hãy chọn năm hoặc nhập khoảng thời gian của báo cáo."))
    return start, end


def _check_period(program, start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError({"end": _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")})
    if end < program.period_start or start > program.period_end:
        raise ValidationError(
            {"start": _("Khoảng thời gian nằm ngoài thời gian thực hiện chương trình.")}
        )


def _text(value: str, name: str) -> str:
    if name in ONE_LINE:
        return clean_name(value or "")
    return unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").strip()


@transaction.atomic
def review_create(
    *,
    actor,
    program,
    kind: str,
    start: dt.date,
    end: dt.date,
    units: str = Units.AS_RECORDED,
    title: str = "",
    layout: str = Layout.PARTY,
) -> ReviewReport:
    """A draft. Its sentences drafted from the figures are not stored: every rendering
    writes them from the Review it shows (render/text.py), so they cannot go stale."""
    if not can_manage_reviews(actor, program):
        raise PermissionDenied
    _check_period(program, start, end)
    scope = Scope(program_id=program.pk, start=start, end=end, kind=kind, units=units)
    full = review_compute(user=actor, scope=scope)
    default_title = (
        f"{TITLE_PREFIX.get(kind, TITLE_PREFIX[Kind.CUSTOM])} {full.period_label} {program.name}"
    )
    report = ReviewReport(
        program=program,
        kind=kind,
        start=start,
        end=end,
        units=units,
        layout=layout,
        title=_text(title, "title") or clean_name(default_title)[:300],
        place=program.committee.locality.short_name,
        created_by=actor,
    )
    report.refresh_search_fields()
    report.full_clean()
    report._history_user = actor
    report.save()
    transaction.on_commit(lambda: notices.notify_contribution_asked(report))
    return report


def _editable(report: ReviewReport) -> None:
    if report.status != ReviewStatus.DRAFT:
        raise ValidationError(_("Báo cáo đã ban hành, không thể sửa."))


@transaction.atomic
def review_update(*, actor, review: ReviewReport, version: int, **fields) -> ReviewReport:
    """Edit the text; `version` is the revision the editor saw (a stale one is refused)."""
    review = (
        ReviewReport.objects.select_for_update()
        .select_related("program__committee")
        .get(pk=review.pk)
    )
    if not can_manage_reviews(actor, review.program):
        raise PermissionDenied
    _editable(review)
    ensure_unchanged(review, version)
    changed = [
        name
        for name in EDITABLE
        if name in fields and _text(fields[name], name) != getattr(review, name)
    ]
    for name in changed:
        setattr(review, name, _text(fields[name], name))
    review.full_clean()
    if changed:
        review.revision += 1
        review.refresh_search_fields()
        review._history_user = actor
        review.save(update_fields=[*changed, "revision", "search_text"])
    return review


@transaction.atomic
def contribution_submit(*, actor, review: ReviewReport, text: str) -> Contribution:
    """A member's focal point gives (or revises) its organization's narrative for a draft."""
    member_ids = review.program.members.values_list("organization_id", flat=True)
    if not can_contribute(actor, review.program, member_ids):
        raise PermissionDenied
    _editable(review)
    text = _text(text, "text")
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung ý kiến, kết quả của đơn vị.")})
    contribution = Contribution.objects.filter(
        review=review, organization_id=actor.organization_id
    ).first()
    contribution = contribution or Contribution(
        review=review, organization_id=actor.organization_id
    )
    contribution.text, contribution.submitted_by = text, actor
    contribution.full_clean()
    contribution._history_user = actor
    contribution.save()
    return contribution


def issue_problems(report: ReviewReport, full, redacted) -> list[str]:
    """What stops `report` from being issued, in Vietnamese: unfinished parts, a number that
    is not the signer's, and every figure its rendered Word and Excel files get wrong."""
    text = document_text(full, report)
    problems = [
        _("Mục “%(part)s” còn trống hoặc còn nội dung dự thảo; hãy biên tập trước khi ban hành.") % {"part": part}
        for part in unfinished_parts(text)
    ]
    suffix = number_suffix(text.layout)
    if not report.number:
        problems.append(_("Báo cáo chưa có số, ký hiệu."))
    elif signed_by_committee(text.signer_authority) and not report.number.endswith(suffix):
        problems.append(
            _("Báo cáo ký “%(authority)s” nên số, ký hiệu phải của Ban Chỉ đạo (…%(suffix)s), không phải “%(number)s”.")
            % {"authority": text.signer_authority, "suffix": suffix, "number": report.number}
        )
    if not text.signer_name.strip():
        problems.append(_("Báo cáo chưa có họ tên người ký."))
    for review in (full, redacted):
        problems += documents_disagreements(review, report)
    return list(dict.fromkeys(problems))


@transaction.atomic
def review_issue(*, actor, review: ReviewReport, issued_on: dt.date | None = None) -> ReviewReport:
    """Freeze the figures (full, and redacted for readers without sensitive access) and issue."""
    review = (
        ReviewReport.objects.select_for_update()
        .select_related("program__committee")
        .get(pk=review.pk)
    )
    if not can_manage_reviews(actor, review.program):
        raise PermissionDenied
    _editable(review)
    scope = scope_of(review)
    full = review_compute(user=actor, scope=scope)
    redacted = review_compute(user=actor, scope=scope, include_sensitive=False)
    review.issued_on = issued_on or timezone.localdate()
    problems = issue_problems(review, full, redacted)
    if problems:
        raise ValidationError(problems, code="not_final")
    review.frozen_full, review.frozen_redacted = full.to_json(), redacted.to_json()
    review.frozen_at = timezone.now()
    review.status = ReviewStatus.ISSUED
    review.revision += 1
    review._history_user = actor
    review.save(
        update_fields=[
            "frozen_full",
            "frozen_redacted",
            "frozen_at",
            "issued_on",
            "status",
            "revision",
        ]
    )
    return review
