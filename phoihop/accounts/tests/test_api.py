"""The users API: lists for administrators and the secretariat, /me for everyone."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_secretariat_lists_the_users_of_its_committee(cast):
    response = _api(cast.secretariat).get("/api/users/")
    assert response.status_code == 200
    names = {row["username"] for row in response.json()["results"]}
    assert "bochqs" in names
    assert "namdinh" not in names


def test_me_works_for_any_signed_in_user(cast):
    response = _api(cast.viewer).get("/api/users/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "lanhdao"
    assert "password" not in response.json()


def test_token_authentication_works(cast):
    token = Token.objects.create(user=cast.military_focal)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/users/me/").json()["username"] == "bochqs"


def test_focal_point_and_viewer_get_403_on_user_list(cast):
    assert _api(cast.military_focal).get("/api/users/").status_code == 403
    assert _api(cast.viewer).get(f"/api/users/{cast.women_focal.pk}/").status_code == 403


def test_user_of_another_committee_gets_404(cast):
    assert _api(cast.outsider).get(f"/api/users/{cast.military_focal.pk}/").status_code == 404


def test_users_api_is_read_only(cast):
    response = _api(cast.admin).patch(f"/api/users/{cast.viewer.pk}/", {"role": "administrator"})
    assert response.status_code == 405


def test_anonymous_gets_401_or_403(db):
    assert _api().get("/api/users/").status_code in (401, 403)
    assert _api().get("/api/users/me/").status_code in (401, 403)
