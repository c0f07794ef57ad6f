"""Hotspot scores: how much grievance a locality carries over a window of time.

The formula (also shown on the hotspot pages). For each case of a locality OPENED
within the window [start, end]:

    points = weight(severity)                       1, 2, 3, 5 for severity 1–4
             × 1.5   if the case is still open at the window's end
             × (1 + min(age_days / 90, 2) × 0.5)    if it is unresolved
             + 2     if it is linked as a recurrence of an earlier case

Each case is scored in the state it was in at the window's end, not today's: its status
and the day it ended are what its dated timeline shows on `end`
(situations.selectors.as_of_state, the helper reviews use), so a case resolved after
`end` is open in that window.
"Open at the window's end": its status on `end` is open.
"Unresolved": open at the window's end, or ended by then as "closed, unresolved".
`age_days`: from the day it was opened to the window's end (still open) or to the day
it closed. Each case's points are rounded to 2 decimals (half up, from the exact
value: 5 × 1.5 × (1 + 15/90 × 0.5) = 8.125 gives 8.13); a locality's score is the sum of
its cases' points, so anyone can recompute it from the listed cases.

The arithmetic is done in whole cents on integers (`points_cents`), so the same formula
written in SQL (`points_sql`, which reviews use to score their cases in the database)
gives the same points to the cent.

Scores are computed for a user ONLY from the cases that user may see
(Case.objects.visible_to), so a sensitive case never changes the score an uninvolved
member sees; a recurrence link counts only when the earlier case is visible too.

Cases are grouped by the unit they carry (pre-reform communes for 2016–2020 cases),
or with `by_2025=True` by the primary 2025 successor of that unit, so the same cases of
Phường Lam Hạ and Phường Tân Hiệp score together under Phường Hà Nam.

The scoring functions work on plain rows (CaseRow) and know nothing of the database;
`hotspot_scores_for_user` is the selector that feeds them.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities.models import Activity
from phoihop.core.access import get_scoped, runs_secretariat_of
from phoihop.hotspots.models import Hotspot
from phoihop.lib import vnformat
from phoihop.localities.models import REFORM_2025
from phoihop.localities.resolver import primary_successor
from phoihop.programs.selectors import program_current_for_committee
from phoihop.situations.models import Case
from phoihop.situations.selectors import as_of_state

SEVERITY_WEIGHTS = {1: 1, 2: 2, 3: 3, 4: 5}
OPEN_FACTOR = Decimal("1.5")
AGE_SCALE_DAYS = 90
AGE_CAP = Decimal(2)
AGE_FACTOR = Decimal("0.5")
RECURRENCE_POINTS = Decimal(2)
CENT = Decimal("0.01")

# Bands color the map, relative to the highest score in view (so any window shows its
# contrast): at least 60% of the top score is "high", at least 30% "medium".
BANDS = [("high", Decimal("0.6")), ("medium", Decimal("0.3")), ("low", Decimal(0))]
# ColorBrewer YlOrRd, 3 classes: sequential in lightness, safe for colour-blind readers
# and in greyscale print. A province without cases is drawn in NO_CASES_COLOR.
BAND_COLORS = {"high": "#f03b20", "medium": "#feb24c", "low": "#ffeda0"}
BAND_LABELS = {"high": "Cao", "medium": "Trung bình", "low": "Thấp"}
NO_CASES_COLOR = "#f7f7f7"

OPEN_STATUSES = frozenset({"new", "assigned", "in_progress"})
CLOSED_UNRESOLVED = "closed_unresolved"


@dataclass(frozen=True)
class CaseRow:
    """What scoring needs of one case, as plain values."""

    pk: int
    title: str
    unit_id: int  # the unit the score groups it under
    severity: int
    status: str
    opened_on: dt.date
    closed_on: dt.date | None = None
    is_recurrence: bool = False
    topic: str = ""


@dataclass(frozen=True)
class CasePoints:
    """One case's contribution, with every factor, so the page can explain it."""

    row: CaseRow
    weight: int
    open_at_end: bool
    unresolved: bool
    age_days: int
    open_factor: Decimal
    age_factor: Decimal
    recurrence_points: Decimal
    points: Decimal


