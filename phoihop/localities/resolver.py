"""Which administrative unit does a text mean?

`resolve("xã Thanh Hải", parent="huyện Thanh Liêm", on=date(2020, 6, 15), within="Hà Nam")`
answers with scored candidates and a Vietnamese reason for each. Diacritics and case are
ignored; type words ("xã", "thị xã"…) are weighed, not required, because a text's type
words are what was true on its date (Huyện Kim Bảng in 2020 is Thị xã Kim Bảng in the
data). Former names match with a lower score. Bad input gives status "invalid", never an
exception.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.localities.models import Level, Lineage, Locality
from phoihop.localities.names import ParsedName, kinds_from_hint, parse_name

MAX_LENGTH = 200
MAX_CANDIDATES = 20
NAME_SCORE = 100
FORMER_SCORE = 60
KIND_BONUS = 10  # the type word matches the unit's type
KIND_PENALTY = 10  # same level, another type (xã written, phường in the data)
LEVEL_PENALTY = 40  # the type word names another level
CLEAR_MARGIN = 25  # the best must lead the next by this much to be chosen

MATCHED, AMBIGUOUS, NOT_FOUND, INVALID = "matched", "ambiguous", "not_found", "invalid"


@dataclass(frozen=True)
class Candidate:
    locality: Locality
    score: int
    reason: str


@dataclass(frozen=True)
class Resolution:
    query: str
    status: str
    candidates: tuple[Candidate, ...] = ()
    message: str = ""

    @property
    def best(self) -> Locality | None:
        """The unit meant, only when the answer is unambiguous."""
        return self.candidates[0].locality if self.status == MATCHED else None

    @property
    def contenders(self) -> list[Locality]:
        """Candidates close enough to the top to be meant."""
        if not self.candidates:
            return []
        top = self.candidates[0].score
        return [c.locality for c in self.candidates if c.score > top - CLEAR_MARGIN]


def resolve(name, *, kind_hint=None, parent=None, on: dt.date | None = None, within=None) -> Resolution:
    """The unit(s) `name` may mean on day `on` (default today), under `parent` (a
    Locality or a name such as "huyện Thanh Liêm"), inside province `within`."""
    problem = invalid_reason(name)
    if problem:
        return Resolution(str(name)[:MAX_LENGTH], INVALID, message=problem)
    day = on or timezone.localdate()
    scope = _scope(day, within)
    if isinstance(scope, Resolution):
        return _replace_query(scope, name)
    parents = _parents(parent, day, within)
    if isinstance(parents, Resolution):
        return _replace_query(parents, name)
    parsed = _parsed(name, kind_hint)
    return _decide(name, _candidates(parsed, scope, parents))


def rank(name, units, *, kind_hint=None, parents=None) -> Resolution:
    """Like `resolve`, over `units` the caller already holds (each with its parent chain
    loaded): the same parsing, scoring and decision, no query. Text intake keeps a
    gazetteer in memory and picks the units of the right day and province itself."""
    problem = invalid_reason(name)
    if problem:
        return Resolution(str(name)[:MAX_LENGTH], INVALID, message=problem)
    parsed = _parsed(name, kind_hint)
    keys = {k for k in (parsed.key, parsed.full_key) if k}
    if parents is not None:
        ids = {p.pk for p in parents}
        units = [u for u in units if u.parent_id in ids or (u.parent is not None and u.parent.parent_id in ids)]
    scored = (_score(unit, parsed, keys, parents) for unit in units)
    return _decide(name, sorted((c for c in scored if c), key=_order))


def invalid_reason(name) -> str:
    """Why `name` cannot be a unit name (Vietnamese), or "" when it may be one."""
    if not isinstance(name, str) or not name.strip():
        return _("Tên địa bàn đang trống.")
    if len(name) > MAX_LENGTH:
        return _("Tên địa bàn quá dài (tối đa %(max)s ký tự).") % {"max": MAX_LENGTH}
    letters = [ch for ch in name if ch.isalpha()]
    if any(not unicodedata.name(ch, "").startswith("LATIN") for ch in letters):
        return _("Tên địa bàn chứa chữ không phải chữ tiếng Việt (ví dụ chữ Kirin hay chữ Hán).")
    if not parse_name(name).full_key:
        return _("Tên địa bàn không có chữ cái hay chữ số nào.")
    return ""


# --- Scope: date, province, parent -------------------------------------------------------


def _scope(day: dt.date, within) -> QuerySet | Resolution:
    units = Locality.objects.valid_on(day).select_related("parent__parent")
    if within is None or within == "":
        return units
    province = _one_unit(within, day, kind_hint=Level.PROVINCE, what=_("tỉnh"))
    if isinstance(province, Resolution):
        return province
    return units.within(province)


def _parents(parent, day: dt.date, within) -> list[Locality] | Resolution | None:
    if parent is None or parent == "":
        return None
    if isinstance(parent, Locality):
        return [parent]
    found = resolve(parent, on=day, within=within)
    if found.status in (INVALID, NOT_FOUND):
        return Resolution(str(parent), found.status, message=_(
            "Không xác định được đơn vị cấp trên «%(name)s»: %(why)s"
        ) % {"name": parent, "why": found.message})
    return found.contenders


def _one_unit(value, day, *, kind_hint, what) -> Locality | Resolution:
    """`value` as exactly one unit of level `kind_hint` (a Level), or a Resolution saying why not."""
    if isinstance(value, Locality):
        return value
    found = resolve(value, kind_hint=kind_hint, on=day)
    units = [unit for unit in found.contenders if unit.level == kind_hint]
    if len(units) == 1:
        return units[0]
    why = found.message if found.status in (INVALID, NOT_FOUND) else _("có nhiều đơn vị trùng tên")
    if found.status == AMBIGUOUS and not units:
        why = _("không phải tên một %(what)s") % {"what": what}
    return Resolution(str(value), INVALID if found.status == INVALID else NOT_FOUND, message=_(
        "Không xác định được %(what)s «%(name)s»: %(why)s"
    ) % {"what": what, "name": value, "why": why})


def _replace_query(resolution: Resolution, name) -> Resolution:
    return Resolution(str(name)[:MAX_LENGTH], resolution.status, (), resolution.message)


# --- Matching and scoring ----------------------------------------------------------------


def _parsed(name: str, kind_hint) -> ParsedName:
    parsed = parse_name(name)
    hinted = kinds_from_hint(kind_hint)
    if hinted and not parsed.kinds:
        return ParsedName(parsed.text, hinted, parsed.key, parsed.full_key)
    return parsed


def _candidates(parsed: ParsedName, scope: QuerySet, parents: list[Locality] | None) -> list[Candidate]:
    keys = {k for k in (parsed.key, parsed.full_key) if k}
    matches = Q(name_key__in=keys)
    for key in keys:
        matches |= Q(search_text__contains=f"| {key}")
    units = scope.filter(matches)
    if parents is not None:
        ids = [p.pk for p in parents]
        units = units.filter(Q(parent_id__in=ids) | Q(parent__parent_id__in=ids))
    scored = (_score(unit, parsed, keys, parents) for unit in units[:500])
    return sorted((c for c in scored if c), key=_order)


def _order(candidate: Candidate):
    unit = candidate.locality
    return (-candidate.score, unit.level, unit.name, unit.pk)


def _score(unit: Locality, parsed: ParsedName, keys: set[str], parents) -> Candidate | None:
    if unit.name_key in keys:
        score, reasons = NAME_SCORE, [_("trùng tên %(name)s") % {"name": unit.name}]
    elif keys & set(unit.former_names):
        score, reasons = FORMER_SCORE, [_("tên cũ của %(name)s") % {"name": unit.name}]
    else:
        return None
    kind_score, kind_reason = _kind_weight(unit, parsed)
    reasons += [kind_reason] if kind_reason else []
    if unit.parent is not None:
        reasons.append(_("thuộc %(parent)s") % {"parent": _parents_text(unit)})
    return Candidate(unit, score + kind_score, "; ".join(reasons))


def _kind_weight(unit: Locality, parsed: ParsedName) -> tuple[int, str]:
    if not parsed.kinds:
        return 0, ""
    if unit.kind in parsed.kinds:
        return KIND_BONUS, _("đúng loại %(kind)s") % {"kind": unit.get_kind_display().lower()}
    if unit.level in parsed.levels:
        return -KIND_PENALTY, _("khác loại: dữ liệu ghi %(kind)s") % {"kind": unit.get_kind_display().lower()}
    return -LEVEL_PENALTY, _("khác cấp: %(level)s") % {"level": unit.get_level_display().lower()}


def _parents_text(unit: Locality) -> str:
    return unit.full_name.split(", ", 1)[1]


def _decide(name: str, candidates: list[Candidate]) -> Resolution:
    if not candidates:
        return Resolution(name, NOT_FOUND, message=_("Không tìm thấy đơn vị hành chính nào có tên này."))
    if len(candidates) == 1 or candidates[0].score - candidates[1].score >= CLEAR_MARGIN:
        return Resolution(name, MATCHED, tuple(candidates[:MAX_CANDIDATES]), candidates[0].reason)
    return Resolution(name, AMBIGUOUS, tuple(candidates[:MAX_CANDIDATES]), _(
        "Có %(count)s đơn vị có thể khớp; cần nêu rõ đơn vị cấp trên hoặc loại đơn vị."
    ) % {"count": len(candidates)})


# --- Successors --------------------------------------------------------------------------


def successors(locality: Locality, *, on: dt.date | None = None) -> list[Locality]:
    """The unit(s) that carry `locality` on day `on` (default today), primary first:
    `[locality]` while it is in force, else its successors, followed through Lineage."""
    day = on or timezone.localdate()
    result: list[Locality] = []
    _collect(locality, day, result, seen=set())
    return result


def _collect(unit: Locality, day: dt.date, result: list[Locality], seen: set[int]) -> None:
    if unit.pk in seen:
        return
    seen.add(unit.pk)
    if unit.is_valid_on(day):
        result.append(unit)
        return
    for link in _links_from(unit, day):
        _collect(link.successor, day, result, seen)


def _links_from(unit: Locality, day: dt.date) -> QuerySet[Lineage]:
    return (
        Lineage.objects.filter(predecessor=unit, successor__isnull=False, event__effective_date__lte=day)
        .select_related("successor__parent__parent")
        .order_by("-is_primary", "successor__level", "successor__name")
    )


def primary_successor(locality: Locality, *, on: dt.date | None = None) -> Locality | None:
    """The one unit `locality` counts toward on day `on` (itself while in force)."""
    day = on or timezone.localdate()
    unit, seen = locality, set()
    while unit is not None and not unit.is_valid_on(day) and unit.pk not in seen:
        seen.add(unit.pk)
        link = _links_from(unit, day).filter(is_primary=True).first()
        unit = link.successor if link else None
    return unit if unit is not None and unit.is_valid_on(day) else None
