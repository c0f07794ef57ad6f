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

from django.utils.translation import gettext as _

from phoihop.lib import vnformat
from phoihop.lib.vnformat import short_date


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
    achieved: Decimal | None = None  # of `value`, what the activities linked to plan tasks achieved
    phrase: str = ""  # the indicator's own words in the prose (Indicator.review_phrase), or ""

    @property
    def ratio(self) -> float | None:
        """"Đạt" has one meaning: the period's result (`value`) against the period's target.

        The plan-linked result (`achieved`) is shown beside it, never used for "Đạt".
        """
        if not self.target:
            return None
        return float(self.value / self.target)

    @property
    def met(self) -> bool | None:
        return None if self.target is None or not self.target else self.value >= self.target


@dataclass
class NamedActivity:
    """A joint activity named in section II: what it was and who did it."""

    title: str
    lead: str  # short name of the lead member
    partners: list[str]  # short names of the members who took part with it
    start: dt.date


@dataclass
class NamedModel:
    """A coordination model named in section II, as it stood on the review's day."""

    name: str
    members: list[str]  # short names
    status: str  # ModelStatus on `as_of`
    recognized_in_period: bool  # its recognition was decided within [start, as_of]
    replications: int  # places that took it up within [start, as_of]


@dataclass
class AreaResult:
    number: int
    name: str
    activities: int
    joint: int
    share: float  # of all activities in the period
    indicators: list[IndicatorTotal] = field(default_factory=list)
    # The joint activities the prose names (the most members first, then the earliest),
    # and the models recognized or replicated in the period. Empty in reviews frozen before.
    named_joint: list[NamedActivity] = field(default_factory=list)
    models: list[NamedModel] = field(default_factory=list)

    @property
    def models_named(self) -> int:
        return len(self.models)


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
    status: str  # on the review's as_of day (phoihop.activities.selectors.progress_for_tasks)
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
class CaseTally:
    received: int = 0
    resolved: int = 0
    referred: int = 0
    closed_unresolved: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def ended(self) -> int:
        return self.resolved + self.referred + self.closed_unresolved

    @property
    def rate(self) -> float | None:
        """Resolved among cases that ended (resolved, referred, closed unresolved)."""
        return self.resolved / self.ended if self.ended else None


@dataclass
class Statement:
    """A drafted sentence with the figures it rests on.

    `refs` names, in the order they appear in `text`, the figure behind every number of
    the sentence ("n:coordination.activities", see `Review.figure`); the consistency check
    (render/check.py) reads them back from the Review and compares with the document.
    """

    kind: str  # "situation" | "result" | "strength" | "limitation"
    rule: str  # the rule's code, e.g. "joint_share_low"
    text: str
    figures: dict[str, str]  # label → formatted figure, shown beside the sentence
    sensitive: bool = False  # rests on sensitive cases: left out of redacted reviews
    refs: list[str] = field(default_factory=list)
    area: int | None = None  # the content area a "result" sentence is about


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
    # Frozen before the sentences were drafted at render time: the report's stored text
    # already holds them, so documents print that text alone (render/text.py).
    drafted_in_text: bool = False

    @property
    def counting_rule(self) -> str:
        """How the period's figures are counted, for the page and the documents."""
        return counting_rule(self.as_of)

    # --- Every derived figure, in one place --------------------------------------------

    def total(self, code: str) -> IndicatorTotal | None:
        return next((t for t in self.totals if t.code == code), None)

    def area(self, number: int) -> AreaResult | None:
        return next((a for a in self.areas if a.number == number), None)

    def cases(self, codes=None, *, exclude=()) -> CaseTally:
        """Cases summed over topics (all, only `codes`, or all but `exclude`)."""
        tally = CaseTally()
        for topic in self.topics:
            if (codes is not None and topic.code not in codes) or topic.code in exclude:
                continue
            for name in ("received", "resolved", "referred", "closed_unresolved", "open", "overdue"):
                setattr(tally, name, getattr(tally, name) + getattr(topic, name))
        return tally

    def planned(self) -> list[IndicatorTotal]:
        return [t for t in self.totals if t.target]

    def tasks_with(self, status: str) -> int:
        return sum(1 for t in self.tasks if t.status == status)

    def figure(self, key: str):
        """The figure named `key`: what a drafted sentence cites and the check reads back.

        Keys: activities, joint, joint_share, members, active_areas, top_area_share,
        models.<status>, models.recognized_all, cases.<field>, focus.<field>, others.<field>
        (focus = settings.REVIEW_FOCUS_TOPICS), tasks.all / tasks.<status>, targets.all,
        targets.met, targets.missed, reports.completeness, reports.timeliness, total.<code>.<value|target|achieved|ratio>, area.<n>.<activities|joint>,
        area.<n>.total.<code>.value, area.<n>.models_named, area.<n>.model.<i>.replications.
        """
        head, _dot, rest = key.partition(".")
        getter = _FIGURES.get(head)
        if getter is None:
            raise KeyError(key)
        return getter(self, rest)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), default=_encode, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Review":
        return _decode_review(json.loads(text))


