"""REST API for programs, plans, tasks and indicators."""

import pytest
from rest_framework.test import APIClient

from phoihop.activities.services import activity_confirm
from phoihop.core.history import record_version
from phoihop.programs.models import AnnualPlan, Task
from phoihop.programs.tests.factories import report


@pytest.fixture(autouse=True)
def _pinned(clock):
    return clock


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _task_body(cast, **overrides) -> dict:
    body = {
        "plan": cast.plan.pk,
        "title": "Vận động giải phóng mặt bằng",
        "content_area": cast.program.content_areas.get(number=2).pk,
        "lead": cast.military.pk,
        "partners": [cast.women.pk],
        "localities": [cast.places.lamha.pk],
        "due_date": "2020-11-30",
        "targets": [{"indicator": cast.sessions.pk, "value": "12"}],
    }
    return body | overrides


ENDPOINTS = ["/api/programs/", "/api/plans/", "/api/tasks/", "/api/indicators/"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_gets_401_or_403(cast, program, url):
    assert _api().get(url).status_code in (401, 403)


def test_lists_are_scoped_to_the_users_committees(cast, program):
    for url, expected in (("/api/programs/", program.pk), ("/api/plans/", cast.plan.pk), ("/api/tasks/", cast.task.pk)):
        assert [row["id"] for row in _api(cast.viewer).get(url).json()["results"]] == [expected]
        assert _api(cast.outsider).get(url).json()["results"] == []


@pytest.mark.parametrize(
    "url",
    [lambda c: f"/api/programs/{c.program.pk}/", lambda c: f"/api/plans/{c.plan.pk}/", lambda c: f"/api/tasks/{c.task.pk}/"],
)
def test_outsider_gets_404(cast, program, url):
    assert _api(cast.outsider).get(url(cast)).status_code == 404
    assert _api(cast.outsider).patch(url(cast), {}, format="json").status_code in (404, 405)


def test_task_progress_in_the_api_updates_when_an_activity_is_confirmed(cast, program):
    activity = report(cast, figures={cast.sessions.pk: 8}, confirm=False)
    url = f"/api/tasks/{cast.task.pk}/"
    before = _api(cast.viewer).get(url).json()["progress"]
    assert before["status"] == "not_started" and before["targets"][0]["achieved"] == "0.00"
    activity_confirm(actor=cast.secretariat, activity=activity)
    after = _api(cast.viewer).get(url).json()["progress"]
    assert after["status"] == "in_progress"
    assert after["status_label"] == "đang thực hiện"
    assert after["targets"][0]["achieved"] == "8.00" and after["targets"][0]["ratio"] == "0.4000"


def test_task_filters(cast, program, django_assert_max_num_queries):
    other = Task.objects.create(
        plan=cast.plan, number=2, title="Huấn luyện dân quân", content_area=cast.program.content_areas.get(number=4),
        lead=cast.military, due_date=cast.task.due_date,
    )
    api = _api(cast.secretariat)
    with django_assert_max_num_queries(10):
        rows = api.get("/api/tasks/", {"lead": cast.military.pk}).json()["results"]
    assert [row["id"] for row in rows] == [other.pk]
    rows = api.get("/api/tasks/", {"content_area": cast.task.content_area_id, "year": 2020}).json()["results"]
    assert [row["id"] for row in rows] == [cast.task.pk]
    assert api.get("/api/tasks/", {"program": program.pk, "year": 2019}).json()["results"] == []
    response = api.get("/api/tasks/", {"lead": "abc"})
    assert response.status_code == 400 and "không phải là số nguyên" in str(response.json())


def test_secretariat_creates_a_task_with_targets(cast, program):
    response = _api(cast.secretariat).post("/api/tasks/", _task_body(cast), format="json")
    assert response.status_code == 201, response.json()
    task = Task.objects.get(pk=response.json()["id"])
    assert task.number == 2 and task.history.first().history_user == cast.secretariat
    assert dict(task.targets.values_list("indicator__code", "value")) == {"tuyen-truyen-buoi": 12}
    assert response.json()["progress"]["targets"][0]["target"] == "12.00"


def test_task_api_validates_in_vietnamese(cast, program):
    body = _task_body(cast, due_date="2021-03-01", lead=cast.nd_dan_van.pk)
    response = _api(cast.secretariat).post("/api/tasks/", body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "Thời hạn phải nằm trong năm 2020" in errors["due_date"][0]
    assert "không phải thành viên" in errors["lead"][0]
    body = _task_body(cast, targets=[{"indicator": cast.sessions.pk, "value": "-1"}])
    response = _api(cast.secretariat).post("/api/tasks/", body, format="json")
    assert response.status_code == 400 and "không âm" in str(response.json())


def test_viewer_and_focal_point_get_403_on_task_writes(cast, program):
    for user in (cast.viewer, cast.military_focal):
        assert _api(user).post("/api/tasks/", _task_body(cast), format="json").status_code == 403
        response = _api(user).patch(f"/api/tasks/{cast.task.pk}/", {"title": "X"}, format="json")
        assert response.status_code == 403


def test_secretariat_updates_a_task_and_its_targets(cast, program):
    body = {"title": "Tuyên truyền (sửa)", "targets": [{"indicator": cast.attendance.pk, "value": "300"}]}
    body["version"] = record_version(cast.task)
    response = _api(cast.secretariat).patch(f"/api/tasks/{cast.task.pk}/", body, format="json")
    assert response.status_code == 200, response.json()
    cast.task.refresh_from_db()
    assert cast.task.title == "Tuyên truyền (sửa)"
    assert dict(cast.task.targets.values_list("indicator__code", "value")) == {"tuyen-truyen-luot": 300}


def test_plans_are_created_in_the_program_period(cast, program):
    api = _api(cast.secretariat)
    response = api.post("/api/plans/", {"program": program.pk, "year": 2019}, format="json")
    assert response.status_code == 201
    assert AnnualPlan.objects.get(pk=response.json()["id"]).title == "Kế hoạch phối hợp năm 2019"
    response = api.post("/api/plans/", {"program": program.pk, "year": 2019}, format="json")
    assert response.status_code == 400 and "đã có kế hoạch năm 2019" in response.json()["year"][0]
    assert _api(cast.viewer).post("/api/plans/", {"program": program.pk, "year": 2018}, format="json").status_code == 403
    assert _api(cast.outsider).post("/api/plans/", {"program": program.pk, "year": 2018}, format="json").status_code == 404
    assert [row["year"] for row in api.get("/api/plans/", {"year": 2019}).json()["results"]] == [2019]


def test_programs_are_updated_by_the_secretariat_only(cast, program):
    url = f"/api/programs/{program.pk}/"
    assert _api(cast.viewer).patch(url, {"name": "X"}, format="json").status_code == 403
    version = record_version(program)
    response = _api(cast.secretariat).patch(url, {"period_end": "2019-12-31", "version": version}, format="json")
    assert response.status_code == 400 and "nằm ngoài thời gian mới" in str(response.json())
    response = _api(cast.secretariat).patch(url, {"description": "Giai đoạn đầu", "version": version}, format="json")
    assert response.status_code == 200 and response.json()["description"] == "Giai đoạn đầu"
    assert len(response.json()["content_areas"]) == 7


def test_indicators_are_read_by_all_and_written_by_administrators(cast):
    rows = _api(cast.viewer).get("/api/indicators/").json()["results"]
    assert "tuyen-truyen-buoi" in {row["code"] for row in rows}
    body = {"code": "hoi-thao", "name": "Hội thảo", "unit": "cuộc", "aggregation": "sum"}
    assert _api(cast.secretariat).post("/api/indicators/", body, format="json").status_code == 403
    assert _api(cast.admin).post("/api/indicators/", body, format="json").status_code == 201
    response = _api(cast.admin).post("/api/indicators/", body, format="json")
    assert response.status_code == 400 and "Mã chỉ tiêu đã tồn tại" in response.json()["code"][0]
    pk = rows[0]["id"]
    assert _api(cast.viewer).patch(f"/api/indicators/{pk}/", {"name": "X"}, format="json").status_code == 403
    url = f"/api/indicators/{pk}/"
    etag = _api(cast.admin).get(url)["ETag"]
    assert _api(cast.admin).patch(url, {"name": "Buổi"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
