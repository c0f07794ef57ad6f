"""REST API for reports, cases and follow-ups: the same rules as the pages."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from phoihop.situations.models import CaseStatus, SituationReport, Topic
from phoihop.situations.tests.conftest import png

pytestmark = pytest.mark.django_db


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _report(cast, **extra) -> dict:
    return {
        "reported_on": "2025-06-14",
        "locality": cast.places.lamha.pk,
        "topic": Topic.objects.get(code="ton-giao").pk,
        "title": "Tranh chấp quyền sử dụng khuôn viên nhà thờ họ",
        "description": "Hai nhóm tín đồ tranh chấp lối đi vào khuôn viên.",
        **extra,
    }


def test_anonymous_is_refused(situation):
    assert _api().get("/api/cases/").status_code in (401, 403)
    assert _api().post("/api/situation-reports/", {}).status_code in (401, 403)


def test_case_list_is_scoped_and_filtered(situation, django_assert_max_num_queries):
    api = _api(situation.cast.secretariat)
    with django_assert_max_num_queries(8):
        rows = api.get("/api/cases/").json()["results"]
    assert {row["id"] for row in rows} == {situation.land.pk, situation.env.pk}
    assert [r["id"] for r in api.get("/api/cases/", {"overdue": "true"}).json()["results"]] == [situation.land.pk]
    assert api.get("/api/cases/", {"status": "open", "q": "xuong"}).json()["count"] == 1
    assert api.get("/api/cases/", {"status": "bogus"}).status_code == 400
    assert _api(situation.cast.outsider).get("/api/cases/").json()["count"] == 0


def test_focal_point_reports_through_the_api_with_a_file(situation):
    response = _api(situation.cast.women_focal).post(
        "/api/situation-reports/", {**_report(situation.cast), "attachments": [png()]}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["sensitive"] is True  # religion
    assert body["attachments"][0]["original_name"] == "hien-truong.png"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"reported_on": "2099-01-01"}, "reported_on", "Ngày nắm được tình hình không thể ở tương lai."),
        ({"locality": 999999}, "locality", "Không tìm thấy địa bàn đã chọn."),
        ({"reported_on": "2025-07-02"}, "locality", "không có hiệu lực vào ngày 02/07/2025"),
    ],
)
def test_report_api_explains_bad_input_in_vietnamese(situation, change, field, message):
    response = _api(situation.cast.women_focal).post(
        "/api/situation-reports/", _report(situation.cast, **change), format="json"
    )
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert SituationReport.objects.count() == 2


def test_viewer_cannot_report_or_act(situation):
    api = _api(situation.cast.viewer)
    assert api.post("/api/situation-reports/", _report(situation.cast), format="json").status_code == 403
    assert api.post(f"/api/cases/{situation.env.pk}/assign/", {"lead": situation.cast.women.pk}).status_code == 403
    assert api.get(f"/api/cases/{situation.env.pk}/").status_code == 200


def test_outsider_gets_404(situation):
    api = _api(situation.cast.outsider)
    assert api.get(f"/api/cases/{situation.env.pk}/").status_code == 404
    assert api.post(f"/api/cases/{situation.env.pk}/follow-ups/", {"text": "x"}).status_code == 404


def _revision(client, base) -> int:
    return client.get(f"{base}/").json()["revision"]


def test_full_case_lifecycle_through_the_api(situation):
    cast, case = situation.cast, situation.env
    secretariat, women = _api(cast.secretariat), _api(cast.women_focal)
    base = f"/api/cases/{case.pk}"
    missing = secretariat.post(f"{base}/assign/", {"lead": cast.women.pk}, format="json")
    assert missing.status_code == 400 and "revision" in missing.json()
    assigned = secretariat.post(f"{base}/assign/", {"lead": cast.women.pk, "supporters": [cast.military.pk],
                                                    "revision": _revision(secretariat, base)}, format="json")
    assert assigned.status_code == 200 and assigned.json()["status"] == CaseStatus.ASSIGNED
    today = timezone.localdate().isoformat()
    follow = women.post(f"{base}/follow-ups/", {"happened_on": today, "text": "Làm việc với chủ xưởng.",
                                                 "attachments": [png()], "revision": _revision(women, base)}, format="multipart")
    assert follow.status_code == 201 and follow.json()["attachments"][0]["original_name"] == "hien-truong.png"
    assert len(women.get(f"{base}/follow-ups/").json()) == 1
    bad = women.post(f"{base}/close/", {"status": "resolved", "outcome": "",
                                        "revision": _revision(women, base)}, format="json")
    assert bad.status_code == 400 and bad.json()["outcome"] == ["Hãy ghi kết quả xử lý."]
    closed = women.post(f"{base}/close/", {"status": "resolved", "outcome": "Đã khắc phục.",
                                           "revision": _revision(women, base)}, format="json")
    assert closed.json()["status"] == CaseStatus.RESOLVED
    reopened = secretariat.post(f"{base}/reopen/", {"reason": "Tái diễn.", "revision": _revision(secretariat, base)},
                                  format="json")
    assert reopened.json()["reopen_count"] == 1
    stale = secretariat.post(f"{base}/reopen/", {"reason": "x", "revision": 1}, format="json")
    assert stale.status_code == 409
    kinds = [event["kind"] for event in secretariat.get(f"{base}/timeline/").json()]
    assert kinds == ["created", "assigned", "follow_up", "status", "reopened"]


def test_open_case_and_merge_through_the_api(situation):
    cast = situation.cast
    plain = _report(cast, sensitive=False)
    first = _api(cast.women_focal).post("/api/situation-reports/", plain, format="json").json()
    second = _api(cast.military_focal).post("/api/situation-reports/", plain, format="json").json()
    api = _api(cast.secretariat)
    opened = api.post(f"/api/situation-reports/{first['id']}/open-case/", {}, format="json")
    assert opened.status_code == 201
    assert _api(cast.women_focal).post(f"/api/situation-reports/{second['id']}/merge/", {"case": 1}).status_code == 403
    merged = api.post(f"/api/situation-reports/{second['id']}/merge/", {"case": opened.json()["id"]}, format="json")
    assert merged.status_code == 200
    assert api.get(f"/api/situation-reports/{second['id']}/").json()["case"] == opened.json()["id"]


def test_escalate_and_link_through_the_api(situation, ward):
    api = _api(situation.cast.secretariat)
    linked = api.post(f"/api/cases/{situation.env.pk}/link-recurrence/", {"earlier": situation.land.pk}, format="json")
    assert linked.json()["recurrence_of"] == situation.land.pk
    base = f"/api/cases/{situation.env.pk}"
    refused = api.post(f"{base}/escalate/", {"to_committee": ward.committee.pk, "revision": _revision(api, base)},
                       format="json")
    assert refused.status_code == 400 and "cấp trên" in refused.json()["to_committee"][0]


def test_topics_are_listed(situation):
    topics = _api(situation.cast.viewer).get("/api/situation-topics/").json()
    assert {t["code"] for t in topics if t["sensitive"]} == {"dat-dai", "ton-giao"}
