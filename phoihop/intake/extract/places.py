"""Places named in the text, linked to units of the registry.

The text's own structure is read first: a type word carried over a list ("xã Thanh
Hải, Thanh Nghị, Thị trấn Kiện Khê (huyện Thanh Liêm)"), parents in parentheses or
after a comma ("xã A, huyện B"), lists continued after a semicolon. Names are then
resolved with the registry's rules (phoihop.localities.resolver.rank) on the text's
date, inside the context province first, then in the other generation (pre-reform or
2025), then nationwide. When the text cannot decide, the span carries the candidates
and the reason for each, never a guess.
"""

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from phoihop.intake.extract.people import SURNAMES, TRIGGERS
from phoihop.intake.extract.spans import LOCALITY, Span
from phoihop.intake.extract.text import Document, is_capitalized
from phoihop.lib.text import fold_key
from phoihop.lib.vnformat import short_date
from phoihop.localities.models import REFORM_2025, Kind, Level, Locality
from phoihop.localities.names import parse_name
from phoihop.localities.resolver import (
    AMBIGUOUS,
    CLEAR_MARGIN,
    MATCHED,
    NOT_FOUND,
    Resolution,
    rank,
)

MAX_NAME_WORDS = 4
MAX_CANDIDATES = 10
# Lowercased type words as written (with diacritics: "Quân" is not "quận") → level.
TYPE_WORDS = {
    "thành phố": Level.DISTRICT, "thị trấn": Level.COMMUNE, "thị xã": Level.DISTRICT,
    "đặc khu": Level.COMMUNE, "phường": Level.COMMUNE, "huyện": Level.DISTRICT,
    "quận": Level.DISTRICT, "tỉnh": Level.PROVINCE, "xã": Level.COMMUNE,
}
ABBREVIATED = {"TP": "thành phố", "TX": "thị xã", "TT": "thị trấn"}
DOTTED = {"T.X": "thị xã", "T.P": "thành phố"}  # "T.X Phổ Yên": two words and a dot
# A party committee followed by its place: "Tỉnh ủy Nam Định", "Huyện ủy Thanh Liêm".
PARTY_WORDS = {"tỉnh ủy": "tỉnh", "huyện ủy": "huyện", "thành ủy": "thành phố", "thị ủy": "thị xã",
               "quận ủy": "quận"}
PREPOSITIONS = {"tại", "ở"}
# First words of organization names: a list of places stops there ("xã A, Bộ đội …").
ORGANIZATION_WORDS = {"bộ", "ban", "hội", "sở", "phòng", "công", "ủy", "ubnd", "hđnd", "đảng", "đoàn", "trường",
                      "báo", "chùa", "liên", "mặt", "trung", "cục", "tổng", "quân", "đồn", "giáo", "tòa",
                      "tu", "nhà", "thánh", "chi", "viện", "đài", "tịnh"}  # "Phường An Phú và Tu viện …"
LOOSE_PROVINCE_EXCLUDED = {"hochiminh"}  # "tư tưởng Hồ Chí Minh" names the man, not the city
MODIFIERS = {"bien gioi", "mien nui", "vung cao", "ven bien", "dao", "diem", "vung sau"}  # folded
# Folded first words of all the above: a cheap test before the exact one.
FIRST_FOLDED = ({fold_key(w.split()[0]) for w in [*TYPE_WORDS, *PARTY_WORDS]} | {w.lower() for w in ABBREVIATED}
                | {w.split(".")[0].lower() for w in DOTTED})


@dataclass
class Mention:
    """One name as the text writes it, before resolution."""

    start: int  # of the type word when the mention has its own
    name_start: int
    end: int
    name: str
    type_word: str = ""  # as written ("xã"), or "" when carried
    carried: str = ""  # the list's type word, carried to an untyped name
    parent: "Mention | None" = None
    parent_how: str = ""  # "ngoặc", "dấu phẩy", "thuộc"
    party: bool = False
    optional: bool = False  # a carried or loose name: dropped when the registry does not know it
    level: int | None = None

    @property
    def query(self) -> str:
        return f"{self.type_word} {self.name}" if self.type_word else self.name


