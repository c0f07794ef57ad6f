"""Dates in the text ("ngày 15/6/2020", "tháng 6 năm 2020", "năm 2020", "2016 – 2020")
and the one date the text is read on, which chooses pre-reform or 2025 places."""

import datetime as dt
import re
from dataclasses import replace

from django.utils.translation import gettext as _

from phoihop.intake.extract.spans import DATE, Span
from phoihop.intake.extract.text import Document

FIRST_YEAR, LAST_YEAR = 1945, 2100
_Y = r"((?:19|20)\d\d)(?!\d)"
PATTERNS = [  # (kind, pattern on the folded text); earlier patterns win overlaps
    ("day", re.compile(rf"\bngay\s+(\d{{1,2}})\s+thang\s+(\d{{1,2}})\s+nam\s+{_Y}")),
    ("day", re.compile(rf"(?<![\d/.])(?:ngay\s+)?(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*{_Y}")),
    ("month", re.compile(rf"\bthang\s+(\d{{1,2}})\s*(?:/|-|\s+nam\s+)\s*{_Y}")),
    ("period", re.compile(rf"(?<![\d/])(?:(?:giai doan|nhiem ky|nam|tu nam|tu)\s+)?{_Y}\s*(?:[-–—]|den(?: nam)?)\s*{_Y}")),
    ("year", re.compile(rf"\bnam\s+{_Y}(?![/\d])")),
    # a season or feast with its year: "Xuân Bính Ngọ 2026", "Tết Nguyên đán Ất Tỵ 2025", "lễ Giáng sinh 2022"
    ("year", re.compile(rf"\b(?:xuan|tet|giang sinh|noel|vesak|duong lich)(?: [a-z]+){{0,3}}\s+{_Y}(?![/\d])")),
]


def find(doc: Document) -> list[Span]:
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(doc.folded):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            values = _values(kind, match)
            if values:
                taken.append((match.start(), match.end()))
                spans.append(_span(doc, match, kind, values))
    spans += _days_without_year(doc, spans, taken)
    return sorted(spans, key=lambda s: s.start)


_DAY_MONTH = re.compile(r"\b(?:ngay|sang|chieu|toi|trua)\s+(\d{1,2})\s*[/-]\s*(\d{1,2})(?![\d/.-]|\s*[/-]\s*\d)")


def _days_without_year(doc: Document, spans: list[Span], taken: list[tuple[int, int]]) -> list[Span]:
    """"Ngày 3-7", "Chiều 9/10" with no year: in the year of the text's other dates (its latest
    day, month or year, "Xuân Bính Ngọ 2026" too; a period's years are a plan as often as a
    past), else not a date at all."""
    years = [int(v[:4]) for s in spans if s.value["kind"] != "period" for v in s.value["values"]]
    if not years:
        return []
    year, found = max(years), []
    for match in _DAY_MONTH.finditer(doc.folded):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        try:
            day = dt.date(year, int(match.group(2)), int(match.group(1)))
        except ValueError:
            continue
        span = _span(doc, match, "day", [day.isoformat()])
        found.append(replace(span, explanation=_("Ngày cụ thể (năm lấy theo các mốc thời gian khác của văn bản)")))
    return found


def _values(kind: str, match: re.Match) -> list[str]:
    groups = match.groups()
    if kind == "day":
        day, month, year = (groups[0], groups[1], groups[2]) if len(groups) == 3 else (
            groups[0], groups[2], groups[3])
        try:
            return [dt.date(int(year), int(month), int(day)).isoformat()]
        except ValueError:
            return []
    if kind == "month":
        month, year = int(groups[0]), int(groups[1])
        return [f"{year:04d}-{month:02d}"] if 1 <= month <= 12 else []
    years = [int(g) for g in groups if g and g.isdigit() and len(g) == 4]
    if not all(FIRST_YEAR <= y <= LAST_YEAR for y in years):
        return []
    if kind == "period" and years[0] >= years[1]:
        return []
    return [str(y) for y in years]


def _span(doc: Document, match: re.Match, kind: str, values: list[str]) -> Span:
    text = doc.text[match.start():match.end()]
    if kind == "period":
        explain = _("Giai đoạn từ năm %(first)s đến năm %(last)s") % {"first": values[0], "last": values[1]}
    else:
        explain = {"day": _("Ngày cụ thể"), "month": _("Tháng"), "year": _("Năm")}[kind]
    return Span(match.start(), match.end(), DATE, text, {"kind": kind, "values": values}, explain)


def text_date(spans: list[Span], *, today: dt.date) -> tuple[dt.date, str]:
    """The day the text speaks of: its latest full date, else its latest month or year
    (not after `today`); `today` when it names none. With a reason, in Vietnamese."""
    days, months, years, periods = [], [], [], []
    for span in spans:
        for value in span.value["values"]:
            day = _as_day(value, today)
            if span.value["kind"] == "period":
                periods.append((day, value))
            else:
                {10: days, 7: months}.get(len(value), years).append((day, value))
    latest_day = _("ngày muộn nhất nêu trong văn bản: %(when)s")
    latest_time = _("thời gian muộn nhất nêu trong văn bản: %(when)s")
    # A period's end is often a plan ahead ("giai đoạn 2021 - 2025"): the last resort.
    for found, what in ((days, latest_day), (months, latest_time), (years, latest_time), (periods, latest_time)):
        past = [pair for pair in found if pair[0] <= today]
        if past:
            day, value = max(past)
            return day, what % {"when": _show(value)}
    return today, _("văn bản không nêu ngày: dùng ngày hôm nay")


# Bodies the 2025 reform ended (the district level on 1/7/2025; the boards and
# ministries merged on 1/3/2025). A text that names no date but names one of them was
# written while it stood. "huyện cũ", "cấp huyện (cũ)" speak of it after the fact.
ENDED_BY_REFORM = re.compile(
    r"\b(?:huyen|thi xa|huyen uy|thi uy)\b(?!\s*\(?\s*cu\b)"
    r"|\bban (?:ton giao|dan toc) (?:chinh phu|tinh)\b|\buy ban dan toc\b"
    r"|\b(?:so|bo) (?:lao dong,? ?-? ?thuong binh|ke hoach va dau tu|thong tin va truyen thong"
    r"|tai nguyen va moi truong)\b"
)


def names_ended_body(doc: Document) -> str | None:
    """The first body the 2025 reform ended that the text names (as written), else None."""
    match = ENDED_BY_REFORM.search(doc.folded)
    return doc.text[match.start():match.end()] if match else None


def _as_day(value: str, today: dt.date) -> dt.date | None:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], (parts[1] if len(parts) == 2 else 12)
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return min(last, today) if year <= today.year else last


def _show(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return _("tháng %(month)s/%(year)s") % {"month": int(parts[1]), "year": parts[0]}
    return _("năm %(year)s") % {"year": parts[0]}