class Banded:
    """A score's band (low, medium, high) against the highest score in view (`top`):
    its color and label, for a locality and a province alike."""

    score: Decimal
    top: Decimal

    @property
    def band(self) -> str:
        return band_for(self.score, self.top)

    @property
    def color(self) -> str:
        return BAND_COLORS[self.band]

    @property
    def band_label(self) -> str:
        return _(BAND_LABELS[self.band])


@dataclass
class LocalityScore(Banded):
    unit_id: int
    cases: list[CasePoints] = field(default_factory=list)
    locality: object = None  # the Locality, attached by the selector
    top: Decimal = Decimal(0)  # the highest score in the same list, for the band

    @property
    def score(self) -> Decimal:
        return sum((c.points for c in self.cases), Decimal(0))

    @property
    def case_count(self) -> int:
        return len(self.cases)

    @property
    def open_count(self) -> int:
        return sum(1 for c in self.cases if c.open_at_end)

    @property
    def recurrence_count(self) -> int:
        return sum(1 for c in self.cases if c.row.is_recurrence)


def band_for(score: Decimal, top: Decimal) -> str:
    if top <= 0:
        return "low"
    return next(name for name, share in BANDS if score >= share * top)


@dataclass(frozen=True)
class LegendClass:
    """One class of the map's legend: its band and the scores it covers."""

    band: str
    low: Decimal
    high: Decimal  # inclusive for the top class, exclusive below

    @property
    def color(self) -> str:
        return BAND_COLORS[self.band]

    @property
    def label(self) -> str:
        return _(BAND_LABELS[self.band])

    @property
    def limits(self) -> str:
        """ "2,70–5,40": written the Vietnamese way, with the scores' two decimals."""
        return f"{vnformat.number(self.low, 2)}–{vnformat.number(self.high, 2)}"


def legend_classes(top: Decimal) -> list[LegendClass]:
    """The bands as score ranges for a list whose highest score is `top`, lowest first."""
    if top <= 0:
        return []
    limits = [(name, (share * top).quantize(CENT, ROUND_HALF_UP)) for name, share in BANDS]
    highs = [top] + [low for _name, low in limits[:-1]]
    return [LegendClass(name, low, high) for (name, low), high in zip(limits, highs, strict=True)][
        ::-1
    ]


def is_open_at(row: CaseRow, day: dt.date) -> bool:
    if row.status in OPEN_STATUSES:
        return True
    return row.closed_on is not None and row.closed_on > day


# The formula over whole numbers: age factor 1 + min(age/90, 2) × 0.5 = (180 + min(age,
# 180)) / 180, open factor 3/2; so points in cents are 100 × weight × N / D with
# N / D one of 1, (180 + m) / 180 and 3 (180 + m) / 360, rounded half up.
AGE_DAYS_CAP = int(AGE_SCALE_DAYS * AGE_CAP)  # 180: the age factor stops growing there
RECURRENCE_CENTS = int(RECURRENCE_POINTS * 100)


def points_cents(weight: int, open_at_end: bool, unresolved: bool, age_days: int) -> int:
    """A case's points in whole cents without the recurrence bonus, rounded half up from
    the exact value (integers only, as points_sql computes them)."""
    if not unresolved:
        return 100 * weight
    capped = AGE_DAYS_CAP + min(age_days, AGE_DAYS_CAP)
    if open_at_end:  # 100 × w × 3/2 × capped/180, half up: ⌊(600·w·capped + 360) / 720⌋
        return (600 * weight * capped + 360) // 720
    return (200 * weight * capped + 180) // 360  # 100 × w × capped/180, half up


def cents(value: int) -> Decimal:
    """Whole cents as a Decimal of two places: 813 → Decimal("8.13")."""
    return Decimal(value).scaleb(-2)


