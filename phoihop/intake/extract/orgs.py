"""Organizations named in the text: the registry's names, short names and aliases, and
the usual names of Vietnamese bodies ("Ban Dân vận Tỉnh ủy", "Bộ Chỉ huy Quân sự tỉnh",
"Mặt trận Tổ quốc", "Hội Liên hiệp Phụ nữ", "Huyện ủy Thanh Liêm"…), with their level.

Each mention gets a canonical key — folded, abbreviations spelled out ("BTV" → "Ban
Thường vụ"), the province added when the name ends at its level ("Bộ Chỉ huy Quân sự
tỉnh" in a Hà Nam text is "… tỉnh Hà Nam") — and the registry organization it is, when
one fits the text's province and date.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from phoihop.intake.extract import orgnames
from phoihop.intake.extract.spans import LOCALITY, ORGANIZATION, Span
from phoihop.intake.extract.text import Document
from phoihop.lib.text import fold, fold_key
from phoihop.localities.models import Kind
from phoihop.localities.names import TYPE_WORDS

ABBREVIATIONS = [  # folded abbreviation → folded full words
    ("ubmttq", "uy ban mat tran to quoc"), ("mttq", "mat tran to quoc"), ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"), ("btv", "ban thuong vu"), ("bchqs", "bo chi huy quan su"),
    ("chqs", "chi huy quan su"), ("lhpn", "lien hiep phu nu"), ("ccb", "cuu chien binh"),
    ("ctd", "chu thap do"), ("ldld", "lien doan lao dong"), ("bcd", "ban chi dao"),
    ("tncs", "thanh nien cong san"), ("bdv", "ban dan van"), ("btg", "ban tuyen giao"),
    ("tg dv", "tuyen giao va dan van"), ("bch quan su", "bo chi huy quan su"), ("bch", "ban chap hanh"),
    ("ubmttqvn", "uy ban mat tran to quoc viet nam"), ("mttqvn", "mat tran to quoc viet nam"),
    ("qdnd", "quan doi nhan dan"), ("ubtu", "uy ban trung uong"), ("dbqh", "dai bieu quoc hoi"),
    ("bdbp", "bo doi bien phong"), ("nn&ptnt", "nong nghiep va phat trien nong thon"),
    ("nn ptnt", "nong nghiep va phat trien nong thon"), ("ghpgvn", "giao hoi phat giao viet nam"),
    ("vn", "viet nam"), ("tp", "thanh pho"), ("tx", "thi xa"), ("hcm", "ho chi minh"),
    ("lhtn", "lien hiep thanh nien"), ("ghpg", "giao hoi phat giao"), ("hdts", "hoi dong tri su"),
    ("hdcm", "hoi dong chung minh"), ("t u", "trung uong"), ("tw", "trung uong"), ("btt", "ban thuong truc"),
    ("dkcg", "doan ket cong giao"), ("catp", "cong an thanh pho"), ("tphcm", "thanh pho ho chi minh"),
    ("bts", "ban tri su"), ("pbng", "phan ban ni gioi"), ("ttxh", "tu thien xa hoi"), ("ptkv", "phong thu khu vuc"),
]
_CENTRAL_ABBR = re.compile(r"(?<!\w)TƯ(?!\w)")  # "Ủy viên TƯ Đảng" (uppercase: "tư" alone is many words)
_TRAILING_PROVINCE = re.compile(r"(?:^| )(?:tinh|tinh uy|cap tinh|tinh doan)$")
CANONICAL = [  # (pattern on the expanded key, replacement)
    (re.compile(r"^ban chi dao\b.*\b(chuong trinh|phoi hop)\b.*$|^ban chi dao(?: dieu hanh)?$"),
     "ban chi dao chuong trinh phoi hop"),
    (re.compile(r"^uy ban mat tran to quoc"), "mat tran to quoc"),
    (re.compile(r"^mat tran to quoc viet nam (?=\w)"), "mat tran to quoc "),
    (re.compile(r"^hoi phu nu"), "hoi lien hiep phu nu"),
    (re.compile(r"^doan tncs ho chi minh|^doan thanh nien cong san ho chi minh"), "doan thanh nien"),
    (re.compile(r"^ban chi huy quan su tinh"), "bo chi huy quan su tinh"),
    (re.compile(r"^(?:bo tu lenh|dang uy) (quan khu \d+)$"), r"\1"),
    (re.compile(r"^(?:bo|ban) chi huy bo doi bien phong"), "bo doi bien phong"),  # Ban Chỉ huy: its name since 2025
    (re.compile(r"^ban chap hanh trung uong$"), "ban chap hanh trung uong dang"),
    (re.compile(r"^tong cuc chinh tri$"), "tong cuc chinh tri quan doi nhan dan viet nam"),
    (re.compile(r"^hoi cuu chien binh viet nam$"), "hoi cuu chien binh viet nam"),
]


def expand(folded: str) -> str:
    words = f" {folded} "
    for short, full in ABBREVIATIONS:
        words = words.replace(f" {short} ", f" {full} ")
    return words.strip()


_PARENS = re.compile(r"\([^()]*\)")
def canonical_key(surface: str, province: str = "", locality: str = "", *, city: bool = False) -> str:
    """The key two mentions of one body share: "Bộ CHQS tỉnh" → "bo chi huy quan su tinh ha nam".
    A name written up to its level word is closed by `locality` ("Công an huyện" with
    "huyện Kông Chro" → "cong an huyen kong chro"), else by `province` when the level is
    the province's — for a centrally-run `city` (Hải Phòng, Đà Nẵng), its "thành phố" and
    "Thành ủy" are that level ("Ban Dân vận Thành ủy" in a Hải Phòng text is Hải Phòng's)."""
    key = expand(fold(_CENTRAL_ABBR.sub("Trung ương", _PARENS.sub(" ", surface))))
    for pattern, replacement in CANONICAL:
        key = pattern.sub(replacement, key)
    if locality and _ends_at_level_word(surface):
        key = f"{key} {place_proper_name(locality)}"
    elif province and _TRAILING_PROVINCE.search(key) and _ends_at_province_word(surface):
        key = f"{key} {fold(province)}"
    elif province and city and _TRAILING_CITY.search(key) and _ends_at_city_word(surface):
        key = f"{key} {fold(province)}"
    return key


_TRAILING_CITY = re.compile(r"(?:^| )(?:thanh pho|thanh uy|thanh doan)$")


def _ends_at_city_word(surface: str) -> bool:
    lower = f" {surface.strip().lower().replace('uỷ', 'ủy')}"
    return lower.endswith((" thành phố", " thành ủy", " thành đoàn", " tp"))


def _ends_at_province_word(surface: str) -> bool:
    lower = f" {surface.strip().lower().replace('uỷ', 'ủy')}"
    return lower.endswith((" tỉnh", " tỉnh ủy", " cấp tỉnh", " tỉnh đoàn"))


_LEVEL_WORDS_WRITTEN = ("tỉnh", "tỉnh ủy", "thành phố", "tp", "thành ủy", "huyện", "huyện ủy", "quận", "quận ủy",
                        "thị xã", "thị ủy", "xã", "phường", "thị trấn")


def _ends_at_level_word(surface: str) -> bool:
    """Written up to its level word, diacritics and all ("Hà Tĩnh" is a name, not "tỉnh")."""
    lower = f" {surface.strip().lower().replace('uỷ', 'ủy')}"
    return any(lower.endswith(f" {word}") for word in _LEVEL_WORDS_WRITTEN)


def place_proper_name(name: str) -> str:
    """"huyện Kông Chro" → "kong chro"; "TP. Cần Thơ" → "can tho" (folded, type word off)."""
    folded = fold(name)
    for words, _kinds in TYPE_WORDS:
        if folded.startswith(words + " "):
            return folded[len(words) + 1:]
    return folded


def find(doc: Document, gaz, *, day, province, localities: list[Span], posts: list | None = None) -> list[Span]:
    """`province` is the context province (a Locality or None); `localities` the place
    spans already found, used to carry an organization's name to its place. `posts`, when
    given, receives the spans of heads read as a post ("Trưởng Ban chỉ đạo"): no body, and
    no person's name either."""
    province_name = province.short_name if province else ""
    city = province is not None and province.kind == Kind.THANH_PHO_TW
    places = [s for s in localities if s.kind == LOCALITY]
    matches = orgnames.heads_in(doc.folded)
    starts = {match.start for match in matches}
    names = [_read_name(doc, gaz, match, places, starts) for match in matches]
    names = [n for n in names if n is not None]
    _share_tails(doc, names)
    if posts is not None:
        posts += [Span(n.start, n.end, ORGANIZATION, doc.text[n.start:n.end]) for n in names if _post_of_title(doc, n)]
    names = [n for n in names if not _post_of_title(doc, n)]
    spans = []
    for name in names:
        spans += _spans_of(doc, gaz, name, day, province, province_name, places, city=city)
    spans += _police_of_units(doc, spans)
    spans += _registry_only(doc, gaz, day, province, province_name, taken=spans)
    _complete_local_names(spans)
    return sorted(spans, key=lambda s: (s.start, -s.end))


@dataclass
class _Name:
    """One organization name read by its grammar: `head_end` splits head from tail;
    `members` are the places of a plural tail ("các huyện Bến Lức, Đức Hòa")."""

    start: int
    head_end: int
    end: int
    head: orgnames.Head
    place: Span | None = None
    members: list = field(default_factory=list)
    plural_word: str = ""
    shared: "_Name | None" = None  # the list member whose tail this name shares
    generic: bool = False  # "… các cấp", "… 12 tỉnh, thành phố": a kind of body, dropped
    owner: "_Name | None" = None  # "Đảng đoàn" + the body it belongs to


# "Tỉnh ủy viên", "Đảng ủy viên": a member of the committee, a post
_MEMBER_AFTER = re.compile(r" vien\b")


def _read_name(doc, gaz, match, places, starts=frozenset()) -> _Name | None:
    head = match.head
    if not _written_as_head(doc, match) or any(p.start < match.start < p.end for p in places):
        return None
    if match.start and doc.text[match.start - 1] in "-/":  # "Quyết định số 13/2019/QĐ-UBND": a number's part
        return None
    if doc.folded[match.start:match.end].endswith(" uy") and _MEMBER_AFTER.match(doc.folded, match.end):
        return None
    # "nhà thờ Giáo xứ Thăng Thiên": the name after the head is a body of its own, read by its head
    if head.tail == orgnames.NAME_TAIL and match.end + 1 in starts:
        return None
    end = match.end
    if head.kind == "front" and (_front_as_field(doc.folded, match.start)
                                 or _front_among_kinds(doc.folded, match.start, match.end)):
        return _Name(match.start, match.end, end, head, generic=True)
    if head.tail == orgnames.NAME_TAIL:
        worship = head.kind == "religious" and head.lower_ok
        end = _proper_name_end(doc, match.end, gaz, lowercase_before_bracket=worship)
        if end == match.end:
            return None
        if worship:  # "Chùa Vĩnh Tràng thành phố Mỹ Tho": a place of worship, then where it stands
            return _Name(match.start, match.end, end, head)
        end = orgnames.level_after(doc.folded, end)
    elif head.tail == orgnames.LEVEL_TAIL:
        if orgnames.is_generic(doc.folded, doc.text, end):
            return _Name(match.start, match.end, end, head, generic=True)
        end = orgnames.level_after(doc.folded, end)
        if end == match.end and doc.folded[match.start:match.end] == "cap uy":
            return None  # "Cấp ủy, chính quyền …" opening a sentence: any committee
    name = _Name(match.start, match.end, end, head)
    if head.tail == orgnames.FIXED:
        return name
    plural = _PLURAL.match(doc.folded, end)
    if plural:
        name.plural_word = plural.group(1)
        name.members = _list_of_places(doc, plural.start(1), places)
        if not name.members:
            name.generic = True
            return name
        name.end = name.members[0].end
        return name
    place = _place_after(match.start, name.end, places) or _province_after(doc, gaz, name.end)
    if place is not None:
        name.place, name.end = place, place.end
        more = _list_of_places(doc, place.end, places, typed=True, level=place.value.get("level"))
        if more:
            name.members = [place, *more]
            name.plural_word = ""
    return name


# "công tác dân vận, Mặt trận Tổ quốc năm 2019": a field of work ("khối Dân vận, Mặt trận …": a bloc); "3 Chương trình MTTQ": a
# modifier (a Front named after its level, "Mặt trận Tổ quốc Việt Nam và các tổ chức", is one).
_FIELD_BEFORE = re.compile(r"(?:\b(?:cong tac|khoi) [a-z ]{2,25}, |\bchuong trinh )$")


def _front_as_field(folded: str, start: int) -> bool:
    return bool(_FIELD_BEFORE.search(folded, max(0, start - 40), start))


# "46 phòng, ban, ngành, MTTQ và các đoàn thể": the Front, with no tail, in a list of kinds of body
_KINDS_BEFORE = re.compile(r"\b(?:ban|nganh|doan the), $")


def _front_among_kinds(folded: str, start: int, end: int) -> bool:
    return bool(_KINDS_BEFORE.search(folded, max(0, start - 12), start)) and orgnames.level_after(folded, end) == end


# A head with no tail after a title is the post, not a body: "Bí thư Đảng đoàn, Chủ tịch Hội CCB",
# "Trưởng Ban chỉ đạo làm trưởng Đoàn".
_TITLE_AT_END = re.compile(r"(?:^|\s)(?:bí thư|phó bí thư|trưởng|phó trưởng)\s$", re.IGNORECASE)
_POSTS = re.compile(r"dang doan|ban chi dao")


def _post_of_title(doc, name: _Name) -> bool:
    if name.shared or name.owner or name.place or name.members or name.end != name.head_end:
        return False
    if not _POSTS.fullmatch(doc.folded[name.start:name.head_end]):
        return False
    return bool(_TITLE_AT_END.search(doc.text[max(0, name.start - 16):name.start]))


_PLURAL = re.compile(r" cac (huyen|xa|tinh|quan|phuong|thi xa|thanh pho|thi tran)(?= [A-Za-z])")
_LIST_GAP = re.compile(r"^(?:,\s*|\s+va\s+|,\s*va\s+)$")


_TITLE_BEFORE = ("trưởng", "phó", "phó trưởng", "thư")  # "Phó bí thư thành uỷ"


def _written_as_head(doc, match) -> bool:
    """The head as Vietnamese writes a name: capitalized ("Ban Dân vận", or "Trưởng ban
    Dân vận"), with its first word's diacritics ("Trường", not "Trưởng" or "trường" of
    "hội trường"), not inside a person's name ("Nguyễn Trường Thắng")."""
    head, text = match.head, doc.text
    first = text[match.start:].split(" ", 1)[0]
    if head.word and first.lower() != head.word:
        return False
    before = text[max(0, match.start - 12):match.start - 1].rsplit(" ", 1)[-1] if match.start else ""
    if head.word == "trường" and before[:1].isupper() and before.isalpha():
        return False
    if first[:1].isupper():
        return True
    return head.lower_ok or before.lower() in _TITLE_BEFORE


def _list_of_places(doc, start: int, places: list[Span], typed: bool = False, level=None) -> list[Span]:
    """The places of "các huyện Bến Lức, Đức Hòa, Cần Đước" from `start` on; with
    `typed`, the further places of "tỉnh Tây Ninh, tỉnh Sóc Trăng" after the first."""
    members, cursor = [], start
    for place in sorted(places, key=lambda s: s.start):
        if place.start < cursor:
            continue
        gap = doc.folded[cursor:place.start]
        first = not members and not typed
        if (first and gap.strip()) or (not first and not _LIST_GAP.match(gap)):
            break
        if typed and (place_proper_name(place.text) == fold(place.text) or place.value.get("level") != level):
            break
        members.append(place)
        cursor = place.end
    return members


def _province_after(doc, gaz, end: int) -> Span | None:
    """A province named without its type word: "Bộ đội Biên phòng Lai Châu"."""
    words = [w for w in doc.words if w.start > end][:3]
    if not words or words[0].start != end + 1:
        return None
    for size in (3, 2, 1):
        chunk = words[:size]
        if len(chunk) < size or not all(w.text[0].isupper() for w in chunk):
            continue
        if any(doc.text[a.end:b.start] != " " for a, b in zip(chunk, chunk[1:], strict=False)):
            continue
        if gaz.provinces_named(fold_key(" ".join(w.text for w in chunk))):
            return Span(chunk[0].start, chunk[-1].end, LOCALITY, doc.text[chunk[0].start:chunk[-1].end],
                        {"level": 1})
    return None


def _proper_name_end(doc, end: int, gaz=None, *, lowercase_before_bracket: bool = False) -> int:
    """The end of the proper name after a head: capitalized words, with lowercase ones
    only between capitalized ones ("Trường Cao đẳng Công nghiệp Thanh Hóa"). A province
    closes the name: "Báo và Phát thanh, truyền hình Cao Bằng Sầm Việt An" ends before
    the director's name; so does a dash before a place ("Tu viện Phao lô An Khê - Phường
    An Phú"). With `lowercase_before_bracket`, up to two lowercase words before a bracket
    end it ("Giáo xứ Mẹ vô nhiễm (phường Hoa Lư)")."""
    words = [w for w in doc.words if w.start >= end][:8]
    last, cursor = end, end
    for i, word in enumerate(words):
        gap = doc.text[cursor:word.start]
        if gap not in (" ", " - ", " – ") or word.text.lower() in _NAME_STOPS:
            break
        if gap != " " and word.text.lower() in _TYPE_WORDS_AFTER_DASH:
            break
        if last > end and _type_word_before_name(doc.text, word.start):  # "Chùa Vĩnh Tràng thành phố Mỹ Tho"
            break
        if lowercase_before_bracket and last > end and last == cursor and not word.text[0].isupper():
            run = _lowercase_run_before_bracket(doc, words[i:i + 3])
            if run:
                last = run
                break
        if word.text[0].isupper() or word.text[0].isdigit():
            last = word.end
            if gaz is not None and _ends_with_province(doc, gaz, words[:i + 1], end):
                break
        elif last > end and last == cursor and doc.text[word.end:word.end + 1] in (",", ".", ")", ";", ""):
            last = word.end
            break
        elif not any(w.text[0].isupper() for w in words[i + 1:i + 3]):
            break
        cursor = word.end
    return last


def _ends_with_province(doc, gaz, words, start: int) -> bool:
    """The last one to three capitalized words, after the head, name a province."""
    for size in (2, 3, 1):
        chunk = words[-size:]
        if len(chunk) < size or chunk[0].start < start or not all(w.text[0].isupper() for w in chunk):
            continue
        if gaz.provinces_named(fold_key(" ".join(w.text for w in chunk))):
            return True
    return False


_NAME_STOPS = {"và", "của", "tại", "ở", "với", "cho", "cùng", "trên", "về", "do", "là"}
_TYPE_WORDS_AFTER_DASH = {"phường", "xã", "thị", "huyện", "quận", "tỉnh", "thành", "tp"}
_LOWER_TYPE_WORD = re.compile(r"(?:thành phố|thị xã|thị trấn|xã|phường|huyện|quận|tỉnh) (?=\w)")


def _type_word_before_name(text: str, start: int) -> bool:
    """A lowercase type word and a capitalized name at `start`: a place, not the body's name."""
    match = _LOWER_TYPE_WORD.match(text, start)
    return bool(match) and (text[match.end()].isupper() or text[match.end()].isdigit())


def _lowercase_run_before_bracket(doc, words) -> int | None:
    """The end of one or two lowercase words that a bracket follows ("vô nhiễm (")."""
    for size in (1, 2):
        run = words[:size]
        if len(run) < size or any(w.text[0].isupper() or w.text[0].isdigit() for w in run):
            return None
        if any(doc.text[a.end:b.start] != " " for a, b in zip(run, run[1:], strict=False)):
            return None
        if doc.text[run[-1].end:run[-1].end + 2] == " (":
            return run[-1].end
    return None


def _share_tails(doc, names: list[_Name]) -> None:
    """"Ban Dân vận, Ban Tuyên giáo Tỉnh ủy", "Huyện ủy, UBND các huyện A, B": a head
    written without its tail, listed just before a name with one, shares that tail."""
    for left, right in zip(reversed(names[:-1]), reversed(names[1:]), strict=True):
        if left.end != left.head_end or left.head.tail != orgnames.LEVEL_TAIL or not _is_open(doc, left):
            continue
        gap = doc.folded[left.end:right.start]
        if orgnames.is_party_committee_of_body(doc.folded[left.start:left.end]) and _OWNER_GAP.match(gap):
            left.owner = right
            continue
        if (doc.folded[left.start:left.end] == "dang uy" and _CHAIR_GAP.match(gap) and right.head.kind == "state"
                and right.place is not None):
            left.shared = right
            continue
        if not _SHARE_GAP.match(gap):
            continue
        source = right.shared or right
        if right.generic:
            left.generic = True
        elif source.end > source.head_end:
            left.shared = source
    names[:] = [n for n in names if not n.generic]


# a list of bodies sharing one tail, joined by commas, "và" or dashes: "Tỉnh ủy - HĐND – UBND - Ủy ban MTTQ
# Việt Nam tỉnh" (after "Đảng ủy", a dash names the body it leads: see _OWNER_GAP, tried first)
_SHARE_GAP = re.compile(r"^(?:,\s*|\s+va\s+|,\s*va\s+|\s+[-–]\s+)$")
_OWNER_GAP = re.compile(r"^(?: | [-–] |, chinh uy )$")  # "Đảng ủy - Ban Chỉ huy BĐBP …"
# "Bí thư Đảng ủy, Chủ tịch HĐND phường Phú Nhuận": one person leads both bodies of one place
_CHAIR_GAP = re.compile(r"^, (?:pho )?chu tich $")

def _is_open(doc, name: _Name) -> bool:
    """"UBND", "Ban Dân vận", "Huyện ủy" wait for a tail; "Ban Thường vụ Tỉnh ủy" has one."""
    folded = doc.folded[name.start:name.head_end]
    return not orgnames.ends_at_party_level(folded) or orgnames.is_party_committee(folded)


def _spans_of(doc, gaz, name: _Name, day, province, province_name, places, *, city=False) -> list[Span]:
    if name.owner is not None:
        return [_owned_span(doc, gaz, name, day, province, province_name, places, city=city)]
    source = name.shared or name
    head_surface = doc.text[name.start:name.head_end]
    if source.members:
        return [_member_span(doc, gaz, name, source, place, i, day, province, head_surface)
                for i, place in enumerate(source.members)]
    tail = doc.text[source.head_end:source.end]
    if name.shared and orgnames.ends_at_party_level(fold(head_surface)):
        tail = f" {_without_type_word(source.place.text)}" if source.place is not None else ""
    surface = f"{head_surface}{tail}" if name.shared else doc.text[name.start:name.end]
    return [_generic_span(doc, gaz, name, surface, day, province, province_name, source.place, places, city=city)]


_UNIT_OF_POLICE = re.compile(r"^doi .+? (cong an .+)$")


def _police_of_units(doc, spans: list[Span]) -> list[Span]:
    """"Đội An ninh nhân dân Công an quận 1" names the team and the police it belongs to."""
    found = []
    for span in spans:
        match = _UNIT_OF_POLICE.match(span.value["key"])
        inner = doc.folded.find(" cong an ", span.start, span.end + 1) if match else -1
        if inner < 0:
            continue
        start = inner + 1
        found.append(Span(start, span.end, ORGANIZATION, doc.text[start:span.end], {
            "key": match.group(1), "name": doc.text[start:span.end], "registry_id": None, "kind": "state",
            "level": span.value.get("level", ""),
        }, _("Tên tổ chức đọc theo ngữ pháp (đầu tên và phần đuôi)")))
    return found


def _owned_span(doc, gaz, name, day, province, province_name, places, *, city=False) -> Span:
    """"Đảng đoàn Hội CCB Việt Nam", "Bí thư Đảng ủy, Chính ủy Bộ đội Biên phòng tỉnh…"."""
    (owner,) = _spans_of(doc, gaz, name.owner, day, province, province_name, places, city=city)[:1]
    head = doc.text[name.start:name.head_end]
    return Span(name.start, name.head_end, ORGANIZATION, head, {
        "key": f"{canonical_key(head)} {owner.value['key']}", "name": f"{head} {owner.value['name']}",
        "registry_id": None, "kind": name.head.kind, "level": owner.value.get("level", ""),
    }, _("Tổ chức đảng của %(name)s") % {"name": owner.value["name"]})


def _member_span(doc, gaz, name, source, place, index, day, province, head_surface) -> Span:
    """One member of a plural tail: "Ban CHQS huyện Đức Hòa" out of "… các huyện …, Đức Hòa"."""
    party = orgnames.ends_at_party_level(fold(head_surface))
    typed = place_proper_name(place.text) != fold(place.text)
    if party:
        written = f"{head_surface} {_without_type_word(place.text)}"
    elif typed or not source.plural_word:
        written = f"{head_surface} {place.text}"
    else:
        written = f"{head_surface} {_type_word(source.plural_word)} {place.text}"
    start, end = (name.start, name.end) if index == 0 and not name.shared else (place.start, place.end)
    if name.shared and index == 0:
        start, end = name.start, name.head_end
    if not source.plural_word and index == 0:
        start, end = name.start, place.end
    org = _registry_match(gaz, fold(written), day, _place_province(place, gaz) or province)
    return Span(start, end, ORGANIZATION, doc.text[start:end], {
        "key": canonical_key(written), "name": org.name if org else written,
        "registry_id": org.id if org else None, "kind": name.head.kind,
        "level": orgnames.level_of(source.plural_word),
    }, _("Tên tổ chức đọc theo ngữ pháp: phần đuôi dùng chung trong danh sách"))


_TYPE_WORDS_WRITTEN = {"huyen": "huyện", "xa": "xã", "tinh": "tỉnh", "quan": "quận", "phuong": "phường",
                       "thi xa": "thị xã", "thanh pho": "thành phố", "thi tran": "thị trấn"}


def _without_type_word(place_text: str) -> str:
    """"huyện Xuyên Mộc" → "Xuyên Mộc" (as written)."""
    skip = len(place_text) - len(place_proper_name(place_text))
    return place_text[skip:].strip() if skip > 0 else place_text


def _type_word(folded: str) -> str:
    return _TYPE_WORDS_WRITTEN.get(folded, folded)


_LOCAL_LEVEL = re.compile(r" (?:huyen uy|thanh uy|thi uy|quan uy|dang uy|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran)$")


_BARE_MASS = re.compile(r"ban (?:dan van|tuyen giao|to chuc|kiem tra)|hoi (?:chu thap do|cuu chien binh|nong dan|lien hiep phu nu|nguoi cao tuoi|khuyen hoc)"
                        r"|lien doan lao dong|mat tran to quoc|bo chi huy quan su|bo doi bien phong|cong an")


def _complete_local_names(spans: list[Span]) -> None:
    """"Ban Dân vận Huyện ủy" in a text that also writes "Ban Dân vận Huyện ủy Giao Thủy"
    is that body: give the short mention the full key, when only one fits."""
    keys = {s.value["key"]: s.value["name"] for s in spans}
    for span in spans:
        key = span.value["key"]
        if not _LOCAL_LEVEL.search(key) and not _BARE_MASS.fullmatch(key):
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


def _generic_span(doc, gaz, name, surface, day, province, province_name, place, places, *, city=False) -> Span:
    start, end = name.start, name.end if not name.shared else name.head_end
    place_province = _place_province(place, gaz)
    key = canonical_key(surface, "" if place else province_name, city=city)
    if place is None and _ends_at_level_word(surface):
        key = _closed_by_text_place(key, places, name.start)
    # as written ("Bộ CHQS tỉnh", a short name), else as read ("Bộ Chỉ huy Quân sự tỉnh" in a Hà Nam
    # text is the registry's "Bộ Chỉ huy Quân sự tỉnh Hà Nam")
    org = (_registry_match(gaz, fold(surface), day, place_province or province)
           or _registry_match(gaz, key, day, place_province or province))
    display = org.name if org else _display(surface, "" if place else province_name)
    explain = _("Tên tổ chức đọc theo ngữ pháp (đầu tên và phần đuôi)")
    if org:
        explain = _("Tổ chức trong danh mục: %(name)s") % {"name": org.name}
    level = name.head.level or orgnames.level_of_key(key) or ("province" if province_name else "")
    return Span(start, end, ORGANIZATION, doc.text[start:end], {
        "key": key, "name": display, "registry_id": org.id if org else None,
        "kind": name.head.kind, "level": level,
    }, explain)


def _closed_by_text_place(key: str, places: list[Span], start: int) -> str:
    """"Công an huyện" in a text naming one district (or the nearest before it) is that
    district's: the key gets the place's name."""
    match = _OPEN_LOCAL.search(key)
    if not match:
        return key
    level = _LEVEL_OF_WORD[match.group(1)]
    same = [p for p in places if p.value.get("level") == level and p.value.get("status") == "matched"]
    if match.group(1) in ("thanh uy", "thanh pho"):  # "Thành ủy", "UBND thành phố": a city within the province
        same = [p for p in same if p.value.get("kind") == Kind.THANH_PHO]
    if not same:
        return key
    counts: dict = {}
    for place in same:
        counts[place.value.get("id")] = counts.get(place.value.get("id"), 0) + 1
    top = max(counts.values())
    leaders = [p for p in same if counts[p.value.get("id")] == top]
    before = [p for p in leaders if p.start < start]
    chosen = (before or leaders)[-1] if len({p.value.get("id") for p in leaders}) == 1 or before else None
    if chosen is None:
        return key
    # the name as the text writes it ("huyện Mỹ Lộc", though the registry gives the city that absorbed
    # it), unless the written words hold the unit's name ("xã biên giới Không Lào")
    unit_name = place_proper_name(chosen.value.get("name") or chosen.text)
    written = fold(chosen.text)
    return f"{key} {unit_name if written.endswith(unit_name) else place_proper_name(chosen.text)}"


_OPEN_LOCAL = re.compile(r"(?:^| )(huyen uy|huyen|quan uy|quan|thi uy|thi xa|thanh uy|thanh pho|xa|phuong|thi tran)$")
_LEVEL_OF_WORD = {"huyen uy": 2, "huyen": 2, "quan uy": 2, "quan": 2, "thi uy": 2, "thi xa": 2, "thanh uy": 2,
                  "thanh pho": 2,
                  "xa": 3, "phuong": 3, "thi tran": 3}


def _place_province(place: Span | None, gaz):
    if place is None or not place.value.get("ref"):
        return None
    unit = gaz.units.get(place.value.get("id"))
    return gaz.province(unit) if unit else None


def _display(surface: str, province_name: str) -> str:
    if province_name and _ends_at_province_word(surface):
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
