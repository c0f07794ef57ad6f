"""GET /api/search/?q=: the page's search as JSON, with the same scoping and bounds."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phoihop.search.tests.test_search import world  # noqa: F401  (a fixture)
from phoihop.situations.tests.conftest import situation  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

URL = "/api/search/"


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _groups(response) -> dict:
    return {group["kind"]: group for group in response.json()["results"]}


def test_the_secretariat_finds_the_land_case_without_diacritics(world):  # noqa: F811
    response = _api(world.cast.secretariat).get(URL, {"q": "tranh chap dat dai"})
    assert response.status_code == 200
    cases = _groups(response)["cases"]
    assert cases["total"] == 1
    assert cases["hits"][0]["url"] == reverse("situations:case_detail", args=[world.land.pk])
    assert cases["hits"][0]["date"] == "2025-06-10"


def test_an_uninvolved_member_gets_no_land_case_nor_its_count(world):  # noqa: F811
    groups = _groups(_api(world.cast.women_focal).get(URL, {"q": "tranh chap dat dai"}))
    assert groups["cases"] == {
        "kind": "cases",
        "label": "Vụ việc",
        "total": 0,
        "hits": [],
        "more_url": None,
    }
    assert groups["reports"]["total"] == 0


def test_an_outsider_finds_none_of_the_committees_records(world):  # noqa: F811
    groups = _groups(_api(world.cast.outsider).get(URL, {"q": "lam ha"}))
    assert [k for k, g in groups.items() if g["total"] and k != "places"] == []


def test_anonymous_is_refused(db):
    assert _api().get(URL, {"q": "ha nam"}).status_code in (401, 403)


@pytest.mark.parametrize("value", ["", "   ", "!!!", "x" * 101, "ha\x00nam", "ha\x1bnam"])
def test_bad_text_answers_400_in_vietnamese(cast, value):
    response = _api(cast.secretariat).get(URL, {"q": value})
    assert response.status_code == 400
    assert list(response.json()) == ["q"]


def test_the_schema_lists_the_endpoint(client_for, cast):
    schema = client_for(cast.viewer).get(reverse("api-schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/search/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["q"]
    assert operation["parameters"][0]["schema"]["maxLength"] == 100
    assert "results" in schema["components"]["schemas"]["Search"]["properties"]
