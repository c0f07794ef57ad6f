"""Writes of text intake: keep a text with what was read from it, then make the drafts a
person confirmed — situation reports, activities, or the text attached to a review.

Nothing but the intake document itself is created before the person confirms.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities.services import ActivityData, activity_create
from phoihop.intake import reading
from phoihop.intake.extract import ExtractionContext, extract
from phoihop.intake.models import IntakeDocument
from phoihop.intake.rules import can_take_in
from phoihop.lib.text import clean_name
from phoihop.localities.models import Locality
from phoihop.reviews.rules import can_manage_reviews
from phoihop.situations.models import Severity, Topic
from phoihop.situations.services import report_create

TITLE_LENGTH = 200


@transaction.atomic
def intake_create(
    *,
    actor,
    committee,
    text: str = "",
    upload: tuple[str, bytes] | None = None,
    on: dt.date | None = None,
    title: str = "",
) -> IntakeDocument:
    """Read a pasted text or an uploaded .txt/.docx (`upload` = (file name, bytes)) and
    keep it with its extraction. Raises ValidationError with a Vietnamese message for
    empty, oversized, binary or non-Vietnamese input; nothing is saved then."""
    if not can_take_in(actor, committee):
        raise PermissionDenied
    source_name = ""
    try:
        if upload is not None:
            source_name = upload[0][:255]
            text = reading.read_upload(*upload)
        text = reading.check_text(text)
    except reading.TextRejected as error:
        raise ValidationError({"text": str(error)}) from None
    if on is not None and on > timezone.localdate():
        raise ValidationError({"on": _("Ngày của văn bản không thể ở tương lai.")})
    extraction = extract(text, context=ExtractionContext.for_committee(committee, on=on))
    document = IntakeDocument(
        committee=committee,
        title=clean_name(title)[:300] or first_line(text) or source_name,
        source_name=source_name,
        text=text,
        text_date=extraction.on,
        extraction=extraction.to_json(),
        uploaded_by=actor,
    )
    document._history_user = actor
    document.full_clean()
    document.save()
    return document


def first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= TITLE_LENGTH else line[:TITLE_LENGTH].rsplit(" ", 1)[0] + "…"


def _check_writer(actor, document: IntakeDocument) -> None:
    if not can_take_in(actor, document.committee):
        raise PermissionDenied


# --- Situation reports -------------------------------------------------------------------


@dataclass
class ReportChoice:
    """One report to make: a commune and a topic, as the person confirmed them."""

    locality_id: int
    topic_code: str
    title: str = ""


@transaction.atomic
def intake_make_reports(
    *,
    actor,
    document: IntakeDocument,
    selections: list[ReportChoice],
    reported_on: dt.date | None = None,
    description: str = "",
    severity: int = Severity.MEDIUM,
) -> list:
    """One situation report per confirmed (commune, topic), linked to the document. All or
    nothing: a single invalid choice creates none."""
    _check_writer(actor, document)
    if not selections:
        raise ValidationError(_("Hãy chọn ít nhất một địa bàn và một lĩnh vực."))
    allowed = _offered_locality_ids(document)
    localities = Locality.objects.in_bulk({s.locality_id for s in selections})
    topics = {t.code: t for t in Topic.objects.filter(code__in={s.topic_code for s in selections})}
    day = reported_on or document.text_date or timezone.localdate()
    text = (description or "").strip() or excerpt(document)
    made = []
    for choice in selections:
        locality, topic = localities.get(choice.locality_id), topics.get(choice.topic_code)
        if locality is None or choice.locality_id not in allowed or topic is None:
            raise ValidationError(_("Địa bàn hoặc lĩnh vực đã chọn không có trong kết quả đọc văn bản."))
        title = clean_name(choice.title) or _("%(topic)s tại %(place)s") % {"topic": topic.name, "place": locality.name}
        made.append(report_create(
            actor=actor, committee=document.committee, reported_on=day, locality=locality, topic=topic,
            title=title[:300], description=text, severity=severity,
        ))
    document.reports.add(*made)
    return made


def _offered_locality_ids(document: IntakeDocument) -> set[int]:
    ids = set()
    for row in document.extraction.get("localities", []):
        if row.get("id"):
            ids.add(row["id"])
        ids.update(c["id"] for c in row.get("candidates", []))
    return ids


def excerpt(document: IntakeDocument) -> str:
    source = document.source_name or document.title
    return _("Trích từ văn bản tiếp nhận “%(source)s”:\n%(text)s") % {"source": source, "text": document.text[:3000]}


# --- Activities --------------------------------------------------------------------------


@dataclass
class ActivityChoice:
    program: object
    title: str
    start_date: dt.date
    end_date: dt.date
    content_area_id: int
    lead_id: int
    partner_ids: list[int] = field(default_factory=list)
    locality_ids: list[int] = field(default_factory=list)
    narrative: str = ""
    figures: dict[int, Decimal] = field(default_factory=dict)


@transaction.atomic
def intake_make_activities(*, actor, document: IntakeDocument, selections: list[ActivityChoice]) -> list:
    """Draft activities (status draft) from the confirmed choices, linked to the document."""
    _check_writer(actor, document)
    if not selections:
        raise ValidationError(_("Chưa có hoạt động nào được chọn."))
    made = []
    for choice in selections:
        if choice.program.committee_id != document.committee_id:
            raise ValidationError(_("Chương trình không thuộc Ban Chỉ đạo của văn bản."))
        data = ActivityData(
            title=choice.title, start_date=choice.start_date, end_date=choice.end_date,
            content_area_id=choice.content_area_id, lead_id=choice.lead_id, partner_ids=choice.partner_ids,
            locality_ids=choice.locality_ids, narrative=choice.narrative or excerpt(document),
            figures=choice.figures,
        )
        made.append(activity_create(actor=actor, program=choice.program, data=data))
    document.activities.add(*made)
    return made


# --- Reviews -----------------------------------------------------------------------------


@transaction.atomic
def intake_attach_to_review(*, actor, document: IntakeDocument, review) -> IntakeDocument:
    """Keep the text as an attachment of a review document of the same committee."""
    _check_writer(actor, document)
    if review.program.committee_id != document.committee_id:
        raise ValidationError(_("Báo cáo sơ kết, tổng kết không thuộc Ban Chỉ đạo của văn bản."))
    if not can_manage_reviews(actor, review.program):
        raise PermissionDenied
    if document.review_id != review.pk:
        document.review = review
        document._history_user = actor
        document.save(update_fields=["review"])
    return document
