"""Figures with their units, in Vietnamese number formats: "897 buổi", "gần 405.000 lượt
người", "hơn 156 tỷ đồng", "0,9%" — a dot groups thousands, a comma starts decimals —
each linked, when its unit and words allow, to an indicator of the catalogue."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from phoihop.intake.extract.spans import FIGURE, Span
from phoihop.intake.extract.text import Document

MULTIPLIERS = {"nghin": 1000, "ngan": 1000, "trieu": 10**6, "ty": 10**9, "ti": 10**9}
# Folded unit words → the unit as shown; longest first.
UNITS = [
    ("luot nguoi", "lượt người"), ("luot", "lượt"), ("buoi", "buổi"), ("ngay cong", "ngày công"),
    ("ngoi nha", "nhà"), ("can nha", "nhà"), ("nha", "nhà"), ("ho gia dinh", "hộ"), ("ho so", "hồ sơ"),
    ("ho", "hộ"), ("dong", "đồng"), ("suat qua", "suất"), ("suat", "suất"), ("nguon tin", "tin"),
    ("tin", "tin"), ("don thu", "đơn"), ("don", "đơn"), ("mo hinh", "mô hình"), ("hoi nghi", "hội nghị"),
    ("cuoc", "cuộc"), ("lop", "lớp"), ("hoi vien", "hội viên"), ("doan vien", "đoàn viên"),
    ("can bo", "cán bộ"), ("chien si", "chiến sĩ"), ("vu viec", "vụ việc"), ("vu", "vụ"),
    ("nguoi", "người"), ("tan", "tấn"), ("km", "km"), ("ha", "ha"), ("xa", "xã"), ("tai lieu", "tài liệu"),
    ("to roi", "tờ rơi"), ("cong trinh", "công trình"), ("phan qua", "suất"), ("m2", "m2"), ("m²", "m2"),
    ("cay xanh", "cây"), ("cay", "cây"),
]
QUALIFIERS = {"gan": "gần", "hon": "hơn", "tren": "trên", "khoang": "khoảng", "xap xi": "xấp xỉ",
              "ngot": "ngót", "gan nhu": "gần", "dat": "đạt"}

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"
_QUALIFIER = r"(?:(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
_MULTIPLIER = r"(?:\s+(" + "|".join(MULTIPLIERS) + r"))?"
_UNIT = r"\s*(%|" + "|".join(re.escape(u) for u, _shown in UNITS) + r")(?!\w)"
PATTERN = re.compile(rf"(?<![\w.,/]){_QUALIFIER}{_NUMBER}{_MULTIPLIER}{_UNIT}")
SHOWN = dict(UNITS) | {"%": "%"}

# unit → [(words that must be near, indicator code)]; the first that fits wins.
INDICATOR_RULES = {
    "buổi": [("", "tuyen-truyen-buoi")],
    "lượt người": [("cuu nan|cuu ho|thien tai|bao lu", "luot-tham-gia-cuu-nan"), ("", "tuyen-truyen-luot")],
    "lượt": [("cuu nan|cuu ho|thien tai|bao lu", "luot-tham-gia-cuu-nan"), ("", "tuyen-truyen-luot")],
    "nhà": [("tinh nghia|dong doi", "nha-tinh-nghia"), ("", "nha-dai-doan-ket")],
    "đồng": [("", "tien-van-dong")],
    "ngày công": [("", "ngay-cong")],
    "hộ": [("thoat ngheo", "ho-thoat-ngheo")],
    "suất": [("", "suat-qua")],
    "tin": [("", "tin-bao")],
    "đơn": [("giai quyet", "don-thu-giai-quyet"), ("", "don-thu-tiep-nhan")],
    "hồ sơ": [("mat bang|gpmb|boi thuong", "ho-so-gpmb")],
    "%": [("ho ngheo", "ty-le-ho-ngheo")],
}


def parse_number(integer: str, fraction: str | None) -> Decimal | None:
    """"405.000" → 405000; "0" + "9" (from "0,9") → 0.9."""
    try:
        return Decimal(integer.replace(".", "") + (f".{fraction}" if fraction else ""))
    except InvalidOperation:
        return None


def find(doc: Document, indicators: dict[str, str], *, taken: list[Span] = ()) -> list[Span]:
    """Figures outside the `taken` spans (dates); `indicators` maps code → name."""
    spans = []
    for match in PATTERN.finditer(doc.folded):
        if any(match.start(2) < s.end and s.start < match.end() for s in taken):
            continue
        span = _figure(doc, match, indicators)
        if span:
            spans.append(span)
    return spans


def _figure(doc: Document, match: re.Match, indicators: dict[str, str]) -> Span | None:
    qualifier, integer, fraction, multiplier, unit_key = match.groups()
    value = parse_number(integer, fraction)
    if value is None:
        return None
    unit = SHOWN[unit_key]
    if multiplier:
        value *= MULTIPLIERS[multiplier]
        if unit != "đồng":
            unit = f"{doc.text[match.start(4):match.end(4)]} {unit}"
    clause = doc.folded[slice(*doc.clause_bounds(match.start()))]
    code = _indicator(unit, clause, indicators)
    text = doc.text[match.start():match.end()]
    shown_value = _plain(value)
    explain = _("Số liệu %(value)s %(unit)s") % {"value": shown_value, "unit": unit}
    if qualifier:
        explain += _(" (%(q)s: con số ước lượng)") % {"q": QUALIFIERS[qualifier]}
    if code:
        explain += _("; chỉ tiêu “%(name)s”") % {"name": indicators[code]}
    return Span(match.start(), match.end(), FIGURE, text, {
        "value": shown_value,
        "unit": unit,
        "qualifier": QUALIFIERS.get(qualifier or "", ""),
        "indicator": code or "",
    }, explain)


def _indicator(unit: str, clause: str, indicators: dict[str, str]) -> str | None:
    for words, code in INDICATOR_RULES.get(unit, []):
        if code in indicators and (not words or re.search(words, clause)):
            return code
    return None


def _plain(value: Decimal) -> str:
    """Decimal as plain digits with a dot for decimals: 156000000000, 0.9."""
    text = format(value.normalize(), "f")
    return text
