import datetime as dt
import json
import re

import pytest
import time_machine
from django.urls import reverse

from phoihop.accounts.models import Role, User
from phoihop.hotspots.services import hotspot_designate, hotspot_lift
from phoihop.localities.models import REFORM_2025, Kind, Level, Locality
from phoihop.organizations.models import (
    Membership,
    Organization,
    OrgKind,
    OrgLevel,
    Person,
    Position,
)
from phoihop.programs.models import Program

HOME = reverse("home:home")
REGISTER = reverse("hotspots:hotspot_list")
REASON = "Nhiều vụ việc khiếu kiện đông người về đất đai kéo dài, cần các tổ chức phối hợp nắm tình hình."


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC), tick=False):
        yield


def _commune(ref, name, district, **extra):
    unit = Locality(
        ref=ref,
        code=ref.split("c")[-1],
        name=name,
        short_name=name.split(" ", 1)[1],
        kind=Kind.XA,
        level=Level.COMMUNE,
        parent=district,
        **extra,
    )
    unit.refresh_search_fields()
    unit.save()
    return unit


@pytest.fixture
def hanam(cast):
    """The cast's committee as in the demo: ended at the 2025 reform, with a program,
    focal points and a few more communes."""
    committee = cast.committee
    committee.valid_from, committee.valid_to = dt.date(2016, 1, 1), REFORM_2025
    committee.save()
    places = cast.places
    _commune(
        "v1.c13366",
        "Phường Tân Hiệp",
        places.phuly,
        valid_to=REFORM_2025,
        latitude=20.56,
        longitude=105.90,
    )
    _commune(
        "v1.c13360",
        "Xã Tiên Tân",
        places.phuly,
        valid_to=dt.date(2020, 2, 1),
        latitude=20.57,
        longitude=105.89,
    )
    _commune("v1.c13999", "Xã Không Tọa Độ", places.phuly, valid_to=REFORM_2025)
    Program.objects.create(
        name="Chương trình phối hợp hoạt động giai đoạn 2016–2020",
        committee=committee,
        period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2020, 12, 31),
    )
    for org, name, valid_to in [
        (cast.military, "Vũ Văn Hùng", None),
        (cast.women, "Nguyễn Thị Lan Anh", None),
        (cast.women, "Người Đã Nghỉ", dt.date(2019, 1, 1)),
    ]:
        person = Person.objects.create(full_name=name, organization=org, search_text=name)
        Position.objects.create(
            person=person,
            title="Phó Chủ tịch",
            organization=org,
            is_focal_point=True,
            valid_from=dt.date(2016, 1, 1),
            valid_to=valid_to,
        )
    return cast


@pytest.fixture
def designated(hanam):
    """Lam Hạ designated a hotspot and in force; Tân Hiệp designated, then lifted."""
    tan_hiep = Locality.objects.get(ref="v1.c13366")
    for unit in (hanam.places.lamha, tan_hiep):
        hotspot = hotspot_designate(
            actor=hanam.secretariat, committee=hanam.committee, locality=unit, reason=REASON
        )
    hotspot_lift(actor=hanam.secretariat, hotspot=hotspot, reason=REASON)
    return hanam


