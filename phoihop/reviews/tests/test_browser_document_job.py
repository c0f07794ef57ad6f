"""In a real browser, with the worker really running: asking for the review's Word file
answers at once with the job's page, and the file's link appears when the job is done."""

import datetime as dt
import io
import os

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from phoihop.conftest import PASSWORD
from phoihop.jobs.models import Job, JobStatus
from phoihop.jobs.tests.live_worker import live_worker
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


def test_the_word_file_is_asked_at_once_and_its_link_appears_when_done(
    async_env_restored, browser, live_server, transactional_db, django_db_serialized_rollback,
    cast, program, seed_figures, monkeypatch,
):
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        report = review_create(
            actor=cast.secretariat, program=program, kind=Kind.PROGRAM,
            start=program.period_start, end=program.period_end,
        )
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", cast.secretariat.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))
    page.goto(live_server.url + reverse("reviews:detail", args=[report.pk]))

    with live_worker(monkeypatch) as worker:
        page.click("button:has-text('Tải bản Word')")
        page.wait_for_url("**/tai-ve/docx/*/")
        # The answer came with no worker running at all: the request only queued the job.
        assert page.locator("#job-status").text_content() == "Đang chờ"
        assert page.locator("#job-progress").is_visible() and page.locator("#job-file").count() == 0
        worker.start()
        page.wait_for_selector("#job-file", timeout=15_000)  # progress.js reloads the page when done
        with page.expect_download() as waiting:
            page.click("#job-file")
        download = waiting.value
        worker.stop()
    assert download.suggested_filename.startswith("bao-cao-") and download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(open(download.path(), "rb").read()))
    assert document.tables[0].rows[0].cells[1].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    job = Job.objects.get()
    assert (job.kind, job.status, job.user) == ("review_docx", JobStatus.DONE, cast.secretariat)
    context.close()
