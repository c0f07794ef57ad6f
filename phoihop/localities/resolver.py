"""Which administrative unit does a text mean?

`resolve("xã Thanh Hải", parent="huyện Thanh Liêm", on=date(2020, 6, 15), within="Hà Nam")`
answers with scored candidates and a Vietnamese reason for each. Only units in force on
the day compete, so a type word is weighed against the type in force then ("Huyện Kim
Bảng" in 2020 is the huyện, not the later thị xã). Diacritics and case are ignored, but a
name written with its exact marks breaks a tie between names that fold alike (Ba Tô /
Ba Tơ), and a name whose marks differ from every unit's ("Thanh Hả") or one letter off
is only ever a candidate. Abbreviations ("H.", "TP.", "TPHCM"), a type word after the
name ("Thanh Liêm huyện") and an address ("Lam Hạ, Phủ Lý, Hà Nam", read right to left)
are understood. A unit that had ended by the day answers with the unit(s) that carry it
then and the event that ended it ("Tỉnh Hà Nam" in 2026: merged into Tỉnh Ninh Bình).
Former names match with a lower score. Bad input gives status "invalid", never an
exception.

The names are read from an index held in memory (phoihop.localities.index), rebuilt
when the registry changes; `rank` scores units the caller already holds.
"""

import datetime as dt
import functools
import string
import unicodedata
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phoihop.lib.text import fold
from phoihop.lib.vnformat import short_date
from phoihop.localities import index as name_index
from phoihop.localities.models import ChangeEvent, Kind, Level, Lineage, Locality
from phoihop.localities.names import (
    EXACT,
    NEAR,
    ParsedName,
    compare_spelling,
    kinds_from_hint,
    parse_name,
    spelling,
)
from phoihop.localities.selectors import LINEAGE_STEPS

MAX_LENGTH = 200
MAX_CANDIDATES = 20
NAME_SCORE = 100
FORMER_SCORE = 60
NEAR_SCORE = 50  # marks differ from the unit's, or one letter off: a candidate, never chosen
KIND_BONUS = 10  # the type word matches the unit's type
KIND_PENALTY = 10  # same level, another type (xã written, phường in the data)
LEVEL_PENALTY = 40  # the type word names another level
CLEAR_MARGIN = 25  # the best must lead the next by this much to be chosen
MIN_FUZZY_KEY = 4  # shorter names have too many neighbours one letter away
KEY_LETTERS = string.ascii_lowercase + string.digits

MATCHED, AMBIGUOUS, NOT_FOUND, INVALID = "matched", "ambiguous", "not_found", "invalid"


@dataclass(frozen=True)
class Candidate:
    locality: Locality
    score: int
    reason: str
    exact: bool = False  # written with the unit's own marks
    near: bool = False  # a near miss: never chosen on its own
    former: Locality | None = None  # the unit named, ended by the day, that `locality` carries
    event: ChangeEvent | None = None  # the change that ended `former`


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
    def former(self) -> Locality | None:
        """The unit named when it had ended by the day and `best` carries it."""
        return self.candidates[0].former if self.status == MATCHED else None

    @property
    def event(self) -> ChangeEvent | None:
        """The change that ended `former`."""
        return self.candidates[0].event if self.status == MATCHED else None

    @property
    def contenders(self) -> list[Locality]:
        """Candidates close enough to the top to be meant."""
        if not self.candidates:
            return []
        top = self.candidates[0].score
        return [c.locality for c in self.candidates if c.score > top - CLEAR_MARGIN]


def resolve(name, *, kind_hint=None, parent=None, on: dt.date | None = None, within=None) -> Resolution:
    """The unit(s) `name` may mean on day `on` (default today), under `parent` (a
    Locality or a name such as "huyện Thanh Liêm"), inside `within` (a Locality or a
    province's name). `name` may be an address: "Lam Hạ, Phủ Lý, Hà Nam"."""
    problem = invalid_reason(name)
    if problem:
        return Resolution(str(name)[:MAX_LENGTH], INVALID, message=problem)
    for other in (parent, within):
        if isinstance(other, str) and other.strip() and invalid_reason(other):
            return Resolution(str(name), INVALID, message=invalid_reason(other))
    return _resolve(name_index.current(), name, kind_hint, parent, on or timezone.localdate(), within)


