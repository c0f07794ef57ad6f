"""On a 390 px phone every main page fits the screen: the menu folds behind a button,
wide tables scroll inside their own box, forms are one column. The secretariat, who sees
the most, walks through them; the date fields offer a calendar that works offline."""

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.urls import reverse

from phoihop.activities.services import ActivityData, activity_create
from phoihop.conftest import PASSWORD
from phoihop.reviews.data import Kind
from phoihop.reviews.services import review_create
from phoihop.situations import services as situations
from phoihop.situations.tests.conftest import make_report

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# The widest element of a page, when it overflows: what to fix.
WIDEST = """() => {
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth + 1 && (!worst || r.right > worst.right))
      worst = {tag: el.tagName, cls: el.className, id: el.id, right: Math.round(r.right)};
  }
  return worst;
}"""


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
def records(cast, program, settings, tmp_path):
    """One of each record a main page shows: an activity, a case, a review."""
    settings.MEDIA_ROOT = tmp_path / "media"
    activity = activity_create(
        actor=cast.secretariat,
        program=program,
        data=ActivityData(
            title="Tuyên truyền, phổ biến Luật Đất đai năm 2024 và các văn bản hướng dẫn thi hành tại các xã trọng điểm",
            start_date=dt.date(2020, 10, 5),
            end_date=dt.date(2020, 10, 5),
            content_area_id=program.content_areas.get(number=1).pk,
            lead_id=cast.dan_van.pk,
            partner_ids=[cast.military.pk, cast.women.pk],
            task_id=cast.task.pk,
            figures={cast.sessions.pk: Decimal(4), cast.attendance.pk: Decimal(350)},
        ),
    )
    report = make_report(cast, reported_on=dt.date(2020, 10, 1))
    case = situations.case_open(actor=cast.secretariat, report=report, opened_on=dt.date(2020, 10, 1))
    review = review_create(
        actor=cast.secretariat, program=program, kind=Kind.ANNUAL,
        start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31),
    )
    return {
        "activity": reverse("activities:detail", args=[activity.pk]),
        "case": reverse("situations:case_detail", args=[case.pk]),
        "report": reverse("situations:report_detail", args=[report.pk]),
        "review": reverse("reviews:detail", args=[review.pk]),
        "program": reverse("programs:detail", args=[program.pk]),
        "plan": reverse("programs:plan_detail", args=[cast.plan.pk]),
        "task": reverse("programs:task_detail", args=[cast.task.pk]),
        "organization": reverse("organizations:detail", args=[cast.military.pk]),
    }


def _phone_page(browser, live_server, username):
    context = browser.new_context(locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))
    return page


def _assert_fits(page, url):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (url, width, page.evaluate(WIDEST))


def test_every_main_page_fits_a_phone_and_the_menu_folds(
    async_env_restored, browser, live_server, transactional_db, django_db_serialized_rollback, cast, records
):
    page = _phone_page(browser, live_server, cast.secretariat.username)

    menu, toggle = page.locator("#mainnav"), page.locator("button.navtoggle")
    assert toggle.is_visible() and not menu.is_visible()
    assert page.locator("#main").bounding_box()["y"] < 120  # was 360 px of header and menu
    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    _assert_fits(page, "menu open")
    nav_urls = page.eval_on_selector_all("#mainnav a[href]", "links => links.map(a => a.getAttribute('href'))")
    toggle.click()
    assert not menu.is_visible()

    forms = [reverse(name) for name in ("activities:create", "situations:report_create", "reviews:create")]
    urls = [*nav_urls, *forms, reverse("hotspots:map"), reverse("situations:report_list"), *records.values()]
    urls.append(reverse("search:results") + "?q=lam+ha")  # the header box's results
    urls.append(reverse("jobs:list"))  # linked from the header
    assert len(urls) >= 25
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        _assert_fits(page, url)
    page.context.close()


def test_printed_lists_cases_plans_and_reviews_leave_out_menus_buttons_and_forms(
    async_env_restored, browser, live_server, transactional_db, django_db_serialized_rollback, cast, records
):
    page = _phone_page(browser, live_server, cast.secretariat.username)
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    lists = [reverse("activities:list"), reverse("situations:case_list")]
    for url in [*lists, records["case"], records["plan"], records["review"]]:
        page.goto(live_server.url + url)
        assert page.locator("h1").is_visible(), url
        hidden = ".topbar, #mainnav, .foot, main form, main .btn"
        shown = page.eval_on_selector_all(hidden, "els => els.filter(e => e.offsetParent !== null).length")
        assert shown == 0, url
    page.context.close()


def test_without_javascript_the_phone_menu_stays_open(browser, live_server, transactional_db, cast, client):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    client.force_login(cast.secretariat, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + reverse("home:home"))
    assert page.locator("#mainnav").is_visible()
    assert not page.locator("button.navtoggle").is_visible()
    _assert_fits(page, "home without JavaScript")
    context.close()


def test_a_date_is_picked_offline_and_shown_day_first_in_an_english_browser(
    async_env_restored, browser, live_server, transactional_db, django_db_serialized_rollback, cast, program
):
    page = _phone_page(browser, live_server, cast.military_focal.username)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + reverse("activities:create"))
    start = page.locator("#id_start_date")
    assert start.get_attribute("type") == "text" and start.get_attribute("placeholder") == "dd/mm/yyyy"
    start.fill("5/3/2020")
    start.blur()
    assert start.input_value() == "05/03/2020"  # tidied on change
    page.click("#id_start_date ~ button.date-open")
    picker = page.locator(".datepicker")
    assert picker.is_visible()
    assert picker.locator(".dp-title").inner_text() == "Tháng 3/2020"
    assert picker.locator("[aria-pressed=true]").inner_text() == "5"
    picker.get_by_role("button", name="Tháng sau").click()
    assert picker.locator(".dp-title").inner_text() == "Tháng 4/2020"
    picker.locator("button[data-date='17/04/2020']").click()
    assert not picker.is_visible()
    assert start.input_value() == "17/04/2020"
    _assert_fits(page, "activity form")
    assert all(url.startswith(live_server.url) for url in requested), requested
    page.context.close()
