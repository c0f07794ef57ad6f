"""The review page links its charts as images, served with the review's own permissions
and figures (frozen once issued, redacted without sensitive access); a draft's figures
are kept in the cache like the dashboard's, yet stay live."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.reviews import charts
from phoihop.reviews.data import Kind, Review
from phoihop.reviews.services import review_create, review_issue
from phoihop.reviews.tests.finishing import finished

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
IMAGE = re.compile(r'<img src="([^"]+/bieu-do/[^"]+)"')


@pytest.fixture
def draft(cast, program, seed_figures):
    return review_create(
        actor=cast.secretariat,
        program=program,
        kind=Kind.PROGRAM,
        start=program.period_start,
        end=program.period_end,
    )


@pytest.fixture
def issued(cast, draft):
    return review_issue(
        actor=cast.secretariat, review=finished(cast.secretariat, draft), issued_on=dt.date(2020, 12, 20)
    )


def _images(response) -> list[str]:
    return [html.unescape(url) for url in IMAGE.findall(response.text)]


def _chart(name: str, report) -> str:
    return reverse("reviews:chart", args=[report.pk, name])


def test_the_review_page_links_its_three_charts_instead_of_drawing_them(cast, draft, client_for):
    client = client_for(cast.secretariat)
    response = client.get(reverse("reviews:detail", args=[draft.pk]))
    images = _images(response)
    assert "<svg" not in response.text
    assert [url.split("?")[0].split("/")[-1] for url in images] == ["areas.svg", "members.svg", "topics.svg"]
    for url in images:
        chart = client.get(url)
        assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
        assert b"<svg" in chart.content and b"<script" not in chart.content
        assert "default-src 'none'" in chart["Content-Security-Policy"]
    assert "Tôn giáo" in client.get(images[-1]).content.decode()


def test_a_chart_is_the_drawing_of_the_figures_the_page_shows(cast, draft, client_for):
    client = client_for(cast.secretariat)
    review = client.get(reverse("reviews:detail", args=[draft.pk])).context["review"]
    assert client.get(_chart("members", draft)).content == charts.chart_members(review)


def test_without_cases_the_page_has_no_topics_chart(cast, program, client_for):
    report = review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM,
        start=program.period_start, end=program.period_end,
    )
    client = client_for(cast.secretariat)
    names = [u.split("?")[0].split("/")[-1] for u in _images(client.get(reverse("reviews:detail", args=[report.pk])))]
    assert names == ["areas.svg", "members.svg"]
    assert client.get(_chart("topics", report)).status_code == 404


def test_anonymous_is_sent_to_login_for_a_chart(client, draft):
    response = client.get(_chart("areas", draft))
    assert response.status_code == 302 and "/tai-khoan/" in response.url


def test_an_outsider_gets_404_and_a_member_404_on_a_draft_chart(cast, draft, client_for):
    assert client_for(cast.outsider).get(_chart("areas", draft)).status_code == 404
    assert client_for(cast.military_focal).get(_chart("areas", draft)).status_code == 404
    assert client_for(cast.secretariat).get(_chart("nothing", draft)).status_code == 404


def test_the_host_viewer_reads_a_draft_chart(cast, draft, client_for):
    assert client_for(cast.viewer).get(_chart("topics", draft)).status_code == 200


def test_an_issued_chart_is_redacted_for_a_member_without_sensitive_access(cast, issued, client_for):
    full = client_for(cast.secretariat).get(_chart("topics", issued)).content.decode()
    member = client_for(cast.women_focal).get(_chart("topics", issued))
    assert "Đất đai" in full and "Tôn giáo" in full
    assert member.status_code == 200
    assert "Đất đai" not in member.content.decode() and "Tôn giáo" not in member.content.decode()
    assert "Môi trường" in member.content.decode()


def test_the_image_address_differs_between_full_and_redacted_figures(cast, issued, client_for):
    page = reverse("reviews:detail", args=[issued.pk])
    full = _images(client_for(cast.secretariat).get(page))
    redacted = _images(client_for(cast.women_focal).get(page))
    assert len(full) == len(redacted) == 3 and not set(full) & set(redacted)


def test_an_issued_chart_shows_the_frozen_figures_after_the_records_change(cast, issued, record, client_for):
    client = client_for(cast.secretariat)
    before = client.get(_chart("areas", issued)).content
    record.activity(area=3, partners=[cast.military])  # a live review would count it
    record.activity(area=3)

    frozen = Review.from_json(issued.frozen_full)
    assert client.get(_chart("areas", issued)).content == before == charts.chart_areas(frozen)
    draft = review_create(
        actor=cast.secretariat, program=issued.program, kind=Kind.PROGRAM,
        start=issued.start, end=issued.end,
    )
    assert client.get(_chart("areas", draft)).content != before  # the live figures differ


def test_a_repeated_draft_view_is_served_from_the_cache(cast, draft, client_for):
    client = client_for(cast.secretariat)
    url = reverse("reviews:detail", args=[draft.pk])
    with CaptureQueriesContext(connection) as computed:
        first = client.get(url)
    with CaptureQueriesContext(connection) as cached:
        again = client.get(url)
    assert len(cached) < len(computed) / 2  # the page's own queries and the stamp, no review
    assert _without_tokens(again.text) == _without_tokens(first.text)


def _without_tokens(text: str) -> str:
    """The page without its per-request CSRF tokens and script nonces."""
    return re.sub(r'(value|nonce)="[A-Za-z0-9+/=_-]{20,}"', "", text)


def test_a_confirmed_activity_shows_on_the_draft_at_the_next_view(cast, draft, record, client_for):
    client = client_for(cast.secretariat)
    url = reverse("reviews:detail", args=[draft.pk])
    assert client.get(url).context["review"].coordination.activities == 14
    chart = client.get(_chart("areas", draft)).content
    record.activity(area=1)

    assert client.get(url).context["review"].coordination.activities == 15
    assert client.get(_chart("areas", draft)).content != chart


def test_the_host_viewer_never_gets_the_secretariat_cached_draft(cast, draft, client_for):
    url = reverse("reviews:detail", args=[draft.pk])
    assert ">Đất đai<" in client_for(cast.secretariat).get(url).text
    viewer = client_for(cast.viewer)  # the host's read-only leader: no sensitive-case right
    page = viewer.get(url)
    assert page.context["review"].redacted and ">Đất đai<" not in page.text
    assert "Đất đai" not in viewer.get(_chart("topics", draft)).content.decode()
