"""Per-field precision, recall and F1 of text intake on the development set, beside
underthesea's general NER (LOC, ORG, PER) on the same texts and fields.

The development set (phoihop/intake/devset/) holds texts of the genre — reviews,
conference reports, news of coordination programs — each with a JSON of gold
annotations written by hand. Values are compared after the same normalization on both
sides: places by registry unit (ref; a name the text leaves ambiguous must come back
ambiguous), place names folded, organizations by canonical key (abbreviations spelled
out, the province added to a name that ends at its level), people by folded name,
positions as (person, title) pairs, figures as (value, unit).

underthesea is optional (`pip install -e .[bench]`); without it the baseline columns
say so. Its LOC spans are given the same resolver, day and province as ours.
"""

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from phoihop.intake.extract import ExtractionContext, dates, extract
from phoihop.intake.extract.orgs import canonical_key, expand
from phoihop.intake.extract.text import Document, normalize
from phoihop.lib.text import fold
from phoihop.localities.models import Locality
from phoihop.localities.names import parse_name
from phoihop.localities.resolver import AMBIGUOUS, MATCHED, resolve

DEVSET = Path(__file__).resolve().parent / "devset"
HELDBACK = DEVSET / "heldback"  # never tune on it: see its README
PARTS = {"tuning": DEVSET, "heldback": HELDBACK}
FIELDS = ["localities", "locality_names", "organizations", "people", "positions", "topics", "dates", "figures"]
BASELINE_FIELDS = {"localities", "locality_names", "organizations", "people"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)

    def add(self, predicted: set, gold: set, name: str) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)
        self.misses += [(name, "+", v) for v in predicted - gold] + [(name, "-", v) for v in gold - predicted]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def load_devset(part: str = "tuning") -> list[tuple[str, str, dict]]:
    """The texts of one part of the corpus ("tuning" or "heldback") with their gold."""
    folder = PARTS[part]
    items = []
    for gold_path in sorted(folder.glob("[0-9]*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (folder / gold["file"]).read_text(encoding="utf-8")
        items.append((gold["file"], text, gold))
    return items


# --- Normalized sets -----------------------------------------------------------------------


def _place_key(name: str) -> str:
    return parse_name(name).key


def _figure(value, unit) -> tuple[str, str]:
    return format(Decimal(str(value)).normalize(), "f"), fold(unit)


_LEVEL_BEFORE_NAME = re.compile(r" (?:tinh|thanh pho|tp) (?!uy\b)(?=\S)")


def org_identity(key: str) -> str:
    """Two keys name one body when they differ only by the province's type word:
    "bo doi bien phong lai chau" is "bo doi bien phong tinh lai chau"."""
    return _LEVEL_BEFORE_NAME.sub(" ", f" {key}").strip()


# A party committee written alone before the post of another body of its place: "Bí thư Đảng ủy, Chủ tịch
# UBND xã Xuân Quế" (a row "Đảng ủy" with the locality "xã Xuân Quế"), closed by that locality as written.
_BARE_PARTY_COMMITTEE = re.compile(r"^(?:dang uy|chi bo)$")


def gold_org_key(row, province: str) -> str:
    """A gold organization: a name (the first texts) or a row with the locality that
    closes a name written only up to its level word ("Công an huyện" in Kông Chro), or a
    party committee written alone ("Đảng ủy" of xã Xuân Quế)."""
    if isinstance(row, str):
        return org_identity(canonical_key(row, province))
    locality = row.get("locality", "")
    key = canonical_key(row["name"], province, locality=locality)
    if locality and _BARE_PARTY_COMMITTEE.match(key):
        key = f"{key} {canonical_key(locality)}"
    return org_identity(key)


def gold_day(gold: dict, text: str) -> dt.date:
    """The day a text's places are read on: its gold's `date`, else the text's own date
    as the extractor finds it."""
    if gold.get("date"):
        return dt.date.fromisoformat(gold["date"])
    day, _reason = dates.text_date(dates.find(Document(normalize(text))), today=timezone.localdate())
    return day


def dated_ref(ref: str, day: dt.date | None) -> str:
    """A gold ref as the unit of that code on `day`. The gold was written against refs of
    the 2025 snapshot ("v1.c13366"); with the dated history loaded, the unit that carried
    the code in 2020 is another version ("v1.c13366~20250101", Xã Tiên Tân), and the gold
    means that one. A ref with no version in force on the day is kept as written."""
    if not ref or day is None:
        return ref
    base = ref.split("~", 1)[0]
    versions = Locality.objects.filter(Q(ref=base) | Q(ref__startswith=f"{base}~")).only("ref", "valid_from", "valid_to")
    return next((v.ref for v in versions if v.is_valid_on(day)), ref)


def gold_sets(gold: dict, day: dt.date | None = None) -> dict[str, set]:
    """The gold values per field, places as the units of their codes on `day` (see
    `dated_ref`); a field the text does not annotate is left out."""
    province = gold["province"]
    sets = {
        "localities": {dated_ref(row["ref"], day) or f"?{_place_key(row['name'])}" for row in gold["localities"]},
        "locality_names": {_place_key(row["name"]) for row in gold["localities"]},
        "organizations": {gold_org_key(row, province) for row in gold["organizations"]},
    }
    if "people" in gold:
        sets["people"] = {fold(p["name"]) for p in gold["people"]}
        sets["positions"] = {(fold(p["name"]), expand(fold(t))) for p in gold["people"] for t in p["positions"]}
    for name in ("topics", "dates"):
        if name in gold:
            sets[name] = set(gold[name])
    if "figures" in gold:
        sets["figures"] = {_figure(f["value"], f["unit"]) for f in gold["figures"]}
    return sets


def our_sets(extraction, province: str) -> dict[str, set]:
    data = extraction.to_json()
    places = data["localities"]
    return {
        "localities": {row.get("ref") if row["status"] == "matched" else f"?{row['key']}" for row in places
                       if row["status"] in ("matched", "ambiguous")},
        "locality_names": {_place_key(s.text) for s in extraction.of("locality")},
        "organizations": {org_identity(row["key"]) for row in data["organizations"]},
        "people": {fold(p["name"]) for p in data["people"]},
        "positions": {(fold(p["name"]), expand(fold(t))) for p in data["people"] for t in p["positions"]},
        "topics": {t["code"] for t in data["topics"]},
        "dates": set(data["dates"]),
        "figures": {_figure(f["value"], f["unit"]) for f in data["figures"]},
    }


# --- underthesea ----------------------------------------------------------------------------


def underthesea_ner():
    """underthesea's `ner`, or None when the optional package is missing."""
    try:
        from underthesea import ner  # here: an optional extra (.[bench]), maybe not installed
    except ImportError:
        return None
    return ner


def baseline_spans(ner, text: str) -> list[tuple[str, str]]:
    """(tag, text) spans of underthesea's NER, sentence by sentence (line by line)."""
    spans = []
    for line in text.splitlines():
        if not line.strip():
            continue
        current = None
        for token in ner(line):
            word, tag = token[0], token[3]
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[0] != tag[2:])):
                current = [tag[2:], word]
                spans.append(current)
            elif tag.startswith("I-") and current is not None:
                current[1] += f" {word}"
            else:
                current = None
    return [(tag, words) for tag, words in spans]


