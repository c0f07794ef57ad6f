"""The home page's overview: the user's committee, its members, program, localities and
the hotspots it has designated (the ones in force, as the hotspot register lists them);
and "Việc cần làm", the steps waiting on the user."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import Role
from phoihop.activities.models import Activity, ActivityStatus, Participation, ParticipationStatus
from phoihop.activities.selectors import activities_for_review, pending_for_user
from phoihop.hotspots.models import Hotspot
from phoihop.hotspots.selectors import hotspots_for_user
from phoihop.localities.models import Level, Locality
from phoihop.localities.selectors import localities_now_for
from phoihop.organizations.models import Committee, Membership, Position
from phoihop.organizations.selectors import committees_for_user
from phoihop.programs.models import Program
from phoihop.programs.selectors import program_current_for_committee
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.reporting.periods import period_label
from phoihop.reporting.selectors import own_reports
from phoihop.reviews.models import Contribution
from phoihop.reviews.selectors import reviews_open_for_contribution
from phoihop.situations.models import Case, CaseStatus

WRITER_ROLES = {Role.FOCAL_POINT, Role.SECRETARIAT}

# Distinct, print-friendly colors for districts on the map (cycled past ten).
DISTRICT_COLORS = [
    "#1f77b4",
    "#e07b00",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
    "#393b79",
]


@dataclass
class MemberRow:
    membership: Membership
    focal_points: list[str] = field(default_factory=list)

    @property
    def organization(self):
        return self.membership.organization


@dataclass
class DistrictGroup:
    name: str
    color: str
    is_district: bool
    communes: list[Locality] = field(default_factory=list)
    highlighted: list[Locality] = field(default_factory=list)


@dataclass
class HomeOverview:
    committee: Committee | None
    committees: list[Committee]
    scope_day: dt.date | None = None
    program: Program | None = None
    members: list[MemberRow] = field(default_factory=list)
    districts: list[DistrictGroup] = field(default_factory=list)
    hotspots: list[Hotspot] = field(default_factory=list)

    @property
    def other_committees(self) -> list[Committee]:
        return [c for c in self.committees if c != self.committee]

    @property
    def focal_point_count(self) -> int:
        return sum(len(row.focal_points) for row in self.members)

    @property
    def commune_count(self) -> int:
        return sum(len(group.communes) for group in self.districts)

    @property
    def has_districts(self) -> bool:
        return any(group.is_district for group in self.districts)

    @property
    def highlighted_count(self) -> int:
        """The designations in force, as many as the hotspot register lists, even those
        of a unit not on this map (a 2025 unit while the map shows the last valid day)."""
        return len(self.hotspots)

    @property
    def committee_ended(self) -> bool:
        valid_to = self.committee and self.committee.valid_to
        return bool(valid_to and valid_to <= timezone.localdate())

    @property
    def program_ended(self) -> bool:
        return bool(self.program and self.program.period_end < timezone.localdate())

    @property
    def map_data(self) -> dict:
        """What the map script draws (rendered with json_script, so escaped)."""
        hot = {unit.pk for group in self.districts for unit in group.highlighted}
        points = []
        for group in self.districts:
            for unit in group.communes:
                if unit.latitude is None or unit.longitude is None:
                    continue
                points.append(
                    {
                        "name": unit.name,
                        "district": group.name,
                        "lat": unit.latitude,
                        "lon": unit.longitude,
                        "color": group.color,
                        "highlighted": unit.pk in hot,
                    }
                )
        return {"points": points}


def _scope_day(committee: Committee) -> dt.date:
    """The committee's last valid day, or today while it is in force."""
    today = timezone.localdate()
    if committee.valid_to and committee.valid_to <= today:
        return committee.valid_to - dt.timedelta(days=1)
    return today


def _members(committee: Committee, day: dt.date) -> list[MemberRow]:
    memberships = committee.memberships.select_related("organization").order_by(
        "order", "organization__name"
    )
    rows = {m.organization_id: MemberRow(m) for m in memberships}
    focal = (
        Position.objects.filter(is_focal_point=True, organization_id__in=rows)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("person")
        .order_by("person__full_name")
    )
    for position in focal:
        names = rows[position.organization_id].focal_points
        if position.person.full_name not in names:
            names.append(position.person.full_name)
    return list(rows.values())


