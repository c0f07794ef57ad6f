"""Inputs that once reached a 500 answer 400 with a Vietnamese message."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
TOO_BIG = f"Giá trị phải từ 1 đến {2**63 - 1}."


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/programs/", "committee"),
        ("/api/tasks/", "program"),
        ("/api/plans/", "program"),
        ("/api/period-reports/", "organization"),
        ("/api/coordination-models/", "program"),
        ("/api/hotspots/", "committee"),
    ],
)
def test_a_huge_id_filter_answers_400_in_vietnamese(cast, program, url, name):
    response = _api(cast.secretariat).get(url, {name: HUGE})
    assert response.status_code == 400, response.content[:300]
    assert response.json()[name] == [TOO_BIG]


def test_a_filter_that_is_not_a_number_names_the_parameter(cast, program):
    response = _api(cast.secretariat).get("/api/tasks/", {"year": "hai nghìn"})
    assert response.status_code == 400
    assert response.json()["year"] == ["Giá trị “hai nghìn” không phải là số nguyên hợp lệ."]


def test_a_huge_id_in_the_path_is_a_404(cast, program):
    assert _api(cast.secretariat).get(f"/api/programs/{HUGE}/").status_code == 404


def test_the_dashboard_with_an_end_in_year_9999_answers_400(cast, program, client_for):
    response = client_for(cast.secretariat).get(
        "/so-ket-tong-ket/tong-quan-so-lieu/", {"end": "9999-12-31"}
    )
    assert response.status_code == 400
    assert "Ngày phải nằm trong các năm 1900–2100." in response.content.decode()