def baseline_sets(spans, text: str, province: str, gaz_resolve) -> dict[str, set]:
    locs = [words for tag, words in spans if tag == "LOC"]
    return {
        "localities": {gaz_resolve(words) for words in locs} - {None},
        "locality_names": {_place_key(words) for words in locs},
        "organizations": {org_identity(canonical_key(words, province)) for tag, words in spans if tag == "ORG"},
        "people": {fold(words) for tag, words in spans if tag == "PER"},
    }


def _resolver_for(text: str, province: str):
    """The registry resolver with our day and province, for the baseline's LOC spans."""
    day, _reason = dates.text_date(dates.find(Document(normalize(text))), today=timezone.localdate())

    def answer(words: str):
        found = resolve(words, on=day, within=province)
        if found.status == MATCHED:
            return found.best.ref
        return f"?{_place_key(words)}" if found.status == AMBIGUOUS else None

    return answer


# --- Running ---------------------------------------------------------------------------------


def evaluate(*, part: str = "tuning", baseline: bool = True) -> dict:
    """Scores per field for us and (when installed) underthesea on one part of the
    corpus, plus speeds. A field is scored only on the texts that annotate it."""
    items = load_devset(part)
    ours = {name: Score() for name in FIELDS}
    theirs = {name: Score() for name in BASELINE_FIELDS}
    scored = set()
    for file, text, gold in items:
        extraction = extract(text, context=ExtractionContext(province=gold["province"]))
        truth, predicted = gold_sets(gold, gold_day(gold, text)), our_sets(extraction, gold["province"])
        scored |= set(truth)
        for name in FIELDS:
            if name in truth:
                ours[name].add(predicted[name], truth[name], file)
    ours = {name: score for name, score in ours.items() if name in scored}
    theirs = {name: score for name, score in theirs.items() if name in scored}
    result = {"part": part, "texts": len(items), "words": sum(len(t.split()) for _f, t, _g in items),
              "ours": ours, "baseline": None, "ours_per_second": speed(items), "baseline_per_second": None}
    ner = underthesea_ner() if baseline else None
    if ner is not None:
        ner("Hội nghị tại xã Thanh Hải.")  # load its model before the clock starts, as ours is warm
        started = time.perf_counter()
        spans = {file: baseline_spans(ner, text) for file, text, _gold in items}
        result["baseline_per_second"] = len(items) / (time.perf_counter() - started)
        for file, text, gold in items:
            truth = gold_sets(gold, gold_day(gold, text))
            predicted = baseline_sets(spans[file], text, gold["province"], _resolver_for(text, gold["province"]))
            for name in BASELINE_FIELDS:
                if name in truth:
                    theirs[name].add(predicted[name], truth[name], file)
        result["baseline"] = theirs
    return result


