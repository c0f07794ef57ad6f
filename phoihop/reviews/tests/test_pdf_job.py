"""The review PDF as a background job: queued by a POST, followed on its page, served when done.

Most tests run the task in the request (the immediate backend of settings_test) with a
stand-in for LibreOffice; one queues it in the database and runs the worker, as production does.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from phoihop.jobs.models import Job, JobStatus
from phoihop.reviews import services, tasks
from phoihop.reviews.data import Kind
from phoihop.reviews.render import pdf
from phoihop.reviews.tests.finishing import finished

pytestmark = pytest.mark.usefixtures("clock")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def report(cast, program, seed_figures):
    return services.review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM, start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31)
    )


@pytest.fixture
def converted(monkeypatch):
    """LibreOffice's stand-in: the PDF 'is' the Word document it was given, tagged."""
    seen = []

    def convert(content):
        seen.append(content)
        return b"%PDF-stand-in " + content[:4]

    monkeypatch.setattr(tasks, "docx_to_pdf", convert)
    return seen


def _ask(client, report):
    return client.post(reverse("reviews:pdf", args=[report.pk]))


def test_asking_for_the_pdf_answers_with_its_job_page_and_the_file_when_done(client_for, cast, report, converted):
    client = client_for(cast.secretariat)
    response = _ask(client, report)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.page_url
    assert (job.user, job.subject_id, job.status, job.progress) == (cast.secretariat, report.pk, JobStatus.DONE, 100)
    page = client.get(job.page_url)
    assert page.status_code == 200
    assert 'http-equiv="refresh"' not in page.content.decode()
    download = reverse("reviews:pdf_file", args=[report.pk, job.pk])
    assert download in page.content.decode()
    file = client.get(download)
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
    assert b"".join(file.streaming_content) == b"%PDF-stand-in PK\x03\x04"
    assert 'filename="bao-cao-' in file["Content-Disposition"]
    assert "no-store" in file["Cache-Control"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the data migrations' rows
@override_settings(TASKS=DATABASE_QUEUE)
def test_queued_pdf_waits_for_the_worker_and_its_page_refreshes_itself(client_for, cast, report, converted):
    client = client_for(cast.secretariat)
    job_url = _ask(client, report)["Location"]
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and job.task_id and converted == []
    page = client.get(job_url).content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page
    assert "Đang chờ" in client.get(reverse("jobs:list")).content.decode()
    assert _ask(client, report)["Location"] == job_url  # asking again follows the same job
    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and len(converted) == 1
    assert client.get(reverse("reviews:pdf_file", args=[report.pk, job.pk])).status_code == 200


def test_the_pdf_of_an_issued_review_is_redacted_for_a_member_without_sensitive_access(client_for, cast, report, converted, monkeypatch):
    report = finished(cast.secretariat, report)
    services.review_issue(actor=cast.secretariat, review=report, issued_on=dt.date(2020, 12, 20))
    given = []
    monkeypatch.setattr(tasks, "render_docx", lambda review, report: given.append(review) or b"PK\x03\x04")
    _ask(client_for(cast.women_focal), report)
    assert given[0].redacted
    assert Job.objects.get().status == JobStatus.DONE


def test_only_the_user_who_asked_sees_the_job_and_its_file(client_for, cast, report, converted):
    _ask(client_for(cast.secretariat), report)
    job = Job.objects.get()
    other = client_for(cast.viewer)  # may read the review, did not ask
    assert other.get(job.page_url).status_code == 404
    assert other.get(reverse("reviews:pdf_file", args=[report.pk, job.pk])).status_code == 404
    assert job.label not in other.get(reverse("jobs:list")).content.decode()


def test_outsider_gets_404_and_no_job(client_for, cast, report):
    assert _ask(client_for(cast.outsider), report).status_code == 404
    assert not Job.objects.exists()


def test_user_who_lost_access_gets_404_for_the_file(client_for, cast, report, converted):
    _ask(client_for(cast.secretariat), report)
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(user=cast.outsider)
    outsider = client_for(cast.outsider)
    assert outsider.get(job.page_url).status_code == 404
    assert outsider.get(reverse("reviews:pdf_file", args=[report.pk, job.pk])).status_code == 404


@pytest.mark.parametrize("name", ["reviews:pdf_job", "reviews:pdf_file"])
def test_anonymous_is_sent_to_login(client, report, name):
    response = client.get(reverse(name, args=[report.pk, 1]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_asking_for_the_pdf_is_sent_to_login(client, report):
    response = _ask(client, report)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not Job.objects.exists()


def test_asking_with_get_queues_nothing(client_for, cast, report):
    assert client_for(cast.secretariat).get(reverse("reviews:pdf", args=[report.pk])).status_code == 405
    assert not Job.objects.exists()


def test_without_libreoffice_the_job_fails_and_says_why_in_vietnamese(client_for, cast, report, monkeypatch):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    client = client_for(cast.secretariat)
    job_url = _ask(client, report)["Location"]
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "chưa cài LibreOffice" in job.error
    page = client.get(job_url).content.decode()
    assert "chưa cài LibreOffice" in page and 'http-equiv="refresh"' not in page
    assert client.get(reverse("reviews:pdf_file", args=[report.pk, job.pk])).status_code == 404


def test_an_unexpected_error_fails_the_job_with_a_general_vietnamese_reason(client_for, cast, report, monkeypatch):
    monkeypatch.setattr(tasks, "docx_to_pdf", lambda content: 1 / 0)
    _ask(client_for(cast.secretariat), report)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "lỗi ngoài dự kiến" in job.error


def test_a_job_for_a_review_no_longer_visible_fails_with_a_reason(cast, report, converted):
    job = Job.objects.create(user=cast.outsider, kind=tasks.KIND_PDF, subject_id=report.pk, label="x")
    tasks.review_pdf_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "không còn quyền xem" in job.error
