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
from phoihop.reviews.assessment import statements_of
from phoihop.reviews.data import Kind, Review

PARTY = "party"
STATE = "state"

# The secretariat's own words, by part of the document (ReviewReport fields).
SECTION_FIELDS = [
    "situation", "results", "strengths", "limitations", "causes", "lessons", "directions", "recommendations",
]
PLACEHOLDER = "(Thường trực Ban Chỉ đạo bổ sung nội dung.)"
# Drafting text that must not reach a signed document: an instruction in brackets, dots, "xxx".
_DRAFTING = re.compile(
    r"^[(\[].*\b(bổ sung|nhập|ghi rõ|điền|soạn|cập nhật)\b.*[)\]]$|^[.…\s]+$|\bx{3,}\b|\bTODO\b",
    re.IGNORECASE,
)

# A party committee's name inside the host's name: "Ban Dân vận Tỉnh ủy Hà Nam" is
# issued as "TỈNH ỦY HÀ NAM" over "BAN DÂN VẬN" (Hướng dẫn 36-HD/VPTW, tên cơ quan ban hành).
_PARTY_COMMITTEE = re.compile(r"\s+((?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s*ủy\b.*)$", re.IGNORECASE)
_PLACE_TYPE = re.compile(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Đặc khu)\s+", re.IGNORECASE)


@dataclass
class Paragraph:
    text: str
    refs: list[str] | None = None  # drafted from the figures: the figure behind each number; None: written
    heading: bool = False  # a numbered part of a section ("1. Ưu điểm")
    placeholder: bool = False  # nothing written yet where only the secretariat can write


@dataclass
class Section:
    heading: str  # "I. ĐẶC ĐIỂM TÌNH HÌNH"
    paragraphs: list[Paragraph]

    @property
    def drafted(self) -> bool:
        return any(p.refs is not None for p in self.paragraphs)


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


def signed_by_committee(authority: str) -> bool:
    """"T/M BAN CHỈ ĐẠO", "TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN CHỈ ĐẠO": the committee issues."""
    return "BAN CHỈ ĐẠO" in upper(authority)


def issuer_lines(review: Review, layout: str, authority: str = "") -> tuple[str, str]:
    """(upper line, issuing body). Signed for the steering committee, the committee issues
    with its host body above it by its real name (Hướng dẫn 36: a body under another writes
    that body first; Nghị định 30: "tên cơ quan, tổ chức chủ quản trực tiếp")."""
    if signed_by_committee(authority) or layout == STATE:
        return upper(review.host_name), upper(review.committee_name)
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


def number_suffix(layout: str) -> str:
    """The steering committee's symbol at the end of a number: 45-BC/BCĐ, 45/BC-BCĐ."""
    return "/BC-BCĐ" if layout == STATE else "-BC/BCĐ"


_PARTY_NUMBER = re.compile(r"^(\d+)-([^\s/-]+)/(\S+)$")  # 45-BC/BCĐ
_STATE_NUMBER = re.compile(r"^(\d+)/([^\s/-]+)-(\S+)$")  # 45/BC-BCĐ


def number_in_layout(number: str, layout: str) -> str:
    """The same number as each layout writes it: 45-BC/BCĐ (Hướng dẫn 36) is 45/BC-BCĐ
    (Nghị định 30: number, "/", the document type's abbreviation, "-", the body's)."""
    number = (number or "").strip()
    if layout == STATE and (match := _PARTY_NUMBER.match(number)):
        return f"{match[1]}/{match[2]}-{match[3]}"
    if layout != STATE and (match := _STATE_NUMBER.match(number)):
        return f"{match[1]}-{match[2]}/{match[3]}"
    return number


def number_line(number: str, layout: str) -> str:
    """"Số: 45/BC-BCĐ" (Nghị định 30) / "Số 45-BC/BCĐ" (Hướng dẫn 36); a draft leaves the number blank."""
    if layout == STATE:
        return _("Số: %(number)s") % {"number": number_in_layout(number, layout) or "      /BC-BCĐ"}
    return _("Số %(number)s") % {"number": number_in_layout(number, layout) or "      -BC/BCĐ"}


_KIND_IN_TITLE = re.compile(r"^\s*báo\s+cáo\s*[:,-]?\s*", re.IGNORECASE)


def summary_line(title: str) -> str:
    """The summary under "BÁO CÁO" does not say "Báo cáo" again ("Báo cáo tổng kết …" → "Tổng kết …")."""
    rest = _KIND_IN_TITLE.sub("", title or "").strip()
    return rest[:1].upper() + rest[1:] if rest else (title or "").strip()


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _drafted(statements) -> list[Paragraph]:
    return [Paragraph(s.text, refs=list(s.refs)) for s in statements]


def _written(report, name: str, *, required: bool) -> list[Paragraph]:
    paragraphs = [Paragraph(text) for text in _paragraphs(_field(report, name) or "")]
    return paragraphs or ([Paragraph(PLACEHOLDER, placeholder=True)] if required else [])


def _part(title: str, drafted: list[Paragraph], written: list[Paragraph]) -> list[Paragraph]:
    return [Paragraph(title, heading=True), *drafted, *written]


