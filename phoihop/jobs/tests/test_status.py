"""The job page's moving parts: the JSON state its script polls, and what the page carries
for the script (a json_script block, a <script src>) and without it (a <noscript> refresh)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from phoihop.jobs.models import Job, JobStatus
from phoihop.jobs.services import JobFailed, JobOutput, job_run, job_start
from phoihop.jobs.views import job_page


@pytest.fixture
def job(cast):
    return Job.objects.create(
        user=cast.secretariat, kind="test", subject_id=1, label="Việc thử", status=JobStatus.RUNNING,
        progress=42, stage="read", stage_rows=4100,
    )


def _status(client, job):
    return client.get(reverse("jobs:status", args=[job.pk]))


def test_the_state_of_the_users_own_job(client_for, cast, job):
    response = _status(client_for(cast.secretariat), job)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response.json() == {
        "status": "running", "status_label": "Đang chạy", "finished": False, "progress": 42,
        "stage": "Đã đọc 4.100 dòng",
    }


def test_the_state_reads_in_the_users_language(client_for, cast, job):
    client = client_for(cast.secretariat)
    client.cookies["django_language"] = "en"
    assert _status(client, job).json()["stage"] == "4.100 rows read"  # numbers stay Vietnamese (vnformat)


def test_a_finished_job_says_so(client_for, cast, job):
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error="Tệp không đúng mẫu.")
    answer = _status(client_for(cast.secretariat), job).json()
    assert (answer["finished"], answer["status_label"]) == (True, "Không thành công")


def test_another_users_job_is_404_and_an_unknown_one_too(client_for, cast, job):
    assert _status(client_for(cast.viewer), job).status_code == 404
    assert _status(client_for(cast.outsider), job).status_code == 404
    assert client_for(cast.secretariat).get(reverse("jobs:status", args=[job.pk + 99])).status_code == 404


def test_the_state_is_read_only(client_for, cast, job):
    assert client_for(cast.secretariat).post(reverse("jobs:status", args=[job.pk])).status_code == 405


def test_anonymous_is_sent_to_login(client, job):
    response = _status(client, job)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_list_is_linked_from_every_page_and_names_the_state(client_for, cast, job):
    page = client_for(cast.secretariat).get(reverse("home:home")).content.decode()
    assert f'href="{reverse("jobs:list")}"' in page
    listed = client_for(cast.secretariat).get(reverse("jobs:list")).content.decode()
    assert "Việc thử" in listed and "Đang chạy" in listed


class _Task:
    """A stand-in task that records what it was queued with."""

    def __init__(self):
        self.queued = []

    def enqueue(self, job_id):
        self.queued.append(job_id)
        return type("Result", (), {"id": "t-1"})()


def test_a_started_job_keeps_its_input_until_it_ends(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    task = _Task()
    upload = SimpleUploadedFile("Danh sách hoạt động.xlsx", b"PK\x03\x04 bytes")
    with translation.override("en"):
        job = job_start(
            user=cast.secretariat, kind="test", subject_id=7, label="Nhập thử", page_url=lambda job: f"/x/{job.pk}/",
            task=task, params={"submit": True}, input_file=upload,
        )
    assert task.queued == [job.pk] and job.task_id == "t-1" and job.page_url == f"/x/{job.pk}/"
    assert (job.params, job.language) == ({"submit": True}, "en")
    assert job.input_file.name.endswith(".xlsx") and "Danh" not in job.input_file.name
    stored = job.input_file.path
    seen = {}

    def work(job, progress):
        seen["input"] = job.input_file.read()
        seen["language"] = translation.get_language()
        progress(50, "save", 12)
        return JobOutput(result={"created": 12})

    job_run(job.pk, work)
    job.refresh_from_db()
    assert seen == {"input": b"PK\x03\x04 bytes", "language": "en"}
    assert (job.status, job.result, job.stage, job.stage_rows, bool(job.file)) == (JobStatus.DONE, {"created": 12}, "save", 12, False)
    assert not job.input_file and not (tmp_path / stored).exists()


def test_a_refused_job_keeps_its_result_for_the_page(cast):
    job = Job.objects.create(user=cast.secretariat, kind="test", subject_id=1, label="x")

    def work(job, progress):
        raise JobFailed("Tệp có 2 lỗi.", result={"errors": [{"row": 3}, {"row": 5}]})

    job_run(job.pk, work)
    job.refresh_from_db()
    assert (job.status, job.error, job.result) == (JobStatus.FAILED, "Tệp có 2 lỗi.", {"errors": [{"row": 3}, {"row": 5}]})


def test_the_page_of_a_running_job_carries_its_script_and_a_refresh_without_script(client_for, cast):
    job = Job.objects.create(user=cast.secretariat, kind="test", subject_id=1, label="Việc thử", progress=30)
    request = client_for(cast.secretariat).get(reverse("jobs:list")).wsgi_request
    page = job_page(request, job, back_url="/").content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert f'<script id="job-poll" type="application/json">{{"url": "{reverse("jobs:status", args=[job.pk])}"' in page
    assert 'src="/static/jobs/progress.js"' in page and 'value="30"' in page
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    job.refresh_from_db()
    done = job_page(request, job, back_url="/").content.decode()
    assert "progress.js" not in done and "refresh" not in done and "job-poll" not in done
