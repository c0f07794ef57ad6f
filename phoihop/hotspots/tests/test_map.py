"""The hotspot map page: offline, data embedded, sensitive cases kept out of markers."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from phoihop.hotspots.tests.hotspot_story import WINDOW, hotspot_story_fixture, open_case, unit  # noqa: F401
from phoihop.localities.models import Kind, Level

pytestmark = pytest.mark.django_db
START, END = WINDOW


def _map(client, story, **extra):
    query = {
        "committee": story.cast.committee.pk,
        "start": START.isoformat(),
        "end": END.isoformat(),
        **extra,
    }
    return client.get(reverse("hotspots:map"), query)


def _points(response) -> dict[str, dict]:
    html = response.content.decode()
    data = re.search(
        r'<script id="hotspot-map-data" type="application/json">(.*?)</script>', html, re.S
    )
    return {point["name"]: point for point in json.loads(data.group(1))["points"]}


@pytest.fixture
def sensitive_only(hotspot_story):
    """Xã Thanh Nghị carries only a sensitive religion case of the Military Command."""
    thanhnghi = unit(
        "v1.c13489",
        "Xã Thanh Nghị",
        "Thanh Nghị",
        Kind.XA,
        Level.COMMUNE,
        hotspot_story.extra.thanhliem,
        latitude=20.41834,
        longitude=105.893622,
        valid_to=dt.date(2025, 7, 1),
    )
    cast = hotspot_story.cast
    hotspot_story.religion = open_case(
        cast,
        reporter=cast.military_focal,
        locality=thanhnghi,
        topic="ton-giao",
        day=dt.date(2020, 7, 1),
        title="Mâu thuẫn về mở rộng khuôn viên cơ sở thờ tự",
        severity=3,
        lead=cast.military,
    )
    return hotspot_story


def test_map_page_embeds_markers_sized_and_colored_by_score(
    hotspot_story, client_for, django_assert_max_num_queries
):
    client = client_for(hotspot_story.cast.secretariat)
    with django_assert_max_num_queries(15):
        response = _map(client, hotspot_story)
    assert response.status_code == 200
    points = _points(response)
    assert set(points) == {"Phường Lam Hạ", "Phường Tân Hiệp", "Xã Thanh Hải"}
    lamha, thanhhai = points["Phường Lam Hạ"], points["Xã Thanh Hải"]
    assert lamha["score"] == "17.50" and lamha["cases"] == 3 and lamha["open"] == 2
    assert lamha["radius"] > thanhhai["radius"] and lamha["color"] != thanhhai["color"]
    assert thanhhai["district"] == "Huyện Thanh Liêm"
    html = response.content.decode()
    assert "leaflet/leaflet.js" in html and "hotspots/map.js" in html
    assert 'id="hotspot-table"' in html  # the table without JavaScript
    assert not re.search(r'(src|href)="https?://', html)
    assert "tile" not in html.lower()


def test_map_markers_leave_out_what_an_uninvolved_member_may_not_see(sensitive_only, client_for):
    story = sensitive_only
    involved = _points(_map(client_for(story.cast.military_focal), story))
    assert "Xã Thanh Nghị" in involved and involved["Phường Lam Hạ"]["score"] == "17.50"
    response = _map(client_for(story.cast.women_focal), story)
    uninvolved = _points(response)
    assert "Xã Thanh Nghị" not in uninvolved
    assert (
        uninvolved["Phường Lam Hạ"]["score"] == "10.00"
        and uninvolved["Phường Lam Hạ"]["cases"] == 2
    )
    html = response.content.decode()
    assert (
        "Thanh Nghị" not in html
        and story.religion.title not in html
        and story.land.title not in html
    )


def test_map_regroups_by_2025_units(hotspot_story, client_for):
    points = _points(_map(client_for(hotspot_story.cast.secretariat), hotspot_story, by_2025="on"))
    assert points["Phường Hà Nam"]["score"] == "22.50"
    assert "Phường Lam Hạ" not in points


def test_map_filters_by_topic(hotspot_story, client_for):
    from phoihop.situations.models import Topic

    topic = Topic.objects.get(code="gpmb")
    points = _points(
        _map(client_for(hotspot_story.cast.secretariat), hotspot_story, topic=topic.pk)
    )
    assert set(points) == {"Phường Tân Hiệp"}


def test_map_shows_a_vietnamese_error_for_a_bad_window(hotspot_story, client_for):
    response = _map(
        client_for(hotspot_story.cast.secretariat),
        hotspot_story,
        start="2021-01-01",
        end="2020-01-01",
    )
    assert response.status_code == 200
    assert "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc." in response.content.decode()
    bad = _map(client_for(hotspot_story.cast.secretariat), hotspot_story, start="ngày xưa")
    assert "Ngày không hợp lệ: “ngày xưa”" in bad.content.decode()


def test_map_of_another_committee_is_404_and_anonymous_goes_to_login(
    hotspot_story, client_for, client
):
    assert client.get(reverse("hotspots:map")).status_code == 302
    response = _map(client_for(hotspot_story.cast.outsider), hotspot_story)
    assert response.status_code == 404


def test_outsider_sees_its_own_committee_map_without_hanam_markers(hotspot_story, client_for):
    response = client_for(hotspot_story.cast.outsider).get(reverse("hotspots:map"))
    assert response.status_code == 200
    assert _points(response) == {}