def sections(review: Review, report=None) -> list[Section]:
    """Sections I–V: the sentences drafted from the figures, then the secretariat's words.

    The drafted sentences always come from the Review being rendered (frozen once
    issued), so the prose and the appendix cannot disagree. Every part holds the
    sentences its figures ground (causes of the limitations found, lessons from the
    models, directions and recommendations from what is still open), then what the
    secretariat wrote; a part with neither holds a placeholder until written.
    A review frozen when the drafted sentences were stored in the text
    (`Review.drafted_in_text`) prints its text alone, as it was signed.
    """
    of = lambda kind: [] if review.drafted_in_text else _drafted(statements_of(review, kind))  # noqa: E731
    written = lambda name, required=False: _written(report, name, required=required)  # noqa: E731
    both = lambda kind, name: of(kind) + written(name, required=not of(kind))  # noqa: E731
    results = of("result")
    return [
        Section(_("I. ĐẶC ĐIỂM TÌNH HÌNH"), of("situation") + written("situation")),
        Section(
            _("II. KẾT QUẢ THỰC HIỆN"),
            results + written("results", required=not results)
            + [Paragraph(_("Số liệu chi tiết tại Phụ lục kèm theo báo cáo này."), refs=[])],
        ),
        Section(
            _("III. ĐÁNH GIÁ CHUNG"),
            _part(_("1. Ưu điểm"), [], both("strength", "strengths"))
            + _part(_("2. Hạn chế"), [], both("limitation", "limitations"))
            + _part(_("3. Nguyên nhân"), [], both("cause", "causes"))
            + _part(_("4. Bài học kinh nghiệm"), [], both("lesson", "lessons")),
        ),
        Section(_("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ"), both("direction", "directions")),
        Section(_("V. KIẾN NGHỊ, ĐỀ XUẤT"), both("recommendation", "recommendations")),
    ]


def unfinished_parts(text: "DocumentText") -> list[str]:
    """Names of the parts that are empty or still hold drafting text (issuing refuses them)."""
    out = []
    for section in text.sections:
        part = section.heading
        seen_body = False
        for paragraph in section.paragraphs:
            if paragraph.heading:
                part = f"{section.heading} – {paragraph.text}"
                continue
            seen_body = True
            if paragraph.placeholder or _DRAFTING.search(paragraph.text):
                out.append(part)
        if not seen_body:
            out.append(section.heading)
    return list(dict.fromkeys(out))


def superior_committee(review: Review) -> str:
    """The Party committee the host body belongs to ("Tỉnh ủy Hà Nam"), or "" if its name has none."""
    match = _PARTY_COMMITTEE.search(review.host_name)
    return match.group(1) if match else ""


def filing_line(layout: str) -> str:
    """The last recipient: the copy kept (Nghị định 30: "Lưu: VT, <đơn vị soạn thảo>")."""
    return _("Lưu: VT, TTBCĐ") if layout == STATE else _("Lưu Văn phòng Ban Chỉ đạo")


def default_recipients(review: Review, layout: str = PARTY) -> list[str]:
    superior = superior_committee(review)
    above = (_("Thường trực %(committee)s") % {"committee": superior}) if superior else _("Thường trực cấp ủy")
    return [_("%(body)s (để báo cáo)") % {"body": above}, _("Các tổ chức thành viên Ban Chỉ đạo")]


def recipients_for(review: Review, report, layout: str) -> list[str]:
    """The recipients as written (or the defaults), the filing copy always last."""
    written = [r.lstrip("-–+ ").rstrip(",;.") for r in _paragraphs(_field(report, "recipients") or "")]
    lines = written or default_recipients(review, layout)
    filed = [r for r in lines if r.lower().startswith("lưu")]
    lines = [r for r in lines if not r.lower().startswith("lưu")]
    return lines + (filed[-1:] or [filing_line(layout)])


def _field(report, name: str):
    return getattr(report, name, None) if report is not None else None


def issuing_body(review: Review, layout: str, authority: str) -> str:
    """The issuing body's name as written in a sentence ("Ban Chỉ đạo …"), see issuer_lines."""
    return review.committee_name if signed_by_committee(authority) or layout == STATE else review.host_name


def appendix_caption(number: str, layout: str, issued_on: dt.date, issuer: str) -> str:
    """"(Kèm theo Báo cáo số 45/BC-BCĐ ngày 20/12/2020 của Ban Chỉ đạo …)" (Nghị định 30,
    phụ lục: số, ký hiệu, ngày, tháng, năm and the issuing body)."""
    return _("(Kèm theo Báo cáo số %(number)s ngày %(date)s của %(issuer)s)") % {
        "number": number_in_layout(number, layout) or "...",
        "date": vnformat.short_date(issued_on),
        "issuer": issuer,
    }


def document_text(review: Review, report=None) -> DocumentText:
    layout = _field(report, "layout") or PARTY
    number = _field(report, "number") or ""
    issued_on = _field(report, "issued_on") or timezone.localdate(review.computed_at)
    place = _field(report, "place") or place_name(review.province_name)
    default_authority = _("TM. BAN CHỈ ĐẠO") if layout == STATE else _("T/M BAN CHỈ ĐẠO")
    authority = upper(_field(report, "signer_authority") or "") or default_authority
    parent, issuer = issuer_lines(review, layout, authority)
    number_text = number_line(number, layout)
    return DocumentText(
        layout=layout,
        issuer_parent=parent,
        issuer=issuer,
        number_line=number_text,
        place_date=f"{place}, {vnformat.long_date(issued_on)}",
        kind_title=_("BÁO CÁO"),
        title=summary_line(_field(report, "title") or default_title(review)),
        sections=sections(review, report),
        recipients=recipients_for(review, report, layout),
        signer_authority=authority,
        signer_title=upper(_field(report, "signer_title") or "") or _("TRƯỞNG BAN"),
        signer_name=_field(report, "signer_name") or "",
        issued_on=issued_on,
        appendix_caption=appendix_caption(number, layout, issued_on, issuing_body(review, layout, authority)),
    )
