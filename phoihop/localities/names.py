"""Type words of Vietnamese unit names ("xã", "thị trấn", "thành phố"…), shared by the
loader (to strip them off keyword keys) and the resolver (to parse and weigh them)."""

from dataclasses import dataclass

from phoihop.lib.text import fold, fold_key
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


@dataclass(frozen=True)
class ParsedName:
    """A name as typed, split into its type words (if any) and the name proper."""

    text: str
    kinds: frozenset[str]
    key: str  # the name proper, folded without spaces: "thanhhai"
    full_key: str  # everything, type words included: "phuong1" for "Phường 1"

    @property
    def levels(self) -> frozenset[int]:
        return frozenset(KIND_LEVEL[kind] for kind in self.kinds)


def parse_name(text: str) -> ParsedName:
    """"xã Thanh Hải" → kinds {xa}, key "thanhhai". A type word alone stays the name."""
    folded = fold(text)
    for words, kinds in TYPE_WORDS:
        if folded.startswith(words + " "):
            return ParsedName(text, kinds, fold_key(folded[len(words):]), fold_key(folded))
    return ParsedName(text, frozenset(), fold_key(folded), fold_key(folded))


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