def rank(name, units, *, kind_hint=None, parents=None) -> Resolution:
    """Like `resolve`, over `units` the caller already holds (each with its parent chain
    loaded): the same parsing, scoring and decision, no query. Text intake keeps a
    gazetteer in memory and picks the units of the right day and province itself."""
    problem = invalid_reason(name)
    if problem:
        return Resolution(str(name)[:MAX_LENGTH], INVALID, message=problem)
    parsed = _parsed(name, kind_hint)
    keys = _keys(parsed)
    if parents is not None:
        ids = {p.pk for p in parents}
        units = [u for u in units if u.parent_id in ids or (u.parent is not None and u.parent.parent_id in ids)]
    scored = (_score(unit, parsed, keys) for unit in units)
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


def _resolve(index, name: str, kind_hint, parent, day: dt.date, within) -> Resolution:
    if (parent is None or parent == "") and "," in name:
        head, _comma, rest = name.partition(",")
        if fold(head) and fold(rest):  # an address: the first part is the unit, the rest its parents
            name, parent = head.strip(), rest.strip()
    scope = _scope(index, day, within)
    if isinstance(scope, Resolution):
        return _replace_query(scope, name)
    parents = _parents(index, parent, day, within)
    if isinstance(parents, Resolution):
        return _replace_query(parents, name)
    place = _Place(index, day, scope, None if parents is None else frozenset(p.pk for p in parents))
    parsed = _parsed(name, kind_hint)
    keys = _keys(parsed)
    named = index.named(keys)
    candidates = [c for u in named if u.is_valid_on(day) and place.holds(u) and (c := _score(u, parsed, keys))]
    if not _fits(candidates, parsed):
        candidates = _merged(candidates + _carried(named, parsed, keys, place))
    if all(c.near for c in candidates) and len(parsed.key) >= MIN_FUZZY_KEY:
        candidates = _merged(candidates + _one_letter_off(parsed, keys, place))
    return _decide(name, sorted(candidates, key=_order))


@dataclass(frozen=True)
class _Place:
    """Where a candidate must be: under one of `scope` and one of `parents` (ids), when
    given; `day` is the day it must be in force."""

    index: object
    day: dt.date
    scope: frozenset[int] | None
    parents: frozenset[int] | None

    def holds(self, unit: Locality) -> bool:
        up = unit.parent
        if self.scope is not None and not (
            unit.pk in self.scope or unit.parent_id in self.scope or (up is not None and up.parent_id in self.scope)
        ):
            return False
        if self.parents is not None:
            return unit.parent_id in self.parents or (up is not None and up.parent_id in self.parents)
        return True


# --- Scope: date, province, parent -------------------------------------------------------


def _scope(index, day: dt.date, within) -> frozenset[int] | None | Resolution:
    """The unit(s) candidates must lie under: `within` on `day`, or what carries it then."""
    if within is None or within == "":
        return None
    area = _one_unit(index, within, day, kind_hint=Level.PROVINCE, what=_("tỉnh"))
    if isinstance(area, Resolution):
        return area
    if area.valid_to is None or day < area.valid_to:  # not ended by the day
        return frozenset({area.pk})
    carried = {unit.pk for unit, _event in index.successors(area, day, steps=LINEAGE_STEPS)}
    return frozenset(carried or {area.pk})


def _parents(index, parent, day: dt.date, within) -> list[Locality] | Resolution | None:
    if parent is None or parent == "":
        return None
    if isinstance(parent, Locality):
        return [parent]
    found = _resolve(index, parent, None, None, day, within)
    if found.status in (INVALID, NOT_FOUND):
        return Resolution(str(parent), found.status, message=_(
            "Không xác định được đơn vị cấp trên «%(name)s»: %(why)s"
        ) % {"name": parent, "why": found.message})
    return found.contenders


