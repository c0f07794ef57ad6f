"""The whole hand-off of a joint activity in a real browser: the focal point submits; the
partner finds it in "Việc cần làm" and in the notifications, and confirms; the lead is
told; the secretariat is warned of a partner still pending and confirms anyway; the
to-dos are gone."""

import pytest
from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.activities.models import Activity
from phoihop.activities.tests.test_browser_form import (  # noqa: F401  (fixtures)
    async_env_restored,
    default_indicators,
    migration_data_restored,
)
from phoihop.conftest import PASSWORD, _org, _user
from phoihop.organizations.models import Membership, OrgKind
from phoihop.programs.models import ProgramMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Tuyên truyền phòng chống lụt bão tại Phường Lam Hạ"


@pytest.fixture
def youth(cast, program):
    """A fourth member, the Youth Union, whose focal point never answers."""
    org = _org("Tỉnh đoàn Hà Nam", "Tỉnh đoàn", OrgKind.SOCIO_POLITICAL, cast.places.hanam)
    Membership.objects.create(committee=cast.committee, organization=org, order=9)
    ProgramMember.objects.create(program=program, organization=org)
    _user("tinhdoan", org, Role.FOCAL_POINT, "Vũ Minh Đoàn")
    return org


def _login(browser, live_server, user):
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))
    return page


def _submit_joint_activity(page, live_server, cast, youth):
    page.goto(live_server.url + reverse("activities:create"))
    page.fill("#id_title", TITLE)
    page.fill("#id_start_date", "2020-10-12")
    page.fill("#id_end_date", "2020-10-12")
    page.select_option(
        "#id_content_area", label="5. Giảm nghèo, phòng chống thiên tai, tìm kiếm cứu nạn"
    )
    page.check(f"input[name=partners][value='{cast.women.pk}']")
    page.check(f"input[name=partners][value='{youth.pk}']")
    page.fill(f"#id_chi_tieu_{cast.attendance.pk}", "120")
    page.click("button[name=gui]")
    page.wait_for_selector("h1 .badge")


def test_a_joint_activity_is_handed_from_member_to_member(
    async_env_restored,  # noqa: F811  (the imported fixture, requested)
    browser,
    live_server,
    default_indicators,  # noqa: F811
    cast,
    program,
    youth,
):
    lead = _login(browser, live_server, cast.military_focal)
    _submit_joint_activity(lead, live_server, cast, youth)
    activity = Activity.objects.get()
    assert activity.status == "submitted"

    partner = _login(browser, live_server, cast.women_focal)
    todos = partner.locator("#todos")
    assert "Xác nhận tham gia hoạt động phối hợp" in todos.inner_text()
    assert partner.locator(".notif .count").inner_text() == "1"
    partner.click(".notif")
    assert "Mời xác nhận tham gia hoạt động" in partner.locator("#notifications").inner_text()
    partner.goto(live_server.url + reverse("home:home"))
    partner.click(f"#todos a:has-text('{TITLE}')")
    partner.click("label.answer-xac-nhan")
    partner.fill("#id_contribution", "Vận động hội viên tham gia")
    partner.click("form:has(.answer-choice) button[type=submit]")
    partner.wait_for_selector(".msg-success")
    assert partner.locator("input[value=xac-nhan]").is_checked()  # the answer stays chosen
    assert "Hội LHPN tỉnh xác nhận tham gia" in partner.locator(".timeline").inner_text()
    partner.goto(live_server.url + reverse("home:home"))
    assert partner.locator("#todos-empty").is_visible()

    lead.goto(live_server.url + reverse("exchange:notification_list"))
    assert "Hội LHPN tỉnh đã xác nhận tham gia" in lead.locator("#notifications").inner_text()

    secretariat = _login(browser, live_server, cast.secretariat)
    assert "Xác nhận hoạt động các đơn vị gửi" in secretariat.locator("#todos").inner_text()
    secretariat.click(f"#todos a:has-text('{TITLE}')")
    warning = secretariat.locator("#confirm-pending")
    assert "Còn 1 đơn vị phối hợp “Chờ xác nhận”." in warning.inner_text()
    secretariat.click("#confirm-pending button[type=submit]")  # without the acknowledgement
    assert "Hãy đánh dấu ô “Vẫn xác nhận”" in secretariat.locator("#confirm-pending").inner_text()
    activity.refresh_from_db()
    assert activity.status == "submitted"
    secretariat.check("#id_acknowledge_pending")
    secretariat.click("#confirm-pending button[type=submit]")
    secretariat.wait_for_selector(".msg-success")
    activity.refresh_from_db()
    assert activity.status == "confirmed"
    secretariat.goto(live_server.url + reverse("home:home"))
    assert secretariat.locator("#todos-empty").is_visible()

    lead.goto(live_server.url + reverse("home:home"))
    assert lead.locator("#todos-empty").is_visible()
    lead.goto(live_server.url + reverse("exchange:notification_list"))
    assert "đã được Thường trực xác nhận" in lead.locator("#notifications").inner_text()
