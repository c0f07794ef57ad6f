"""GET /api/jobs/: a job's stage and result for the user who asked for it, and for no one else."""

import pytest
from rest_framework.test import APIClient

from phoihop.jobs.models import Job, JobStatus

ERRORS = {"errors": [{"row": 3, "column": "B · Từ ngày", "message": "Ô bắt buộc đang trống."}]}


@pytest.fixture
def refused(cast):
    return Job.objects.create(
        user=cast.secretariat,
        kind="activities_import",
        subject_id=1,
        label="Nhập tệp thử",
        status=JobStatus.FAILED,
        progress=85,
        stage="check",
        stage_rows=1200,
        result=ERRORS,
        error="Không nhập dòng nào: tệp có 1 lỗi.",
    )


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_a_job_gives_its_stage_and_result_to_its_user(cast, refused):
    answer = _api(cast.secretariat).get(f"/api/jobs/{refused.pk}/").json()
    assert (answer["stage"], answer["stage_rows"], answer["stage_text"]) == (
        "check",
        1200,
        "Đang kiểm tra 1.200 dòng",
    )
    assert answer["result"] == ERRORS and answer["status"] == "failed"


def test_the_list_gives_the_stage_and_result_of_a_done_import(cast, refused):
    done = Job.objects.create(
        user=cast.secretariat,
        kind="activities_import",
        subject_id=1,
        label="Nhập xong",
        status=JobStatus.DONE,
        progress=100,
        stage="save",
        stage_rows=40,
        result={"created": 40, "batch": "0" * 8 + "-0000-0000-0000-" + "0" * 12},
    )
    listed = {row["id"]: row for row in _api(cast.secretariat).get("/api/jobs/").json()["results"]}
    assert set(listed) == {done.pk, refused.pk}
    assert (listed[done.pk]["stage"], listed[done.pk]["result"]["created"]) == ("save", 40)
    assert listed[refused.pk]["result"] == ERRORS


def test_another_user_of_the_same_committee_gets_404_and_an_empty_list(cast, refused):
    assert _api(cast.viewer).get(f"/api/jobs/{refused.pk}/").status_code == 404
    assert _api(cast.viewer).get("/api/jobs/").json()["results"] == []


def test_an_outsider_gets_404_and_an_empty_list(cast, refused):
    assert _api(cast.outsider).get(f"/api/jobs/{refused.pk}/").status_code == 404
    assert _api(cast.outsider).get("/api/jobs/").json()["results"] == []


def test_anonymous_is_refused_and_sees_no_result(refused):
    for url in ("/api/jobs/", f"/api/jobs/{refused.pk}/"):
        response = _api().get(url)
        assert response.status_code in (401, 403)
        assert (
            "errors" not in response.content.decode() and "check" not in response.content.decode()
        )
