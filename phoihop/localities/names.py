"""Type words of Vietnamese unit names ("xã", "thị trấn", "thành phố"…), shared by the
loader (to strip them off keyword keys) and the resolver (to parse and weigh them)."""

import functools
import re
import unicodedata
from dataclasses import dataclass

from phoihop.lib.text import fold, fold_key, nfc
from phoihop.localities.models import Kind, Level

# Folded type words → the kinds they may mean. Longest first so "thi xa" wins over "xa".
TYPE_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("thanh pho truc thuoc trung uong", frozenset({Kind.THANH_PHO_TW})),
    ("thanh pho", frozenset({Kind.THANH_PHO, Kind.THANH_PHO_TW})),
    ("thi tran", frozenset({Kind.THI_TRAN})),
    ("thi xa", frozenset({Kind.THI_XA})),
    ("dac khu", frozenset({Kind.DAC_KHU})),
    ("phuong", frozenset({Kind.PHUONG})),
    ("huyen", frozenset({Kind.HUYEN})),
    ("quan", frozenset({Kind.QUAN})),
    ("tinh", frozenset({Kind.TINH})),
    ("tp", frozenset({Kind.THANH_PHO, Kind.THANH_PHO_TW})),
    ("tt", frozenset({Kind.THI_TRAN})),
    ("tx", frozenset({Kind.THI_XA})),
    ("xa", frozenset({Kind.XA})),
)

KIND_LEVEL: dict[str, int] = {
    Kind.TINH: Level.PROVINCE,
    Kind.THANH_PHO_TW: Level.PROVINCE,
    Kind.HUYEN: Level.DISTRICT,
    Kind.QUAN: Level.DISTRICT,
    Kind.THI_XA: Level.DISTRICT,
    Kind.THANH_PHO: Level.DISTRICT,
    Kind.XA: Level.COMMUNE,
    Kind.PHUONG: Level.COMMUNE,
    Kind.THI_TRAN: Level.COMMUNE,
    Kind.DAC_KHU: Level.COMMUNE,
}

# Unit type as written in the package's columns → Kind (province types come from the name).
PROVINCE_KINDS = {"Tỉnh": Kind.TINH, "Thành phố": Kind.THANH_PHO_TW}
DISTRICT_KINDS = {"Huyện": Kind.HUYEN, "Quận": Kind.QUAN, "Thị xã": Kind.THI_XA, "Thành phố": Kind.THANH_PHO}
COMMUNE_KINDS = {"Xã": Kind.XA, "Phường": Kind.PHUONG, "Thị trấn": Kind.THI_TRAN, "Đặc khu": Kind.DAC_KHU}

# Prefixes of keyword keys in the package ("xatientan"), including its spelling variants
# ("sadinhsa" for "xadinhxa").
KEY_PREFIXES = ("thanhpho", "thitran", "thixa", "thisa", "dackhu", "phuong", "huyen", "quan", "tinh", "xa", "sa")


# Abbreviated type words at the start of a name, as written: "H. Kim Bảng", "Q. 1",
# "TP. Phủ Lý", "T.P Phủ Lý", "Tp.Phủ Lý", "TT Kiện Khê", "ĐK Côn Đảo". A one-letter
# abbreviation needs its dot ("P. Lam Hạ"); a two-letter one a dot or a space.
ABBREVIATIONS = (
    (re.compile(r"^\s*t\s*\.\s*p\s*\.?\s*(?=\w)", re.IGNORECASE), "thành phố"),
    (re.compile(r"^\s*tp\s*[.\s]\s*(?=\w)", re.IGNORECASE), "thành phố"),
    (re.compile(r"^\s*tt\s*[.\s]\s*(?=\w)", re.IGNORECASE), "thị trấn"),
    (re.compile(r"^\s*tx\s*[.\s]\s*(?=\w)", re.IGNORECASE), "thị xã"),
    (re.compile(r"^\s*[đd]k\s*[.\s]\s*(?=\w)", re.IGNORECASE), "đặc khu"),
    (re.compile(r"^\s*h\s*\.\s*(?=\w)", re.IGNORECASE), "huyện"),
    (re.compile(r"^\s*q\s*\.\s*(?=\w)", re.IGNORECASE), "quận"),
    (re.compile(r"^\s*x\s*\.\s*(?=\w)", re.IGNORECASE), "xã"),
    (re.compile(r"^\s*p\s*\.\s*(?=\w)", re.IGNORECASE), "phường"),
)
# Whole names written as one abbreviation (folded without spaces): "TPHCM", "Tp.HCM".
WHOLE_ABBREVIATIONS = {
    "tphcm": "thành phố Hồ Chí Minh",
    "hcm": "thành phố Hồ Chí Minh",
    "tpchm": "thành phố Hồ Chí Minh",
}
# Type words written after the name ("Thanh Liêm huyện"), with their diacritics only:
# folded, "xa" is also the end of "Vân Xá".
TRAILING_TYPE_WORDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


