"""How an indicator reads inside a sentence: its verb, its noun, the figure between them.

A secretariat does not write "buổi tuyên truyền: 502 buổi"; it writes "tổ chức 502 buổi
tuyên truyền, thu hút 51.540 lượt người tham dự; vận động ủng hộ gần 22 tỷ đồng". The
verb belongs to the kind of thing counted, and the kind is told by the indicator's unit
(and, where one unit counts different things, a word of its name). So the phrases are
data, in `PHRASES` below, not one sentence per indicator:

- a `Phrase` applies to the indicators whose unit is one of `units` and, if `when` is
  given, whose name contains one of its words;
- its `template` puts `{n}` (the figure, as the prose formats it) between a verb and
  `{noun}`: the indicator's name, first letter lowered, `strip` words removed, the unit
  put in front if the name does not start with it ("Buổi tuyên truyền" → "buổi tuyên
  truyền"; "Nhà Đại đoàn kết xây mới, sửa chữa" → "nhà Đại đoàn kết");
- `joins` marks a phrase that continues the one before it ("…502 buổi tuyên truyền,
  thu hút 51.540 lượt người tham dự"), joined by a comma instead of a semicolon.

A province names its indicators as it likes; one the table does not know reads
"thực hiện {n} {noun}". The secretariat gives one indicator its own words on the
indicator's form ("Cách viết trong báo cáo", `Indicator.review_phrase`: "tổ chức {n} buổi
tuyên truyền"), and `settings.REVIEW_INDICATOR_PHRASES` ({code: template}) does the same for
a deployment; both come before the table.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from phoihop.lib.text import nfc

MONEY_UNITS = ("đồng", "nghìn đồng", "triệu đồng", "tỷ đồng")
FALLBACK = "thực hiện {n} {noun}"
_SLOTS = re.compile(r"\{(n|noun|unit)\}")


@dataclass(frozen=True)
class Phrase:
    units: tuple[str, ...]
    template: str
    when: tuple[str, ...] = ()  # words of the name (any one), compared in lower case
    strip: str = ""  # a regex of words taken out of the name to make the noun
    joins: bool = False


PHRASES = [
    Phrase(("buổi",), "tổ chức {n} {noun}"),
    Phrase(("lượt người", "lượt"), "thu hút {n} lượt người tham dự", when=("dự",), joins=True),
    Phrase(("lượt người", "lượt"), "huy động {n} {noun}", when=("tham gia",)),
    Phrase(MONEY_UNITS, "vận động ủng hộ {n} {unit}", when=("vận động", "ủng hộ", "quyên góp")),
    Phrase(MONEY_UNITS, "hỗ trợ {n} {unit}", when=("hỗ trợ",)),
    Phrase(("nhà", "căn", "căn nhà"), "xây dựng, sửa chữa {n} {noun}", strip=r",?\s*\b(xây mới|xây dựng|sửa chữa)\b"),
    Phrase(("ngày công",), "huy động {n} {noun}"),
    Phrase(("hộ",), "giúp {n} hộ thoát nghèo", when=("thoát nghèo",)),
    Phrase(("suất", "suất quà", "phần quà"), "trao tặng {n} {noun}", strip=r"\s*\btặng\b"),
    Phrase(("tin", "nguồn tin"), "tiếp nhận {n} {noun}", strip=r"\s*\btiếp nhận\b"),
    Phrase(("đơn", "đơn thư"), "đã giải quyết {n} {unit}", when=("giải quyết",), joins=True),
    Phrase(("đơn", "đơn thư"), "tiếp nhận {n} {noun}", strip=r"\s*\btiếp nhận\b"),
    Phrase(("hồ sơ",), "vận động bàn giao {n} {noun}", when=("bàn giao",), strip=r"\s*\b(vận động )?bàn giao\b"),
    Phrase(("%",), "{noun} ở mức {n}"),
]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def _key(text: str) -> str:
    return " ".join(nfc(text).lower().split())


def _has_word(name: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(_key(word))}(?!\w)", name) for word in words)


def phrase_for(unit: str, name: str) -> Phrase:
    """The first phrase of `PHRASES` for this unit and name, or the fallback."""
    unit_key, name_key = _key(unit), _key(name)
    for phrase in PHRASES:
        if unit_key in (_key(u) for u in phrase.units) and (not phrase.when or _has_word(name_key, phrase.when)):
            return phrase
    return Phrase((unit,), FALLBACK)


def noun(unit: str, name: str, strip: str = "") -> str:
    """ "Nhà Đại đoàn kết xây mới, sửa chữa" (nhà) → "nhà Đại đoàn kết"; "Hộ thoát nghèo" stays
    as it is; "Hội nghị" (buổi) → "buổi hội nghị"."""
    text = re.sub(strip, "", name, flags=re.IGNORECASE).strip(" ,;") if strip else name.strip()
    text = _lower_first(text)
    if unit == "%" or _key(text) == _key(unit) or _key(text).startswith(_key(unit) + " "):
        return text
    return f"{unit} {text}"


def indicator_template(code: str, unit: str, name: str, slot: str, own: str = "") -> tuple[str, bool]:
    """(template, joins): the indicator's words with `%(slot)s` where its figure goes. `own`
    is the phrase the secretariat set on the indicator (Indicator.review_phrase, "{value}"
    standing for "{n}"); it comes first, then the setting, then the table."""
    own = (own or "").replace("{value}", "{n}") or getattr(settings, "REVIEW_INDICATOR_PHRASES", {}).get(code)
    phrase = Phrase((unit,), own) if own else phrase_for(unit, name)
    escape = lambda text: text.replace("%", "%%")  # noqa: E731
    words = {"n": f"%({slot})s", "noun": escape(noun(unit, name, phrase.strip)), "unit": escape(unit)}
    # Only the template's own slots are filled: a brace in a name stays a brace.
    return _SLOTS.sub(lambda m: words[m.group(1)], escape(phrase.template)), phrase.joins
