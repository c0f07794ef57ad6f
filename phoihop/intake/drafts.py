"""What a draft activity takes from a read text: the organization the text says did the
work (the subject of the first action verb), those it says worked with it, and a title
that sums up the action ("Tổng kết 5 năm thực hiện chương trình … tại xã Thọ Thành").

Pure functions over the text and its extraction (`Extraction.to_json()`): a sentence's
subject is the organization, or the list of organizations, written right before its
verb; "phối hợp với A, B" names partners; a headline line, when the text opens with
one, is the title as it stands.
"""

import re
from dataclasses import dataclass

ACTIONS = ("tổ chức", "phối hợp", "ký kết", "trao tặng", "trao", "tặng", "khởi công", "khánh thành", "bàn giao",
           "thăm", "kiểm tra", "ra quân", "tổng kết", "sơ kết", "ban hành", "huy động", "triển khai", "làm việc",
           "tuyên truyền", "vận động", "gặp mặt", "giúp", "hỗ trợ", "đăng cai", "chúc mừng")
_ACTION = re.compile(r"(?:đã |vừa |cùng |chính thức |đến |tới )*(" + "|".join(ACTIONS) + r")\b")
_LIGHT_VERBS = ("phối hợp", "tổ chức")
_PARTNERS = re.compile(r"(?:phối hợp )?(?:với|cùng) ")
_LIST_GAP = re.compile(r"^(?:,\s*|\s+và\s+|,\s*và\s+)$")
# a sentence ends at ".", "!", "?" or a line end, not at the dot of "TP. Vũng Tàu", "TP.Mỹ Tho" or "405.000"
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\bTP)\.|(?<=\bTX)\.|(?<=\bTT)\.|\.(?=\S))+")
# what may stand between a body and its verb: its short name in brackets, "(Ban CHPTKV)"; the one who led
# its delegation, "Đoàn cán bộ Hội Chữ thập đỏ tỉnh do ông … làm trưởng đoàn đã đến thăm"
_ASIDE = re.compile(r"\([^()]{1,40}\)\s*|do [^.;]{3,120}? làm trưởng đoàn,?\s*")
_CLAUSE_END = re.compile(r"[,;:\n]|(?<!\bTP)(?<!\bTX)(?<!\bTT)\.(?!\S)| nhằm | để ")
HEADLINE_WORDS = 25
TITLE_WORDS = 14


@dataclass(frozen=True)
class Actors:
    lead: dict | None  # the organization span's value (key, name, registry_id, …)
    partners: list[dict]
    action_start: int | None  # where the lead's action verb begins in the text


def actors(text: str, extraction: dict) -> Actors:
    """The lead is the first organization (or the first of a listed group) written right
    before an action verb; partners are the rest of that group and those after
    "phối hợp với" / "cùng" up to the verb."""
    orgs = sorted((s for s in extraction.get("spans", []) if s["kind"] == "organization"), key=lambda s: s["start"])
    places = [s for s in extraction.get("spans", []) if s["kind"] == "locality"]
    for sentence in _SENTENCE.finditer(text):
        inside = [s for s in orgs if sentence.start() <= s["start"] < sentence.end()]
        for i, span in enumerate(inside):
            group = _group_from(text, inside, i)
            after = _past_owner(text, inside, group[-1])
            partners: list[dict] = []
            rest = text[after:sentence.end()].lstrip()
            aside = _ASIDE.match(rest)
            rest = rest[aside.end():] if aside else rest
            offset = after + len(text[after:sentence.end()]) - len(rest)
            if rest.startswith("phối hợp với") or rest.startswith("cùng"):
                partners, offset = _partners(text, inside, offset, sentence.end(), places)
            verb = _ACTION.match(text, offset)
            if verb:
                return Actors(span["value"], _unique([g["value"] for g in group[1:]] + partners, span["value"]),
                              verb.start(1))
    return Actors(None, [], None)


def _group_from(text: str, spans: list[dict], i: int) -> list[dict]:
    group = [spans[i]]
    for span in spans[i + 1:]:
        if not _LIST_GAP.match(text[group[-1]["end"]:span["start"]]):
            break
        group.append(span)
    return group


def _partners(text: str, spans: list[dict], offset: int, end: int, places=()) -> tuple[list[dict], int]:
    """The organizations after "phối hợp với" up to the next verb, and where it starts
    (past the place a partner's name is followed by: "BCĐ 138 phường 10, TP. Vũng Tàu")."""
    partner = _PARTNERS.match(text, offset)
    cursor = partner.end() if partner else offset
    first = next((j for j, s in enumerate(spans) if s["start"] >= cursor), None)
    if first is None or text[cursor:spans[first]["start"]].strip():
        return [], cursor
    group = _group_from(text, spans, first)
    after = group[-1]["end"]
    for place in sorted(places, key=lambda s: s["start"]):
        if place["start"] > after and text[after:place["start"]].strip() == ",":
            after = place["end"]
    rest = text[after:end]
    return [g["value"] for g in group], after + len(rest) - len(rest.lstrip())


def _past_owner(text: str, spans: list[dict], span: dict) -> int:
    """"Đảng ủy Ban Chỉ huy …": a party committee is read with the body it leads, whose end ends both."""
    for other in spans:
        if other["start"] >= span["end"] and text[span["end"]:other["start"]].strip() in ("", "-", "–") \
                and span["value"]["key"].endswith(" " + other["value"]["key"]):
            return other["end"]
    return span["end"]


def _unique(values: list[dict], lead: dict) -> list[dict]:
    seen, result = {lead["key"]}, []
    for value in values:
        if value["key"] not in seen:
            seen.add(value["key"])
            result.append(value)
    return result


def title(text: str, extraction: dict) -> str:
    """The text's headline when it opens with one; else the lead's action up to the first
    comma, with the place it names ("… tại xã Thanh Hải"); else ""."""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first_line and len(first_line.split()) <= HEADLINE_WORDS and not first_line.endswith((".", ";", ":")):
        return first_line
    found = actors(text, extraction)
    if found.action_start is None:
        return ""
    verb = _ACTION.match(text, found.action_start)
    start = found.action_start
    # "phối hợp tổ chức …", "tổ chức tuyên truyền …": a light verb before another; the action is the last
    while verb and verb.group(1) in _LIGHT_VERBS:
        verb = _ACTION.match(text, verb.end() + 1)
        start = verb.start(1) if verb else start
    parts = _CLAUSE_END.split(text[start:])
    clause = parts[0].strip()
    if len(clause.split()) < 3 and len(parts) > 1:  # "thăm, chúc mừng …": two verbs of one action
        clause = f"{clause}, {parts[1].strip()}"
    phrase = " ".join(clause.split()[:TITLE_WORDS])
    place = _place_in_sentence(text, extraction, start)
    if place and place["text"] in clause:
        through_place = clause[:clause.index(place["text"]) + len(place["text"])]
        phrase = through_place if len(through_place.split()) <= TITLE_WORDS + 6 else phrase
    elif place:
        phrase = f"{phrase} tại {place['text']}"
    return phrase[:1].upper() + phrase[1:]


def _place_in_sentence(text: str, extraction: dict, position: int) -> dict | None:
    sentence = next((m for m in _SENTENCE.finditer(text) if m.start() <= position < m.end()), None)
    if sentence is None:
        return None
    places = [s for s in extraction.get("spans", []) if s["kind"] == "locality"
              and sentence.start() <= s["start"] < sentence.end() and s["value"].get("level", 9) >= 2]
    return max(places, key=lambda s: s["value"].get("level", 0)) if places else None
