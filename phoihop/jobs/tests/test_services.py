"""Running a job: its states, its file, and why it failed, without any real work."""

import pytest
from django.urls import reverse

from phoihop.jobs.models import Job, JobStatus
from phoihop.jobs.services import JobFailed, JobOutput, job_run


@pytest.fixture
def job(cast):
    return Job.objects.create(user=cast.secretariat, kind="test", subject_id=1, label="Việc thử")


def test_a_job_reports_progress_then_keeps_its_file(job):
    seen = []

    def work(job, progress):
        progress(40)
        seen.append(Job.objects.get(pk=job.pk).progress)
        return JobOutput(b"noi dung", "ket-qua.txt", "text/plain")

    job_run(job.pk, work)
    job.refresh_from_db()
    assert seen == [40]
    assert (job.status, job.progress, job.file_name) == (JobStatus.DONE, 100, "ket-qua.txt")
    assert job.file.read() == b"noi dung" and job.finished_at


def test_a_refused_job_keeps_the_reason_for_the_user(job):
    def work(job, progress):
        raise JobFailed("Tệp không đúng mẫu.")

    job_run(job.pk, work)
    job.refresh_from_db()
    assert (job.status, job.error, bool(job.file)) == (JobStatus.FAILED, "Tệp không đúng mẫu.", False)


def test_the_list_shows_only_the_users_own_jobs(client_for, cast, job):
    Job.objects.create(user=cast.viewer, kind="test", subject_id=1, label="Việc của người khác")
    page = client_for(cast.secretariat).get(reverse("jobs:list")).content.decode()
    assert "Việc thử" in page and "Việc của người khác" not in page
    assert 'http-equiv="refresh"' in page  # a queued job: the list follows it


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("jobs:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_api_gives_the_users_job_and_404_for_another_users(client_for, cast, job):
    client = client_for(cast.secretariat)
    answer = client.get(f"/api/jobs/{job.pk}/").json()
    assert (answer["status"], answer["progress"], answer["label"]) == ("queued", 0, "Việc thử")
    assert client_for(cast.viewer).get(f"/api/jobs/{job.pk}/").status_code == 404
    assert client_for(cast.viewer).get("/api/jobs/").json()["results"] == []
