"""The whole life of a commune-level case, through the real forms in a real browser.

The Women's Union reports smoke from a brick kiln in Phường Lam Hạ (choosing the ward
with the search-as-you-type box); the secretariat opens a case and assigns it to the
Women's Union with the Military Command's support; the Union records two follow-ups (one
with a photo) and resolves it; the smoke comes back, the secretariat reopens the case,
and the Union resolves it again. The case page's timeline tells all of it.
"""

import os

import pytest
from django.urls import reverse

from phoihop.conftest import PASSWORD
from phoihop.situations.models import Case, CaseEvent, CaseStatus, SituationReport
from phoihop.situations.tests.conftest import PNG

pytestmark = pytest.mark.browser

TITLE = "Khói bụi từ lò gạch thủ công ở tổ dân phố 5"


@pytest.fixture
def async_env_restored():
    """The `browser` fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for good; put it back after."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _login(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))
    return page


def _submit(page, form_id):
    with page.expect_navigation():
        page.click(f"#{form_id} button[type=submit]")


def _follow_up(page, text, photo=None):
    page.fill("#follow-up-form textarea[name=text]", text)
    if photo:
        page.set_input_files("#follow-up-form input[name=attachments]", photo)
    _submit(page, "follow-up-form")
    assert "Đã ghi kết quả theo dõi, xử lý." in page.inner_text(".messages")


def _resolve(page, outcome):
    page.check("#close-form input[name=status][value=resolved]")
    page.fill("#close-form textarea[name=outcome]", outcome)
    _submit(page, "close-form")
    assert "Đã kết thúc vụ việc." in page.inner_text(".messages")


def test_commune_case_lifecycle_in_the_browser(
    async_env_restored, browser, live_server, transactional_db, django_db_serialized_rollback,
    cast, settings, tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    women = _login(browser, live_server, "hoiphunu")
    secretariat = _login(browser, live_server, "thuongtruc")

    # 1. The Women's Union reports, first with a date the ward did not exist on.
    women.goto(live_server.url + reverse("situations:report_create"))
    women.fill("#id_reported_on", "2025-06-14")
    women.fill(".ac-input", "Lam Ha")
    women.click(".ac-suggestions button:has-text('Phường Lam Hạ')")
    women.select_option("#id_topic", label="Môi trường")
    women.fill("#id_people_affected", "35")
    women.fill("#id_title", TITLE)
    women.fill("#id_description", "Lò gạch đốt ban đêm, khói bụi bay vào khu dân cư.")
    women.fill("#id_reported_on", "2025-07-15")
    _submit(women, "report-form")
    assert "không có hiệu lực vào ngày 15/07/2025" in women.inner_text("#report-form")
    women.fill("#id_reported_on", "2025-06-14")
    _submit(women, "report-form")
    assert "Đã ghi nhận báo cáo tình hình." in women.inner_text(".messages")
    report = SituationReport.objects.get(title=TITLE)
    assert report.locality == cast.places.lamha and report.people_affected == 35

    # 2. The secretariat opens a case and assigns it.
    secretariat.goto(live_server.url + reverse("situations:report_detail", args=[report.pk]))
    _submit(secretariat, "open-case-form")
    case = Case.objects.get(reports=report)
    secretariat.select_option("#assign-form select[name=lead]", label="Hội LHPN tỉnh")
    secretariat.check(f"#assign-form input[name=supporters][value='{cast.military.pk}']")
    _submit(secretariat, "assign-form")
    assert "Đã phân công xử lý vụ việc." in secretariat.inner_text(".messages")
    secretariat.screenshot(path="/tmp/situations-case-open.png", full_page=True)

    # 3. The lead records two follow-ups, then resolves the case.
    case_url = live_server.url + reverse("situations:case_detail", args=[case.pk])
    women.goto(case_url)
    photo = {"name": "lo-gach.png", "mimeType": "image/png", "buffer": PNG}
    _follow_up(women, "Khảo sát hiện trường, lấy ý kiến 20 hộ dân.", photo)
    _follow_up(women, "Làm việc với chủ lò gạch, yêu cầu ngừng đốt ban đêm.")
    _resolve(women, "Chủ lò gạch cam kết ngừng đốt ban đêm.")

    # 4. The smoke comes back: the secretariat reopens; the lead resolves it again.
    secretariat.goto(case_url)
    secretariat.fill("#reopen-form textarea[name=reason]", "Người dân phản ánh lò gạch đốt lại.")
    _submit(secretariat, "reopen-form")
    assert "Đã mở lại vụ việc." in secretariat.inner_text(".messages")
    women.goto(case_url)
    _resolve(women, "Lò gạch đã tháo dỡ.")

    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED and case.reopen_count == 1
    women.goto(case_url)
    timeline = women.locator("#timeline li")
    kinds = [CaseEvent.Kind(k).label for k in ["created", "assigned", "follow_up", "follow_up", "status",
                                                "reopened", "status"]]
    assert timeline.count() == len(kinds)
    for index, label in enumerate(kinds):
        assert str(label) in timeline.nth(index).inner_text()
    text = women.inner_text("#timeline")
    for words in ("Hội LHPN tỉnh", "Khảo sát hiện trường", "lo-gach.png", "Chủ lò gạch cam kết",
                  "Người dân phản ánh lò gạch đốt lại.", "Lò gạch đã tháo dỡ.", "Đã giải quyết", "Đang xử lý"):
        assert words in text
    women.screenshot(path="/tmp/situations-case.png", full_page=True)
    secretariat.goto(live_server.url + reverse("situations:case_list"))
    secretariat.screenshot(path="/tmp/situations-case-list.png", full_page=True)
