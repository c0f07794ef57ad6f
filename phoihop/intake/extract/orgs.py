"""Organizations named in the text: the registry's names, short names and aliases, and
the usual names of Vietnamese bodies ("Ban Dân vận Tỉnh ủy", "Bộ Chỉ huy Quân sự tỉnh",
"Mặt trận Tổ quốc", "Hội Liên hiệp Phụ nữ", "Huyện ủy Thanh Liêm"…), with their level.

Each mention gets a canonical key — folded, abbreviations spelled out ("BTV" → "Ban
Thường vụ"), the province added when the name ends at its level ("Bộ Chỉ huy Quân sự
tỉnh" in a Hà Nam text is "… tỉnh Hà Nam") — and the registry organization it is, when
one fits the text's province and date.
"""

import re

from django.utils.translation import gettext as _

from phoihop.intake.extract.spans import LOCALITY, ORGANIZATION, Span
from phoihop.intake.extract.text import Document
from phoihop.lib.text import fold

ABBREVIATIONS = [  # folded abbreviation → folded full words
    ("ubmttq", "uy ban mat tran to quoc"), ("mttq", "mat tran to quoc"), ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"), ("btv", "ban thuong vu"), ("bchqs", "bo chi huy quan su"),
    ("chqs", "chi huy quan su"), ("lhpn", "lien hiep phu nu"), ("ccb", "cuu chien binh"),
    ("ctd", "chu thap do"), ("ldld", "lien doan lao dong"), ("bcd", "ban chi dao"),
    ("tncs", "thanh nien cong san"), ("bdv", "ban dan van"), ("btg", "ban tuyen giao"),
    ("tg dv", "tuyen giao va dan van"), ("bch", "ban chap hanh"),
]
_PARTY = r"(?:tinh uy|huyen uy|thanh uy|thi uy|dang uy|quan uy|trung uong)"
_LEVEL = (r"(?:tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang uy(?: (?:xa|phuong|thi tran|quan su|khoi)\w*)?|"
          r"tinh|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran|viet nam|trung uong|cap tinh|cac cap)")
HEADS = [
    rf"ban (?:dan van|tuyen giao va dan van|tuyen giao|tg dv|to chuc|kiem tra|noi chinh|thuong vu|chap hanh) {_PARTY}",
    rf"(?:btv|bdv|btg|bch) {_PARTY}",
    r"ban chi dao(?: dieu hanh)?(?: (?:chuong trinh|cong tac)(?: phoi hop)?(?: hoat dong)?)?",
    r"bcd(?: chuong trinh(?: phoi hop)?)?",
    r"(?:tinh uy|huyen uy|thanh uy|thi uy|quan uy)",
    r"dang uy(?: (?:quan su|khoi)\w*)?",
    r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|cong an|toa an nhan dan|vien kiem sat nhan dan)",
    r"(?:bo chi huy quan su|bo chqs|bchqs|ban chi huy quan su|ban chqs|bo chi huy bo doi bien phong|"
    r"bo doi bien phong|ban chi huy phong thu khu vuc)",
    r"(?:uy ban mat tran to quoc|ubmttq|mat tran to quoc|mttq)(?: viet nam)?",
    r"hoi (?:lien hiep phu nu|lhpn|phu nu|nong dan|cuu chien binh|ccb|chu thap do|ctd|nguoi cao tuoi|"
    r"khuyen hoc|cuu thanh nien xung phong)",
    r"(?:doan thanh nien cong san ho chi minh|doan tncs ho chi minh|doan thanh nien|tinh doan|huyen doan|thanh doan)",
    r"(?:lien doan lao dong|ldld)",
]
GENERIC = re.compile(rf"\b(?:{'|'.join(HEADS)})(?: {_LEVEL})?\b")
_TRAILING_PROVINCE = re.compile(r"(?:^| )(?:tinh|tinh uy|cap tinh)$")
CANONICAL = [  # (pattern on the expanded key, replacement)
    (re.compile(r"^ban chi dao\b.*\b(chuong trinh|phoi hop)\b.*$|^ban chi dao(?: dieu hanh)?$"),
     "ban chi dao chuong trinh phoi hop"),
    (re.compile(r"^uy ban mat tran to quoc"), "mat tran to quoc"),
    (re.compile(r"^mat tran to quoc viet nam"), "mat tran to quoc"),
    (re.compile(r"^hoi phu nu"), "hoi lien hiep phu nu"),
    (re.compile(r"^doan tncs ho chi minh|^doan thanh nien cong san ho chi minh"), "doan thanh nien"),
    (re.compile(r"^ban chi huy quan su tinh"), "bo chi huy quan su tinh"),
]


def expand(folded: str) -> str:
    words = f" {folded} "
    for short, full in ABBREVIATIONS:
        words = words.replace(f" {short} ", f" {full} ")
    return words.strip()


