"""In a real browser the review page's charts load as images, under the page's
Content-Security-Policy, with no violation reported."""

import datetime as dt
import os

import pytest
import time_machine
from django.urls import reverse

from phoihop.conftest import PASSWORD
from phoihop.reviews.data import Kind
from phoihop.reviews.services import review_create

pytestmark = pytest.mark.browser


@pytest.fixture
def async_env_restored():
    """The `browser` fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for good; put it back after."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def test_the_review_page_charts_load_as_images(
    async_env_restored, browser, live_server, transactional_db, django_db_serialized_rollback,
    cast, program, seed_figures,
):
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        report = review_create(
            actor=cast.secretariat, program=program, kind=Kind.PROGRAM,
            start=program.period_start, end=program.period_end,
        )
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", cast.secretariat.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))

    page.goto(live_server.url + reverse("reviews:detail", args=[report.pk]))
    page.wait_for_selector(".review-chart img")
    page.wait_for_load_state("load")
    widths = page.eval_on_selector_all(".review-chart img", "imgs => imgs.map(i => i.naturalWidth)")
    assert len(widths) == 3 and all(width > 0 for width in widths)
    page.screenshot(path=os.environ.get("PHOIHOP_SCREENSHOT_DIR", "/tmp") + "/review-page.png", full_page=True)
    assert violations == []
    context.close()
