"""Downloading a review as Word, Excel and PDF: who may, and that the file holds the review."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from phoihop.lib import vnformat
from phoihop.reviews import services
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind
from phoihop.reviews.tests.conftest import program_scope
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
    response = client_for(cast.secretariat).get(reverse("reviews:docx", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'attachment; filename="bao-cao-' in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert doc.tables[0].rows[0].cells[1].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    review = review_compute(user=cast.secretariat, scope=program_scope(program))
    sessions = next(t for t in review.totals if t.code == cast.sessions.code)
    row = next(r for r in _table_rows(doc, "STT", "Chỉ tiêu") if r[1] == sessions.name)
    assert row[3] == vnformat.number(sessions.value, sessions.decimals)
    topics = [r[1] for r in _table_rows(doc, "STT", "Lĩnh vực")]
    assert "Đất đai (*)" in topics


def test_excel_download_holds_the_totals_as_numbers(client_for, cast, program, report):
    response = client_for(cast.secretariat).get(reverse("reviews:xlsx", args=[report.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["1. Chỉ tiêu"]
    values = {row[1]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values[cast.sessions.name] == 10 * 7 + 5 * 7


def test_read_only_leader_of_the_host_may_download(client_for, cast, report):
    assert client_for(cast.viewer).get(reverse("reviews:docx", args=[report.pk])).status_code == 200


def test_issued_review_downloads_redacted_for_a_member_without_sensitive_access(client_for, cast, report):
    report = finished(cast.secretariat, report)
    services.review_issue(actor=cast.secretariat, review=report, issued_on=dt.date(2020, 12, 20))
    response = client_for(cast.women_focal).get(reverse("reviews:docx", args=[report.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    topics = [r[1] for r in _table_rows(doc, "STT", "Lĩnh vực")]
    assert "Môi trường" in topics and "Đất đai (*)" not in topics
    assert doc.tables[0].rows[1].cells[1].text == "Hà Nam, ngày 20 tháng 12 năm 2020"


@pytest.mark.parametrize("name", ["reviews:docx", "reviews:xlsx"])
def test_outsider_gets_404(client_for, cast, report, name):
    assert client_for(cast.outsider).get(reverse(name, args=[report.pk])).status_code == 404


def test_another_member_gets_404_for_a_draft(client_for, cast, report):
    assert client_for(cast.military_focal).get(reverse("reviews:xlsx", args=[report.pk])).status_code == 404


@pytest.mark.parametrize("name", ["reviews:docx", "reviews:xlsx"])
def test_anonymous_is_sent_to_login(client, report, name):
    response = client.get(reverse(name, args=[report.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