def speed(items, rounds: int = 3) -> float:
    """Articles per second on one core (the best of `rounds` passes; registry warm)."""
    contexts = [(text, ExtractionContext(province=gold["province"])) for _f, text, gold in items]
    extract(contexts[0][0], context=contexts[0][1])
    best = None
    for _ in range(rounds):
        started = time.perf_counter()
        for text, context in contexts:
            extract(text, context=context)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return len(contexts) / best


def table(result: dict) -> list[str]:
    lines = [f"{'trường':<16}{'P':>7}{'R':>7}{'F1':>7}   {'underthesea P':>14}{'R':>7}{'F1':>7}"]
    for name in FIELDS:
        mine = result["ours"].get(name)
        if mine is None:
            lines.append(f"{name:<16}{'–':>7}{'–':>7}{'–':>7}   (không có nhãn trong phần này)")
            continue
        row = f"{name:<16}{mine.precision:>7.3f}{mine.recall:>7.3f}{mine.f1:>7.3f}   "
        other = (result["baseline"] or {}).get(name)
        if other is None:
            row += f"{'–':>14}{'–':>7}{'–':>7}"
        else:
            row += f"{other.precision:>14.3f}{other.recall:>7.3f}{other.f1:>7.3f}"
        lines.append(row)
    baseline = result["baseline_per_second"]
    lines.append(f"tốc độ: {result['ours_per_second']:.1f} bài/giây (một lõi)"
                 + (f"; underthesea ner: {baseline:.1f} bài/giây" if baseline else "; underthesea: chưa cài"))
    return lines


def as_json(result: dict) -> dict:
    return {
        "part": result.get("part", "tuning"), "texts": result["texts"], "words": result["words"],
        "ours": {name: score.as_dict() for name, score in result["ours"].items()},
        "underthesea": ({name: score.as_dict() for name, score in result["baseline"].items()}
                        if result["baseline"] else None),
        "ours_articles_per_second": round(result["ours_per_second"], 1),
        "underthesea_articles_per_second": (round(result["baseline_per_second"], 1)
                                            if result["baseline_per_second"] else None),
    }