def _one_unit(index, value, day, *, kind_hint, what) -> Locality | Resolution:
    """`value` as exactly one unit of level `kind_hint` (a Level), or a Resolution saying why not."""
    if isinstance(value, Locality):
        return value
    found = _resolve(index, value, kind_hint, None, day, None)
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
        return replace(parsed, kinds=hinted)
    return parsed


def _keys(parsed: ParsedName) -> set[str]:
    return parsed.keys


def _order(candidate: Candidate):
    unit = candidate.locality
    return (-candidate.score, not candidate.exact, unit.level, unit.name, unit.pk)


def _score(unit: Locality, parsed: ParsedName, keys: set[str]) -> Candidate | None:
    exact = near = False
    if unit.name_key in keys:
        written = parsed.spelled_for(unit.name_key)
        how = compare_spelling(written, spelling(unit.short_name))
        exact, near = how == EXACT, how == NEAR
        if near:
            score, reasons = NEAR_SCORE, [_("gần giống tên %(name)s (khác dấu)") % {"name": unit.name}]
        else:
            score, reasons = NAME_SCORE, [_("trùng tên %(name)s") % {"name": unit.name}]
    elif keys & set(unit.former_names):
        score, reasons = FORMER_SCORE, [_("tên cũ của %(name)s") % {"name": unit.name}]
    else:
        return None
    kind_score, kind_reason = _kind_weight(unit, parsed)
    reasons += [kind_reason] if kind_reason else []
    if unit.parent is not None:
        reasons.append(_("thuộc %(parent)s") % {"parent": _parents_text(unit)})
    return Candidate(unit, score + kind_score, "; ".join(reasons), exact=exact, near=near)


def _kind_weight(unit: Locality, parsed: ParsedName) -> tuple[int, str]:
    if not parsed.kinds:
        return 0, ""
    if unit.kind in parsed.kinds:
        return KIND_BONUS, _kind_reason("kind", unit.kind, get_language())
    if unit.level in parsed.levels:
        return -KIND_PENALTY, _kind_reason("other_kind", unit.kind, get_language())
    return -LEVEL_PENALTY, _kind_reason("level", unit.level, get_language())


@functools.cache
def _kind_reason(reason: str, value, language: str | None) -> str:
    """The reason a type word gives, per language: every candidate of a resolve has one,
    and translating the choice's label each time was a tenth of reading a text."""
    if reason == "level":
        return _("khác cấp: %(level)s") % {"level": str(dict(Level.choices).get(value, value)).lower()}
    label = str(dict(Kind.choices).get(value, value)).lower()
    if reason == "kind":
        return _("đúng loại %(kind)s") % {"kind": label}
    return _("khác loại: dữ liệu ghi %(kind)s") % {"kind": label}


def _fits(candidates: list[Candidate], parsed: ParsedName) -> bool:
    """Whether a unit in force answers the text: any (of its type, when it has a type word)."""
    live = [c for c in candidates if not c.near]
    if not parsed.kinds:
        return bool(live)
    return any(c.locality.kind in parsed.kinds for c in live)


def _carried(named: list[Locality], parsed: ParsedName, keys: set[str], place: _Place) -> list[Candidate]:
    """The units in force that carry a unit so named which had ended by the day: each
    scored as the unit named, with the change that ended it."""
    found = []
    for unit in named:
        if unit.valid_to is None or unit.valid_to > place.day:
            continue
        named_as = _score(unit, parsed, keys)
        if named_as is None or named_as.score < FORMER_SCORE:
            continue
        heirs = [(u, e) for u, e in place.index.successors(unit, place.day, steps=LINEAGE_STEPS)
                 if place.holds(u) or (place.parents is not None and u.pk in place.parents)]  # a district now its province
        for rank_, (heir, event) in enumerate(heirs):
            found.append(Candidate(
                heir, named_as.score - min(rank_, 1), _carried_reason(unit, heir, event),
                exact=named_as.exact, near=named_as.near, former=unit, event=event,
            ))
    return found


