"""REST API for coordination models: the same rules as the pages."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from phoihop.core.history import record_version
from phoihop.practices.models import CoordinationModel
from phoihop.practices.services import coordination_model_create

pytestmark = pytest.mark.django_db

URL = "/api/coordination-models/"


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _body(cast, program, **overrides) -> dict:
    body = {
        "program": program.pk,
        "name": "Mô hình “Phụ nữ với pháp luật”",
        "content_area": program.content_areas.get(number=1).pk,
        "members": [cast.women.pk],
        "localities": [cast.places.lamha.pk],
        "started_on": "2019-03-08",
        "description": "Câu lạc bộ phụ nữ tìm hiểu pháp luật.",
    }
    return body | overrides


def test_list_is_scoped_and_carries_evidence_figures(cast, practice, django_assert_max_num_queries):
    for number in range(3):  # more models, the same number of queries
        coordination_model_create(
            actor=cast.women_focal, program=practice.program, name=f"Mô hình {number}",
            content_area=practice.program.content_areas.get(number=1), members=[cast.women],
            started_on=dt.date(2016, 1, 1), description="Mô tả.", evidence=[practice.joint],
        )
    with django_assert_max_num_queries(10):
        rows = _api(cast.women_focal).get(URL).json()["results"]
    assert [row["name"] for row in rows][0] == practice.model.name
    assert len(rows) == 4
    figures = {f["name"]: f["total"] for f in rows[0]["evidence_figures"]}
    assert figures[cast.attendance.name] == "850.00"
    assert _api(cast.outsider).get(URL).json()["count"] == 0


def test_list_filters_by_status_and_member(cast, practice):
    api = _api(cast.secretariat)
    assert api.get(URL, {"status": "recognized"}).json()["count"] == 0
    assert api.get(URL, {"member": cast.women.pk}).json()["count"] == 1
    assert api.get(URL, {"member": cast.dan_van.pk}).json()["count"] == 0


def test_a_focal_point_creates_a_model(cast, practice):
    response = _api(cast.women_focal).post(URL, _body(cast, practice.program), format="json")
    assert response.status_code == 201, response.json()
    model = CoordinationModel.objects.get(pk=response.json()["id"])
    assert list(model.members.all()) == [cast.women]
    assert model.history.first().history_user == cast.women_focal


def test_create_validates_in_vietnamese(cast, practice):
    response = _api(cast.women_focal).post(
        URL, _body(cast, practice.program, members=[cast.nd_dan_van.pk], name=""), format="json"
    )
    assert response.status_code == 400
    assert response.json()["members"] == ["Có tổ chức tham gia không phải thành viên chương trình."]
    assert response.json()["name"] == ["Hãy nhập tên mô hình."]


def test_update_and_version_check(cast, practice):
    api = _api(cast.military_focal)
    version = record_version(practice.model)
    response = api.patch(
        f"{URL}{practice.model.pk}/", {"ended_on": "2020-10-31", "version": version}, format="json"
    )
    assert response.status_code == 200 and response.json()["ended_on"] == "2020-10-31"
    response = api.patch(
        f"{URL}{practice.model.pk}/", {"ended_on": "2020-10-30", "version": version}, format="json"
    )
    assert response.status_code == 409 and "Bản ghi đã được người khác sửa" in response.json()["detail"]


def test_secretariat_decides_and_members_add_replications(cast, practice):
    response = _api(cast.secretariat).post(
        f"{URL}{practice.model.pk}/decide/", {"status": "recognized", "note": "QĐ 3"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "recognized"
    assert response.json()["decided_by"] == cast.secretariat.pk
    missing = _api(cast.secretariat).post(
        f"{URL}{practice.model.pk}/decide/", {"status": "outstanding"}, format="json"
    )
    assert "Hãy ghi căn cứ công nhận" in missing.json()["note"][0]
    response = _api(cast.women_focal).post(
        f"{URL}{practice.model.pk}/replications/",
        {"locality": cast.places.phuly.pk, "started_on": "2020-09-01"},
        format="json",
    )
    assert response.status_code == 201
    assert practice.model.replications.count() == 1


def test_viewer_gets_403_on_writes(cast, practice):
    api = _api(cast.viewer)
    pk = practice.model.pk
    assert api.get(f"{URL}{pk}/").status_code == 200
    assert (
        api.post(
            URL, _body(cast, practice.program, members=[cast.dan_van.pk]), format="json"
        ).status_code
        == 403
    )
    assert api.patch(f"{URL}{pk}/", {"name": "x"}, format="json").status_code == 403
    assert (
        api.post(
            f"{URL}{pk}/decide/", {"status": "recognized", "note": "x"}, format="json"
        ).status_code
        == 403
    )
    assert api.post(f"{URL}{pk}/replications/", {}, format="json").status_code == 403


def test_a_member_cannot_decide(cast, practice):
    response = _api(cast.military_focal).post(
        f"{URL}{practice.model.pk}/decide/", {"status": "recognized", "note": "x"}, format="json"
    )
    assert response.status_code == 403


def test_outsider_gets_404(cast, practice):
    api = _api(cast.outsider)
    pk = practice.model.pk
    assert api.get(f"{URL}{pk}/").status_code == 404
    assert api.patch(f"{URL}{pk}/", {"name": "x"}, format="json").status_code == 404
    assert (
        api.post(
            f"{URL}{pk}/decide/", {"status": "recognized", "note": "x"}, format="json"
        ).status_code
        == 404
    )
    assert api.post(URL, _body(cast, practice.program), format="json").status_code == 404


def test_anonymous_is_refused(practice):
    assert _api().get(URL).status_code in (401, 403)
    assert _api().get(f"{URL}{practice.model.pk}/").status_code in (401, 403)
