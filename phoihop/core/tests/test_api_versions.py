"""API updates carry the version read (body or If-Match), as the edit pages do."""

from rest_framework.test import APIClient

from phoihop.core.history import record_version


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(cast) -> str:
    return f"/api/organizations/{cast.military.pk}/"


def test_a_get_of_one_record_sends_its_version_as_etag(cast):
    response = _api(cast.viewer).get(_url(cast))
    assert response.status_code == 200
    assert response["ETag"] == f'"{record_version(cast.military)}"'


def test_an_update_without_the_version_is_refused_with_428_in_vietnamese(cast):
    api = _api(cast.secretariat)
    for method in (api.patch, api.put):
        response = method(_url(cast), {"phone": "0226"}, format="json")
        assert response.status_code == 428
        assert "phiên bản" in response.json()["detail"]
    cast.military.refresh_from_db()
    assert cast.military.phone != "0226"


def test_a_stale_version_in_the_body_is_refused_with_409(cast):
    api = _api(cast.secretariat)
    version = record_version(cast.military)
    assert (
        api.patch(_url(cast), {"phone": "1", "version": version}, format="json").status_code == 200
    )
    response = api.patch(_url(cast), {"phone": "2", "version": version}, format="json")
    assert response.status_code == 409
    assert "người khác sửa" in response.json()["detail"]
    cast.military.refresh_from_db()
    assert cast.military.phone == "1"


def test_if_match_with_the_etag_updates_and_a_stale_one_gets_412(cast):
    api = _api(cast.secretariat)
    etag = api.get(_url(cast))["ETag"]
    first = api.patch(_url(cast), {"phone": "1"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    again = api.patch(_url(cast), {"phone": "2"}, format="json", HTTP_IF_MATCH=etag)
    assert again.status_code == 412
    assert "người khác sửa" in again.json()["detail"]
    fresh = api.get(_url(cast))["ETag"]
    assert fresh != etag
    assert (
        api.patch(_url(cast), {"phone": "2"}, format="json", HTTP_IF_MATCH=fresh).status_code == 200
    )


def test_a_malformed_if_match_is_refused_with_400(cast):
    response = _api(cast.secretariat).patch(
        _url(cast), {"phone": "1"}, format="json", HTTP_IF_MATCH='"abc"'
    )
    assert response.status_code == 400


def test_a_body_that_is_not_an_object_is_refused_with_400(cast):
    response = _api(cast.secretariat).patch(_url(cast), [1, 2], format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 400


def test_if_match_star_does_not_count_as_a_version(cast):
    response = _api(cast.secretariat).patch(
        _url(cast), {"phone": "1"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 428


def test_outsiders_and_read_only_users_are_refused_before_the_version_is_asked(cast):
    assert _api(cast.outsider).patch(_url(cast), {"phone": "1"}, format="json").status_code == 404
    assert _api(cast.viewer).patch(_url(cast), {"phone": "1"}, format="json").status_code == 403


def test_the_schema_documents_if_match_and_the_refusals(client_for, cast):
    schema = client_for(cast.viewer).get("/api/schema/", {"format": "json"}).json()
    patch = schema["paths"]["/api/organizations/{id}/"]["patch"]
    assert {"409", "412", "428"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "428" not in schema["paths"]["/api/organizations/{id}/"]["get"]["responses"]
