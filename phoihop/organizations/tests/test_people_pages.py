"""People of an organization and their positions."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.core.history import record_version
from phoihop.organizations.models import Person, Position


@pytest.fixture
def officer(cast):
    person = Person(full_name="Đinh Văn Hùng", organization=cast.military, phone="0912")
    person.refresh_search_fields()
    person.save()
    Position.objects.create(
        person=person,
        title="Chỉ huy trưởng",
        organization=cast.military,
        valid_from=dt.date(2020, 1, 1),
        is_focal_point=True,
    )
    return person


def _person_data(person, **overrides) -> dict:
    data = {
        "full_name": person.full_name,
        "email": person.email,
        "phone": person.phone,
        "version": record_version(person),
    }
    return {**data, **overrides}


def test_focal_point_adds_a_person_to_its_own_organization(client_for, cast):
    client = client_for(cast.military_focal)
    url = reverse("organizations:person_create", args=[cast.military.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"full_name": "  Trần   Văn  Bình ", "email": "BINH@Example.vn"})
    person = Person.objects.get(organization=cast.military)
    assert response.status_code == 302
    assert response.url == reverse("organizations:person_detail", args=[person.pk])
    assert person.full_name == "Trần Văn Bình"
    assert person.email == "binh@example.vn"
    assert person.search_text == "tran van binh"


def test_focal_point_gets_403_on_another_organizations_people(client_for, cast, officer):
    client = client_for(cast.women_focal)
    assert (
        client.get(reverse("organizations:person_create", args=[cast.military.pk])).status_code
        == 403
    )
    assert client.get(reverse("organizations:person_edit", args=[officer.pk])).status_code == 403
    assert (
        client.post(reverse("organizations:position_add", args=[officer.pk]), {}).status_code == 403
    )


def test_viewer_gets_403_on_people_writes(client_for, cast, officer):
    client = client_for(cast.viewer)
    position = officer.positions.get()
    assert (
        client.post(
            reverse("organizations:person_create", args=[cast.military.pk]), {"full_name": "X"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("organizations:person_edit", args=[officer.pk]), _person_data(officer)
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("organizations:position_end", args=[position.pk]), {"valid_to": "2025-01-01"}
        ).status_code
        == 403
    )
    assert client.get(reverse("organizations:person_detail", args=[officer.pk])).status_code == 200


def test_outsider_gets_404_on_people_pages(client_for, cast, officer):
    client = client_for(cast.outsider)
    position = officer.positions.get()
    assert client.get(reverse("organizations:person_detail", args=[officer.pk])).status_code == 404
    assert client.get(reverse("organizations:person_edit", args=[officer.pk])).status_code == 404
    assert (
        client.get(reverse("organizations:person_create", args=[cast.military.pk])).status_code
        == 404
    )
    assert client.get(reverse("organizations:position_add", args=[officer.pk])).status_code == 404
    assert (
        client.post(
            reverse("organizations:position_end", args=[position.pk]), {"valid_to": "2025-01-01"}
        ).status_code
        == 404
    )


def test_anonymous_is_sent_to_login_from_people_pages(client, cast, officer):
    for url in [
        reverse("organizations:person_detail", args=[officer.pk]),
        reverse("organizations:person_edit", args=[officer.pk]),
        reverse("organizations:person_create", args=[cast.military.pk]),
        reverse("organizations:position_add", args=[officer.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_person_create_requires_a_name_in_vietnamese(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("organizations:person_create", args=[cast.women.pk]), {"full_name": "   "}
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()


def test_person_detail_shows_positions_and_focal_mark(client_for, cast, officer):
    response = client_for(cast.secretariat).get(
        reverse("organizations:person_detail", args=[officer.pk])
    )
    body = response.content.decode()
    assert "Chỉ huy trưởng" in body and "Đầu mối" in body and "01/01/2020" in body
    assert reverse("core:history", args=["organizations.person", officer.pk]) in body


def test_person_edit_saves_and_records_who(client_for, cast, officer):
    response = client_for(cast.military_focal).post(
        reverse("organizations:person_edit", args=[officer.pk]), _person_data(officer, phone="0987")
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.phone == "0987"
    assert officer.history.first().history_user == cast.military_focal


def test_person_edit_refuses_a_stale_form(client_for, cast, officer):
    client = client_for(cast.secretariat)
    url = reverse("organizations:person_edit", args=[officer.pk])
    stale = _person_data(officer, phone="111")
    client.post(url, _person_data(officer, phone="222"))
    response = client.post(url, stale)
    assert "Bản ghi đã được người khác sửa" in response.content.decode()
    officer.refresh_from_db()
    assert officer.phone == "222"


def test_position_add_works_and_validates_dates(client_for, cast, officer):
    client = client_for(cast.secretariat)
    url = reverse("organizations:position_add", args=[officer.pk])
    assert client.get(url).status_code == 200
    bad = {
        "title": "Phó Chỉ huy",
        "organization": cast.military.pk,
        "valid_from": "2024-05-01",
        "valid_to": "2024-01-01",
    }
    response = client.post(url, bad)
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    good = {**bad, "valid_to": "", "is_focal_point": "on"}
    assert client.post(url, good).status_code == 302
    position = officer.positions.get(title="Phó Chỉ huy")
    assert position.is_focal_point and position.valid_from == dt.date(2024, 5, 1)


def test_position_add_refuses_an_organization_outside_the_users_view(client_for, cast, officer):
    response = client_for(cast.secretariat).post(
        reverse("organizations:position_add", args=[officer.pk]),
        {"title": "Cộng tác viên", "organization": cast.nd_dan_van.pk},
    )
    assert response.status_code == 200
    assert not officer.positions.filter(title="Cộng tác viên").exists()


def test_position_end_closes_an_open_position(client_for, cast, officer):
    position = officer.positions.get()
    client = client_for(cast.military_focal)
    response = client.post(
        reverse("organizations:position_end", args=[position.pk]), {"valid_to": "2025-07-01"}
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.valid_to == dt.date(2025, 7, 1)
    # Ending it twice is refused with a message.
    response = client.post(
        reverse("organizations:position_end", args=[position.pk]),
        {"valid_to": "2025-08-01"},
        follow=True,
    )
    assert "Chức vụ này đã kết thúc." in response.content.decode()
    position.refresh_from_db()
    assert position.valid_to == dt.date(2025, 7, 1)


def test_position_end_before_its_start_is_refused(client_for, cast, officer):
    position = officer.positions.get()
    response = client_for(cast.secretariat).post(
        reverse("organizations:position_end", args=[position.pk]),
        {"valid_to": "2019-01-01"},
        follow=True,
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    position.refresh_from_db()
    assert position.valid_to is None
