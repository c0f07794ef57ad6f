"""In a real browser, with the worker really running: importing a large workbook shows the
progress bar moving, then ends with its result."""

import os

import pytest
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.conftest import PASSWORD
from phoihop.jobs.models import Job, JobStatus
from phoihop.jobs.tests.live_worker import live_worker
from phoihop.workbooks.tests.conftest import good_row, workbook_bytes

pytestmark = pytest.mark.browser
ROWS = 1200


@pytest.fixture
def _clock():
    """Not pinned here (the package's conftest pins it): the browser keeps real time, and
    a CSRF cookie issued in 2020 would have expired for it."""
    yield


@pytest.fixture
def async_env_restored():
    """The `browser` fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for good; put it back after."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def test_a_large_import_shows_its_progress_and_ends_with_its_result(
    async_env_restored, browser, live_server, transactional_db, django_db_serialized_rollback,
    cast, program, monkeypatch, tmp_path,
):
    path = tmp_path / "hoat-dong-lon.xlsx"
    path.write_bytes(workbook_bytes(program, [good_row(n) for n in range(1, ROWS + 1)]).getvalue())
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", cast.secretariat.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))
    page.goto(live_server.url + reverse("workbooks:import", args=[program.pk]))

    with live_worker(monkeypatch) as worker:
        worker.pause_at("read")  # the job stops at its first count of rows read, until resumed
        worker.start()
        page.set_input_files("input[name=file]", str(path))
        page.click("form[enctype] button[type=submit]")
        page.wait_for_url("**/nhap-hoat-dong/*/")
        assert page.locator("#job-progress").is_visible()
        # The script, not a reload, brings the worker's count: the job is paused half way.
        page.locator("#job-stage", has_text="Đã đọc 1.000 dòng").wait_for(timeout=10_000)
        assert page.locator("#job-progress").get_attribute("value") == "67"  # 5 + 75 × 1.000/1.200, rounded down
        assert page.locator("#job-percent").text_content() == "67%"
        assert page.locator("#job-status").text_content() == "Đang chạy"
        worker.resume()
        page.wait_for_selector("#imported-count", timeout=15_000)
        assert page.locator("#imported-count").text_content() == f"Đã nhập {ROWS:,} hoạt động từ tệp này.".replace(",", ".")
        assert page.locator("#job-progress").count() == 0
        page.click("#imported-link")
        page.wait_for_selector("text=một lần nhập từ Excel")
        worker.stop()
    job = Job.objects.get()
    assert (job.status, job.result["created"]) == (JobStatus.DONE, ROWS)
    assert Activity.objects.filter(import_batch=job.result["batch"]).count() == ROWS
    context.close()