def case_points(row: CaseRow, end: dt.date) -> CasePoints:
    """The points `row` adds to its locality's score for a window ending on `end`."""
    weight = SEVERITY_WEIGHTS.get(row.severity, SEVERITY_WEIGHTS[2])
    open_at_end = is_open_at(row, end)
    unresolved = open_at_end or row.status == CLOSED_UNRESOLVED
    last_day = end if open_at_end or row.closed_on is None else row.closed_on
    age_days = max((last_day - row.opened_on).days, 0)
    open_factor = OPEN_FACTOR if open_at_end else Decimal(1)
    age_factor = Decimal(1)
    if unresolved:
        age_factor = 1 + min(Decimal(age_days) / AGE_SCALE_DAYS, AGE_CAP) * AGE_FACTOR
    recurrence = RECURRENCE_POINTS if row.is_recurrence else Decimal(0)
    points = cents(
        points_cents(weight, open_at_end, unresolved, age_days)
        + (RECURRENCE_CENTS if row.is_recurrence else 0)
    )
    return CasePoints(
        row,
        weight,
        open_at_end,
        unresolved,
        age_days,
        open_factor,
        age_factor.quantize(Decimal("0.001"), ROUND_HALF_UP),
        recurrence,
        points,
    )


def score_cases(rows: Iterable[CaseRow], start: dt.date, end: dt.date) -> list[LocalityScore]:
    """Scores per unit from the rows opened within [start, end], highest first."""
    scores: dict[int, LocalityScore] = {}
    for row in rows:
        if not start <= row.opened_on <= end:
            continue
        entry = scores.setdefault(row.unit_id, LocalityScore(row.unit_id))
        entry.cases.append(case_points(row, end))
    for entry in scores.values():
        entry.cases.sort(key=lambda c: (-c.points, c.row.opened_on, c.row.pk))
    ranked = sorted(scores.values(), key=lambda s: (-s.score, s.unit_id))
    for entry in ranked:
        entry.top = ranked[0].score
    return ranked


def points_sql(vendor: str, end: dt.date, *, severity: str, status: str, opened: str, closed: str):
    """(sql, params): points_cents of one case row as a SQL expression over its columns
    (`status`, `closed` as the case stood on `end`; see as_of_state), integers only, so
    it gives the cents Python gives. The recurrence bonus is not included."""
    open_statuses = ", ".join(f"'{status_}'" for status_ in sorted(OPEN_STATUSES))
    is_open = f"({status} IN ({open_statuses}) OR ({closed} IS NOT NULL AND {closed} > %s))"
    last_day = f"(CASE WHEN {is_open} OR {closed} IS NULL THEN %s ELSE {closed} END)"
    if vendor == "postgresql":
        age = f"({last_day} - {opened})"
        day = end
    else:  # SQLite keeps dates as ISO text
        age = f"CAST(julianday({last_day}) - julianday({opened}) AS INTEGER)"
        day = end.isoformat()
    whens = " ".join(f"WHEN {level} THEN {weight}" for level, weight in SEVERITY_WEIGHTS.items())
    weight = f"(CASE {severity} {whens} ELSE {SEVERITY_WEIGHTS[2]} END)"
    cap = AGE_DAYS_CAP
    capped = (
        f"({cap} + (CASE WHEN {age} <= 0 THEN 0 WHEN {age} >= {cap} THEN {cap} ELSE {age} END))"
    )
    sql = (
        f"(CASE WHEN {is_open} THEN (600 * {weight} * {capped} + 360) / 720 "
        f"WHEN {status} = '{CLOSED_UNRESOLVED}' THEN (200 * {weight} * {capped} + 180) / 360 "
        f"ELSE 100 * {weight} END)"
    )
    # Each %s is the window's end: is_open twice (once in last_day), last_day once more.
    return sql, [day] * sql.count("%s")