def canonical_key(surface: str, province: str = "") -> str:
    """The key two mentions of one body share: "Bộ CHQS tỉnh" → "bo chi huy quan su tinh ha nam"."""
    key = expand(fold(surface))
    for pattern, replacement in CANONICAL:
        key = pattern.sub(replacement, key)
    if province and _TRAILING_PROVINCE.search(key):
        key = f"{key} {fold(province)}"
    return key


def find(doc: Document, gaz, *, day, province, localities: list[Span]) -> list[Span]:
    """`province` is the context province (a Locality or None); `localities` the place
    spans already found, used to carry an organization's name to its place."""
    province_name = province.short_name if province else ""
    spans = []
    places = [s for s in localities if s.kind == LOCALITY]
    for match in GENERIC.finditer(doc.folded):
        if not _capitalized(doc.text, match.start()):
            continue
        end = match.end()
        place = _place_after(match.start(), end, places)
        if place is not None:
            end = place.end
        spans.append(_generic_span(doc, match.start(), end, gaz, day, province, province_name, place))
    spans += _registry_only(doc, gaz, day, province, province_name, taken=spans)
    _complete_local_names(spans)
    return sorted(spans, key=lambda s: s.start)


_LOCAL_LEVEL = re.compile(r" (?:huyen uy|thanh uy|thi uy|quan uy|dang uy|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran)$")


def _complete_local_names(spans: list[Span]) -> None:
    """"Ban Dân vận Huyện ủy" in a text that also writes "Ban Dân vận Huyện ủy Giao Thủy"
    is that body: give the short mention the full key, when only one fits."""
    keys = {s.value["key"]: s.value["name"] for s in spans}
    for span in spans:
        key = span.value["key"]
        if not _LOCAL_LEVEL.search(key):
            continue
        longer = [k for k in keys if k.startswith(key + " ")]
        if len(longer) == 1:
            span.value["key"], span.value["name"] = longer[0], keys[longer[0]]


def _capitalized(text: str, start: int) -> bool:
    return text[start].isupper()


def _place_after(start: int, end: int, places: list[Span]) -> Span | None:
    """The place that names the body: it starts at the level word or right after the match."""
    following = [s for s in places if start < s.start <= end + 1 and s.end > end]
    return min(following, key=lambda s: s.start) if following else None


def _generic_span(doc, start, end, gaz, day, province, province_name, place) -> Span:
    surface = doc.text[start:end]
    place_province = _place_province(place, gaz)
    key = canonical_key(surface, "" if place else province_name)
    org = _registry_match(gaz, fold(surface), day, place_province or province)
    name = org.name if org else _display(surface, "" if place else province_name)
    explain = _("Tên tổ chức theo mẫu thường gặp")
    if org:
        explain = _("Tổ chức trong danh mục: %(name)s") % {"name": org.name}
    return Span(start, end, ORGANIZATION, surface, {
        "key": key, "name": name, "registry_id": org.id if org else None,
    }, explain)


def _place_province(place: Span | None, gaz):
    if place is None or not place.value.get("ref"):
        return None
    unit = gaz.units.get(place.value.get("id"))
    return gaz.province(unit) if unit else None


def _display(surface: str, province_name: str) -> str:
    if province_name and _TRAILING_PROVINCE.search(fold(surface)):
        return f"{surface} {province_name}"
    return surface


def _registry_match(gaz, folded: str, day, province):
    """The registry organization a folded name is, preferring the province, then the date."""
    ids = gaz.org_phrases.get(folded, ())
    entries = [gaz.orgs[pk] for pk in ids]
    if not entries:
        return None
    in_force = [e for e in entries if e.is_valid_on(day)] or entries
    if province is not None:
        local = [e for e in in_force if e.province_id == province.pk]
        return local[0] if len(local) == 1 else None
    return in_force[0] if len(in_force) == 1 else None


def _registry_only(doc, gaz, day, province, province_name, *, taken: list[Span]) -> list[Span]:
    """Registry names and aliases that no generic pattern caught ("Tỉnh đoàn", "LĐLĐ tỉnh")."""
    pattern = _phrase_pattern(gaz)
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(doc.folded):
        if any(match.start() < s.end and s.start < match.end() for s in taken):
            continue
        if not _capitalized(doc.text, match.start()):
            continue
        org = _registry_match(gaz, match.group(), day, province)
        if org is None:
            continue
        surface = doc.text[match.start():match.end()]
        spans.append(Span(match.start(), match.end(), ORGANIZATION, surface, {
            "key": canonical_key(surface, province_name), "name": org.name, "registry_id": org.id,
        }, _("Tên gọi khác của tổ chức trong danh mục: %(name)s") % {"name": org.name}))
    return spans


def _phrase_pattern(gaz) -> re.Pattern | None:
    """All registry names as one pattern, longest first, compiled once per gazetteer."""
    if "org_pattern" not in gaz.compiled:
        phrases = sorted(gaz.org_phrases, key=len, reverse=True)
        gaz.compiled["org_pattern"] = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b") if phrases else None
        )
    return gaz.compiled["org_pattern"]
