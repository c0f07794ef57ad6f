"""The place pages: browse and search, a unit's page, and search-as-you-type suggestions."""

import pytest
from django.urls import reverse

from phoihop.localities.models import REFORM_2025, Locality
from phoihop.localities.tests.conftest import unit

LIST = reverse("localities:list")
SUGGEST = reverse("localities:autocomplete")


def detail(ref: str) -> str:
    return reverse("localities:detail", args=[Locality.objects.get(ref=ref).pk])


# --- Browse ------------------------------------------------------------------------------


def test_search_without_diacritics_finds_the_commune(cast, region, client_for, django_assert_max_num_queries):
    client = client_for(cast.viewer)
    with django_assert_max_num_queries(10):
        page = client.get(LIST, {"q": "thanh hai"})
    assert page.status_code == 200
    assert "Xã Thanh Hải" in page.content.decode()
    assert "Huyện Thanh Liêm, Tỉnh Hà Nam" in page.content.decode()


def test_search_finds_former_names(cast, region, client_for):
    page = client_for(cast.viewer).get(LIST, {"q": "tien tan"})
    assert "Phường Tân Hiệp" in page.content.decode()


def test_filters_narrow_to_level_generation_and_province(cast, region, client_for):
    hanam = Locality.objects.get(ref="v1.p35")
    page = client_for(cast.viewer).get(LIST, {"level": 2, "generation": "truoc", "province": hanam.pk})
    units = list(page.context["page"])
    assert {u.name for u in units} == {
        "Thành phố Phủ Lý", "Thị xã Duy Tiên", "Thị xã Kim Bảng", "Huyện Thanh Liêm",
        "Huyện Bình Lục", "Huyện Lý Nhân",
    }
    new = client_for(cast.viewer).get(LIST, {"generation": "tu", "level": 3}).context["page"]
    assert new.paginator.count == 129
    assert all(u.valid_from == REFORM_2025 for u in new)


def test_list_is_paginated_by_fifty(cast, region, client_for):
    first = client_for(cast.viewer).get(LIST, {"level": 3})
    assert len(first.context["page"]) == 50
    second = client_for(cast.viewer).get(LIST, {"level": 3, "trang": 2})
    assert second.context["page"].number == 2
    assert "trang=3" in second.content.decode()


def test_bad_filter_is_shown_in_vietnamese(cast, region, client_for):
    page = client_for(cast.viewer).get(LIST, {"level": 9, "generation": "sau"})
    assert page.status_code == 200
    assert "Lựa chọn không hợp lệ." in page.content.decode()


def test_outsider_sees_places_of_another_province(cast, region, client_for):
    """Places are public reference data: Nam Định's user reads Hà Nam's communes."""
    page = client_for(cast.outsider).get(LIST, {"q": "lam ha"})
    assert "Phường Lam Hạ" in page.content.decode()
    assert client_for(cast.outsider).get(detail("v1.c13303")).status_code == 200


@pytest.mark.parametrize("url", [LIST, SUGGEST + "?q=thanh", "/dia-ban/1/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- One unit ----------------------------------------------------------------------------


def test_unit_page_shows_facts_lineage_and_map(cast, region, client_for, django_assert_max_num_queries):
    client, url = client_for(cast.viewer), detail("v1.c13366")  # Phường Tân Hiệp
    with django_assert_max_num_queries(18):  # 12, and one a lineage step of the timeline
        page = client.get(url)
    html = page.content.decode()
    assert "tienhiep, tientan" in html
    assert "Phường Hà Nam" in html and "Sáp nhập" in html and "01/07/2025" in html
    assert "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội" in html
    assert 'id="locality-map"' in html and "leaflet/leaflet.js" in html
    assert "hết hiệu lực từ 01/07/2025" in html


def test_new_unit_page_lists_its_predecessors_with_parts(cast, region, client_for):
    html = client_for(cast.viewer).get(detail("v2.c13366")).content.decode()  # Phường Hà Nam
    assert "Phường Lam Hạ, Thành phố Phủ Lý, Tỉnh Hà Nam" in html
    assert "một phần" in html  # Phường Quang Trung is divided


def test_province_page_lists_children_and_successor(cast, region, client_for):
    page = client_for(cast.viewer).get(detail("v2.p37"))
    assert page.context["children_count"] == 129
    assert len(page.context["children"]) == 129
    hanam = client_for(cast.viewer).get(detail("v1.p35")).content.decode()
    assert "Tỉnh Ninh Bình" in hanam  # its successor


def test_history_link_only_for_secretariat_and_administrators(cast, region, client_for):
    url = detail("v1.c13303")
    history = reverse("core:history", args=["localities.locality", Locality.objects.get(ref="v1.c13303").pk])
    assert history in client_for(cast.secretariat).get(url).content.decode()
    assert history in client_for(cast.admin).get(url).content.decode()
    assert history not in client_for(cast.viewer).get(url).content.decode()


def test_unknown_unit_is_404(cast, client_for):
    assert client_for(cast.viewer).get(reverse("localities:detail", args=[999999])).status_code == 404


# --- Suggestions -------------------------------------------------------------------------


def test_suggestions_are_json_and_capped_at_twenty(cast, region, client_for, django_assert_max_num_queries):
    client = client_for(cast.viewer)
    with django_assert_max_num_queries(6):
        response = client.get(SUGGEST, {"q": "thanh"})
    rows = response.json()
    assert len(rows) == 20
    assert set(rows[0]) == {"id", "name", "full_name", "valid_from", "valid_to"}


def test_suggestions_put_exact_names_first_and_filter(cast, region, client_for):
    client = client_for(cast.viewer)
    rows = client.get(SUGGEST, {"q": "Thanh Hai"}).json()
    assert rows[0]["full_name"] == "Xã Thanh Hải, Huyện Thanh Liêm, Tỉnh Hà Nam"
    assert rows[0]["valid_to"] == "2025-07-01"
    ninh_binh = unit("v2.p37")
    rows = client.get(SUGGEST, {"q": "thanh", "parent": ninh_binh.pk, "on": "2025-07-01", "level": 3}).json()
    assert rows and all(r["full_name"].endswith("Tỉnh Ninh Bình") and r["valid_from"] == "2025-07-01" for r in rows)
    assert client.get(SUGGEST, {"q": "thanh", "on": "15/06/2020", "level": 1}).json() == []


@pytest.mark.parametrize(("params", "message"), [
    ({}, "Hãy nhập ít nhất một ký tự"),
    ({"q": "thanh", "on": "hôm qua"}, "Ngày không hợp lệ"),
    ({"q": "thanh", "level": "7"}, "Cấp không hợp lệ"),
    ({"q": "thanh", "parent": "abc"}, "phải là một số"),
    ({"q": "thanh", "parent": "999999"}, "Không tìm thấy đơn vị cấp trên"),
])
def test_bad_suggestion_query_gets_400_in_vietnamese(cast, client_for, params, message):
    response = client_for(cast.viewer).get(SUGGEST, params)
    assert response.status_code == 400
    assert message in response.json()["error"]


@pytest.mark.browser
def test_unit_page_draws_the_offline_map(transactional_db, cast, region, browser, live_server, client_for):
    client = client_for(cast.viewer)
    cookie = client.cookies["sessionid"].value
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + detail("v1.c13498"))
    page.wait_for_selector("#locality-map .leaflet-interactive")
    assert page.locator("#locality-map .leaflet-tooltip").inner_text() == "Xã Thanh Hải"
    assert page.locator("#locality-map img.leaflet-tile").count() == 0
    context.close()