def marker_radius(score: Decimal) -> float:
    """Circle size on the map: grows with the square root of the score, capped."""
    return round(6 + min(float(score) ** 0.5 * 2.2, 22), 1)


# --- The selector ----------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date


def default_window(committee) -> Window:
    """The committee's current program period, else the last twelve months."""
    program = program_current_for_committee(committee)
    if program is not None:
        return Window(program.period_start, program.period_end)
    end = timezone.localdate()
    if committee.valid_to and committee.valid_to <= end:
        end = committee.valid_to - dt.timedelta(days=1)
    return Window(end - dt.timedelta(days=365), end)


def _unit_mapper(by_2025: bool):
    """unit → the unit it is grouped under (itself, or its primary 2025 successor)."""
    day = max(timezone.localdate(), REFORM_2025)
    cache: dict[int, object] = {}

    def unit_for(locality):
        if not by_2025:
            return locality
        if locality.pk not in cache:
            cache[locality.pk] = primary_successor(locality, on=day) or locality
        return cache[locality.pk]

    return unit_for


def hotspot_scores_for_user(
    user, committee, *, start: dt.date, end: dt.date, topic=None, by_2025: bool = False
) -> list[LocalityScore]:
    """Scores of `committee`'s localities from the cases `user` may see, highest first.

    Each LocalityScore carries `.locality` (with parent and grandparent loaded) and its
    contributing cases with their points.
    """
    visible = Case.objects.visible_to(user).filter(committee=committee)
    cases = visible.filter(opened_on__gte=start, opened_on__lte=end)
    if topic is not None:
        cases = cases.filter(topic=topic)
    cases = as_of_state(cases, as_of=end)  # each case as it stood at the window's end
    cases = list(cases.select_related("topic", "locality__parent__parent"))
    earlier_ids = {c.recurrence_of_id for c in cases if c.recurrence_of_id}
    seen_earlier = set(visible.filter(pk__in=earlier_ids).values_list("pk", flat=True))
    unit_for = _unit_mapper(by_2025)
    units, rows = {}, []
    for case in cases:
        unit = unit_for(case.locality)
        units[unit.pk] = unit
        rows.append(_row(case, unit.pk, case.recurrence_of_id in seen_earlier))
    scores = score_cases(rows, start, end)
    for entry in scores:
        entry.locality = units[entry.unit_id]
    return scores


def _row(case, unit_id: int, is_recurrence: bool) -> CaseRow:
    """`case` as annotated by as_of_state: its status and end on the window's last day."""
    return CaseRow(
        pk=case.pk,
        title=case.title,
        unit_id=unit_id,
        severity=case.severity,
        status=case.status_then,
        opened_on=case.opened_on,
        closed_on=case.closed_then,
        is_recurrence=is_recurrence,
        topic=case.topic.name,
    )


def score_for_locality(scores: list[LocalityScore], locality) -> LocalityScore:
    """The entry of `locality` in `scores`, or an empty one (score 0)."""
    for entry in scores:
        if entry.unit_id == locality.pk:
            return entry
    return LocalityScore(locality.pk, locality=locality)


def district_name(locality) -> str:
    parent = getattr(locality, "parent", None)
    return parent.name if parent is not None else ""


@dataclass
class ProvinceScore(Banded):
    """The scores of one 2025 province: the sum of its localities' (so of the same
    visible cases' points), banded against the highest province in view."""

    code: str
    name: str
    entries: list[LocalityScore] = field(default_factory=list)
    top: Decimal = Decimal(0)

    @property
    def score(self) -> Decimal:
        return sum((e.score for e in self.entries), Decimal(0))

    @property
    def case_count(self) -> int:
        return sum(e.case_count for e in self.entries)

    @property
    def open_count(self) -> int:
        return sum(e.open_count for e in self.entries)


