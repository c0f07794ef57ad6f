"""/api/localities/: read-only, filtered by q, level, on and parent."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phoihop.localities.models import Locality

LIST = "/api/localities/"


@pytest.fixture
def api_for():
    def login(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return login


def test_anonymous_is_refused(db):
    assert APIClient().get(LIST).status_code in (401, 403)
    assert APIClient().get(LIST + "1/").status_code in (401, 403)


def test_list_filters_by_name_level_date_and_parent(cast, region, api_for, django_assert_max_num_queries):
    client = api_for(cast.viewer)
    ninh_binh = Locality.objects.get(ref="v2.p37")
    with django_assert_max_num_queries(4):
        data = client.get(LIST, {"q": "thanh lam", "level": 3, "on": "2026-01-01", "parent": ninh_binh.pk}).json()
    assert [row["full_name"] for row in data["results"]] == ["Xã Thanh Lâm, Tỉnh Ninh Bình"]
    assert data["results"][0]["valid_from"] == "2025-07-01"


def test_search_matches_former_names(cast, region, api_for):
    data = api_for(cast.viewer).get(LIST, {"q": "tiên tân", "on": "2025-03-01"}).json()
    assert [row["name"] for row in data["results"]] == ["Phường Tân Hiệp"]
    assert data["results"][0]["former_names"] == ["tienhiep", "tientan"]


def test_search_on_a_2020_day_finds_the_commune_of_that_day(cast, region, api_for):
    data = api_for(cast.viewer).get(LIST, {"q": "tiên tân", "on": "2020-06-15"}).json()
    assert [(row["name"], row["valid_to"]) for row in data["results"]] == [("Xã Tiên Tân", "2025-01-01")]


def test_detail_gives_the_unit(cast, region, api_for):
    lam_ha = Locality.objects.get(ref="v1.c13303")
    data = api_for(cast.outsider).get(f"{LIST}{lam_ha.pk}/").json()
    assert (data["ref"], data["kind_display"], data["level"]) == ("v1.c13303", "Phường", 3)


@pytest.mark.parametrize(("params", "message"), [
    ({"level": "5"}, "Cấp không hợp lệ"),
    ({"on": "15-06"}, "Ngày không hợp lệ"),
    ({"parent": "x"}, "phải là một số"),
])
def test_bad_filter_gets_400_in_vietnamese(cast, api_for, params, message):
    response = api_for(cast.viewer).get(LIST, params)
    assert response.status_code == 400
    assert message in str(response.json())


def test_api_is_read_only(cast, api_for):
    response = api_for(cast.admin).post(LIST, {"name": "Xã Mới"})
    assert response.status_code == 405


def test_schema_documents_the_filters(cast, client_for):
    schema = client_for(cast.admin).get(reverse("api-schema"), {"format": "json"}).json()
    names = {p["name"] for p in schema["paths"]["/api/localities/"]["get"]["parameters"]}
    assert {"q", "level", "on", "parent"} <= names