def _focus() -> tuple[str, ...]:
    # A cycle: assessment reads the Review dataclasses of this module.
    from phoihop.reviews.assessment import focus_topics

    return focus_topics()


def _case_figure(review: Review, rest: str, codes=None, exclude=()):
    return getattr(review.cases(codes, exclude=exclude), rest)


def _indicator_figure(total: IndicatorTotal | None, name: str):
    if total is None:
        raise KeyError(name)
    return getattr(total, name)


def _area_figure(review: Review, rest: str):
    number, _dot, name = rest.partition(".")
    area = review.area(int(number))
    if area is None:
        raise KeyError(rest)
    if name.startswith("total."):
        code, _dot, field_name = name[6:].rpartition(".")
        return _indicator_figure(next((t for t in area.indicators if t.code == code), None), field_name)
    if name.startswith("model."):  # area.<n>.model.<i>.replications
        index, _dot, field_name = name[6:].partition(".")
        return getattr(area.models[int(index)], field_name)
    return getattr(area, name)


_FIGURES = {
    "activities": lambda r, _: r.coordination.activities,
    "joint": lambda r, _: r.coordination.joint,
    "joint_share": lambda r, _: r.coordination.joint_share,
    "top_area_share": lambda r, _: r.coordination.top_area_share,
    "members": lambda r, _: len(r.members),
    "active_areas": lambda r, _: sum(1 for a in r.areas if a.activities),
    "models": lambda r, rest: (
        r.coordination.models_by_status.get("recognized", 0) + r.coordination.models_by_status.get("outstanding", 0)
        if rest == "recognized_all"
        else r.coordination.models_by_status.get(rest, 0)
    ),
    "cases": lambda r, rest: _case_figure(r, rest),
    "focus": lambda r, rest: _case_figure(r, rest, codes=_focus()),
    "others": lambda r, rest: _case_figure(r, rest, exclude=_focus()),
    "tasks": lambda r, rest: len(r.tasks) if rest == "all" else r.tasks_with(rest),
    "targets": lambda r, rest: (
        len(r.planned()) if rest == "all"
        else sum(1 for t in r.planned() if t.met == (rest == "met"))  # met / missed
    ),
    "reports": lambda r, rest: getattr(r, f"reports_{rest}"),  # completeness / timeliness
    "total": lambda r, rest: _indicator_figure(r.total(rest.rpartition(".")[0]), rest.rpartition(".")[2]),
    "area": _area_figure,
}


def figure_text(review: Review, ref: str) -> str:
    """A reference "format:key" as the prose writes it: n (whole count), d<k> (k decimals),
    p<k> (a value already in percent, k decimals: "2,15%"), pct (a ratio as a whole
    percent), money (rounded: "gần 22 tỷ")."""
    fmt, _colon, key = ref.partition(":")
    value = review.figure(key)
    if fmt == "pct":
        return vnformat.percent(value, 0)
    if fmt == "money":
        return vnformat.approx_amount(value)
    if fmt.startswith("p"):
        return f"{vnformat.number(value, int(fmt[1:]))}%"
    if fmt.startswith("d"):
        return vnformat.number(value, int(fmt[1:]))
    return vnformat.number(value)


def figure_exact(review: Review, ref: str) -> str:
    """The same figure exactly, as the list beside a sentence shows it: money in full
    ("21.994.000.000", the sentence says "gần 22 tỷ"), a ratio to one decimal ("24,2%")."""
    fmt, _colon, key = ref.partition(":")
    if fmt == "money":
        return vnformat.number(review.figure(key))
    if fmt == "pct":
        return vnformat.percent(review.figure(key), 1)
    return figure_text(review, ref)


def counting_rule(as_of: dt.date | None) -> str:
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
    # Statements without the figures behind their numbers were drafted into the text then.
    raw["drafted_in_text"] = raw.get("drafted_in_text") or any("refs" not in s for s in raw["statements"])
    area = lambda a: _build(AreaResult, a | {  # noqa: E731
        "indicators": [_build(IndicatorTotal, i) for i in a["indicators"]],
        "named_joint": [_build(NamedActivity, x) for x in a.get("named_joint", [])],
        "models": [_build(NamedModel, x) for x in a.get("models", [])],
    })
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
