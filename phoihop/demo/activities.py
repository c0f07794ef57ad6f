"""Five years of Hà Nam's activities and period reports, deterministic (Random(2020)).

The seed's limitations show in the data: most activities are one member's own work
(about a quarter are joint), content is spread thin, land / site-clearance / religion
results are small, and a few quarterly reports come late or never.

Each member reports a quarter's activities after the quarter ends (activity_bulk_create,
on that day); partners answer, the secretariat confirms or returns a few days later.
"""

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from phoihop.accounts.models import Role
from phoihop.activities.models import Activity
from phoihop.activities.services import (
    ActivityData,
    activity_bulk_create,
    activity_confirm,
    activity_return,
    participation_respond,
)
from phoihop.demo import activity_kinds as kinds
from phoihop.demo import data
from phoihop.demo.clock import demo_clock
from phoihop.localities.models import Level, Locality
from phoihop.programs.models import Indicator, Task
from phoihop.reporting.models import PeriodReport
from phoihop.reporting.periods import period_label
from phoihop.reporting.services import (
    period_report_accept,
    period_report_submit,
    period_reports_generate,
)

LAST_DAY = dt.date(2020, 12, 20)
SEED_SHARE = 0.45  # share of activities held in one of the 13 seed localities
JOINT_SHARE = 0.25
# How often each member leads: the secretariat, the Front and the Military most.
LEAD_WEIGHTS = {
    "bdv_hn": 14, "bchqs_hn": 13, "mttq_hn": 14, "ldld_hn": 10, "hnd_hn": 10, "phunu_hn": 12,
    "tinhdoan_hn": 11, "ccb_hn": 8, "ctd_hn": 8,
}


@dataclass
class Planned:
    """One activity to create, and what happens to it afterwards."""

    lead: str
    partners: list[str]
    data: ActivityData
    outcome: str  # "confirmed", "returned", "submitted", "draft"
    declines: list[str] = field(default_factory=list)
    activity: Activity | None = None


def quarter_end(day: dt.date) -> dt.date:
    month = (day.month - 1) // 3 * 3 + 3  # the quarter's last month, 3..12
    following = dt.date(day.year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class Places:
    """Hà Nam communes in force on a day, the seed's 13 weighed more."""

    def __init__(self):
        units = Locality.objects.filter(level=Level.COMMUNE, parent__parent__ref=data.HA_NAM)
        self.all = list(units.order_by("ref"))
        # Every version of a seed commune (`v1.c13366~20250101` Xã Tiên Tân is the seed's
        # v1.c13366 before 2025); `pick` keeps the one in force on the activity's day.
        self.seed = [u for u in self.all if u.ref.partition("~")[0] in data.SEED_COMMUNE_REFS]

    def pick(self, rng: random.Random, day: dt.date) -> Locality:
        pool = self.seed if rng.random() < SEED_SHARE else self.all
        return rng.choice([u for u in pool if u.is_valid_on(day)])


class Generator:
    def __init__(self, program, orgs, plan):
        self.rng = random.Random(2020)
        self.program, self.orgs = program, orgs
        self.areas = {a.number: a.pk for a in program.content_areas.all()}
        self.indicators = dict(Indicator.objects.values_list("code", "pk"))
        self.places = Places()
        self.tasks = defaultdict(list)
        for task in plan.tasks.all():
            self.tasks[(task.content_area_id, task.lead_id)].append(task.pk)
        # The 2016–2019 plans' tasks, linked with their own random stream so the 2020 data
        # (and every figure of the demo's reviews) stays what it was.
        self.link_rng = random.Random(2016)
        self.earlier = defaultdict(list)
        earlier = Task.objects.filter(plan__program=program).exclude(plan=plan)
        for task in earlier.select_related("plan").prefetch_related("targets__indicator"):
            codes = {target.indicator.code for target in task.targets.all()}
            self.earlier[(task.plan.year, task.content_area_id)].append((task.pk, task.due_date, codes))

    def all(self) -> list[Planned]:
        planned = []
        for year, count in kinds.PER_YEAR.items():
            days = sorted(self._day(year) for _ in range(count))
            planned += [self._one(day) for day in days]
        return planned

    def _day(self, year: int) -> dt.date:
        last = LAST_DAY if year == 2020 else dt.date(year, 12, 31)
        first = dt.date(year, 1, 1)
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def _area(self, lead: str) -> int:
        if self.rng.random() < 0.7:
            return self.rng.choices(kinds.AFFINITY[lead], weights=[5, 3, 2])[0]
        return self.rng.randint(1, 7)

    def _one(self, day: dt.date) -> Planned:
        rng = self.rng
        lead = rng.choices(list(LEAD_WEIGHTS), weights=list(LEAD_WEIGHTS.values()))[0]
        area = self._area(lead)
        pattern, figures, _weight = rng.choices(kinds.KINDS[area], weights=[k[2] for k in kinds.KINDS[area]])[0]
        places = [self.places.pick(rng, day) for _ in range(2 if rng.random() < 0.2 else 1)]
        partners = []
        if rng.random() < JOINT_SHARE:
            others = [k for k in data.HA_NAM_MEMBERS if k != lead]
            partners = rng.sample(others, 2 if rng.random() < 0.4 else 1)
        end = min(day + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 6])), quarter_end(day))
        activity = ActivityData(
            title=pattern.format(place=places[0].name),
            start_date=day, end_date=end, content_area_id=self.areas[area],
            lead_id=self.orgs[lead].pk, partner_ids=[self.orgs[k].pk for k in partners],
            locality_ids=list(dict.fromkeys(u.pk for u in places)),
            task_id=self._task(area, lead, day, figures), narrative=rng.choice(kinds.NARRATIVES),
            figures=self._figures(figures),
        )
        declines = partners[1:] if len(partners) == 2 and rng.random() < 0.15 else []
        return Planned(lead, partners, activity, self._outcome(day), declines)

    def _task(self, area: int, lead: str, day: dt.date, codes=()) -> int | None:
        if day.year != 2020:
            return self._earlier_task(area, day, codes)
        tasks = self.tasks.get((self.areas[area], self.orgs[lead].pk))
        if not tasks or self.rng.random() < 0.3:
            return None
        return self.rng.choice(tasks)

    def _earlier_task(self, area: int, day: dt.date, codes) -> int | None:
        """A task of that year's plan in the activity's content area, still open on its day,
        whose targets the activity reports on."""
        tasks = [
            pk for pk, due, targets in self.earlier.get((day.year, self.areas[area]), [])
            if day <= due and targets <= set(codes)
        ]
        if not tasks or self.link_rng.random() < 0.3:
            return None
        return self.link_rng.choice(tasks)

    def _figures(self, ranges) -> dict[int, Decimal]:
        values = {}
        for code, (low, high, step) in ranges.items():
            value = self.rng.randrange(low, high + 1, step)
            values[self.indicators[code]] = Decimal(value * (1_000_000 if code in kinds.MILLIONS else 1))
        return values

    def _outcome(self, day: dt.date) -> str:
        roll = self.rng.random()
        if day.year == 2020 and roll < 0.03:
            return "draft"
        if day >= dt.date(2020, 10, 1) and roll < 0.45:
            return "submitted"
        return "returned" if roll > 0.97 else "confirmed"


