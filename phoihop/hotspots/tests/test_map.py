"""The hotspot map page: offline, data embedded, sensitive cases kept out of markers."""

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
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


# --- The base map, the choropleth and its legend ------------------------------------------


def _map_data(response) -> dict:
    html = response.content.decode()
    data = re.search(
        r'<script id="hotspot-map-data" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(data.group(1))


@pytest.fixture
def provinces_merged(hotspot_story):
    """Hà Nam went into Ninh Bình on 1 July 2025, as the registry records it."""
    from phoihop.localities.models import ChangeEvent, Lineage

    places = hotspot_story.cast.places
    event = ChangeEvent.objects.create(
        ref="e.p35", kind="merge", effective_date=dt.date(2025, 7, 1), legal_basis="202/2025/QH15"
    )
    Lineage.objects.create(event=event, predecessor=places.hanam, successor=places.ninhbinh)
    return hotspot_story


def test_map_page_draws_the_shipped_base_map_and_a_legend_in_vietnamese_numbers(
    provinces_merged, client_for
):
    hotspot_story = provinces_merged
    response = _map(client_for(hotspot_story.cast.secretariat), hotspot_story)
    html = response.content.decode()
    assert 'data-basemap="/static/localities/provinces-2025.geojson"' in html
    assert "localities/basemap.js" in html
    # Scores 17,50 (Lam Hạ) at the top: classes from 0 to 30% and 60% of it.
    assert "Thấp: 0,00–5,25" in html and "Trung bình: 5,25–10,50" in html
    assert "Cao: 10,50–17,50" in html
    data = _map_data(response)
    # Every scored place lies in one 2025 province (Ninh Bình): the province view.
    assert data["view"] == "province"
    (province,) = data["provinces"]
    assert province["name"] == "Tỉnh Ninh Bình"
    assert province["cases"] == sum(p["cases"] for p in data["points"])


def test_map_page_references_no_other_host(hotspot_story, client_for):
    html = _map(client_for(hotspot_story.cast.secretariat), hotspot_story).content.decode()
    urls = re.findall(r'(?:src|href|data-basemap)="([^"]*)"', html)
    assert urls and all(not re.match(r"^(https?:)?//", url) for url in urls), urls
    for script in ("localities/basemap.js", "hotspots/map.js", "phoihop/home-map.js"):
        text = Path(finders.find(script)).read_text(encoding="utf-8")
        assert not re.search(r"https?:|//[\w.-]+\.[a-z]{2,}", text), script


def test_legend_classes_cover_zero_to_the_top_score():
    from phoihop.hotspots.selectors import legend_classes

    classes = legend_classes(Decimal("9"))
    assert [(c.band, c.limits) for c in classes] == [
        ("low", "0,00–2,70"),
        ("medium", "2,70–5,40"),
        ("high", "5,40–9,00"),
    ]
    assert legend_classes(Decimal(0)) == []
    assert len({c.color for c in classes}) == 3


def test_province_totals_sum_the_visible_scores_by_2025_province(
    sensitive_only, provinces_merged, client_for
):
    story = sensitive_only
    involved = _map_data(_map(client_for(story.cast.military_focal), story))
    uninvolved = _map_data(_map(client_for(story.cast.women_focal), story))
    (mine,), (theirs,) = involved["provinces"], uninvolved["provinces"]
    assert mine["name"] == theirs["name"] == "Tỉnh Ninh Bình"
    # Sensitive cases (religion, land) count only for who may see them, in the total too.
    assert mine["cases"] == sum(p["cases"] for p in involved["points"]) > theirs["cases"]
    assert theirs["cases"] == sum(p["cases"] for p in uninvolved["points"])
    assert theirs["score"] == str(sum(Decimal(p["score"]) for p in uninvolved["points"]))


def test_scores_in_two_provinces_make_the_national_view_with_a_province_table(
    hotspot_story, client_for, monkeypatch
):
    from phoihop.hotspots import selectors
    from phoihop.localities.models import Locality

    real = selectors.province_scores
    other = unit("v2.p99", "Tỉnh Thử", "Thử", Kind.TINH, Level.PROVINCE)

    def two_provinces(scores):
        groups = real(scores)
        extra = selectors.ProvinceScore(other.code, other.name, entries=groups[0].entries[:1])
        groups.append(extra)
        for group in groups:
            group.top = max(g.score for g in groups)
        return groups

    monkeypatch.setattr(selectors, "province_scores", two_provinces)
    response = _map(client_for(hotspot_story.cast.secretariat), hotspot_story)
    html = response.content.decode()
    assert _map_data(response)["view"] == "national"
    assert 'id="hotspot-province-table"' in html and "Tỉnh Thử" in html
    assert "Tổng điểm theo tỉnh, thành phố" in html and "Không có vụ việc" in html
    assert Locality.objects.filter(pk=other.pk).exists()
