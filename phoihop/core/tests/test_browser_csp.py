"""Under the Content-Security-Policy the pages that run script still work, and the
browser reports no violation: the home map, the review dashboard's charts and Swagger UI."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from phoihop.demo import data

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_with_script_work_and_break_no_rule_of_the_policy(browser, live_server):
    call_command("demo_load", "--provinces", "tinhhanam")
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", "thuongtruc")
    page.fill("input[name=password]", data.PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))
    page.wait_for_selector("#home-map path")

    page.goto(live_server.url + reverse("reviews:dashboard"))
    page.wait_for_selector(".review-chart img")
    page.wait_for_load_state("load")
    widths = page.eval_on_selector_all(".review-chart img", "imgs => imgs.map(i => i.naturalWidth)")
    assert widths and all(width > 0 for width in widths)

    page.goto(live_server.url + reverse("api-docs"))
    page.wait_for_selector(".swagger-ui .opblock-tag", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 10

    assert violations == []
    context.close()