def province_scores(scores: list[LocalityScore]) -> list[ProvinceScore]:
    """`scores` summed by the 2025 province each locality lies in (or went into), highest
    first; a province without a recorded successor stands for itself. Localities whose
    province is unknown are left out."""
    day = max(timezone.localdate(), REFORM_2025)
    provinces: dict[int, ProvinceScore] = {}
    successor: dict[int, object] = {}
    for entry in scores:
        province = _province_of(entry.locality)
        if province is None:
            continue
        if province.pk not in successor:
            successor[province.pk] = primary_successor(province, on=day) or province
        current = successor[province.pk]
        group = provinces.setdefault(current.pk, ProvinceScore(current.code, current.name))
        group.entries.append(entry)
    ranked = sorted(provinces.values(), key=lambda p: (-p.score, p.code))
    for group in ranked:
        group.top = ranked[0].score
    return ranked


def _province_of(locality):
    """The level-1 ancestor of `locality` (itself for a province), from loaded parents."""
    unit, steps = locality, 0
    while unit is not None and unit.level != 1 and steps < 3:
        unit, steps = unit.parent, steps + 1
    return unit if unit is not None and unit.level == 1 else None


def map_data(scores: list[LocalityScore], case_list_url, provinces=None) -> dict:
    """What map.js draws, as plain JSON-able data (rendered with json_script).

    `case_list_url(entry)` gives the link to the filtered case list of one entry;
    `provinces` (province_scores of the same scores) is computed when not given.
    Only scored localities with coordinates appear; nothing but names, numbers and
    links: no case titles, so nothing a popup shows goes beyond the user's own view.
    """
    points = []
    for entry in scores:
        unit = entry.locality
        if unit is None or unit.latitude is None or unit.longitude is None:
            continue
        points.append(
            {
                "id": unit.pk,
                "name": unit.name,
                "district": district_name(unit),
                "lat": unit.latitude,
                "lon": unit.longitude,
                "score": str(entry.score),
                "band": entry.band,
                "color": BAND_COLORS[entry.band],
                "radius": marker_radius(entry.score),
                "cases": entry.case_count,
                "open": entry.open_count,
                "url": case_list_url(entry),
            }
        )
    provinces = [
        {
            "code": group.code,
            "name": group.name,
            "score": str(group.score),
            "band": group.band,
            "color": group.color,
            "cases": group.case_count,
            "open": group.open_count,
        }
        for group in (province_scores(scores) if provinces is None else provinces)
    ]
    view = "national" if len(provinces) > 1 else "province"
    return {"points": points, "provinces": provinces, "view": view, "no_cases": NO_CASES_COLOR}


# --- Designated hotspots: who may see and decide ----------------------------------------


def can_decide_hotspots(user, committee) -> bool:
    """Designating and lifting is the committee's secretariat's decision."""
    return runs_secretariat_of(user, committee)


def hotspots_for_user(user, committee=None):
    hotspots = Hotspot.objects.visible_to(user).select_related(
        "committee", "locality__parent", "designated_by", "lifted_by"
    )
    if committee is not None:
        hotspots = hotspots.filter(committee=committee)
    return hotspots


def hotspots_with_response_counts(user, committee):
    """The committee's hotspots, each with `response_count`: the response activities
    `user` may see (Activity.objects.visible_to), never the ones hidden from them."""
    visible = Activity.objects.visible_to(user).values("pk")
    return hotspots_for_user(user, committee).annotate(
        response_count=Count("responses", filter=Q(responses__in=visible), distinct=True)
    )


def get_hotspot_for_user(user, pk, *, write: bool = False):
    return get_scoped(
        hotspots_for_user(user),
        pk,
        write=write,
        can_write=lambda hotspot: can_decide_hotspots(user, hotspot.committee),
    )


def hotspot_decisions(hotspot) -> list:
    """Every designation of the same locality by the same committee, newest first."""
    return list(
        Hotspot.objects.filter(committee_id=hotspot.committee_id, locality_id=hotspot.locality_id)
        .select_related("designated_by", "lifted_by")
        .order_by("-designated_on", "-pk")
    )