@dataclass
class Found:
    status: str
    best: Locality | None = None
    candidates: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Reader:
    """Reads place mentions out of one document (see the module docstring)."""

    def __init__(self, doc: Document, gaz, *, day: dt.date, today: dt.date, province: Locality | None):
        self.doc, self.gaz, self.day, self.today = doc, gaz, day, today
        self.words = doc.words
        self.province = province
        self.scopes = _scopes(gaz, province, day)
        self.memo: dict = {}

    # --- Reading the structure ---------------------------------------------------------

    def gap(self, k: int) -> str:
        """The characters between word k-1 and word k."""
        if k <= 0 or k >= len(self.words):
            return ""
        return self.doc.text[self.words[k - 1].end:self.words[k].start]

    def type_at(self, k: int) -> tuple[int, str, int, bool] | None:
        """(words used, type word as written, level, party committee?) at word k."""
        if k >= len(self.words) or self.words[k].folded not in FIRST_FOLDED:
            return None
        word = self.words[k].text
        pair = f"{word} {self.words[k + 1].text}" if k + 1 < len(self.words) and self.gap(k + 1) == " " else ""
        pair_lower = pair.lower().replace("uỷ", "ủy")
        if pair_lower in PARTY_WORDS:
            kind = PARTY_WORDS[pair_lower]
            return 2, pair, TYPE_WORDS[kind], True
        if pair_lower in TYPE_WORDS:
            return 2, pair, TYPE_WORDS[pair_lower], False
        if word.lower() in TYPE_WORDS and not word.isupper():
            return 1, word, TYPE_WORDS[word.lower()], False
        if word in ABBREVIATED:
            return 1, word, TYPE_WORDS[ABBREVIATED[word]], False
        if k + 1 < len(self.words) and self.gap(k + 1) == "." and f"{word}.{self.words[k + 1].text}" in DOTTED:
            spelled = DOTTED[f"{word}.{self.words[k + 1].text}"]  # asked of the registry spelled out
            return 2, spelled, TYPE_WORDS[spelled], False
        return None

    def name_at(self, k: int) -> tuple[int, int] | None:
        """(first, last+1) word indexes of a proper name starting at word k."""
        if k >= len(self.words) or not is_capitalized(self.words[k].text) or self.type_at(k):
            return None
        if self.words[k].text.lower().replace("uỷ", "ủy") in ("ủy",):
            return None
        end = k + 1
        while (end < len(self.words) and end - k < MAX_NAME_WORDS and self.gap(end) == " "
               and is_capitalized(self.words[end].text) and not self.type_at(end)):
            end += 1
        return k, end

    def read(self) -> list[Mention]:
        mentions, k = [], 0
        while k < len(self.words):
            found = self.type_at(k)
            if found:
                group, k = self.read_list(k, found)
                mentions += group
                continue
            if self.words[k].text.lower() in PREPOSITIONS:
                loose = self.loose_at(k + 1)
                if loose:
                    mentions.append(loose)
            elif self.province_name_at(k):
                mentions.append(self.province_name_at(k))
                k = self.name_at(k)[1]
                continue
            elif self.words[k].text in WHOLE_CITY_WORDS:  # "Công an TPHCM": the city in one word
                mentions.append(self._mention(k, (k, k + 1), "", level=Level.PROVINCE))
            k += 1
        return mentions

    def province_name_at(self, k: int) -> Mention | None:
        """A province named alone ("… các địa phương: Đắk Lắk, Gia Lai và Đà Nẵng"), not
        inside a person's name ("Lê Thái Bình") nor a longer proper name."""
        if k and is_capitalized(self.words[k - 1].text) and self.gap(k) == " ":
            return None
        name = self.name_at(k)
        if not name or name[1] - name[0] < 2:
            return None
        words = self.words[name[0]:name[1]]
        key = fold_key(" ".join(w.text for w in words))
        if key in LOOSE_PROVINCE_EXCLUDED or not self.gaz.provinces_named(key):
            return None
        return self._mention(k, name, "", level=Level.PROVINCE, optional=True)

    def loose_at(self, k: int) -> Mention | None:
        if k < len(self.words) and self.words[k].text.lower() in ORGANIZATION_WORDS:
            return None  # "tại Chùa Vĩnh Tràng": a body's name, not a place's
        name = self.name_at(k) if k < len(self.words) and self.gap(k) == " " else None
        if not name:
            return None
        return self._mention(k, name, "", optional=True)

    def _mention(self, start_word: int, name: tuple[int, int], type_word: str, **extra) -> Mention:
        first, last = self.words[name[0]], self.words[name[1] - 1]
        return Mention(self.words[start_word].start, first.start, last.end,
                       self.doc.text[first.start:last.end], type_word, **extra)

    def read_list(self, k: int, found) -> tuple[list[Mention], int]:
        """A typed name and the list it may open; returns the mentions and the next word."""
        used, type_word, level, party = found
        k_name = self.after_modifier(k + used)
        gap = self.gap(k_name)
        allowed = {" ", ": "} | ({". ", "."} if type_word in ABBREVIATED else set())
        name = self.name_at(k_name) if gap in allowed else None
        if not name:
            return self.read_examples(k, used, type_word, level)
        if party:
            head = self._mention(name[0], name, "", party=True, level=level, optional=True,
                                 carried=PARTY_WORDS[type_word.lower().replace("uỷ", "ủy")])
            return [head], name[1]
        items = [self._mention(k, name, type_word, level=level)]
        group_start, k = 0, name[1]
        while k < len(self.words):
            gap = self.gap(k).strip()
            if gap == "(":
                k, closed = self.read_parent(k, items, group_start, "ngoặc")
                if not closed or not self.continues(k):
                    break
                group_start = len(items)
                nxt = self.item_at(self.skip_and(k), items, type_word, level)
            elif gap == "," and self.parent_level_at(k, level):
                k, _closed = self.read_parent(k, items, group_start, "dấu phẩy")
                break
            elif gap == "" and self.words[k].folded == "thuoc":
                k, _closed = self.read_parent(k + 1, items, group_start, "thuộc")
                break
            elif gap in (",", "") and self.words[k].folded == "va":
                nxt = self.item_at(k + 1, items, type_word, level)
            elif gap == ",":
                nxt = self.item_at(k, items, type_word, level)
            else:
                break
            if nxt is None:
                break
            k = nxt
        return items, k

    def read_examples(self, k: int, used: int, type_word: str, level: int) -> tuple[list[Mention], int]:
        """The names a plural type word gives as examples: "nhiều xã có tỷ lệ giáo dân cao
        như Xuân Ngọc (92%), Xuân Tiến (87%)" — each name may carry a figure in brackets."""
        j, limit = k + used, min(len(self.words), k + used + 8)
        if k == 0 or self.words[k - 1].folded not in ("cac", "nhieu", "nhung"):
            return [], j
        while j < limit and self.words[j].folded != "nhu" and self.gap(j) == " " \
                and not self.words[j].text[:1].isupper():
            j += 1
        if j >= limit or self.words[j].folded != "nhu" or self.gap(j + 1) != " ":
            return [], k + used
        items: list[Mention] = []
        nxt = self.item_at(j + 1, items, type_word, level)
        while nxt is not None and nxt < len(self.words):
            if _FIGURE_IN_BRACKETS.match(self.gap(nxt) + self.words[nxt].text):
                nxt = self._past_bracket(nxt)
            if nxt is None or nxt >= len(self.words):
                break
            gap = self.gap(nxt).replace(")", "").replace("%", "").strip()
            if gap == "," or (gap == "" and self.words[nxt].folded == "va"):
                nxt = self.item_at(self.skip_and(nxt), items, type_word, level)
            else:
                break
        return items, (nxt if nxt is not None else k + used)

    def _past_bracket(self, k: int) -> int | None:
        """The word after the ")" that closes a bracket opened before word k."""
        for i in range(k, min(len(self.words), k + 6)):
            if i + 1 == len(self.words) or ")" in self.gap(i + 1):
                return i + 1
        return None

    def after_modifier(self, k: int) -> int:
        """Past a lowercase description between type word and name: "các xã biên giới
        Phước Chỉ, Bình Thạnh", "xã biên giới Khổng Lào"."""
        for size in (2, 1):
            words = self.words[k:k + size]
            if len(words) == size and " ".join(w.folded for w in words) in MODIFIERS \
                    and all(self.gap(k + i) == " " for i in range(size)) and not words[0].text[0].isupper():
                return k + size
        return k

    def continues(self, k: int) -> bool:
        """After "(huyện X)", does the list go on ("; Châu Sơn, …" or ", và xã …")?"""
        if k >= len(self.words):
            return False
        gap = self.gap(k).replace(")", "").strip()
        return gap in (";", ",") and (is_capitalized(self.words[k].text) or self.words[k].folded == "va")

    def skip_and(self, k: int) -> int:
        return k + 1 if k < len(self.words) and self.words[k].folded == "va" else k

    def parent_level_at(self, k: int, level: int) -> bool:
        found = self.type_at(k)
        return bool(found) and not found[3] and found[2] < level

    def item_at(self, k: int, items: list[Mention], list_type: str, level: int) -> int | None:
        found = self.type_at(k)
        if found and not found[3]:
            used, type_word, item_level, _party = found
            if item_level != level:
                return None
            name = self.name_at(k + used)
            if not name:
                return None
            items.append(self._mention(k, name, type_word, level=item_level))
            return name[1]
        name = self.name_at(k)
        if not name or self.words[k].text.lower() in ORGANIZATION_WORDS:
            return None
        items.append(self._mention(k, name, "", carried=list_type, level=level, optional=True))
        return name[1]

    def read_parent(self, k: int, items: list[Mention], group_start: int, how: str) -> tuple[int, bool]:
        """A parent unit at word k ("huyện Thanh Liêm"), given to items[group_start:]."""
        found = self.type_at(k)
        if found and not found[3]:
            used, type_word, level, _party = found
        elif how == "ngoặc" and not found and items[group_start:] and items[-1].level:
            used, type_word, level = 0, "", items[-1].level - 1  # "xã Xuân Ninh (Xuân Trường)"
        else:
            return k, False
        name = self.name_at(k + used)
        if not name or not level:
            return k, False
        parent = self._mention(k, name, type_word, level=level)
        for item in items[group_start:]:
            item.parent, item.parent_how = parent, how
        nxt = name[1]
        if how == "ngoặc" and not self.gap(nxt).lstrip().startswith(")") and nxt < len(self.words):
            return nxt, False
        if self.gap(nxt).strip() == "," and self.parent_level_at(nxt, level):
            nxt, _closed = self.read_parent(nxt, [parent], 0, "dấu phẩy")
        return nxt, True

    # --- Resolving ---------------------------------------------------------------------

    def resolve(self, mention: Mention, cache: dict) -> Found:
        parents = None
        notes = []
        if mention.parent is not None:
            parent = cache.get(id(mention.parent)) or self.resolve(mention.parent, cache)
            cache[id(mention.parent)] = parent
            if parent.status in (MATCHED, AMBIGUOUS):
                parents = [parent.best] if parent.best else [c.locality for c in parent.candidates[:5]]
                notes.append(_("đơn vị cấp trên “%(parent)s” (%(how)s)") % {
                    "parent": mention.parent.query, "how": _(mention.parent_how)})
        elif mention.party:
            notes.append(_("tên đi sau “%(word)s ủy”") % {"word": mention.carried})
        if mention.type_word:
            hint = None  # its own type word is in the query
        elif mention.party:
            hint = mention.carried
        else:
            hint = mention.level  # carried from the list's type word, or None for a loose name
        if mention.carried and not mention.party:
            notes.append(_("loại “%(kind)s” mang theo từ đầu danh sách") % {"kind": mention.carried})
        found = self.lookup(mention, hint, parents, notes)
        words = mention.name.split(" ")
        for size in range(len(words) - 1, 0, -1):
            if found.status in (MATCHED, AMBIGUOUS):
                break
            shorter = replace(mention, name=" ".join(words[:size]))
            shorter.end = shorter.name_start + len(shorter.name)
            found = self.lookup(shorter, hint, parents, notes)
            if found.status in (MATCHED, AMBIGUOUS):
                mention.name, mention.end = shorter.name, shorter.end
        return found

    def lookup(self, mention: Mention, hint, parents, notes: list[str]) -> Found:
        """The registry's answer for one mention, asked once per text for each wording."""
        memo_key = (mention.query, mention.name, mention.level, hint, tuple(p.pk for p in parents or ()))
        if memo_key not in self.memo:
            self.memo[memo_key] = self._lookup(mention, hint, parents)
        found = self.memo[memo_key]
        return replace(found, notes=notes + found.notes, candidates=list(found.candidates))

    def _lookup(self, mention: Mention, hint, parents) -> Found:
        notes: list[str] = []
        parsed = parse_name(mention.query)
        keys = parsed.keys  # every key the name may be stored under ("txkyanh", "kyanhthixa")
        last = None
        for provinces, day, note in self.scopes:
            units = self.gaz.units_named(keys, day, None if parents else provinces)
            if not units:
                continue
            resolution = _at_level(rank(mention.query, units, kind_hint=hint, parents=parents),
                                   mention.level, mention.query)
            if resolution.status in (MATCHED, AMBIGUOUS):
                found = _decide(resolution, mention.name)
                found.notes = notes + ([note] if note else []) + found.notes
                return found
            last = resolution
        return Found(last.status if last else "not_found", notes=[last.message] if last else [])

    def spans(self) -> list[Span]:
        cache: dict = {}
        spans, emitted = [], set()
        districts: list[tuple[int, Locality]] = []  # the districts named so far, in the text's order
        for mention in self.read():
            for item in _with_parents(mention):
                if id(item) in emitted:
                    continue
                emitted.add(id(item))
                found = cache.get(id(item)) or self.resolve(item, cache)
                if found.status == AMBIGUOUS:
                    found = _within_named_district(found, item, districts)
                cache[id(item)] = found
                if found.status not in (MATCHED, AMBIGUOUS) and (item.optional or _person_like(item.name)):
                    continue
                if found.status == MATCHED and found.best.level == Level.DISTRICT:
                    districts.append((item.start, found.best))
                spans.append(self.span(item, found))
        unique = {(s.start, s.end): s for s in spans}
        return sorted(unique.values(), key=lambda s: s.start)

    def span(self, mention: Mention, found: Found) -> Span:
        start = mention.name_start if mention.party else mention.start
        text = self.doc.text[start:mention.end]
        value = {"status": found.status, "key": fold_key(mention.name), "name": mention.name}
        candidates = []
        if found.best is not None:
            value |= self.describe(found.best)
            explanation = "; ".join([found.best.full_name, *found.notes, *self.heirs(found.best)])
        elif found.status == AMBIGUOUS:
            candidates = [self.candidate(c) for c in found.candidates[:MAX_CANDIDATES]]
            explanation = "; ".join([
                _("Chưa xác định: %(count)s đơn vị có tên này, cần chọn") % {"count": len(found.candidates)},
                *found.notes,
            ])
        else:
            explanation = "; ".join([_("Không tìm thấy trong danh mục địa bàn"), *found.notes])
        return Span(start, mention.end, LOCALITY, text, value, explanation, candidates)

    def describe(self, unit: Locality) -> dict:
        province = self.gaz.province(unit)
        district = unit.parent if unit.level == Level.COMMUNE and unit.parent and unit.parent.level == Level.DISTRICT else None
        heir = self.gaz.primary_successor(unit, self.today)
        return {
            "id": unit.pk, "ref": unit.ref, "code": unit.code, "name": unit.name,
            "full_name": unit.full_name, "level": unit.level, "kind": unit.kind,
            "district": district.name if district else "",
            "province": province.name if province and province.pk != unit.pk else "",
            "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
            "successor": _unit_ref(heir) if heir and heir.pk != unit.pk else None,
            "successors": [_unit_ref(u) for u in self.gaz.successors(unit, self.today) if u.pk != unit.pk],
        }

    def heirs(self, unit: Locality) -> list[str]:
        if unit.is_valid_on(self.today):
            return []
        heirs = self.gaz.successors(unit, self.today)
        if not heirs:
            return [_("đã hết hiệu lực từ %(day)s") % {"day": short_date(unit.valid_to)}]
        return [_("nay là %(names)s") % {"names": ", ".join(u.full_name for u in heirs)}]

    def candidate(self, candidate) -> dict:
        unit = candidate.locality
        return {"id": unit.pk, "ref": unit.ref, "code": unit.code, "name": unit.name, "level": unit.level,
                "full_name": unit.full_name, "score": candidate.score, "reason": candidate.reason}


