"""The Women's Union focal point types a query without diacritics into the header box,
on a 1366 px desktop and on a 390 px phone, and reads the results; the land case she may
not see is not among them, nor counted."""

import datetime as dt
import os

import pytest
from django.urls import reverse

from phoihop.activities.services import ActivityData, activity_create
from phoihop.conftest import PASSWORD
from phoihop.situations import services as situations
from phoihop.situations.tests.conftest import make_report

pytestmark = pytest.mark.browser

SCREENS = os.environ.get("PHOIHOP_SCREENSHOT_DIR", "/tmp")


@pytest.fixture
def async_env_restored():
    """The `browser` fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for good; put it back after."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def records(cast, program):
    activity_create(
        actor=cast.secretariat,
        program=program,
        submit=True,
        data=ActivityData(
            title="Đối thoại với nhân dân phường Lam Hạ về giải phóng mặt bằng",
            start_date=dt.date(2020, 10, 5),
            end_date=dt.date(2020, 10, 5),
            content_area_id=program.content_areas.get(number=2).pk,
            lead_id=cast.dan_van.pk,
            partner_ids=[cast.women.pk],
            locality_ids=[cast.places.lamha.pk],
        ),
    )
    land = make_report(
        cast,
        cast.military_focal,
        topic="dat-dai",
        title="Tranh chấp đất đai ở Lam Hạ",
        description="Hai dòng họ tranh chấp đất vườn.",
        reported_on=dt.date(2025, 6, 10),
    )
    situations.case_open(actor=cast.secretariat, report=land, opened_on=dt.date(2025, 6, 10))
    env = make_report(cast)
    situations.case_open(actor=cast.secretariat, report=env, opened_on=dt.date(2025, 6, 12))


def _signed_in(browser, live_server, user, viewport, *, phone: bool):
    context = browser.new_context(
        locale="vi-VN", viewport=viewport, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))
    return page


@pytest.mark.parametrize(
    ("width", "height", "phone"), [(1366, 900, False), (390, 844, True)], ids=["desktop", "phone"]
)
def test_a_member_types_without_diacritics_and_reads_the_results(
    async_env_restored,
    browser,
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    cast,
    records,
    width,
    height,
    phone,
):
    page = _signed_in(
        browser, live_server, cast.women_focal, {"width": width, "height": height}, phone=phone
    )
    box = page.locator("header .topsearch input[name=q]")
    assert box.is_visible()  # on the phone too, without opening the menu
    box.fill("lam ha")
    box.press("Enter")
    page.wait_for_url("**" + reverse("search:results") + "?q=lam+ha")

    assert page.locator("h1").inner_text() == "Tìm kiếm"
    activities = page.locator("#kq-activities")
    assert "Đối thoại với nhân dân phường Lam Hạ" in activities.inner_text()
    cases = page.locator("#kq-cases")
    assert "(1)" in cases.locator("h2").inner_text()  # the environment case; not the land one
    assert "Khói bụi" in cases.inner_text()
    assert "Tranh chấp" not in page.locator("main").inner_text()
    assert page.locator("#kq-places").is_visible()
    width_now = page.evaluate("document.documentElement.scrollWidth")
    assert width_now <= width, width_now
    page.screenshot(path=f"{SCREENS}/search-{width}.png", full_page=True)

    page.locator("#kq-activities a", has_text="Đối thoại").click()
    assert page.locator("h1").inner_text().startswith("Đối thoại với nhân dân")
    assert page.locator("header .topsearch input[name=q]").input_value() == ""
    page.context.close()
