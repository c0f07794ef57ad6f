"""The review as one plain object: computed once by selectors, formatted many times.

`phoihop.reviews.compute.review_compute(...)` builds a `Review`; the HTML page, the
dashboard, `render/docx.py`, `render/xlsx.py` and the charts only format it. A Review
is plain data (no model instances) so it can be frozen as JSON when a review is issued
(`Review.to_json()` / `Review.from_json()`) and rendered again years later unchanged.
"""

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal


class Kind:
    SIX_MONTHS = "six_months"  # sơ kết 6 tháng
    ANNUAL = "annual"  # tổng kết năm
    PROGRAM = "program"  # tổng kết cả giai đoạn (5 năm)
    CUSTOM = "custom"


class Units:
    AS_RECORDED = "as_recorded"  # the unit valid on each record's date (pre-reform before 1/7/2025)
    UNITS_2025 = "2025"  # every unit mapped to its primary 2025 successor


@dataclass(frozen=True)
class Scope:
    program_id: int
    start: dt.date
    end: dt.date
    kind: str = Kind.CUSTOM
    units: str = Units.AS_RECORDED
    member_id: int | None = None  # restrict to one member's activities (dashboard filter)


@dataclass
class IndicatorTotal:
    code: str
    name: str
    unit: str
    decimals: int
    value: Decimal  # counted once per activity, over confirmed activities
    target: Decimal | None = None  # sum of the targets the period's plan tasks set
    activities: int = 0  # confirmed activities that reported this indicator
    achieved: Decimal | None = None  # what the tasks' linked activities achieved against `target`

    @property
    def ratio(self) -> float | None:
        """Achievement against target: the tasks' own results, not the period's total."""
        if not self.target:
            return None
        return float((self.value if self.achieved is None else self.achieved) / self.target)


@dataclass
class AreaResult:
    number: int
    name: str
    activities: int
    joint: int
    share: float  # of all activities in the period
    indicators: list[IndicatorTotal] = field(default_factory=list)


@dataclass
class MemberResult:
    organization_id: int
    name: str
    short_name: str
    led: int  # activities it led
    partnered: int  # activities it took part in as a confirmed partner
    joint_led: int  # of those it led, how many were joint
    indicators: list[IndicatorTotal] = field(default_factory=list)  # of activities it led
    reports_expected: int = 0
    reports_on_time: int = 0
    reports_late: int = 0


@dataclass
class LocalityResult:
    locality_id: int
    name: str
    parent_name: str
    activities: int
    cases: int
    cases_resolved: int


@dataclass
class TaskResult:
    plan_year: int
    number: int
    title: str
    lead: str
    due_date: dt.date
    status: str  # on the review's as_of day (phoihop.programs.selectors.progress_for_tasks)
    completion: float | None  # mean of target ratios, capped at 1


@dataclass
class Coordination:
    activities: int
    joint: int
    member_names: list[str]  # short names, the order of the matrix
    matrix: list[list[int]]  # matrix[i][j]: confirmed activities where members i and j both took part
    area_counts: list[tuple[str, int]]  # (content area, activities), every area of the program
    models_by_status: dict[str, int]  # proposed / recognized / outstanding

    @property
    def joint_share(self) -> float | None:
        return self.joint / self.activities if self.activities else None

    @property
    def top_area_share(self) -> float | None:
        """Share of the busiest content area: near 1/7 is even, high means concentrated."""
        total = sum(count for _name, count in self.area_counts)
        return max(count for _name, count in self.area_counts) / total if total else None


@dataclass
class TopicResult:
    code: str
    name: str
    sensitive: bool
    received: int
    resolved: int
    referred: int
    closed_unresolved: int
    open: int
    overdue: int

    @property
    def resolution_rate(self) -> float | None:
        """Resolved among cases that ended (resolved, referred, closed unresolved)."""
        ended = self.resolved + self.referred + self.closed_unresolved
        return self.resolved / ended if ended else None


@dataclass
class HotspotRow:
    locality: str
    parent: str
    score: Decimal
    cases: int
    designated: bool