_FIGURE_IN_BRACKETS = re.compile(r"^\s*\(\s*[\d.,]+\s*%?")


def _person_like(name: str) -> bool:
    """A name no unit has that reads as a person's: "Chủ tịch UBND tỉnh Cao Tiến Dũng",
    "… Đảng bộ TP. Ông Nguyễn Hữu Doãn" (the type word ends the body's name, or the sentence)."""
    words = name.split()
    first = words[0].lower() if words else ""
    if first == "thích":  # a Buddhist monk's or nun's name: "TT.Thích Quảng Lộc" (Thượng tọa, not thị trấn)
        return True
    if first in TRIGGERS or (len(words) > 1 and f"{first} {words[1].lower()}" in TRIGGERS):
        return True
    return 3 <= len(words) <= 4 and fold_key(words[0]) in SURNAMES


def _within_named_district(found: Found, mention: Mention, districts: list[tuple[int, Locality]]) -> Found:
    """A name two units share, one of them in the district the text named last before it:
    that one ("các cơ sở trên địa bàn TP. Pleiku … (phường Tây Sơn)", Pleiku's, not An Khê's)."""
    before = [unit for start, unit in districts if start < mention.start]
    if not before:
        return found
    inside = [c for c in found.candidates if c.locality.parent_id == before[-1].pk]
    if len(inside) != 1:
        return found
    note = _("trong %(district)s, nêu gần nhất trước đó") % {"district": before[-1].full_name}
    return Found(MATCHED, inside[0].locality, list(found.candidates), [*found.notes, note])


