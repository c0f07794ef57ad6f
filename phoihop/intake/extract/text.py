"""The text an extraction reads, with a folded twin of the same length.

Every span is a pair of character offsets into the NFC text that is stored. Matching
runs on `folded`, a copy of the same length (lowercase, no diacritics, đ → d), so a
pattern found in the folded copy maps back to the original characters one to one.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

_WORD = re.compile(r"\w+")
# A period ends a sentence only before a space or the end: "405.000" is one number.
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"[.!?;:…]+(?=\s|$)|\n")


def normalize(raw: str) -> str:
    """NFC, line ends unified, no-break spaces and zero-width marks made plain."""
    text = unicodedata.normalize("NFC", raw or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate({0x00A0: " ", 0x2009: " ", 0x202F: " ", 0x200B: None, 0xFEFF: None})


def fold_char(ch: str) -> str:
    """One character folded to one character: "Ế" → "e", "Đ" → "d"."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


class _FoldTable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_same_length(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def is_capitalized(word: str) -> bool:
    """A proper-name syllable: "Thanh", "Hải", "1" (Phường 1), not "xã"."""
    return bool(word) and (word[0].isupper() or word[0].isdigit())


class Word(NamedTuple):
    start: int
    end: int
    text: str
    folded: str


@dataclass
class Document:
    """The normalized text, its folded twin and its words (with offsets)."""

    text: str
    folded: str = field(init=False)

    def __post_init__(self):
        self.folded = fold_same_length(self.text)

    @cached_property
    def words(self) -> list[Word]:
        return [
            Word(m.start(), m.end(), m.group(), self.folded[m.start():m.end()])
            for m in _WORD.finditer(self.text)
        ]

    @cached_property
    def _word_index(self) -> dict[int, int]:
        return {word.start: i for i, word in enumerate(self.words)}

    def word_at(self, offset: int) -> int | None:
        """Index of the word starting exactly at `offset`."""
        return self._word_index.get(offset)

    @cached_property
    def _sentence_ends(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _SENTENCE_END.finditer(self.text)]

    @cached_property
    def _clause_ends(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _CLAUSE_END.finditer(self.text)]

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the sentence (between . ! ? or a line end) around `offset`."""
        return _bounds(self._sentence_ends, offset, len(self.text))

    def clause_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the clause (between . ; : ! ? or a line end) around `offset`."""
        return _bounds(self._clause_ends, offset, len(self.text))


def _bounds(ends: list[tuple[int, int]], offset: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_right(ends, (offset, length + 1))
    start = ends[i - 1][1] if i else 0
    if i and ends[i - 1][1] > offset:  # inside the separator itself
        start = ends[i - 1][1]
    end = ends[i][0] if i < len(ends) else length
    return start, end