def _hotspots(user, committee: Committee) -> list[Hotspot]:
    """The committee's designations in force: the register's "Đang là địa bàn trọng điểm" list."""
    return list(hotspots_for_user(user, committee).filter(lifted_on__isnull=True))


def _districts(committee: Committee, day: dt.date, hot: set[int]) -> list[DistrictGroup]:
    """The communes of the committee's locality in force on `day`, grouped by district;
    those in `hot` (designated hotspots) also in their group's `highlighted`."""
    communes = (
        Locality.objects.within(committee.locality)
        .valid_on(day)
        .filter(level=Level.COMMUNE)
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    groups: dict[int | None, DistrictGroup] = {}
    for unit in communes:
        group = groups.get(unit.parent_id)
        if group is None:
            color = DISTRICT_COLORS[len(groups) % len(DISTRICT_COLORS)]
            parent = unit.parent
            is_district = parent is not None and parent.level == Level.DISTRICT
            name = parent.name if parent else unit.name
            group = groups[unit.parent_id] = DistrictGroup(name, color, is_district)
        group.communes.append(unit)
        if unit.pk in hot:
            group.highlighted.append(unit)
    return list(groups.values())


def home_overview_for_user(user) -> HomeOverview:
    committees = list(committees_for_user(user))
    if not committees:
        return HomeOverview(committee=None, committees=[])
    today = timezone.localdate()
    current = [c for c in committees if c.valid_to is None or c.valid_to > today]
    committee = (current or committees)[0]
    day = _scope_day(committee)
    hotspots = _hotspots(user, committee)
    # A designation of 2019 on Xã Tân Sơn marks Phường Tân Sơn on a map of 2025.
    standing = localities_now_for([h.locality for h in hotspots], day)
    hot = {unit.pk for units in standing.values() for unit in units}
    return HomeOverview(
        committee=committee,
        committees=committees,
        scope_day=day,
        program=program_current_for_committee(committee),
        members=_members(committee, day),
        districts=_districts(committee, day, hot),
        hotspots=hotspots,
    )


# --- Việc cần làm: the steps that wait on the user ---------------------------------------
# Derived from the records' state, never from notifications: a to-do is there while the
# step waits and gone once it is done (a partner answered, the activity confirmed, the
# case closed, the report submitted…). Every source starts from the user's scoped reads.

TODO_SHOWN = 5
REPORT_DUE_DAYS = 3


@dataclass
class Todo:
    title: str
    url: str
    note: str = ""
    late: bool = False


@dataclass
class TodoGroup:
    key: str
    label: str
    items: list[Todo]
    count: int
    more_url: str = ""


def _group(key, label, rows, to_todo, more_url="") -> TodoGroup | None:
    count = rows.count()
    if not count:
        return None
    items = [to_todo(row) for row in rows[:TODO_SHOWN]]
    return TodoGroup(key, str(label), items, count, more_url)


def _activity_todo(activity: Activity, note: str = "") -> Todo:
    return Todo(activity.title, reverse("activities:detail", args=[activity.pk]), note)


def _partner_invitations(user) -> TodoGroup | None:
    parts = pending_for_user(user) if user.role in WRITER_ROLES else Participation.objects.none()
    lead = _("Chủ trì: %(lead)s")
    return _group(
        "invited",
        _("Xác nhận tham gia hoạt động phối hợp"),
        parts,
        lambda p: _activity_todo(
            p.activity, lead % {"lead": p.activity.lead.short_name or p.activity.lead.name}
        ),
        reverse("activities:pending"),
    )


def _returned_activities(user) -> TodoGroup | None:
    rows = Activity.objects.none()
    if user.role in WRITER_ROLES and user.organization_id:
        rows = Activity.objects.visible_to(user).filter(
            lead_id=user.organization_id, status=ActivityStatus.RETURNED
        )
    return _group(
        "returned",
        _("Bổ sung hoạt động bị trả lại"),
        rows.order_by("updated_at", "pk"),
        lambda a: _activity_todo(a, a.review_comment),
    )


def _activities_to_confirm(user) -> TodoGroup | None:
    rows = activities_for_review(user) if user.is_secretariat else Activity.objects.none()
    pending = Count("participations", filter=Q(participations__status=ParticipationStatus.PENDING))
    waiting = _("còn %(n)s đơn vị phối hợp chưa xác nhận")
    return _group(
        "to_confirm",
        _("Xác nhận hoạt động các đơn vị gửi"),
        rows.annotate(pending_partners=pending),
        lambda a: _activity_todo(
            a, waiting % {"n": a.pending_partners} if a.pending_partners else ""
        ),
        reverse("activities:review_queue"),
    )


def _case_todo(case: Case, today: dt.date) -> Todo:
    note = _("hạn %(day)s") % {"day": f"{case.due_date:%d/%m/%Y}"} if case.due_date else ""
    late = bool(case.due_date and case.due_date < today)
    return Todo(case.title, reverse("situations:case_detail", args=[case.pk]), note, late)


def _cases_to_handle(user, today: dt.date) -> TodoGroup | None:
    rows = Case.objects.none()
    if user.role in WRITER_ROLES and user.organization_id:
        rows = Case.objects.visible_to(user).open().filter(lead_id=user.organization_id)
    return _group(
        "cases",
        _("Xử lý vụ việc được phân công"),
        rows.order_by(F("due_date").asc(nulls_last=True), "pk"),
        lambda case: _case_todo(case, today),
    )


def _cases_to_assign(user, today: dt.date) -> TodoGroup | None:
    """New cases (escalated ones included) of the committees whose secretariat `user` runs."""
    rows = Case.objects.none()
    if user.is_secretariat:
        hosted = Committee.objects.visible_to(user).filter(host_id=user.organization_id)
        rows = Case.objects.visible_to(user).filter(
            committee__in=hosted, status=CaseStatus.NEW, lead__isnull=True
        )
    return _group(
        "assign",
        _("Phân công xử lý vụ việc mới"),
        rows.order_by("opened_on", "pk"),
        lambda case: _case_todo(case, today),
    )


def _reports_due(user, today: dt.date) -> TodoGroup | None:
    rows = PeriodReport.objects.none()
    if user.role in WRITER_ROLES and user.organization_id:
        rows = own_reports(user).filter(
            status__in=[ReportStatus.DUE, ReportStatus.RETURNED],
            due_date__lte=today + dt.timedelta(days=REPORT_DUE_DAYS),
        )

    def todo(report: PeriodReport) -> Todo:
        title = _("Báo cáo %(period)s") % {
            "period": period_label(report.period_start, report.period_end)
        }
        note = _("hạn %(day)s") % {"day": f"{report.due_date:%d/%m/%Y}"}
        url = reverse("reporting:detail", args=[report.pk])
        return Todo(title, url, note, report.due_date < today)

    return _group("reports", _("Nộp báo cáo định kỳ"), rows.order_by("due_date", "pk"), todo)


def _contributions_asked(user) -> TodoGroup | None:
    given = Contribution.objects.filter(organization_id=user.organization_id).values("review_id")
    rows = reviews_open_for_contribution(user).exclude(pk__in=given)
    return _group(
        "contribution",
        _("Góp ý, kết quả của đơn vị cho báo cáo sơ kết, tổng kết"),
        rows.order_by("end", "pk"),
        lambda review: Todo(review.title, reverse("reviews:contribute", args=[review.pk])),
    )


def todos_for_user(user, today: dt.date | None = None) -> list[TodoGroup]:
    """Việc cần làm: each kind of step waiting on `user`, with up to five of them."""
    today = today or timezone.localdate()
    if not user.is_authenticated or user.organization_id is None:
        return []
    groups = [
        _partner_invitations(user),
        _returned_activities(user),
        _activities_to_confirm(user),
        _cases_to_assign(user, today),
        _cases_to_handle(user, today),
        _reports_due(user, today),
        _contributions_asked(user),
    ]
    return [group for group in groups if group is not None]
