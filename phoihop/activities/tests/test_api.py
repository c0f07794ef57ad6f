"""REST API for activities: the same rules as the pages."""

import pytest
from rest_framework.test import APIClient

from phoihop.activities.models import Activity, ActivityStatus, ParticipationStatus

pytestmark = pytest.mark.django_db

URL = "/api/activities/"


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _payload(cast, **overrides) -> dict:
    data = {
        "program": cast.program.pk,
        "title": "Hội thi tìm hiểu pháp luật về đất đai",
        "start_date": "2020-09-01",
        "end_date": "2020-09-02",
        "content_area": cast.program.content_areas.get(number=1).pk,
        "partners": [cast.women.pk],
        "localities": [cast.places.lamha.pk],
        "figures": [{"indicator": cast.attendance.pk, "value": "1200"}],
    }
    return {**data, **overrides}


def test_list_is_scoped_paginated_and_nests_figures_and_participants(cast, joint_activity):
    response = _api(cast.women_focal).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["is_joint"] is True
    assert {p["role"] for p in row["participations"]} == {"lead", "partner"}
    assert {f["indicator_code"]: f["value"] for f in row["figures"]} == {
        "tuyen-truyen-buoi": "4.00",
        "tuyen-truyen-luot": "350.00",
    }


def test_an_outsider_sees_nothing(cast, joint_activity):
    api = _api(cast.outsider)
    assert api.get(URL).json()["count"] == 0
    assert api.get(f"{URL}{joint_activity.pk}/").status_code == 404
    assert api.post(f"{URL}{joint_activity.pk}/submit/").status_code == 404
    assert api.patch(f"{URL}{joint_activity.pk}/", {"title": "x"}, format="json").status_code == 404


def test_anonymous_is_refused(cast, joint_activity):
    assert _api().get(URL).status_code in (401, 403)
    assert _api().get(f"{URL}{joint_activity.pk}/").status_code in (401, 403)


def test_list_takes_the_pages_filters(cast, make_activity):
    make_activity(title="Hội nghị giao ban")
    wanted = make_activity(title="Tuyên truyền Luật Đất đai")
    response = _api(cast.secretariat).get(URL, {"q": "luat dat dai"})
    assert [row["id"] for row in response.json()["results"]] == [wanted.pk]
    response = _api(cast.secretariat).get(URL, {"status": "nonsense"})
    assert response.status_code == 400
    assert "Lựa chọn không hợp lệ." in response.json()["status"]


def test_list_queries_do_not_grow_with_rows(cast, make_activity, django_assert_max_num_queries):
    api = _api(cast.secretariat)
    make_activity()
    with django_assert_max_num_queries(20) as few:
        api.get(URL)
    for _ in range(5):
        make_activity()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get(URL).json()["count"] == 6


def test_focal_point_creates_and_submits_for_its_own_organization(cast, program):
    response = _api(cast.military_focal).post(
        URL, {**_payload(cast), "submit": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["lead"] == cast.military.pk and body["status"] == "submitted"
    assert body["localities"] == [cast.places.lamha.pk]


def test_focal_point_gets_403_reporting_for_another_organization(cast, program):
    response = _api(cast.military_focal).post(
        URL, _payload(cast, lead=cast.dan_van.pk), format="json"
    )
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_create_validates_in_vietnamese(cast, program):
    api = _api(cast.military_focal)
    response = api.post(
        URL, _payload(cast, start_date="2020-12-05", end_date="2020-12-05"), format="json"
    )
    assert response.status_code == 400
    assert "tương lai" in response.json()["start_date"][0]
    response = api.post(URL, _payload(cast, localities=[999999]), format="json")
    assert response.json()["localities"] == ["Có địa bàn không tồn tại."]


def test_viewer_gets_403_on_writes(cast, program, joint_activity):
    api = _api(cast.viewer)
    assert api.post(URL, _payload(cast), format="json").status_code == 403
    assert api.patch(f"{URL}{joint_activity.pk}/", {"title": "x"}, format="json").status_code == 403
    assert api.post(f"{URL}{joint_activity.pk}/submit/").status_code == 403


def test_an_outsider_cannot_report_in_another_committees_program(cast, program):
    assert _api(cast.outsider).post(URL, _payload(cast), format="json").status_code == 404


def test_partner_confirms_its_part_and_the_secretariat_confirms(cast, make_activity):
    activity = make_activity(partner_ids=[cast.military.pk])
    response = _api(cast.military_focal).post(
        f"{URL}{activity.pk}/respond/",
        {"accept": True, "contribution": "Lực lượng dân quân"},
        format="json",
    )
    assert response.status_code == 200
    part = activity.participations.get(organization=cast.military)
    assert part.status == ParticipationStatus.CONFIRMED
    assert _api(cast.military_focal).post(f"{URL}{activity.pk}/confirm/").status_code == 403
    response = _api(cast.secretariat).post(f"{URL}{activity.pk}/confirm/")
    assert response.json()["status"] == ActivityStatus.CONFIRMED
    assert response.json()["participant_count"] == 2


def test_the_secretariat_returns_with_a_comment(cast, make_activity):
    activity = make_activity()
    api = _api(cast.secretariat)
    response = api.post(f"{URL}{activity.pk}/return/", {}, format="json")
    assert response.status_code == 400
    assert "lý do trả lại" in response.json()["comment"][0]
    response = api.post(f"{URL}{activity.pk}/return/", {"comment": "Thiếu ảnh"}, format="json")
    assert (response.json()["status"], response.json()["review_comment"]) == (
        "returned",
        "Thiếu ảnh",
    )


def test_patch_changes_only_what_it_names_and_honours_the_version(cast, joint_activity):
    api = _api(cast.secretariat)
    url = f"{URL}{joint_activity.pk}/"
    response = api.patch(url, {"title": "Tuyên truyền (bổ sung)", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["revision"] == 2 and body["status"] == "submitted"  # a confirmed one goes back
    assert len(body["figures"]) == 2 and len(body["participations"]) == 3
    response = api.patch(url, {"title": "Bản cũ", "version": 1}, format="json")
    assert response.status_code == 409
    assert "người khác sửa" in response.json()["detail"]


def test_an_activity_update_needs_the_revision_read(cast, joint_activity):
    api = _api(cast.secretariat)
    url = f"{URL}{joint_activity.pk}/"
    response = api.patch(url, {"title": "Không nói phiên bản"}, format="json")
    assert response.status_code == 428
    etag = api.get(url)["ETag"]
    assert etag == f'"{joint_activity.revision}"'
    response = api.patch(url, {"title": "Theo ETag"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["revision"] == joint_activity.revision + 1
    stale = api.patch(url, {"title": "ETag cũ"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
