"""Reproducible synthetic records for the review benchmark: a seed gives the same world.

Province scale (the default): one 5-year program (2021–2025) of a provincial steering
committee, 15 members, the 129 communes of the 2025 Ninh Bình, 200,000 activities (with
their participations, figures and places), 20,000 situation reports, the cases they
became, plans, tasks, expected reports, coordination models and hotspots. National scale
(PostgreSQL only): one program over the 3,321 communes of the 34 provinces, 5,000,000
activities. Rows go in with Model.objects.bulk_create in batches of 5,000: no services,
no history rows (none are needed for figures), and no month rollup: call
phoihop.activities.rollup.rebuild() afterwards, as the benchmark does.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from phoihop.accounts.models import Role, User
from phoihop.activities.models import (
    Activity,
    ActivityStatus,
    Figure,
    ParticipantRole,
    Participation,
    ParticipationStatus,
)
from phoihop.hotspots.models import Hotspot
from phoihop.lib.text import fold
from phoihop.localities.models import Level, Locality
from phoihop.localities.services import localities_load
from phoihop.organizations.models import Committee, Membership, Organization, OrgKind, OrgLevel
from phoihop.practices.models import CoordinationModel, ModelStatus
from phoihop.programs.models import AnnualPlan, Indicator, PlanStatus, Program, Task, TaskTarget
from phoihop.programs.services import program_create
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.situations.models import Case, CaseEvent, CaseStatus, SituationReport, Topic
from phoihop.situations.rollup import case_states_rebuild

EventKind = CaseEvent.Kind

BATCH = 5_000
START, END = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
NINH_BINH_2025 = "v2.p37"


@dataclass(frozen=True)
class Scale:
    label: str
    activities: int
    situation_reports: int
    national: bool = False
    members: int = 15


PROVINCE = Scale("tỉnh", 200_000, 20_000)
NATIONAL = Scale("toàn quốc", 5_000_000, 500_000, national=True)
# The national registry and case load (125,000 cases, 3,321 communes) with a tenth of the
# activities: a review reads activities from the month rollup, so its cost barely moves,
# and the data is generated in ~25 minutes instead of hours (bench --national-reduced).
NATIONAL_REDUCED = Scale("toàn quốc, 1/10 hoạt động", 500_000, 500_000, national=True)
SMOKE = Scale("thử", 2_000, 200)  # bench_run --smoke: every step, in seconds

MEMBERS = [
    ("Ban Dân vận", "BDV", OrgKind.PARTY_BOARD),
    ("Bộ Chỉ huy Quân sự", "CHQS", OrgKind.MILITARY),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "MTTQ", OrgKind.FRONT),
    ("Hội Liên hiệp Phụ nữ", "Phụ nữ", OrgKind.SOCIO_POLITICAL),
    ("Hội Nông dân", "Nông dân", OrgKind.SOCIO_POLITICAL),
    ("Hội Cựu chiến binh", "CCB", OrgKind.SOCIO_POLITICAL),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TN", OrgKind.SOCIO_POLITICAL),
    ("Liên đoàn Lao động", "LĐLĐ", OrgKind.SOCIO_POLITICAL),
    ("Hội Chữ thập đỏ", "CTĐ", OrgKind.HUMANITARIAN),
    ("Công an", "CA", OrgKind.STATE),
    ("Bộ Chỉ huy Bộ đội Biên phòng", "BĐBP", OrgKind.MILITARY),
    ("Sở Nội vụ", "SNV", OrgKind.STATE),
    ("Hội Người cao tuổi", "NCT", OrgKind.HUMANITARIAN),
    ("Hội Khuyến học", "Khuyến học", OrgKind.HUMANITARIAN),
    ("Liên minh Hợp tác xã", "LMHTX", OrgKind.OTHER),
]
AREA_WEIGHTS = [30, 16, 14, 10, 12, 10, 8]
AREA_INDICATORS = {
    1: ["tuyen-truyen-buoi", "tuyen-truyen-luot"],
    2: ["tin-bao", "don-thu-tiep-nhan", "don-thu-giai-quyet"],
    3: ["ngay-cong", "tien-van-dong", "ho-so-gpmb"],
    4: ["ngay-cong", "tuyen-truyen-buoi"],
    5: ["ho-thoat-ngheo", "luot-tham-gia-cuu-nan", "tien-van-dong"],
    6: ["nha-dai-doan-ket", "nha-tinh-nghia", "suat-qua"],
    7: ["tuyen-truyen-buoi", "ngay-cong"],
}
VALUE_RANGES = {"tuyen-truyen-luot": (30, 800), "tien-van-dong": (1, 500), "ngay-cong": (5, 300),
                "luot-tham-gia-cuu-nan": (5, 200), "suat-qua": (5, 200)}
TITLES = ["Tuyên truyền, vận động nhân dân", "Nắm tình hình, trao đổi thông tin", "Hỗ trợ phát triển kinh tế",
          "Phối hợp huấn luyện dân quân", "Hỗ trợ hộ nghèo, phòng chống thiên tai", "Thăm, tặng quà gia đình chính sách",
          "Củng cố tổ chức cơ sở"]
STATUS_WEIGHTS = [(ActivityStatus.CONFIRMED, 88), (ActivityStatus.SUBMITTED, 7), (ActivityStatus.RETURNED, 2),
                  (ActivityStatus.DRAFT, 3)]
CASE_OUTCOMES = [(CaseStatus.RESOLVED, 60), (CaseStatus.REFERRED, 10), (CaseStatus.CLOSED_UNRESOLVED, 8),
                 (CaseStatus.NEW, 5), (CaseStatus.ASSIGNED, 7), (CaseStatus.IN_PROGRESS, 10)]
ENDED = {CaseStatus.RESOLVED, CaseStatus.REFERRED, CaseStatus.CLOSED_UNRESOLVED}


@dataclass
class World:
    program: Program
    secretariat: User
    communes: int
    activities: int
    cases: int
    seconds: float


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _day(rng: random.Random, start: dt.date = START, end: dt.date = END) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)


def _communes(scale: Scale) -> list[Locality]:
    if scale.national:
        if Locality.objects.filter(ref__startswith="v2.p").count() < 34:
            localities_load()
        return list(Locality.objects.filter(ref__startswith="v2.", level=Level.COMMUNE).order_by("ref"))
    if not Locality.objects.filter(ref=NINH_BINH_2025).exists():
        localities_load(provinces=["tinhhanam"])  # Hà Nam, Nam Định, Ninh Bình → the 2025 Ninh Bình
    return list(Locality.objects.filter(parent__ref=NINH_BINH_2025, level=Level.COMMUNE).order_by("ref"))


def _organizations(scale: Scale, seat: Locality) -> list[Organization]:
    where = "Trung ương" if scale.national else "tỉnh Ninh Bình"
    level = OrgLevel.CENTRAL if scale.national else OrgLevel.PROVINCE
    orgs = []
    for name, short, kind in MEMBERS[: scale.members]:
        full = f"{name} {where} (dữ liệu tổng hợp)"
        org, _ = Organization.objects.get_or_create(
            name=full, locality=seat,
            defaults={"short_name": short, "kind": kind, "level": level, "search_text": fold(full)},
        )
        orgs.append(org)
    return orgs


def _program(scale: Scale, seed: int, seat: Locality, orgs: list[Organization]) -> Program:
    committee = Committee.objects.create(
        name=f"Ban Chỉ đạo điều hành Chương trình phối hợp {scale.label} (dữ liệu tổng hợp, seed {seed})",
        host=orgs[0], locality=seat,
    )
    Membership.objects.bulk_create(Membership(committee=committee, organization=o, order=n) for n, o in enumerate(orgs))
    return program_create(
        actor=None, committee=committee, name="Chương trình phối hợp hoạt động giai đoạn 2021–2025",
        period_start=START, period_end=END, members=orgs,
    )


def _plans(rng: random.Random, program: Program, orgs, areas, indicators) -> dict[tuple[int, int], list[int]]:
    """5 annual plans of 12 tasks with one target each: (year, area number) → task ids."""
    tasks_by = {}
    for year in range(START.year, END.year + 1):
        plan = AnnualPlan.objects.create(program=program, year=year, title=f"Kế hoạch phối hợp năm {year}",
                                         status=PlanStatus.SIGNED, signed_on=dt.date(year, 1, 15))
        tasks = Task.objects.bulk_create(
            Task(plan=plan, number=n, title=f"Nhiệm vụ {n} năm {year}", content_area=areas[(n - 1) % 7 + 1],
                 lead=rng.choice(orgs), due_date=dt.date(year, 12, 15))
            for n in range(1, 13)
        )
        TaskTarget.objects.bulk_create(
            TaskTarget(task=t, indicator=indicators[AREA_INDICATORS[t.content_area.number][0]],
                       value=Decimal(rng.randrange(50, 2000)))
            for t in tasks
        )
        for t in tasks:
            tasks_by.setdefault((year, t.content_area.number), []).append(t.pk)
    return tasks_by


def _activity_batch(rng, program, count, orgs, areas, communes, tasks_by, indicators, offset):
    activities, partners, figures, places = [], [], [], []
    for n in range(count):
        day = _day(rng)
        area = rng.choices(range(1, 8), AREA_WEIGHTS)[0]
        lead = orgs[min(int(rng.expovariate(0.25)), len(orgs) - 1)]
        status = _pick(rng, STATUS_WEIGHTS)
        joined = []
        if rng.random() < 0.3:
            others = [o for o in orgs if o.pk != lead.pk]
            for org in rng.sample(others, rng.choice([1, 1, 1, 2, 2, 3])):
                joined.append((org, _pick(rng, [(ParticipationStatus.CONFIRMED, 85), (ParticipationStatus.PENDING, 10),
                                                 (ParticipationStatus.DECLINED, 5)])))
        place = rng.choice(communes)
        title = f"{TITLES[area - 1]} tại {place.name} (số {offset + n})"
        task_ids = tasks_by.get((day.year, area))
        activities.append(Activity(
            program=program, title=title, start_date=day, end_date=day + dt.timedelta(days=rng.choice([0, 0, 1, 2])),
            content_area=areas[area], lead=lead, status=status, search_text=fold(title)[:300],
            participant_count=1 + sum(1 for _o, s in joined if s != ParticipationStatus.DECLINED),
            task_id=rng.choice(task_ids) if task_ids and rng.random() < 0.3 else None,
            submitted_at=None if status == ActivityStatus.DRAFT else _at(day),
            confirmed_at=_at(day + dt.timedelta(days=7)) if status == ActivityStatus.CONFIRMED else None,
        ))
        partners.append(joined)
        codes = AREA_INDICATORS[area]
        figures.append([(indicators[c], _value(rng, c)) for c in rng.sample(codes, rng.choice([1, 1, 2]))])
        places.append([place] + ([rng.choice(communes)] if rng.random() < 0.2 else []))
    return activities, partners, figures, places


def _value(rng: random.Random, code: str) -> Decimal:
    low, high = VALUE_RANGES.get(code, (1, 20))
    value = rng.randint(low, high)
    return Decimal(value * 100_000 if code == "tien-van-dong" else value)


def _activities(rng, program, scale, orgs, areas, communes, tasks_by, indicators) -> None:
    through = Activity.localities.through
    for offset in range(0, scale.activities, BATCH):
        count = min(BATCH, scale.activities - offset)
        rows, partners, figures, places = _activity_batch(
            rng, program, count, orgs, areas, communes, tasks_by, indicators, offset
        )
        with transaction.atomic():
            created = Activity.objects.bulk_create(rows, batch_size=BATCH)
            Participation.objects.bulk_create(
                [Participation(activity=a, organization=a.lead, role=ParticipantRole.LEAD,
                               status=ParticipationStatus.CONFIRMED) for a in created]
                + [Participation(activity=a, organization=o, role=ParticipantRole.PARTNER, status=s)
                   for a, joined in zip(created, partners, strict=True) for o, s in joined],
                batch_size=BATCH,
            )
            Figure.objects.bulk_create(
                [Figure(activity=a, indicator=i, value=v) for a, pairs in zip(created, figures, strict=True)
                 for i, v in pairs],
                batch_size=BATCH,
            )
            through.objects.bulk_create(
                [through(activity_id=a.pk, locality_id=p.pk) for a, ps in zip(created, places, strict=True)
                 for p in dict.fromkeys(ps)],
                batch_size=BATCH,
            )


def _cases(rng, program, scale, orgs, communes) -> int:
    topics = list(Topic.objects.filter(is_active=True))
    weights = [3 if t.code in {"dat-dai", "moi-truong", "an-ninh-trat-tu"} else 1 for t in topics]
    committee = program.committee
    total = 0
    for offset in range(0, scale.situation_reports, BATCH):
        count = min(BATCH, scale.situation_reports - offset)
        cases, reports = [], []
        for n in range(count):
            topic = rng.choices(topics, weights)[0]
            place = rng.choice(communes)
            day = _day(rng)
            case = None
            if n % 4 == 0:
                status = _pick(rng, CASE_OUTCOMES)
                case = Case(
                    committee=committee, title=f"Vụ việc {topic.name.lower()} tại {place.name}", topic=topic,
                    locality=place, severity=rng.randint(1, 4), people_affected=rng.randint(1, 300),
                    sensitive=topic.sensitive, status=status, lead=rng.choice(orgs), opened_on=day,
                    due_date=day + dt.timedelta(days=topic.handling_days),
                    closed_on=min(END, day + dt.timedelta(days=rng.randint(5, 120))) if status in ENDED else None,
                )
                case.search_text = fold(case.title)
                cases.append(case)
            title = f"Tình hình {topic.name.lower()} tại {place.name}"
            reports.append(SituationReport(
                committee=committee, reported_on=day, locality=place, topic=topic, severity=rng.randint(1, 4),
                people_affected=rng.randint(0, 300), title=title, description=title, reporting_org=rng.choice(orgs),
                sensitive=topic.sensitive, case=case, search_text=fold(title),
            ))
        with transaction.atomic():
            Case.objects.bulk_create(cases, batch_size=BATCH)
            for report in reports:
                report.case_id = report.case.pk if report.case else None
            SituationReport.objects.bulk_create(reports, batch_size=BATCH)
            CaseEvent.objects.bulk_create([e for case in cases for e in _timeline(case)], batch_size=BATCH)
        total += len(cases)
    case_states_rebuild()  # the events were written around the models
    return total


def _timeline(case: Case) -> list[CaseEvent]:
    """Received, assigned, taken up, ended as the case's fields say (no random draw, so
    the rest of the world is the seed's as before); every 7th case that took 20 days or
    more was resolved once and reopened on the way. On END each case stands as its
    fields say, so the review's totals still agree with the floor's."""
    last = case.closed_on or END
    steps = [(EventKind.CREATED, case.opened_on, CaseStatus.NEW, None)]
    if case.status != CaseStatus.NEW:
        steps.append((EventKind.ASSIGNED, min(case.opened_on + dt.timedelta(days=2), last), CaseStatus.ASSIGNED,
                      case.due_date))
    if case.status not in {CaseStatus.NEW, CaseStatus.ASSIGNED}:
        steps.append((EventKind.FOLLOW_UP, min(case.opened_on + dt.timedelta(days=4), last), CaseStatus.IN_PROGRESS,
                      None))
    if case.closed_on:
        if case.pk % 7 == 0 and (case.closed_on - case.opened_on).days >= 20:
            steps.append((EventKind.STATUS, case.opened_on + dt.timedelta(days=10), CaseStatus.RESOLVED, None))
            steps.append((EventKind.REOPENED, case.opened_on + dt.timedelta(days=15), CaseStatus.IN_PROGRESS,
                          case.opened_on + dt.timedelta(days=45)))
        steps.append((EventKind.STATUS, case.closed_on, case.status, None))
    return [CaseEvent(case=case, kind=kind, happened_on=day, to_status=status, due_date=due)
            for kind, day, status, due in steps]


def _period_reports(rng, program, orgs) -> None:
    rows = []
    for org in orgs:
        for year in range(START.year, END.year + 1):
            for quarter in range(4):
                first = dt.date(year, 3 * quarter + 1, 1)
                last = (dt.date(year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1) - dt.timedelta(days=1))
                due = last + dt.timedelta(days=program.report_due_days)
                status = _pick(rng, [(ReportStatus.ACCEPTED, 85), (ReportStatus.SUBMITTED, 10), (ReportStatus.DUE, 5)])
                late = rng.random() < 0.15
                submitted = None if status == ReportStatus.DUE else _at(due + dt.timedelta(days=5 if late else -2))
                rows.append(PeriodReport(program=program, organization=org, period_start=first, period_end=last,
                                         due_date=due, status=status, submitted_at=submitted))
    PeriodReport.objects.bulk_create(rows, batch_size=BATCH)


def _models_and_hotspots(rng, program, areas, communes, secretariat) -> None:
    CoordinationModel.objects.bulk_create(
        CoordinationModel(
            program=program, name=f"Mô hình “Dân vận khéo” số {n}", content_area=areas[rng.randint(1, 7)],
            started_on=_day(rng), description="Mô hình phối hợp (dữ liệu tổng hợp)",
            status=_pick(rng, [(ModelStatus.PROPOSED, 40), (ModelStatus.RECOGNIZED, 45), (ModelStatus.OUTSTANDING, 15)]),
        )
        for n in range(1, 61)
    )
    Hotspot.objects.bulk_create(
        Hotspot(committee=program.committee, locality=place, designated_on=_day(rng), designated_by=secretariat,
                reason="Nhiều vụ việc gây bức xúc (dữ liệu tổng hợp)", score_at_decision=Decimal(rng.randint(20, 60)))
        for place in rng.sample(communes, 8)
    )


def generate(*, seed: int = 2020, scale: Scale = PROVINCE) -> World:
    """Build the world of `scale` from `seed` in the current database; returns what was made."""
    started = time.perf_counter()
    rng = random.Random(seed)
    communes = _communes(scale)
    seat = communes[0].parent
    orgs = _organizations(scale, seat)
    program = _program(scale, seed, seat, orgs)
    secretariat = User.objects.create(
        username=f"bench-thuongtruc-{program.pk}", organization=orgs[0], role=Role.SECRETARIAT
    )
    areas = {a.number: a for a in program.content_areas.all()}
    indicators = {i.code: i for i in Indicator.objects.all()}
    tasks_by = _plans(rng, program, orgs, areas, indicators)
    _activities(rng, program, scale, orgs, areas, communes, tasks_by, indicators)
    cases = _cases(rng, program, scale, orgs, communes)
    _period_reports(rng, program, orgs)
    _models_and_hotspots(rng, program, areas, communes, secretariat)
    with connection.cursor() as cursor:
        # Planner statistics and (PostgreSQL) the visibility map, as autovacuum would have
        # left them by now: index-only scans need the latter.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return World(program, secretariat, len(communes), scale.activities, cases, time.perf_counter() - started)