def _unit_ref(unit: Locality) -> dict:
    return {"id": unit.pk, "ref": unit.ref, "code": unit.code, "name": unit.name, "full_name": unit.full_name}


def _with_parents(mention: Mention) -> list[Mention]:
    chain, parent = [mention], mention.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return chain


def _at_level(resolution, level: int | None, query: str):
    """Only units of the level the text's type word names: "tỉnh Hà Nam" in 2026 is the
    former province, not Phường Hà Nam of the new one."""
    if level is None or resolution.status not in (MATCHED, AMBIGUOUS):
        return resolution
    kept = tuple(c for c in resolution.candidates if c.locality.level == level
                 or (level == Level.DISTRICT and c.locality.kind == Kind.THANH_PHO_TW))  # "TP Hồ Chí Minh"
    if len(kept) == len(resolution.candidates):
        return resolution
    if not kept:
        return Resolution(query, NOT_FOUND, message=_("Không có đơn vị nào đúng cấp này."))
    top = kept[0].score
    status = MATCHED if len(kept) == 1 or top - kept[1].score >= CLEAR_MARGIN else AMBIGUOUS
    return Resolution(query, status, kept, resolution.message)


def _decide(resolution, written: str) -> Found:
    """The resolver's answer, with one more tie-break: a name written with its exact
    diacritics ("Thanh Hải") beats names that only fold alike ("Thành Hải")."""
    if resolution.status == MATCHED:
        return Found(MATCHED, resolution.best, list(resolution.candidates))
    top = resolution.candidates[0].score
    close = [c for c in resolution.candidates if c.score == top]
    exact = [c for c in close if c.locality.short_name.lower() == written.lower()]
    if len(exact) == 1 and len(close) > 1:
        return Found(MATCHED, exact[0].locality, list(resolution.candidates),
                     [_("đúng chính tả có dấu “%(name)s”") % {"name": written}])
    return Found(AMBIGUOUS, None, list(resolution.candidates))


