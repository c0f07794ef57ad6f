"""Names in a workbook → records of the program: members, content areas, tasks, places.

Everything is read once per import; places go through the resolver, cached per name
and per stretch of time in which the province's units did not change.
"""

import bisect
import datetime as dt
import re
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from phoihop.lib.text import fold
from phoihop.localities.models import Locality
from phoihop.localities.resolver import AMBIGUOUS, MATCHED, resolve
from phoihop.organizations.models import Organization
from phoihop.programs.models import Indicator, Task
from phoihop.workbooks.cells import CellProblem

_CODE = re.compile(r"^\d{2,6}$")
_NAME_WITH_CODE = re.compile(r"^.*\((\d{2,6})\)\s*$")
MAX_CANDIDATES_SHOWN = 5


def _org_keys(org: Organization) -> set[str]:
    return {fold(n) for n in (org.name, org.short_name, *org.aliases) if n and fold(n)}


class MemberLookup:
    """A member by full name, short name or alias, without diacritics or case."""

    def __init__(self, program):
        self.members = {
            m.organization_id: m for m in program.members.select_related("organization")
        }
        self.keys: dict[str, set[int]] = defaultdict(set)
        for member in self.members.values():
            for key in _org_keys(member.organization):
                self.keys[key].add(member.organization_id)
        committee = program.committee
        others = Organization.objects.filter(
            Q(memberships__committee=committee) | Q(hosted_committees=committee)
        ).exclude(pk__in=self.members)
        self.non_members = {key for org in others for key in _org_keys(org)}
        self.folded: dict[str, str] = {}  # the names of a file repeat: fold each once

    def _folded(self, text: str) -> str:
        if text not in self.folded:
            self.folded[text] = fold(text)
        return self.folded[text]

    def find(self, text: str, day: dt.date | None) -> int:
        found = self.keys.get(self._folded(text), set())
        if len(found) > 1:
            raise CellProblem(
                _("“%(name)s” trùng tên với nhiều tổ chức thành viên; hãy ghi tên đầy đủ.")
                % {"name": text}
            )
        if not found:
            if self._folded(text) in self.non_members:
                raise CellProblem(
                    _("“%(name)s” không phải thành viên chương trình.") % {"name": text}
                )
            raise CellProblem(
                _("Không tìm thấy tổ chức thành viên “%(name)s” (xem trang Hướng dẫn).")
                % {"name": text}
            )
        (pk,) = found
        if day is not None and not self.members[pk].is_member_on(day):
            raise CellProblem(
                _("“%(name)s” không là thành viên chương trình vào ngày %(day)s.")
                % {"name": text, "day": f"{day:%d/%m/%Y}"}
            )
        return pk


class ProgramLookup:
    """Content areas by number, tasks by "number/year", indicators by header."""

    def __init__(self, program):
        self.areas = dict(program.content_areas.values_list("number", "pk"))
        tasks = Task.objects.filter(plan__program=program).values_list("number", "plan__year", "pk")
        self.tasks = {(number, year): pk for number, year, pk in tasks}
        self.indicators = {i.pk: i for i in Indicator.objects.all()}

    def area(self, number: int) -> int:
        if number not in self.areas:
            raise CellProblem(
                _("Không có nội dung phối hợp số %(n)s (chương trình có các số %(all)s).")
                % {"n": number, "all": ", ".join(map(str, sorted(self.areas)))}
            )
        return self.areas[number]

    def task(self, number: int, year: int) -> int:
        if (number, year) not in self.tasks:
            raise CellProblem(
                _("Không có nhiệm vụ số %(n)s trong kế hoạch năm %(year)s.")
                % {"n": number, "year": year}
            )
        return self.tasks[(number, year)]


class LocalityLookup:
    """A place inside the committee's area, by administrative code or by name, as it
    was on the activity's date."""

    def __init__(self, scope: Locality):
        self.scope = scope
        units = list(Locality.objects.in_force_within(scope))
        self.by_code: dict[str, list[Locality]] = defaultdict(list)
        for unit in units:
            self.by_code[unit.code].append(unit)
        self.bounds = sorted({d for u in units for d in (u.valid_from, u.valid_to) if d})
        self.cache: dict[tuple[str, int], int | CellProblem] = {}
        self.folded: dict[str, str] = {}

    def find(self, text: str, day: dt.date) -> int:
        if text not in self.folded:
            self.folded[text] = fold(text)
        key = (self.folded[text], bisect.bisect_right(self.bounds, day))
        if key not in self.cache:
            try:
                self.cache[key] = self._find(text, day)
            except CellProblem as problem:
                self.cache[key] = problem
        found = self.cache[key]
        if isinstance(found, CellProblem):
            raise found
        return found

    def _find(self, text: str, day: dt.date) -> int:
        code = text if _CODE.match(text) else None
        if code is None and (match := _NAME_WITH_CODE.match(text)):
            code = match.group(1)
        if code is not None:
            return self._by_code(code, day)
        name, _comma, parent = text.partition(",")
        found = resolve(name.strip(), parent=parent.strip() or None, on=day, within=self.scope)
        if found.status == MATCHED:
            return found.best.pk
        if found.status == AMBIGUOUS:
            names = "; ".join(c.locality.full_name for c in found.candidates[:MAX_CANDIDATES_SHOWN])
            raise CellProblem(
                _(
                    "“%(name)s” có thể là: %(names)s. Hãy ghi mã đơn vị, hoặc thêm tên "
                    "huyện sau dấu phẩy."
                )
                % {"name": text, "names": names}
            )
        raise CellProblem(
            _("Không tìm thấy địa bàn “%(name)s” thuộc %(scope)s vào ngày %(day)s.")
            % {"name": text, "scope": self.scope.name, "day": f"{day:%d/%m/%Y}"}
        )

    def _by_code(self, code: str, day: dt.date) -> int:
        units = [u for u in self.by_code.get(code, []) if u.is_valid_on(day)]
        if len(units) != 1:
            raise CellProblem(
                _("Không có đơn vị hành chính mã %(code)s thuộc %(scope)s vào ngày %(day)s.")
                % {"code": code, "scope": self.scope.name, "day": f"{day:%d/%m/%Y}"}
            )
        return units[0].pk
