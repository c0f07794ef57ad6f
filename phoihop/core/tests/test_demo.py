import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from phoihop.accounts.models import Role, User
from phoihop.core.demo import data
from phoihop.localities.models import Locality
from phoihop.organizations.models import Committee, Organization, OrgEvent, Person, Position
from phoihop.programs.models import Program

PROVINCES = ["tinhhanam", "tinhnamdinh", "tinhninhbinh"]
HA_NAM_COMMITTEE = "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam"


def _load(capsys) -> str:
    call_command("demo_load", "--provinces", *PROVINCES)
    return capsys.readouterr().out


def _counts() -> dict[str, int]:
    models = [Organization, Committee, User, Person, Position, OrgEvent, Program, Locality]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["history"] = sum(
        model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )
    return counts


def _logins(output: str) -> str:
    return output[output.index("Tài khoản đăng nhập") :]


@pytest.fixture
def demo(db, capsys):
    return _load(capsys)


def test_running_demo_load_twice_changes_nothing(demo, capsys):
    before = _counts()
    again = _load(capsys)
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
        assert response.url == reverse("core:home")
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
