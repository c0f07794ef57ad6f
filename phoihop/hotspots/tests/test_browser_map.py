"""The hotspot map in a real browser, with the network unplugged: every request outside
this machine is refused, and the map still draws its markers and opens a popup."""

import os
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from phoihop.demo import data

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture
def async_env_restored():
    """The `browser` fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for good; put it back after."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _unplugged(route):
    """Only this machine answers; anything else fails as it would offline."""
    if urlsplit(route.request.url).hostname in LOOPBACK or route.request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort("internetdisconnected")


# serialized_rollback: an earlier transactional test may have flushed the rows data
# migrations made (topics, indicators) that the demo needs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_secretariat_sees_the_hotspot_map_offline(async_env_restored, browser, live_server):
    call_command("demo_load", "--provinces", "tinhhanam", "tinhnamdinh", "tinhninhbinh")
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1100})
    context.route("**/*", _unplugged)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", "thuongtruc")
    page.fill("input[name=password]", data.PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))

    page.goto(live_server.url + reverse("hotspots:map"))
    page.wait_for_selector("#hotspot-map path.hotspot-marker")
    rows = page.locator("#hotspot-table tbody tr").count()
    assert page.locator("#hotspot-map path.hotspot-marker").count() == rows >= 13
    assert page.locator("#hotspot-map path.hotspot-high").count() >= 1
    assert page.locator("#hotspot-map img.leaflet-tile").count() == 0
    # The base map: 34 province outlines (SVG paths) and their names, below the markers.
    page.wait_for_selector("#hotspot-map.basemap-drawn .leaflet-basemap-pane path")
    assert page.locator("#hotspot-map .leaflet-basemap-pane path").count() == 34
    assert page.locator("#hotspot-map .province-label").count() == 34
    assert page.locator("#hotspot-legend li").count() >= 3
    # Commune names show only once zoomed in past a province's view.
    assert not page.locator("#hotspot-map .place-label").first.is_visible()
    for _ in range(2):
        page.click("#hotspot-map .leaflet-control-zoom-in")
        page.wait_for_timeout(400)
    page.wait_for_selector("#hotspot-map.map-zoomed-in")
    assert page.locator("#hotspot-map .place-label", has_text="Phường Lam Hạ").count() == 1
    page.screenshot(path="/tmp/hotspot-map-zoomed.png")
    for _ in range(2):
        page.click("#hotspot-map .leaflet-control-zoom-out")
        page.wait_for_timeout(400)
    page.wait_for_selector("#hotspot-map:not(.map-zoomed-in)")
    page.locator("#hotspot-map path.hotspot-high").last.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Điểm:" in popup.inner_text() and "Số vụ việc:" in popup.inner_text()
    page.screenshot(path="/tmp/hotspot-map.png", full_page=True)

    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts and hosts <= LOOPBACK, requested
    context.close()
