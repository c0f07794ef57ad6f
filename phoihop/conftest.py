"""The cast every test tells its story with.

One Hà Nam steering committee, hosted by the provincial Mass Mobilization Commission
(the secretariat), with the Military Command and the Women's Union as members; one
viewer (a leader who only reads); and an outsider from Nam Định's committee who must
see nothing of Hà Nam. Plus an administrator.
"""

import datetime as dt
import os
import shutil
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from phoihop.accounts.models import Role, User
from phoihop.localities.models import Kind, Level, Locality
from phoihop.organizations.models import (
    Committee,
    Membership,
    Organization,
    OrgKind,
    OrgLevel,
)

PASSWORD = "mat-khau-thu-nghiem-2025"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _vietnamese():
    """Every test starts and ends in Vietnamese: a request in English leaves English
    active in the thread, and a service's message read afterwards would be English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)



def strict_mode() -> bool:
    return os.environ.get("PHOIHOP_STRICT", "").lower() in {"1", "true", "yes"}


def _unit(ref, code, name, short, kind, level, parent=None, **extra) -> Locality:
    unit = Locality(
        ref=ref, code=code, name=name, short_name=short, kind=kind, level=level, parent=parent, **extra
    )
    unit.refresh_search_fields()
    unit.save()
    return unit


def _org(name, short, kind, locality, aliases=()) -> Organization:
    org = Organization(
        name=name,
        short_name=short,
        kind=kind,
        level=OrgLevel.PROVINCE,
        locality=locality,
        aliases=list(aliases),
    )
    org.refresh_search_fields()
    org.save()
    return org


def _user(username, org, role, first_name="") -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, organization=org, role=role, first_name=first_name
    )
    return user


@pytest.fixture
def places(db):
    reform = dt.date(2025, 7, 1)
    hanam = _unit("v1.p35", "35", "Tỉnh Hà Nam", "Hà Nam", Kind.TINH, Level.PROVINCE, valid_to=reform)
    phuly = _unit(
        "v1.d347", "347", "Thành phố Phủ Lý", "Phủ Lý", Kind.THANH_PHO, Level.DISTRICT, hanam,
        valid_to=reform,
    )
    lamha = _unit(
        "v1.c13303", "13303", "Phường Lam Hạ", "Lam Hạ", Kind.PHUONG, Level.COMMUNE, phuly,
        valid_to=reform, latitude=20.551112, longitude=105.93,
    )
    namdinh = _unit("v1.p36", "36", "Tỉnh Nam Định", "Nam Định", Kind.TINH, Level.PROVINCE, valid_to=reform)
    ninhbinh = _unit("v2.p37", "37", "Tỉnh Ninh Bình", "Ninh Bình", Kind.TINH, Level.PROVINCE, valid_from=reform)
    return SimpleNamespace(hanam=hanam, phuly=phuly, lamha=lamha, namdinh=namdinh, ninhbinh=ninhbinh)


@pytest.fixture
def cast(places):
    """Hà Nam's committee and its people, plus an outsider from Nam Định."""
    dan_van = _org("Ban Dân vận Tỉnh ủy Hà Nam", "Ban Dân vận Tỉnh ủy", OrgKind.PARTY_BOARD, places.hanam)
    military = _org(
        "Bộ Chỉ huy Quân sự tỉnh Hà Nam", "Bộ CHQS tỉnh", OrgKind.MILITARY, places.hanam,
        aliases=["Bộ CHQS tỉnh Hà Nam"],
    )
    women = _org(
        "Hội Liên hiệp Phụ nữ tỉnh Hà Nam", "Hội LHPN tỉnh", OrgKind.SOCIO_POLITICAL, places.hanam
    )
    nd_dan_van = _org("Ban Dân vận Tỉnh ủy Nam Định", "Ban Dân vận Tỉnh ủy", OrgKind.PARTY_BOARD, places.namdinh)
    committee = Committee.objects.create(
        name="Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam",
        short_name="BCĐ tỉnh Hà Nam",
        host=dan_van,
        locality=places.hanam,
    )
    for order, org in enumerate([dan_van, military, women]):
        Membership.objects.create(committee=committee, organization=org, order=order)
    other_committee = Committee.objects.create(
        name="Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Nam Định",
        host=nd_dan_van,
        locality=places.namdinh,
    )
    Membership.objects.create(committee=other_committee, organization=nd_dan_van)
    return SimpleNamespace(
        places=places,
        committee=committee,
        other_committee=other_committee,
        dan_van=dan_van,
        military=military,
        women=women,
        nd_dan_van=nd_dan_van,
        secretariat=_user("thuongtruc", dan_van, Role.SECRETARIAT, "Trần Thị Thu"),
        military_focal=_user("bochqs", military, Role.FOCAL_POINT, "Nguyễn Văn Quân"),
        women_focal=_user("hoiphunu", women, Role.FOCAL_POINT, "Lê Thị Hoa"),
        viewer=_user("lanhdao", dan_van, Role.VIEWER, "Nguyễn Đức Toàn"),
        outsider=_user("namdinh", nd_dan_van, Role.SECRETARIAT, "Phạm Văn Ngoài"),
        admin=_user("quantri", None, Role.ADMINISTRATOR, "Quản trị"),
    )


@pytest.fixture
def client_for(client):
    """`client_for(user)` logs the test client in as `user` and returns it."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture
def browser(monkeypatch):
    """Headless Debian Chromium through Playwright; skipped (or failed, in strict mode)
    when either is missing."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed"
    if reason is None and not shutil.which(CHROMIUM):
        reason = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if reason:
        if strict_mode():
            pytest.fail(f"Browser tests must run in strict mode: {reason}")
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test
    # itself makes are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def program(cast):
    """Hà Nam's 2016–2020 program, its 2020 plan and one task with a target.

    Members: the secretariat's Ban Dân vận, the Military Command, the Women's Union.
    """
    from phoihop.programs.models import AnnualPlan, Indicator, Task, TaskTarget
    from phoihop.programs.services import program_create

    prog = program_create(
        actor=cast.secretariat,
        committee=cast.committee,
        name="Chương trình phối hợp hoạt động giai đoạn 2016–2020",
        period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2020, 12, 31),
        members=[cast.dan_van, cast.military, cast.women],
    )
    plan = AnnualPlan.objects.create(program=prog, year=2020, title="Kế hoạch phối hợp năm 2020")
    task = Task.objects.create(
        plan=plan,
        number=1,
        title="Tuyên truyền pháp luật về đất đai tại các xã trọng điểm",
        content_area=prog.content_areas.get(number=1),
        lead=cast.dan_van,
        due_date=dt.date(2020, 12, 15),
    )
    task.partners.set([cast.military, cast.women])
    sessions = Indicator.objects.get(code="tuyen-truyen-buoi")
    TaskTarget.objects.create(task=task, indicator=sessions, value=20)
    cast.program, cast.plan, cast.task, cast.sessions = prog, plan, task, sessions
    cast.attendance = Indicator.objects.get(code="tuyen-truyen-luot")
    return prog
