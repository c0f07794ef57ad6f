"""How wide a line of Times New Roman is, so the header and the signature block can be
sized to their text instead of wrapping where a fixed split puts them.

The advance widths (thousandths of an em) of the printable ASCII letters in Times New
Roman (the same metrics as Liberation Serif, which LibreOffice substitutes). Vietnamese
letters are measured as their base letter: the tone and vowel marks sit above or below
and do not widen it.
"""

import re
import unicodedata

MM_PER_PT = 25.4 / 72
WIDTHS = {
    "regular": (
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
        556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
        722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
        278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ),
    "bold": (
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
        611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
        722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
        278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    ),
    "italic": (
        250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500, 920, 611, 611, 667, 722, 611,
        611, 722, 722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611, 500, 556, 722, 611, 833, 611,
        556, 556, 389, 278, 389, 422, 500, 333, 500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444,
        278, 722, 500, 500, 500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389, 400, 275, 400, 541,
    ),}


def _base(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    return unicodedata.normalize("NFD", char)[0]


def text_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The printed width of `text` on one line, in millimetres."""
    table = WIDTHS["bold" if bold else "italic" if italic else "regular"]
    units = 0
    for char in text:
        code = ord(_base(char))
        units += table[code - 32] if 32 <= code < 127 else 500
    return units / 1000 * size_pt * MM_PER_PT


def lines_needed(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
    """How many lines `text` takes in a column `width_mm` wide, breaking between words."""
    lines, current = 1, ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_mm(candidate, size_pt, bold=bold) > width_mm:
            lines, current = lines + 1, word
        else:
            current = candidate
    return lines


_GLUE = "\u0000"  # joins two words into one for the cutting below
_UNBREAKABLE = re.compile(r"\b(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|ĐẢNG|Tỉnh|Thành|Huyện|Quận|Thị|Đảng) (ỦY|ủy)\b")


def balanced_break(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> list[str]:
    """`text` on as few lines as fit `width_mm`, the lines as even as possible (a long
    body name in two even lines rather than a full line and a stray word). A committee's
    name ("TỈNH ỦY", "Huyện ủy") is never cut in two."""
    words = [w.replace(_GLUE, " ") for w in _UNBREAKABLE.sub(f"\\1{_GLUE}\\2", text).split(" ") if w]
    count = lines_needed(text, width_mm, size_pt, bold=bold)
    if count == 1 or len(words) < 2:
        return [text]
    best = None
    for cuts in _cuts(len(words), count):
        parts = [" ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)), strict=True)]
        widest = max(text_mm(p, size_pt, bold=bold) for p in parts)
        if widest <= width_mm and (best is None or widest < best[0]):
            best = (widest, parts)
    return best[1] if best else [text]


def _cuts(words: int, lines: int):
    """Every way to cut `words` words into `lines` non-empty lines (lines ≤ 3 here)."""
    if lines == 1:
        yield ()
        return
    for first in range(1, words - lines + 2):
        for rest in _cuts(words - first, lines - 1):
            yield (first, *(first + r for r in rest))