@dataclass
class Statement:
    """A drafted sentence of the assessment with the figures it rests on."""

    kind: str  # "strength" | "limitation"
    rule: str  # the rule's code, e.g. "joint_share_low"
    text: str
    figures: dict[str, str]  # label → formatted figure, shown beside the sentence
    sensitive: bool = False  # rests on sensitive cases: left out of redacted reviews


@dataclass
class Review:
    scope: Scope
    program_name: str
    committee_name: str
    host_name: str
    province_name: str
    period_label: str  # "6 tháng đầu năm 2020", "năm 2020", "giai đoạn 2016–2020"
    computed_at: dt.datetime
    redacted: bool  # True when sensitive cases were left out (viewer without access)
    totals: list[IndicatorTotal]
    areas: list[AreaResult]
    members: list[MemberResult]
    localities: list[LocalityResult]
    tasks: list[TaskResult]
    coordination: Coordination
    topics: list[TopicResult]
    hotspots: list[HotspotRow]
    statements: list[Statement]
    reports_completeness: float | None = None
    reports_timeliness: float | None = None
    # The day the figures stand on: the period's end (today while it runs). None in
    # reviews frozen before it was recorded.
    as_of: dt.date | None = None

    @property
    def counting_rule(self) -> str:
        """How the period's figures are counted, for the page and the documents."""
        return counting_rule(self.as_of)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), default=_encode, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Review":
        return _decode_review(json.loads(text))


def counting_rule(as_of: dt.date | None) -> str:
    from django.utils.translation import gettext as _

    from phoihop.lib.vnformat import short_date

    rule = _(
        "Hoạt động kéo dài qua hai kỳ được tính vào kỳ có ngày bắt đầu; chỉ tính hoạt động "
        "đã được xác nhận."
    )
    if as_of is None:
        return rule
    return _(
        "Số liệu theo tình hình đến hết ngày %(day)s: tiến độ nhiệm vụ, trạng thái vụ việc, "
        "địa bàn trọng điểm, mô hình được công nhận và báo cáo đã nộp tính đến ngày đó. "
        "%(rule)s"
    ) % {"day": short_date(as_of), "rule": rule}


def _encode(value):
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    raise TypeError(f"cannot encode {type(value)}")


def _revive(value):
    if isinstance(value, dict):
        if "__decimal__" in value:
            return Decimal(value["__decimal__"])
        if "__datetime__" in value:
            return dt.datetime.fromisoformat(value["__datetime__"])
        if "__date__" in value:
            return dt.date.fromisoformat(value["__date__"])
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value


def _build(klass, raw: dict):
    return klass(**{f.name: raw[f.name] for f in dataclasses.fields(klass) if f.name in raw})


def _decode_review(raw: dict) -> Review:
    raw = _revive(raw)
    area = lambda a: _build(AreaResult, a | {"indicators": [_build(IndicatorTotal, i) for i in a["indicators"]]})  # noqa: E731
    member = lambda m: _build(MemberResult, m | {"indicators": [_build(IndicatorTotal, i) for i in m["indicators"]]})  # noqa: E731
    coordination = raw["coordination"] | {
        "area_counts": [tuple(pair) for pair in raw["coordination"]["area_counts"]]
    }
    return _build(
        Review,
        raw
        | {
            "scope": _build(Scope, raw["scope"]),
            "totals": [_build(IndicatorTotal, t) for t in raw["totals"]],
            "areas": [area(a) for a in raw["areas"]],
            "members": [member(m) for m in raw["members"]],
            "localities": [_build(LocalityResult, x) for x in raw["localities"]],
            "tasks": [_build(TaskResult, x) for x in raw["tasks"]],
            "coordination": _build(Coordination, coordination),
            "topics": [_build(TopicResult, x) for x in raw["topics"]],
            "hotspots": [_build(HotspotRow, x) for x in raw["hotspots"]],
            "statements": [_build(Statement, x) for x in raw["statements"]],
        },
    )