def _carried_reason(unit: Locality, heir: Locality, event: ChangeEvent | None) -> str:
    values = {"old": unit.name, "new": heir.full_name,
              "date": short_date(event.effective_date if event else unit.valid_to)}
    kind = event.kind if event else ""
    if kind == ChangeEvent.Kind.MERGE:
        text = _("%(old)s đã sáp nhập vào %(new)s từ %(date)s") % values
    elif kind == ChangeEvent.Kind.RENAME:
        text = _("%(old)s đã đổi tên thành %(new)s từ %(date)s") % values
    elif kind in (ChangeEvent.Kind.UPGRADE, ChangeEvent.Kind.REASSIGN):
        text = _("%(old)s đã chuyển thành %(new)s từ %(date)s") % values
    elif kind == ChangeEvent.Kind.SPLIT:
        text = _("%(old)s đã chia tách từ %(date)s; nay là %(new)s") % values
    else:
        text = _("%(old)s hết hiệu lực từ %(date)s; nay thuộc %(new)s") % values
    return f"{text} ({event.legal_basis})" if event and event.legal_basis else text


def _one_letter_off(parsed: ParsedName, keys: set[str], place: _Place) -> list[Candidate]:
    """Units in force whose name is one letter away from the text's: near misses."""
    found = []
    for unit in place.index.named(_edits(parsed.key) - keys):
        if not unit.is_valid_on(place.day) or not place.holds(unit) or unit.name_key == parsed.key:
            continue
        kind_score, kind_reason = _kind_weight(unit, parsed)
        reasons = [_("gần giống tên %(name)s (khác một chữ)") % {"name": unit.name}]
        reasons += [kind_reason] if kind_reason else []
        if unit.parent is not None:
            reasons.append(_("thuộc %(parent)s") % {"parent": _parents_text(unit)})
        found.append(Candidate(unit, NEAR_SCORE + kind_score, "; ".join(reasons), near=True))
    return found


def _edits(key: str) -> set[str]:
    """Every key one deletion, transposition, substitution or insertion from `key`."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in KEY_LETTERS}
    inserts = {a + c + b for a, b in splits for c in KEY_LETTERS}
    return (deletes | transposes | replaces | inserts) - {key}


def _merged(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per unit: the best-scored."""
    best: dict[int, Candidate] = {}
    for candidate in candidates:
        held = best.get(candidate.locality.pk)
        if held is None or candidate.score > held.score:
            best[candidate.locality.pk] = candidate
    return list(best.values())


def _parents_text(unit: Locality) -> str:
    return unit.full_name.split(", ", 1)[1]


def _decide(name: str, candidates: list[Candidate]) -> Resolution:
    if not candidates:
        return Resolution(name, NOT_FOUND, message=_("Không tìm thấy đơn vị hành chính nào có tên này."))
    shown = tuple(candidates[:MAX_CANDIDATES])
    top = candidates[0]
    if top.near:
        return Resolution(name, AMBIGUOUS, shown, _(
            "Không có đơn vị nào đúng tên này; %(count)s đơn vị có tên gần giống, cần chọn."
        ) % {"count": len(candidates)})
    close = [c for c in candidates if c.score > top.score - CLEAR_MARGIN]
    if len(close) == 1:
        return Resolution(name, MATCHED, shown, top.reason)
    exact = [c for c in close if c.exact]
    if len(exact) == 1:
        chosen = exact[0]
        rest = tuple(c for c in candidates[:MAX_CANDIDATES] if c is not chosen)
        return Resolution(name, MATCHED, (chosen, *rest), "; ".join(
            [chosen.reason, _("đúng chính tả có dấu “%(name)s”") % {"name": name}]))
    return Resolution(name, AMBIGUOUS, shown, _(
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
