"""REST API for organizations, committees and people."""

from rest_framework.test import APIClient

from phoihop.core.history import record_version
from phoihop.organizations.models import Person


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_organizations_list_is_scoped_and_searchable(cast):
    response = _api(cast.military_focal).get("/api/organizations/")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert cast.women.name in names and cast.nd_dan_van.name not in names
    response = _api(cast.military_focal).get("/api/organizations/", {"q": "bo chqs"})
    assert [row["id"] for row in response.json()["results"]] == [cast.military.pk]


def test_secretariat_updates_an_organization(cast):
    response = _api(cast.secretariat).patch(
        f"/api/organizations/{cast.military.pk}/",
        {"phone": "0226", "version": record_version(cast.military)},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["phone"] == "0226"
    cast.military.refresh_from_db()
    assert cast.military.history.first().history_user == cast.secretariat


def test_api_update_honours_the_version_check(cast):
    version = record_version(cast.military)
    api = _api(cast.secretariat)
    api.patch(
        f"/api/organizations/{cast.military.pk}/", {"phone": "1", "version": version}, format="json"
    )
    response = api.patch(
        f"/api/organizations/{cast.military.pk}/", {"phone": "2", "version": version}, format="json"
    )
    assert response.status_code == 409
    assert "Bản ghi đã được người khác sửa" in response.json()["detail"]


def test_api_update_validates_in_vietnamese(cast):
    response = _api(cast.secretariat).patch(
        f"/api/organizations/{cast.military.pk}/",
        {"valid_from": "2020-01-01", "valid_to": "2019-01-01", "version": record_version(cast.military)},
        format="json",
    )
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.json()["valid_to"]


def test_viewer_gets_403_on_writes(cast):
    api = _api(cast.viewer)
    assert (
        api.patch(
            f"/api/organizations/{cast.military.pk}/", {"phone": "1"}, format="json"
        ).status_code
        == 403
    )
    response = api.post(
        "/api/people/", {"full_name": "X", "organization": cast.military.pk}, format="json"
    )
    assert response.status_code == 403


def test_outsider_gets_404(cast):
    api = _api(cast.outsider)
    assert api.get(f"/api/organizations/{cast.military.pk}/").status_code == 404
    assert (
        api.patch(
            f"/api/organizations/{cast.military.pk}/", {"phone": "1"}, format="json"
        ).status_code
        == 404
    )
    assert api.get(f"/api/committees/{cast.committee.pk}/").status_code == 404
    response = api.post(
        "/api/people/", {"full_name": "X", "organization": cast.military.pk}, format="json"
    )
    assert response.status_code == 404


def test_anonymous_gets_401_or_403(db):
    for url in ["/api/organizations/", "/api/committees/", "/api/people/"]:
        assert APIClient().get(url).status_code in (401, 403)


def test_committees_show_their_members(cast):
    response = _api(cast.viewer).get("/api/committees/")
    assert response.status_code == 200
    (committee,) = response.json()["results"]
    assert {m["organization"] for m in committee["members"]} == {
        cast.dan_van.pk,
        cast.military.pk,
        cast.women.pk,
    }


def test_focal_point_creates_and_updates_people_of_its_organization(cast):
    api = _api(cast.military_focal)
    response = api.post(
        "/api/people/",
        {"full_name": "Lê  Văn Tám", "organization": cast.military.pk},
        format="json",
    )
    assert response.status_code == 201
    person = Person.objects.get(pk=response.json()["id"])
    assert person.full_name == "Lê Văn Tám"
    etag = api.get(f"/api/people/{person.pk}/")["ETag"]
    response = api.patch(f"/api/people/{person.pk}/", {"phone": "0909"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.phone == "0909"
    response = api.post(
        "/api/people/", {"full_name": "Y", "organization": cast.women.pk}, format="json"
    )
    assert response.status_code == 403


def test_people_create_validates(cast):
    response = _api(cast.secretariat).post(
        "/api/people/", {"organization": cast.women.pk}, format="json"
    )
    assert response.status_code == 400
    assert "full_name" in response.json()
