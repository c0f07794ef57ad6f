"""Downloading a review as Word and Excel (each through its job): who may, and that the
file holds the review. The PDF's own story is test_pdf_job.py."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from phoihop.jobs.models import Job
from phoihop.lib import vnformat
from phoihop.reviews import services
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind
from phoihop.reviews.tests.conftest import program_scope
from phoihop.reviews.tests.downloading import ask, download
from phoihop.reviews.tests.finishing import finished

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def report(cast, program, seed_figures):
    return services.review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM, start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31)
    )


def _table_rows(doc, first: str, second: str) -> list[list[str]]:
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == [first, second])
    return [[c.text for c in row.cells] for row in table.rows]


def test_secretariat_downloads_the_word_document_of_the_review(client_for, cast, program, report):
    response = download(client_for(cast.secretariat), report, "docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'attachment; filename="bao-cao-' in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.body))
    assert doc.tables[0].rows[0].cells[1].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    review = review_compute(user=cast.secretariat, scope=program_scope(program))
    sessions = next(t for t in review.totals if t.code == cast.sessions.code)
    row = next(r for r in _table_rows(doc, "STT", "Chỉ tiêu") if r[1] == sessions.name)
    assert row[3] == vnformat.number(sessions.value, sessions.decimals)
    topics = [r[1] for r in _table_rows(doc, "STT", "Lĩnh vực")]
    assert "Đất đai (*)" in topics


def test_excel_download_holds_the_totals_as_numbers(client_for, cast, program, report):
    response = download(client_for(cast.secretariat), report, "xlsx")
    sheet = load_workbook(io.BytesIO(response.body))["1. Chỉ tiêu"]
    values = {row[1]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values[cast.sessions.name] == 10 * 7 + 5 * 7


def test_read_only_leader_of_the_host_may_download(client_for, cast, report):
    response = download(client_for(cast.viewer), report, "docx")
    assert "no-store" in response["Cache-Control"]


def test_issued_review_downloads_redacted_for_a_member_without_sensitive_access(client_for, cast, report):
    report = finished(cast.secretariat, report)
    services.review_issue(actor=cast.secretariat, review=report, issued_on=dt.date(2020, 12, 20))
    response = download(client_for(cast.women_focal), report, "docx")
    doc = Document(io.BytesIO(response.body))
    topics = [r[1] for r in _table_rows(doc, "STT", "Lĩnh vực")]
    assert "Môi trường" in topics and "Đất đai (*)" not in topics
    assert doc.tables[0].rows[1].cells[1].text == "Hà Nam, ngày 20 tháng 12 năm 2020"


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_outsider_gets_404_and_no_job(client_for, cast, report, extension):
    assert ask(client_for(cast.outsider), report, extension).status_code == 404
    assert not Job.objects.exists()


def test_another_member_gets_404_for_a_draft(client_for, cast, report):
    assert ask(client_for(cast.military_focal), report, "xlsx").status_code == 404


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_only_the_user_who_asked_sees_the_job_and_its_file(client_for, cast, report, extension):
    ask(client_for(cast.secretariat), report, extension)
    job = Job.objects.get()
    assert job.kind == f"review_{extension}"
    other = client_for(cast.viewer)  # may read the review, did not ask
    assert other.get(job.page_url).status_code == 404
    assert other.get(reverse(f"reviews:{extension}_file", args=[report.pk, job.pk])).status_code == 404


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_a_word_file_job_does_not_serve_the_excel_file(client_for, cast, report, extension):
    other = {"docx": "xlsx", "xlsx": "docx"}[extension]
    client = client_for(cast.secretariat)
    ask(client, report, extension)
    job = Job.objects.get()
    assert client.get(reverse(f"reviews:{other}_job", args=[report.pk, job.pk])).status_code == 404
    assert client.get(reverse(f"reviews:{other}_file", args=[report.pk, job.pk])).status_code == 404


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_asking_with_get_queues_nothing(client_for, cast, report, extension):
    assert client_for(cast.secretariat).get(reverse(f"reviews:{extension}", args=[report.pk])).status_code == 405
    assert not Job.objects.exists()


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_anonymous_is_sent_to_login(client, report, extension):
    for response in [
        ask(client, report, extension),
        client.get(reverse(f"reviews:{extension}_job", args=[report.pk, 1])),
        client.get(reverse(f"reviews:{extension}_file", args=[report.pk, 1])),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not Job.objects.exists()
