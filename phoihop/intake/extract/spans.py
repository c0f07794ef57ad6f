"""What an extraction returns: spans of the text, each explained, and the summary a
person reviews. Plain dataclasses, turned into JSON by `Extraction.to_json()`."""

import datetime as dt
from dataclasses import asdict, dataclass, field

LOCALITY, ORGANIZATION, PERSON, POSITION, DATE, FIGURE, TOPIC = (
    "locality", "organization", "person", "position", "date", "figure", "topic",
)
KINDS = (LOCALITY, ORGANIZATION, PERSON, POSITION, DATE, FIGURE, TOPIC)


@dataclass
class Span:
    """`text[start:end]` is a `kind`; `value` is what it means, `explanation` why.

    `candidates` lists the possible meanings when the text alone cannot decide (an
    ambiguous place name), each with its reason; `value` is then empty of a choice.
    """

    start: int
    end: int
    kind: str
    text: str
    value: dict = field(default_factory=dict)
    explanation: str = ""
    candidates: list[dict] = field(default_factory=list)

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Extraction:
    text: str
    on: dt.date
    on_reason: str
    province: dict | None
    spans: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[Span]:
        return [span for span in self.spans if span.kind == kind]

    # --- Summaries: one row per thing meant, however often it is written -------------

    def localities(self) -> list[dict]:
        rows: dict[str, dict] = {}
        for span in self.of(LOCALITY):
            key = span.value.get("ref") or "?" + span.value.get("key", span.text)
            row = rows.setdefault(key, {**span.value, "mentions": 0, "candidates": span.candidates})
            row["mentions"] += 1
        return list(rows.values())

    def organizations(self) -> list[dict]:
        rows: dict[str, dict] = {}
        for span in self.of(ORGANIZATION):
            row = rows.setdefault(span.value["key"], {**span.value, "mentions": 0})
            row["mentions"] += 1
        return list(rows.values())

    def people(self) -> list[dict]:
        rows: dict[str, dict] = {}
        for span in self.of(PERSON):
            row = rows.setdefault(span.value["key"], {"name": span.value["name"], "positions": []})
            for title in span.value.get("positions", []):
                if title not in row["positions"]:
                    row["positions"].append(title)
        return list(rows.values())

    def topics(self) -> list[dict]:
        rows: dict[str, dict] = {}
        for span in self.of(TOPIC):
            row = rows.setdefault(span.value["code"], {**span.value, "mentions": 0})
            row["mentions"] += 1
            row["salient"] = row["salient"] or span.value["salient"]
        return list(rows.values())

    def dates(self) -> list[str]:
        return list(dict.fromkeys(v for span in self.of(DATE) for v in span.value["values"]))

    def figures(self) -> list[dict]:
        return [span.value | {"text": span.text} for span in self.of(FIGURE)]

    def to_json(self, *, with_text: bool = False) -> dict:
        data = {
            "date": self.on.isoformat(),
            "date_reason": self.on_reason,
            "province": self.province,
            "localities": self.localities(),
            "organizations": self.organizations(),
            "people": self.people(),
            "topics": self.topics(),
            "dates": self.dates(),
            "figures": self.figures(),
            "spans": [asdict(span) for span in self.spans],
            "warnings": self.warnings,
        }
        if with_text:
            data["text"] = self.text
        return data