def _scopes(gaz, province: Locality | None, day: dt.date) -> list[tuple[set | None, dt.date, str]]:
    """Where and when to look, in order: the province on the text's day, the same land in
    the other generation, then the whole country."""
    other_day = dt.date(2025, 6, 30) if day >= REFORM_2025 else REFORM_2025
    scopes = []
    if province is not None:
        here = _province_on(gaz, province, day)
        there = _province_on(gaz, province, other_day)
        if here:
            scopes.append((here, day, ""))
        if there:
            scopes.append((there, other_day, _("theo đơn vị hành chính %(when)s") % {
                "when": _("trước 01/07/2025") if other_day < REFORM_2025 else _("từ 01/07/2025")}))
    elsewhere = _("ngoài tỉnh mặc định") if province else ""
    scopes.append((None, day, elsewhere))
    scopes.append((None, other_day, "; ".join(filter(None, [elsewhere, _("theo đơn vị hành chính %(when)s") % {
        "when": _("trước 01/07/2025") if other_day < REFORM_2025 else _("từ 01/07/2025")}]))))
    return scopes


def _province_on(gaz, province: Locality, day: dt.date) -> set[int]:
    """The province(s) covering `province`'s land on `day`: itself, its successor(s), or
    (for a 2025 province and an earlier day) the provinces that went into it."""
    if province.is_valid_on(day):
        return {province.pk}
    memo = gaz.compiled.setdefault("province_on", {})
    if (province.pk, day) not in memo:
        memo[province.pk, day] = _province_on_uncached(gaz, province, day)
    return memo[province.pk, day]