def _writers(orgs, users) -> dict[str, object]:
    by_name = {user.username: user for user in users}
    return {
        org_key: by_name[username]
        for username, role, _person, org_key in data.USERS
        if org_key in data.HA_NAM_MEMBERS and role in (Role.SECRETARIAT, Role.FOCAL_POINT)
    }


def activities_load(program, orgs, users, plan) -> list[Planned]:
    """Create the activities quarter by quarter, member by member, then answer them."""
    planned = Generator(program, orgs, plan).all()
    writers = _writers(orgs, users)
    rng = random.Random(2021)
    groups = defaultdict(list)
    for item in planned:
        groups[(quarter_end(item.data.start_date), item.lead, item.outcome == "draft")].append(item)
    for (end, lead, draft), items in sorted(groups.items()):
        reported = end + dt.timedelta(days=rng.randint(2, 12))
        with demo_clock(reported):
            activity_bulk_create(
                actor=writers[lead], program=program, rows=[i.data for i in items], submit=not draft
            )
        created = list(Activity.objects.filter(program=program).order_by("-pk")[: len(items)])[::-1]
        for item, activity in zip(items, created, strict=True):
            item.activity = activity
            if not draft:
                _answer(item, writers, reported + dt.timedelta(days=rng.randint(1, 6)))
    return planned


def _answer(item: Planned, writers, day: dt.date) -> None:
    secretariat = writers["bdv_hn"]
    with demo_clock(day):
        for part in item.activity.participations.filter(role="partner").select_related("activity"):
            key = next(k for k in item.partners if writers[k].organization_id == part.organization_id)
            participation_respond(actor=writers[key], participation=part, accept=key not in item.declines)
    with demo_clock(day + dt.timedelta(days=2)):
        item.activity.refresh_from_db()
        if item.outcome == "confirmed":
            activity_confirm(actor=secretariat, activity=item.activity)
        elif item.outcome == "returned":
            activity_return(actor=secretariat, activity=item.activity, comment=kinds.RETURN_COMMENT)


def reports_load(program, orgs, users, planned: list[Planned]) -> None:
    """Quarterly reports until the end of 2020: most on time, some late, a few missing."""
    writers = _writers(orgs, users)
    secretariat = writers["bdv_hn"]
    with demo_clock(dt.date(2021, 1, 1)):
        period_reports_generate(actor=secretariat, program=program, until=dt.date(2020, 12, 31))
    led = Counter((quarter_end(i.data.start_date), i.lead) for i in planned)
    keys = {org.pk: key for key, org in orgs.items()}
    rng = random.Random(2022)
    reports = PeriodReport.objects.filter(program=program).select_related("organization")
    for report in reports.order_by("period_end", "organization__name"):
        roll = rng.random()
        if roll < 0.05:
            continue  # never sent
        late = roll < 0.18
        day = report.due_date + dt.timedelta(days=rng.randint(2, 25) if late else -rng.randint(0, 8))
        key = keys[report.organization_id]
        narrative = (
            f"Báo cáo kết quả thực hiện Chương trình phối hợp {period_label(report.period_start, report.period_end)}: "
            f"{report.organization.name} chủ trì {led[(report.period_end, key)]} hoạt động trong kỳ. "
            f"{rng.choice(kinds.NARRATIVES)}"
        )
        with demo_clock(day):
            report = period_report_submit(actor=writers[key], report=report, narrative=narrative)
        if rng.random() < 0.85:
            with demo_clock(day + dt.timedelta(days=3)):
                period_report_accept(actor=secretariat, report=report)
