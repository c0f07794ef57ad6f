"""A focal point logs in through the real form and reads the home page and its map,
with every request staying on this machine; its hotspots are the register's."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from phoihop.demo import data

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
HA_NAM_COMMITTEE = "Ban Chỉ đạo điều hành Chương trình phối hợp hoạt động tỉnh Hà Nam"


# Transactional tests empty the tables, data migrations' rows included (indicators,
# topics); serialized_rollback restores them for the demo loader.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_focal_point_logs_in_and_sees_the_committee_map_offline(browser, live_server):
    call_command("demo_load", "--provinces", "tinhhanam", "tinhnamdinh", "tinhninhbinh")
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", "bochqs")
    page.fill("input[name=password]", data.PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))

    assert page.locator("h1").inner_text() == "Tổng quan"
    assert page.locator("#committee-name").inner_text() == HA_NAM_COMMITTEE
    page.wait_for_selector("#home-map path.marker-hot")
    markers = page.locator("#home-map path.marker, #home-map path.marker-hot")
    assert markers.count() == 98  # Hà Nam's communes on 30/06/2025
    # The base map underneath: the 34 provinces' outlines and names, from this server.
    page.wait_for_selector("#home-map.basemap-drawn .leaflet-basemap-pane path")
    assert page.locator("#home-map .leaflet-basemap-pane path").count() == 34
    assert page.locator("#home-map .province-label").count() == 34
    assert page.locator("#home-map .province-label", has_text="Ninh Bình").count() == 1
    hot = page.locator("#home-map path.marker-hot").count()
    assert 0 < hot < len(data.SEED_COMMUNES)  # the designations in force, not the seed's list
    assert page.locator("#hotspot-count").inner_text() == str(hot)
    page.locator("#home-map path.marker-hot").last.hover()
    tooltip = page.locator(".leaflet-tooltip:not(.province-label):not(.place-label)")
    tooltip.wait_for()
    assert any(word in tooltip.inner_text() for word in ("Huyện", "Thành phố", "Thị xã"))
    page.screenshot(path="/tmp/home.png", full_page=True)

    page.goto(live_server.url + reverse("hotspots:hotspot_list"))
    assert page.locator("#active-hotspots tbody tr").count() == hot

    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts and hosts <= LOOPBACK, requested
    context.close()
