"""The words of a review document: what the ReviewReport says, or sensible defaults.

A renderer gets the plain `Review` (figures) and, optionally, the `ReviewReport` (number,
place, date, the five sections, signer, recipients). Everything a renderer writes that
is not a table comes from `document_text()`, so every format says the same thing.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.lib import vnformat
from phoihop.reviews.data import Kind, Review

PARTY = "party"
STATE = "state"

SECTION_FIELDS = ["situation", "results", "limitations", "directions", "recommendations"]

# A party committee's name inside the host's name: "Ban Dân vận Tỉnh ủy Hà Nam" is
# issued as "TỈNH ỦY HÀ NAM" over "BAN DÂN VẬN" (Hướng dẫn 36-HD/VPTW, tên cơ quan ban hành).
_PARTY_COMMITTEE = re.compile(r"\s+((?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s*ủy\b.*)$", re.IGNORECASE)
_PLACE_TYPE = re.compile(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Đặc khu)\s+", re.IGNORECASE)


@dataclass
class Section:
    heading: str  # "I. ĐẶC ĐIỂM, TÌNH HÌNH"
    paragraphs: list[str]
    drafted: bool  # True when the text is the computed default, not the secretariat's


@dataclass
class DocumentText:
    layout: str
    issuer_parent: str  # upper line of the issuing body ("TỈNH ỦY HÀ NAM"), may be empty
    issuer: str  # the issuing body ("BAN DÂN VẬN")
    number_line: str  # "Số 12-BC/BDVTU" (Party) / "Số: 12/BC-BCĐ" (State)
    place_date: str  # "Phủ Lý, ngày 20 tháng 12 năm 2020"
    kind_title: str  # "BÁO CÁO"
    title: str  # trích yếu
    sections: list[Section]
    recipients: list[str]
    signer_authority: str
    signer_title: str
    signer_name: str
    issued_on: dt.date
    appendix_caption: str  # "(Kèm theo Báo cáo số 12-BC/BDVTU ngày 20/12/2020 …)"


def upper(text: str) -> str:
    return text.upper() if text else ""


def place_name(province_name: str) -> str:
    """"Tỉnh Hà Nam" → "Hà Nam": the place written before the date."""
    return _PLACE_TYPE.sub("", province_name).strip()


def issuer_lines(review: Review, layout: str) -> tuple[str, str]:
    if layout == STATE:
        return upper(review.province_name), upper(review.committee_name)
    match = _PARTY_COMMITTEE.search(review.host_name)
    if match:
        return upper(match.group(1)), upper(review.host_name[: match.start()])
    return "", upper(review.host_name)


def default_title(review: Review) -> str:
    if review.scope.kind == Kind.PROGRAM:
        return _("Tổng kết thực hiện %(program)s") % {"program": review.program_name}
    verb = _("Sơ kết") if review.scope.kind == Kind.SIX_MONTHS else _("Tổng kết")
    return _("%(verb)s %(period)s thực hiện %(program)s") % {
        "verb": verb, "period": review.period_label, "program": review.program_name,
    }


def number_line(number: str, layout: str) -> str:
    if layout == STATE:
        return _("Số: %(number)s") % {"number": number or "      /BC-BCĐ"}
    return _("Số %(number)s") % {"number": number or "      -BC/BCĐ"}


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _members_and_activities(review: Review) -> str:
    coordination = review.coordination
    return _(
        "Trong %(period)s, các tổ chức thành viên đã thực hiện %(count)s hoạt động được Thường trực "
        "xác nhận, trong đó %(joint)s hoạt động có từ hai thành viên trở lên cùng tham gia (%(share)s)."
    ) % {
        "period": review.period_label,
        "count": vnformat.number(coordination.activities),
        "joint": vnformat.number(coordination.joint),
        "share": vnformat.percent(coordination.joint_share),
    }


def _area_paragraph(area) -> str:
    text = _("%(number)s. %(name)s: %(count)s hoạt động (%(share)s tổng số), %(joint)s hoạt động phối hợp") % {
        "number": area.number, "name": area.name, "count": vnformat.number(area.activities),
        "share": vnformat.percent(area.share), "joint": vnformat.number(area.joint),
    }
    figures = [
        f"{total.name.lower()} {vnformat.number(total.value, total.decimals)} {total.unit}"
        for total in area.indicators if total.value
    ]
    return text + ("; " + ", ".join(figures) if figures else "") + "."


def _cases_paragraph(review: Review) -> str | None:
    received = sum(t.received for t in review.topics)
    if not received:
        return None
    resolved = sum(t.resolved for t in review.topics)
    ended = sum(t.resolved + t.referred + t.closed_unresolved for t in review.topics)
    return _(
        "Công tác nắm tình hình: tiếp nhận %(received)s vụ việc, đã giải quyết %(resolved)s vụ việc "
        "(%(rate)s số vụ việc đã kết thúc), còn %(open)s vụ việc đang xử lý."
    ) % {
        "received": vnformat.number(received), "resolved": vnformat.number(resolved),
        "rate": vnformat.percent(resolved / ended if ended else None),
        "open": vnformat.number(sum(t.open for t in review.topics)),
    }


def _models_paragraph(review: Review) -> str:
    counts = review.coordination.models_by_status
    return _(
        "Mô hình phối hợp: %(recognized)s mô hình được công nhận, trong đó %(outstanding)s mô hình tiêu biểu; "
        "%(proposed)s mô hình đang đề xuất."
    ) % {
        "recognized": vnformat.number(counts.get("recognized", 0) + counts.get("outstanding", 0)),
        "outstanding": vnformat.number(counts.get("outstanding", 0)),
        "proposed": vnformat.number(counts.get("proposed", 0)),
    }


def default_situation(review: Review) -> list[str]:
    return [
        _(
            "%(program)s được triển khai với %(members)s tổ chức thành viên, dưới sự chỉ đạo của "
            "%(committee)s; %(host)s là cơ quan thường trực."
        ) % {
            "program": review.program_name, "members": vnformat.number(len(review.members)),
            "committee": review.committee_name, "host": review.host_name,
        }
    ]


def default_results(review: Review) -> list[str]:
    paragraphs = [_members_and_activities(review)]
    paragraphs += [_area_paragraph(area) for area in review.areas]
    cases = _cases_paragraph(review)
    paragraphs += ([cases] if cases else []) + [_models_paragraph(review)]
    paragraphs.append(_("Số liệu chi tiết tại Phụ lục kèm theo báo cáo này."))
    return paragraphs


def shown_statements(review: Review, kind: str) -> list:
    return [s for s in review.statements if s.kind == kind and not (review.redacted and s.sensitive)]


def default_limitations(review: Review) -> list[str]:
    paragraphs = []
    for kind, label in (("strength", _("Ưu điểm:")), ("limitation", _("Hạn chế:"))):
        statements = shown_statements(review, kind)
        if statements:
            paragraphs.append(label)
            paragraphs += [f"- {s.text}" for s in statements]
    return paragraphs or [_("(Thường trực Ban Chỉ đạo bổ sung nội dung.)")]


def _section_headings() -> list[str]:
    return [
        _("I. ĐẶC ĐIỂM, TÌNH HÌNH"),
        _("II. KẾT QUẢ ĐẠT ĐƯỢC"),
        _("III. HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM"),
        _("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
        _("V. ĐỀ XUẤT, KIẾN NGHỊ"),
    ]


def sections(review: Review, report=None) -> list[Section]:
    placeholder = [_("(Thường trực Ban Chỉ đạo bổ sung nội dung.)")]
    defaults = [
        default_situation(review), default_results(review), default_limitations(review), placeholder, placeholder,
    ]
    out = []
    for heading, field_name, fallback in zip(_section_headings(), SECTION_FIELDS, defaults, strict=True):
        written = _paragraphs(_field(report, field_name) or "")
        out.append(Section(heading, written or fallback, drafted=not written))
    return out


def default_recipients(review: Review) -> list[str]:
    return [_("Thường trực cấp ủy (để báo cáo)"), _("Các tổ chức thành viên"), _("Lưu Văn phòng")]


def _field(report, name: str):
    return getattr(report, name, None) if report is not None else None


def document_text(review: Review, report=None) -> DocumentText:
    layout = _field(report, "layout") or PARTY
    number = _field(report, "number") or ""
    issued_on = _field(report, "issued_on") or timezone.localdate(review.computed_at)
    place = _field(report, "place") or place_name(review.province_name)
    parent, issuer = issuer_lines(review, layout)
    recipients = [r.lstrip("-–+ ").rstrip(",;.") for r in _paragraphs(_field(report, "recipients") or "")]
    number_text = number_line(number, layout)
    default_authority = _("TM. BAN CHỈ ĐẠO") if layout == STATE else _("T/M BAN CHỈ ĐẠO")
    return DocumentText(
        layout=layout,
        issuer_parent=parent,
        issuer=issuer,
        number_line=number_text,
        place_date=f"{place}, {vnformat.long_date(issued_on)}",
        kind_title=_("BÁO CÁO"),
        title=_field(report, "title") or default_title(review),
        sections=sections(review, report),
        recipients=recipients or default_recipients(review),
        signer_authority=upper(_field(report, "signer_authority") or "") or default_authority,
        signer_title=upper(_field(report, "signer_title") or "") or _("TRƯỞNG BAN"),
        signer_name=_field(report, "signer_name") or "",
        issued_on=issued_on,
        appendix_caption=_("(Kèm theo Báo cáo %(number)s, %(date)s)") % {
            "number": number_text[0].lower() + number_text[1:],
            "date": vnformat.long_date(issued_on),
        },
    )
