"""Vietnamese text helpers: NFC normalization and diacritic-insensitive folding.

`fold("Thanh Liêm")` == `fold("thanh liem")` == "thanh liem", so searching works
whether or not the user types diacritics. Folded copies are stored beside names so
the same search runs on SQLite and PostgreSQL.
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    """Normalize to NFC (precomposed), the form Vietnamese text is stored in."""
    return unicodedata.normalize("NFC", text or "")


@functools.lru_cache(maxsize=1 << 16)  # pure; a load of the place registry folds 66,000 names
def fold(text: str) -> str:
    """Lowercase, strip diacritics (đ → d), turn punctuation into single spaces."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped.lower())).strip()


def fold_key(text: str) -> str:
    """`fold` without spaces: "Thanh Liêm" → "thanhliem" (the place registry's keys)."""
    return fold(text).replace(" ", "")


def clean_name(text: str) -> str:
    """NFC, trimmed, inner whitespace collapsed: how names are stored."""
    return _SPACES.sub(" ", nfc(text)).strip()