def _map_data(response) -> dict:
    match = re.search(
        r'<script id="home-map-data" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(match.group(1))


def test_anonymous_is_sent_to_login(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_focal_point_sees_committee_members_and_program_in_vietnamese(hanam, client_for):
    response = client_for(hanam.military_focal).get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tổng quan" in page
    assert "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam" in page
    assert "Cơ quan thường trực" in page and "Ban Dân vận Tỉnh ủy Hà Nam" in page
    assert "Hết hiệu lực từ 01/07/2025" in page
    for org in (hanam.dan_van, hanam.military, hanam.women):
        assert reverse("organizations:detail", args=[org.pk]) in page
        assert org.name in page
    assert "Chương trình phối hợp hoạt động giai đoạn 2016–2020" in page
    assert "Đã kết thúc" in page
    assert "Vũ Văn Hùng" in page and "Người Đã Nghỉ" not in page


def test_counts_members_current_focal_points_and_communes_of_the_last_valid_day(hanam, client_for):
    overview = client_for(hanam.military_focal).get(HOME).context["overview"]
    assert len(overview.members) == 3
    assert overview.focal_point_count == 2
    # Lam Hạ, Tân Hiệp and the unit without coordinates; not Tiên Tân, merged in 2020.
    assert overview.commune_count == 3
    assert overview.scope_day == dt.date(2025, 6, 30)


def test_map_marks_communes_by_district_and_highlights_the_hotspots_in_force(
    designated, client_for
):
    response = client_for(designated.military_focal).get(HOME)
    points = {p["name"]: p for p in _map_data(response)["points"]}
    assert set(points) == {"Phường Lam Hạ", "Phường Tân Hiệp"}
    assert points["Phường Lam Hạ"]["highlighted"] is True
    assert points["Phường Tân Hiệp"]["highlighted"] is False  # lifted
    assert points["Phường Lam Hạ"]["district"] == "Thành phố Phủ Lý"
    page = response.content.decode()
    assert "leaflet/leaflet.js" in page
    # The no-JavaScript fallback: districts with their commune counts.
    assert re.search(r"Thành phố Phủ Lý</td>\s*<td class=\"num\">3</td>", page)


def test_outsider_sees_only_nam_dinh(hanam, client_for):
    response = client_for(hanam.outsider).get(HOME)
    page = response.content.decode()
    assert "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Nam Định" in page
    assert "Hà Nam" not in page
    assert "Lam Hạ" not in page and "Vũ Văn Hùng" not in page


def test_user_without_committee_gets_a_friendly_message(hanam, client_for):
    loner_org = Organization.objects.create(
        name="Hội Người cao tuổi tỉnh Hà Nam",
        kind=OrgKind.OTHER,
        level=OrgLevel.PROVINCE,
        locality=hanam.places.hanam,
        search_text="hoi nguoi cao tuoi",
    )
    loner = User.objects.create_user(
        username="motminh", organization=loner_org, role=Role.FOCAL_POINT
    )
    response = client_for(loner).get(HOME)
    assert response.status_code == 200
    assert "chưa thuộc Ban Chỉ đạo nào" in response.content.decode()
    assert "home-map" not in response.content.decode()


def test_home_queries_do_not_grow_with_members_or_communes(
    hanam, client_for, django_assert_max_num_queries
):
    client = client_for(hanam.military_focal)
    # 14 for the overview, and the to-do list's few counts (one per kind of step).
    with django_assert_max_num_queries(22):
        client.get(HOME)
    for i in range(6):
        org = Organization.objects.create(
            name=f"Tổ chức thêm {i}",
            kind=OrgKind.OTHER,
            level=OrgLevel.PROVINCE,
            locality=hanam.places.hanam,
            search_text=f"to chuc them {i}",
        )
        Membership.objects.create(committee=hanam.committee, organization=org, order=10 + i)
        _commune(
            f"v1.c2000{i}",
            f"Xã Thêm {i}",
            hanam.places.phuly,
            valid_to=REFORM_2025,
            latitude=20.5,
            longitude=105.9,
        )
    with django_assert_max_num_queries(22):
        response = client.get(HOME)
    assert response.context["overview"].commune_count == 9


def test_without_designations_no_commune_is_a_hotspot(hanam, client_for):
    response = client_for(hanam.military_focal).get(HOME)
    assert not [p for p in _map_data(response)["points"] if p["highlighted"]]
    assert response.context["overview"].highlighted_count == 0
    assert "địa bàn trọng điểm nắm tình hình" not in response.content.decode()


def test_hotspot_count_is_the_registers_count_of_designations_in_force(designated, client_for):
    client = client_for(designated.military_focal)
    overview = client.get(HOME).context["overview"]
    register = client.get(REGISTER).context
    assert overview.highlighted_count == len(register["active"]) == 1
    assert [h.locality for h in overview.hotspots] == [h.locality for h in register["active"]]
    assert [u.name for g in overview.districts for u in g.highlighted] == ["Phường Lam Hạ"]