def _province_on_uncached(gaz, province: Locality, day: dt.date) -> set[int]:
    later = {u.pk for u in gaz.successors(province, day)}
    if later:
        return later
    earlier = {pred for pred, links in gaz.links.items() if any(s == province.pk for s, _p, _e in links)}
    return {pk for pk in earlier if gaz.units[pk].level == Level.PROVINCE and gaz.units[pk].is_valid_on(day)}


# A centrally-run city written as one uppercase word ("TPHCM"; "Tp.HCM" and "TP.HCM" read as type word + name).
WHOLE_CITY_WORDS = frozenset({"TPHCM", "TPCHM"})


def find(doc: Document, gaz, *, day: dt.date, today: dt.date, province: Locality | None) -> list[Span]:
    return Reader(doc, gaz, day=day, today=today, province=province).spans()


def province_from_text(doc: Document, gaz, day: dt.date) -> Locality | None:
    """The province a text names most ("tỉnh Nam Định", "Tỉnh ủy Nam Định"), if any."""
    reader = Reader(doc, gaz, day=day, today=day, province=None)
    counts: dict[int, int] = {}
    for mention in reader.read():
        if mention.level != Level.PROVINCE:
            continue
        for unit in gaz.provinces_named(fold_key(mention.name)):
            if unit.is_valid_on(day) or unit.is_valid_on(REFORM_2025 - dt.timedelta(days=1)):
                counts[unit.pk] = counts.get(unit.pk, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda pk: (counts[pk], gaz.units[pk].is_valid_on(day)))
    return gaz.units[best]