@dataclass(frozen=True)
class ParsedName:
    """A name as typed, split into its type words (if any) and the name proper."""

    text: str
    kinds: frozenset[str]
    key: str  # the name proper, folded without spaces: "thanhhai"
    full_key: str  # everything, type words included: "phuong1" for "Phường 1"
    spelled: tuple[str, ...] = ()  # the name proper's syllables with their marks (spelling())
    full_spelled: tuple[str, ...] = ()  # the same with the type words
    # Every key the name may be stored under, each with its syllables as written: the
    # name proper, with its type words before or after ("Kỳ Anh (Thị xã)" is stored
    # "kyanhthixa"), and the text as typed ("txkyanh", a former name in the data).
    forms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def keys(self) -> set[str]:
        return {key for key, _spelled in self.forms if key} | {k for k in (self.key, self.full_key) if k}

    def spelled_for(self, key: str) -> tuple[str, ...]:
        """The syllables as written that fold to `key`."""
        return next((spelled for k, spelled in self.forms if k == key), self.spelled)

    @property
    def levels(self) -> frozenset[int]:
        return frozenset(KIND_LEVEL[kind] for kind in self.kinds)


def expand(text: str) -> str:
    """The name with abbreviations written out and a trailing type word put first:
    "H. Kim Bảng" → "huyện Kim Bảng", "Thanh Liêm huyện" → "huyện Thanh Liêm"."""
    text = " ".join(nfc(text).split())
    whole = WHOLE_ABBREVIATIONS.get(fold_key(text))
    if whole:
        return whole
    for pattern, words in ABBREVIATIONS:
        match = pattern.match(text)
        if match and fold(text[match.end():]):
            rest = text[match.end():]
            return f"{words} {WHOLE_ABBREVIATIONS.get(fold_key(rest), rest)}"
    lowered = text.lower()
    for words in TRAILING_TYPE_WORDS:
        if lowered.endswith(" " + words) and fold(text[: -len(words)]):
            return f"{words} {text[: -len(words)].strip()}"
    return text


@functools.lru_cache(maxsize=100_000)
def parse_name(text: str) -> ParsedName:
    """"xã Thanh Hải" → kinds {xa}, key "thanhhai". A type word alone stays the name."""
    typed = text
    text = expand(text)
    folded = fold(text)
    syllables = spelling(text)
    as_typed = (fold_key(typed), spelling(typed))
    for words, kinds in TYPE_WORDS:
        if folded.startswith(words + " "):
            size = len(words.split())
            proper, key = syllables[size:], fold_key(folded[len(words):])
            forms = ((key, proper), (fold_key(folded), syllables),
                     (key + words.replace(" ", ""), proper + syllables[:size]), as_typed)
            return ParsedName(text, kinds, key, fold_key(folded), proper, syllables, forms)
    forms = ((fold_key(folded), syllables), as_typed)
    return ParsedName(text, frozenset(), fold_key(folded), fold_key(folded), syllables, syllables, forms)


@functools.lru_cache(maxsize=100_000)
def spelling(text: str) -> tuple[str, ...]:
    """The syllables as spelt, lowercased, the tone mark moved to the end of each so
    the old and new placements agree ("Hoà" and "Hòa" → "hoa\u0300")."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    kept = "".join(ch if ch.isalnum() or unicodedata.combining(ch) else " " for ch in decomposed)
    words = []
    for word in kept.split():
        tones = "".join(ch for ch in word if ch in TONE_MARKS)
        words.append("".join(ch for ch in word if ch not in TONE_MARKS) + tones)
    return tuple(words)


EXACT, ALIKE, NEAR = "exact", "alike", "near"


def compare_spelling(written: tuple[str, ...], spelt: tuple[str, ...]) -> str:
    """How a name as written matches a unit's name that folds alike: EXACT (every mark
    as written), ALIKE (a syllable written without marks may stand for any: "Thanh
    Hai"), or NEAR (a mark written differs: "Thanh Hả" for "Thanh Hà")."""
    if written == spelt:
        return EXACT
    if len(written) != len(spelt):
        return ALIKE if all(w.isascii() for w in written) else NEAR
    for mine, theirs in zip(written, spelt, strict=True):
        if mine != theirs and not mine.isascii():
            return NEAR
    return ALIKE


def kinds_from_hint(hint) -> frozenset[str]:
    """A Kind value ("xa"), a Level, or a type word ("thị xã") → the kinds it allows."""
    if not hint:
        return frozenset()
    if isinstance(hint, int):
        return frozenset(k for k, level in KIND_LEVEL.items() if level == hint)
    if hint in KIND_LEVEL:
        return frozenset({hint})
    folded = fold(str(hint))
    return next((kinds for words, kinds in TYPE_WORDS if folded == words), frozenset())


def strip_key_prefix(key: str, keys: set[str]) -> str | None:
    """The keyword without its type prefix when the bare form is also listed, else None."""
    for prefix in KEY_PREFIXES:
        if key.startswith(prefix) and key[len(prefix):] in keys:
            return key[len(prefix):]
    return None


def loose_key(key: str) -> str:
    """Key with common spelling variants merged (x/s, y/i, k/c): "baxao" ~ "basao"."""
    return key.replace("x", "s").replace("y", "i").replace("k", "c")


def former_names_from_keywords(keywords: list[str], name_key: str) -> list[str]:
    """Former (or other) names from the package's keyword list, without type prefixes
    or mere spelling variants of the current name: "xatientan" → "tientan"."""
    keys = {k for k in keywords if k}
    seen = {loose_key(name_key)}
    result = []
    for key in keywords:
        if not key or strip_key_prefix(key, keys) is not None:
            continue
        if loose_key(key) not in seen:
            seen.add(loose_key(key))
            result.append(key)
    return result
