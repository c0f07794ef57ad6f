import datetime as dt
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from phoihop.accounts.models import Role, User
from phoihop.activities.models import Activity, ActivityStatus
from phoihop.demo import data
from phoihop.localities.models import Locality
from phoihop.organizations.models import Committee, Organization, OrgEvent, Person, Position
from phoihop.practices.models import CoordinationModel
from phoihop.programs.models import AnnualPlan, Program, ProgramMember, Task
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind, Review, Scope
from phoihop.reviews.models import ReviewReport, ReviewStatus

PROVINCES = ["tinhhanam", "tinhnamdinh", "tinhninhbinh"]
HA_NAM_COMMITTEE = "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam"


def _load() -> str:
    out = io.StringIO()
    call_command("demo_load", "--provinces", *PROVINCES, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    models = [
        Organization, Committee, User, Person, Position, OrgEvent, Program, Locality,
        ProgramMember, AnnualPlan, Task, Activity, PeriodReport, CoordinationModel,
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["history"] = sum(
        model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )
    return counts


def _logins(output: str) -> str:
    return output[output.index("Tài khoản đăng nhập") :]


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    """Load the demo once for the module (five years of activities take a while), inside
    a transaction rolled back after the last test; each test runs in a savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_loaded_once, db):
    return _loaded_once


def test_running_demo_load_twice_changes_nothing(demo):
    before = _counts()
    again = _load()
    assert _counts() == before
    assert "không nạp lại" in again
    assert _logins(again) == _logins(demo)


def test_demo_prints_a_vietnamese_table_of_logins(demo):
    assert "Tên đăng nhập" in demo and "Vai trò" in demo and "Tổ chức" in demo
    assert f"Mật khẩu chung: {data.PASSWORD}" in demo
    for username, *_ in data.USERS:
        assert re.search(rf"^\s+{username}\s", demo, re.MULTILINE), username
    assert re.search(r"bochqs\s+Đầu mối tổ chức thành viên\s+Bộ Chỉ huy Quân sự tỉnh Hà Nam", demo)


def test_every_printed_login_works_on_the_login_page(demo, client):
    for username, *_ in data.USERS:
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": data.PASSWORD}
        )
        assert response.status_code == 302, username
        assert response.url == reverse("home:home")
        client.logout()


def test_the_seed_committee_has_its_nine_members_and_head(demo):
    committee = Committee.objects.get(name=HA_NAM_COMMITTEE)
    assert committee.host.name == "Ban Dân vận Tỉnh ủy Hà Nam"
    assert committee.locality.ref == "v1.p35"
    assert str(committee.valid_to) == "2025-07-01"
    assert committee.memberships.count() == 9
    toan = Person.objects.get(full_name="Nguyễn Đức Toàn")
    assert {p.title for p in toan.positions.all()} == {
        "Ủy viên Ban Thường vụ Tỉnh ủy",
        "Trưởng Ban Dân vận Tỉnh ủy",
        "Trưởng Ban Chỉ đạo điều hành Chương trình phối hợp",
    }
    assert toan.user.username == "lanhdao" and toan.user.role == Role.VIEWER
    assert Organization.objects.search("Bộ CHQS tỉnh").filter(locality__ref="v1.p35").exists()
    program = Program.objects.get(committee=committee)
    assert program.name == "Chương trình phối hợp hoạt động giai đoạn 2016–2020"


def test_2025_reorganization_is_recorded_with_its_legal_basis(demo):
    merged = Organization.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Nam")
    first = merged.preceded_by_events.get()
    assert str(first.effective_date) == "2025-03-01"
    assert "18-NQ/TW" in first.legal_basis
    assert {o.name for o in first.predecessors.all()} == {
        "Ban Tuyên giáo Tỉnh ủy Hà Nam",
        "Ban Dân vận Tỉnh ủy Hà Nam",
    }
    second = merged.succeeded_by_events.get()
    assert second.legal_basis == "Nghị quyết số 202/2025/QH15 của Quốc hội"
    assert second.successors.get().locality.ref == "v2.p37"
    assert second.predecessors.count() == 3
    women = Organization.objects.get(name="Hội Liên hiệp Phụ nữ tỉnh Ninh Bình")
    assert women.parent.name == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Bình"
    ninh_binh = Committee.objects.get(locality__ref="v2.p37")
    assert str(ninh_binh.valid_from) == "2025-07-01"
    assert ninh_binh.memberships.filter(organization__name__contains="Quân sự").exists()


def test_every_seed_locality_exists_in_the_loaded_places(demo):
    refs = set(data.SEED_COMMUNE_REFS)
    found = Locality.objects.filter(ref__in=refs, parent__parent__ref="v1.p35")
    assert set(found.values_list("ref", flat=True)) == refs


def _program() -> Program:
    return Program.objects.get(committee__name=HA_NAM_COMMITTEE)


def test_the_program_was_signed_in_phu_ly_by_its_nine_members(demo):
    program = _program()
    assert str(program.signed_on) == "2016-03-15" and program.signed_place == "Thành phố Phủ Lý"
    members = program.members.select_related("signatory")
    assert members.count() == 9
    assert all(m.is_signatory and m.signatory for m in members)
    head = members.get(organization__name="Ban Dân vận Tỉnh ủy Hà Nam")
    assert head.signatory.full_name == "Nguyễn Đức Toàn"
    assert sorted(program.content_areas.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7]


def test_the_signed_2020_plan_has_tasks_across_every_content_area(demo):
    plan = _program().plans.get(year=2020)
    assert plan.title == "Kế hoạch phối hợp năm 2020"
    assert plan.status == "signed" and str(plan.signed_on) == "2020-01-15"
    tasks = plan.tasks.all()
    assert 8 <= tasks.count() <= 12
    assert {t.content_area.number for t in tasks} == set(range(1, 8))
    assert all(t.targets.exists() for t in tasks)
    assert tasks.filter(partners__isnull=False).distinct().count() == tasks.count()
    seed = tasks.get(number=2)
    units = list(seed.localities.all())
    assert {u.code for u in units} == set(data.SEED_COMMUNES)
    # As they were on the task's day: Xã Tiên Tân, not Phường Tân Hiệp (01/01/2025).
    assert all(u.is_valid_on(seed.due_date) for u in units)
    assert "Xã Tiên Tân" in {u.name for u in units}
    assert Activity.objects.filter(task__plan=plan).exists()


def test_five_years_of_activities_show_the_seed_limitations(demo):
    activities = _program().activities.all()
    total = activities.count()
    assert 400 <= total <= 600
    statuses = dict(activities.values_list("status").annotate(n=Count("pk")))
    assert statuses[ActivityStatus.CONFIRMED] > 0.85 * total
    for status in (ActivityStatus.SUBMITTED, ActivityStatus.RETURNED, ActivityStatus.DRAFT):
        assert 0 < statuses[status] < 0.05 * total, status
    joint = activities.filter(participant_count__gte=2).count()
    assert 0.15 <= joint / total <= 0.35
    assert set(activities.values_list("content_area__number", flat=True)) == set(range(1, 8))
    leads = set(activities.values_list("lead__name", flat=True))
    assert leads == set(_program().members.values_list("organization__name", flat=True))
    years = {day.year for day in activities.values_list("start_date", flat=True)}
    assert years == {2016, 2017, 2018, 2019, 2020}
    in_seed = activities.filter(
        localities__code__in=list(data.SEED_COMMUNES), localities__ref__startswith="v1."
    ).distinct().count()
    assert in_seed > 0.3 * total  # 13 of Hà Nam's ~110 communes carry far more than 13/110
    history = Activity.history.filter(id=activities.filter(status="confirmed").first().pk)
    assert history.order_by("history_date").last().history_date.year <= 2021


def test_quarterly_reports_are_mostly_on_time_some_late_a_few_missing(demo):
    reports = list(PeriodReport.objects.filter(program=_program()))
    assert len(reports) == 9 * 20
    sent = [r for r in reports if r.submitted_at]
    late = [r for r in sent if r.is_late]
    missing = [r for r in reports if r.status == ReportStatus.DUE]
    assert len(sent) - len(late) > 0.7 * len(reports)
    assert 0 < len(late) < 0.25 * len(reports)
    assert 0 < len(missing) < 0.1 * len(reports)


def test_few_coordination_models_and_only_one_or_two_outstanding(demo):
    models = CoordinationModel.objects.filter(program=_program())
    assert 5 <= models.count() <= 8
    assert 1 <= models.filter(status="outstanding").count() <= 2
    gpmb = models.get(name="Mô hình “Dân vận khéo” trong giải phóng mặt bằng")
    assert gpmb.evidence.exists() and gpmb.decided_on.year == 2019


def test_the_issued_five_year_review_drafts_the_seed_limitations(demo):
    report = ReviewReport.objects.get(program=_program(), kind="program")
    assert report.status == ReviewStatus.ISSUED and report.number == "45-BC/BCĐ"
    review = Review.from_json(report.frozen_full)
    rules = {s.rule for s in review.statements if s.kind == "limitation"}
    # "coordination not clear", "spread thin", "few outstanding models", "land, GPMB, religion"
    assert {"joint_share_low", "content_spread_thin", "few_outstanding_models", "sensitive_topics_weak"} <= rules
    assert len(review.areas) == 7 and all(area.activities for area in review.areas)
    redacted = Review.from_json(report.frozen_redacted)
    assert "sensitive_topics_weak" not in {s.rule for s in redacted.statements}
    assert not any(t.sensitive for t in redacted.topics)


@pytest.mark.parametrize("username", ["thuongtruc", "bochqs", "lanhdao", "namdinh"])
def test_the_home_page_counts_the_hotspots_the_register_lists(demo, client, username):
    client.force_login(User.objects.get(username=username))
    overview = client.get(reverse("home:home")).context["overview"]
    active = client.get(reverse("hotspots:hotspot_list")).context["active"]
    assert overview.highlighted_count == len(active)
    assert {h.pk for h in overview.hotspots} == {h.pk for h in active}
    if username != "namdinh":  # Hà Nam designated some of its seed communes; one is lifted
        assert 0 < len(active) < len(data.SEED_COMMUNES)


def test_the_2016_to_2019_plans_give_every_six_month_and_annual_review_targets(demo):
    program = _program()
    secretariat = User.objects.get(username="thuongtruc")
    for year in data.EARLIER_PLAN_YEARS:
        plan = program.plans.get(year=year)
        assert plan.status == "signed"
        assert {t.due_date.year for t in plan.tasks.all()} == {year}
        assert Activity.objects.filter(task__plan=plan, status=ActivityStatus.CONFIRMED).exists()
        for kind, start, end in (
            (Kind.SIX_MONTHS, dt.date(year, 1, 1), dt.date(year, 6, 30)),
            (Kind.ANNUAL, dt.date(year, 1, 1), dt.date(year, 12, 31)),
        ):
            review = review_compute(user=secretariat, scope=Scope(program.pk, start, end, kind))
            assert review.planned(), (year, kind)
            assert all(t.achieved <= t.value for t in review.planned()), (year, kind)
            assert review.tasks and all(t.plan_year == year for t in review.tasks)
