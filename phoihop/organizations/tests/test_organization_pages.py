"""Organization list, detail, edit and committee pages."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from phoihop.conftest import _org
from phoihop.core.history import record_version
from phoihop.organizations.models import Membership, Organization, OrgKind, Person, Position


def _names(response) -> list[str]:
    return [row[0].name for row in response.context["rows"]]


def _edit_data(org: Organization, **overrides) -> dict:
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "aliases": "\n".join(org.aliases),
        "kind": org.kind,
        "level": org.level,
        "valid_from": org.valid_from.isoformat() if org.valid_from else "",
        "valid_to": org.valid_to.isoformat() if org.valid_to else "",
        "email": org.email,
        "phone": org.phone,
        "version": record_version(org),
    }
    return {**data, **overrides}


# --- list ---------------------------------------------------------------------------


def test_list_shows_the_committee_members_and_not_the_outsider(client_for, cast):
    response = client_for(cast.military_focal).get(reverse("organizations:list"))
    assert response.status_code == 200
    assert set(_names(response)) == {cast.dan_van.name, cast.military.name, cast.women.name}


def test_search_finds_a_short_name_without_diacritics(client_for, cast):
    response = client_for(cast.secretariat).get(reverse("organizations:list"), {"q": "bo chqs"})
    assert _names(response) == ["Bộ Chỉ huy Quân sự tỉnh Hà Nam"]


def test_search_finds_an_alias_and_ignores_case(client_for, cast):
    cast.women.aliases = ["Hội Phụ nữ tỉnh"]
    cast.women.refresh_search_fields()
    cast.women.save()
    response = client_for(cast.secretariat).get(reverse("organizations:list"), {"q": "HOI PHU NU"})
    assert _names(response) == [cast.women.name]


def test_list_filters_by_kind_level_and_committee(client_for, cast):
    client = client_for(cast.admin)
    response = client.get(reverse("organizations:list"), {"kind": OrgKind.MILITARY})
    assert _names(response) == [cast.military.name]
    response = client.get(reverse("organizations:list"), {"committee": cast.other_committee.pk})
    assert _names(response) == [cast.nd_dan_van.name]
    response = client.get(reverse("organizations:list"), {"level": "commune"})
    assert _names(response) == []


def test_list_filters_by_validity_date_and_shows_badges(client_for, cast):
    cast.dan_van.valid_to = dt.date(2025, 7, 1)
    cast.dan_van.save()
    client = client_for(cast.secretariat)
    response = client.get(reverse("organizations:list"), {"valid_on": "2025-08-01"})
    assert cast.dan_van.name not in _names(response)
    response = client.get(reverse("organizations:list"), {"valid_on": "01/01/2024"})
    assert cast.dan_van.name in _names(response)
    with time_machine.travel(dt.datetime(2025, 9, 1, 3, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("organizations:list"))
    body = response.content.decode()
    assert "Ngừng hoạt động từ 01/07/2025" in body
    assert "Đang hoạt động" in body


def test_list_reports_a_bad_date_in_vietnamese(client_for, cast):
    response = client_for(cast.secretariat).get(
        reverse("organizations:list"), {"valid_on": "hôm qua"}
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ: “hôm qua”" in response.content.decode()


def test_list_query_count_does_not_grow(client_for, cast, django_assert_max_num_queries):
    for i in range(40):
        org = _org(f"Tổ chức số {i}", f"TC{i}", OrgKind.OTHER, cast.places.hanam)
        Membership.objects.create(committee=cast.committee, organization=org)
    client = client_for(cast.secretariat)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("organizations:list"))
    assert len(response.context["rows"]) == 43


def test_anonymous_is_sent_to_login(client, cast):
    for url in [
        reverse("organizations:list"),
        reverse("organizations:detail", args=[cast.military.pk]),
        reverse("organizations:edit", args=[cast.military.pk]),
        reverse("organizations:committee_detail", args=[cast.committee.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


# --- detail -------------------------------------------------------------------------


def test_detail_shows_facts_committees_people_and_events(client_for, cast):
    from phoihop.organizations.services import org_event_record

    person = Person.objects.create(full_name="Đinh Văn Hùng", organization=cast.military)
    Position.objects.create(
        person=person, title="Chỉ huy trưởng", organization=cast.military, is_focal_point=True
    )
    Position.objects.create(
        person=person, title="Chức cũ", organization=cast.military, valid_to=dt.date(2020, 1, 1)
    )
    successor = _org(
        "Bộ Chỉ huy Quân sự tỉnh Ninh Bình", "", OrgKind.MILITARY, cast.places.ninhbinh
    )
    org_event_record(
        actor=None,
        kind="merge",
        effective_date=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết 202/2025/QH15",
        predecessors=[cast.military],
        successors=[successor],
    )
    response = client_for(cast.secretariat).get(
        reverse("organizations:detail", args=[cast.military.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bộ CHQS tỉnh Hà Nam" in body  # an alias
    assert "BCĐ tỉnh Hà Nam" in body
    assert "Chỉ huy trưởng" in body and "Đầu mối" in body
    assert "Chức cũ" not in body
    assert "Bộ Chỉ huy Quân sự tỉnh Ninh Bình" in body and "Nghị quyết 202/2025/QH15" in body
    assert reverse("core:history", args=["organizations.organization", cast.military.pk]) in body


def test_detail_hides_the_history_link_from_focal_points(client_for, cast):
    response = client_for(cast.women_focal).get(
        reverse("organizations:detail", args=[cast.military.pk])
    )
    assert response.status_code == 200
    assert "/lich-su/" not in response.content.decode()


def test_detail_query_count_is_bounded(client_for, cast, django_assert_max_num_queries):
    for i in range(10):
        person = Person.objects.create(full_name=f"Cán bộ {i}", organization=cast.military)
        Position.objects.create(person=person, title="Cán bộ", organization=cast.military)
    client = client_for(cast.secretariat)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("organizations:detail", args=[cast.military.pk]))
    assert len(response.context["detail"].people) == 10


def test_outsider_gets_404_on_detail_and_edit(client_for, cast):
    client = client_for(cast.outsider)
    assert client.get(reverse("organizations:detail", args=[cast.military.pk])).status_code == 404
    assert client.get(reverse("organizations:edit", args=[cast.military.pk])).status_code == 404
    assert (
        client.get(reverse("organizations:committee_detail", args=[cast.committee.pk])).status_code
        == 404
    )


# --- edit ---------------------------------------------------------------------------


def test_secretariat_edits_a_member_organization(client_for, cast):
    client = client_for(cast.secretariat)
    url = reverse("organizations:edit", args=[cast.military.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _edit_data(
            cast.military, aliases="Bộ CHQS tỉnh Hà Nam\n  BCHQS  \n\n", phone="0226 3851 234"
        ),
    )
    assert response.status_code == 302
    cast.military.refresh_from_db()
    assert cast.military.aliases == ["Bộ CHQS tỉnh Hà Nam", "BCHQS"]
    assert "bchqs" in cast.military.search_text
    assert cast.military.phone == "0226 3851 234"
    assert cast.military.history.first().history_user == cast.secretariat


def test_edit_validates_dates_in_vietnamese(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("organizations:edit", args=[cast.military.pk]),
        _edit_data(cast.military, valid_from="2020-01-01", valid_to="2019-01-01"),
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()


def test_edit_refuses_to_overwrite_a_newer_version(client_for, cast):
    client = client_for(cast.secretariat)
    url = reverse("organizations:edit", args=[cast.military.pk])
    mine = _edit_data(cast.military, phone="111")
    theirs = _edit_data(cast.military, phone="222")
    assert client.post(url, theirs).status_code == 302
    response = client.post(url, mine)
    assert response.status_code == 200
    assert "Bản ghi đã được người khác sửa" in response.content.decode()
    cast.military.refresh_from_db()
    assert cast.military.phone == "222"
    # Submitting the re-shown form is now a deliberate overwrite.
    assert client.post(url, response.context["form"].data).status_code == 302
    cast.military.refresh_from_db()
    assert cast.military.phone == "111"


@pytest.mark.parametrize("who", ["viewer", "women_focal", "military_focal"])
def test_viewers_and_focal_points_get_403_on_edit(client_for, cast, who):
    client = client_for(getattr(cast, who))
    url = reverse("organizations:edit", args=[cast.military.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _edit_data(cast.military, phone="999")).status_code == 403


def test_administrator_edits_any_organization(client_for, cast):
    response = client_for(cast.admin).post(
        reverse("organizations:edit", args=[cast.nd_dan_van.pk]),
        _edit_data(cast.nd_dan_van, phone="1"),
    )
    assert response.status_code == 302


# --- committee ----------------------------------------------------------------------


def test_committee_page_lists_host_scope_and_members(client_for, cast):
    Membership.objects.filter(organization=cast.women).update(
        joined_on=dt.date(2016, 3, 1), left_on=dt.date(2025, 7, 1)
    )
    response = client_for(cast.viewer).get(
        reverse("organizations:committee_detail", args=[cast.committee.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert cast.dan_van.name in body and "Tỉnh Hà Nam" in body
    assert cast.women.name in body and "01/03/2016" in body and "01/07/2025" in body
