"""Every export and stored-file download: no cache keeps it, a bad filter exports nothing,
and a title that looks like a formula stays text."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.activities.services import ActivityData, activity_bulk_create, attachment_add
from phoihop.situations import services
from phoihop.situations.tests.conftest import ENV_DAY, make_report, png

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://x")'
NO_STORE = {"private", "no-store"}


@pytest.fixture(autouse=True)
def _clock(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(dt.datetime(2025, 6, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _activity(cast, program, **overrides):
    fields = dict(
        title="Tuyên truyền Luật Đất đai", start_date=dt.date(2020, 5, 1), end_date=dt.date(2020, 5, 1),
        content_area_id=program.content_areas.get(number=1).pk, lead_id=cast.dan_van.pk,
        locality_ids=[cast.places.lamha.pk], figures={cast.sessions.pk: Decimal(3)},
    )
    data = ActivityData(**(fields | overrides))
    activity_bulk_create(actor=cast.secretariat, program=program, rows=[data], submit=True)
    return program.activities.get(title=data.title)


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_activity_titled_as_a_formula_exports_as_text_not_a_formula(client_for, cast, program):
    _activity(cast, program, title=LINK, narrative="-Hoàn thành @ 100%")
    response = client_for(cast.secretariat).get(reverse("workbooks:export"))
    row = {c.column_letter: c for c in load_workbook(io.BytesIO(response.content))["Hoạt động"][2]}
    assert (row["A"].value, row["A"].data_type) == (LINK, "s")
    assert (row["I"].value, row["I"].data_type) == ("-Hoàn thành @ 100%", "s")
    assert row["J"].value == 3 and row["J"].data_type == "n"  # a figure stays a number


def test_case_titled_as_a_formula_exports_to_csv_as_text(client_for, cast):
    case = services.case_open(actor=cast.secretariat, report=make_report(cast), title=LINK, opened_on=ENV_DAY)
    response = client_for(cast.secretariat).get(reverse("situations:case_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:2] == [str(case.pk), "'" + LINK]  # the number stays a number


@pytest.mark.parametrize(
    ("url_name", "list_name"), [("workbooks:export", "activities:list"), ("situations:case_export", "situations:case_list")]
)
def test_export_with_an_impossible_date_is_refused_not_widened(client_for, cast, program, url_name, list_name):
    _activity(cast, program)
    services.case_open(actor=cast.secretariat, report=make_report(cast), opened_on=ENV_DAY)
    response = client_for(cast.secretariat).get(reverse(url_name), {"date_to": "2020-02-30"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")  # a page, not a file of everything
    body = response.content.decode()
    assert "Bộ lọc không hợp lệ: chưa xuất tệp" in body and "Đến ngày" in body and "Ngày không hợp lệ" in body
    assert f'{reverse(list_name)}?date_to=2020-02-30' in body


def test_export_with_reversed_dates_is_refused(client_for, cast, program):
    response = client_for(cast.secretariat).get(
        reverse("workbooks:export"), {"date_from": "2020-06-01", "date_to": "2020-05-01"}
    )
    assert response.status_code == 400
    assert "phải sau hoặc trùng" in response.content.decode()


def test_export_with_valid_filters_still_downloads(client_for, cast, program):
    _activity(cast, program)
    response = client_for(cast.secretariat).get(reverse("workbooks:export"), {"date_to": "2020-02-29"})
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content))["Hoạt động"].max_row == 1  # May's activity filtered out


def test_exports_and_stored_files_are_never_cached(client_for, cast, program):
    activity = _activity(cast, program)
    png_bytes = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    evidence = attachment_add(
        actor=cast.secretariat, activity=activity, upload=SimpleUploadedFile("anh.png", png_bytes),
    )
    case = services.case_open(actor=cast.secretariat, report=make_report(cast), opened_on=ENV_DAY)
    services.case_assign(actor=cast.secretariat, case=case, lead=cast.dan_van, due_date=dt.date(2025, 7, 1))
    event = services.case_follow_up(
        actor=cast.secretariat, case=case, happened_on=ENV_DAY, text="Biên bản.", attachments=[png()],
    )
    program.signed_document.save("ky.pdf", ContentFile(b"%PDF-1.4 ok"))
    urls = [
        reverse("workbooks:export"),
        reverse("workbooks:template", args=[program.pk]),
        reverse("situations:case_export"),
        reverse("activities:attachment", args=[evidence.pk]),
        reverse("situations:attachment", args=[event.attachments.get().pk]),
        reverse("programs:document", args=[program.pk]),
    ]
    client = client_for(cast.secretariat)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _cache_control(response) == NO_STORE, url
