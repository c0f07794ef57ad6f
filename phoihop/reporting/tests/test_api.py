"""REST API for period reports: scoped lists, submit, accept, return."""

import pytest
from rest_framework.test import APIClient

from phoihop.reporting.models import ReportStatus
from phoihop.reporting.tests.conftest import Q1, Q2, report_of

pytestmark = pytest.mark.django_db


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_list_is_scoped_to_what_the_user_may_see(cast, quarters, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        rows = _api(cast.secretariat).get("/api/period-reports/").json()["results"]
    assert len(rows) == 6
    rows = _api(cast.women_focal).get("/api/period-reports/").json()["results"]
    assert {row["organization"] for row in rows} == {cast.women.pk}
    assert {row["state"] for row in rows} == {"late", "not_due"}
    assert _api(cast.outsider).get("/api/period-reports/").json()["count"] == 0


def test_list_filters_by_organization_and_status(cast, quarters):
    rows = (
        _api(cast.secretariat)
        .get("/api/period-reports/", {"organization": cast.military.pk, "status": "submitted"})
        .json()["results"]
    )
    assert len(rows) == 2


def test_focal_point_submits_through_the_api(cast, quarters):
    report = report_of(quarters, cast.women, Q2)
    response = _api(cast.women_focal).post(
        f"/api/period-reports/{report.pk}/submit/", {"narrative": "Kết quả quý 2."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "submitted" and response.json()["state"] == "on_time"


def test_submit_validates_in_vietnamese(cast, quarters):
    report = report_of(quarters, cast.women, Q2)
    response = _api(cast.women_focal).post(
        f"/api/period-reports/{report.pk}/submit/", {}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["narrative"] == ["Hãy nhập nội dung báo cáo trước khi nộp."]


def test_secretariat_accepts_and_returns(cast, quarters):
    api = _api(cast.secretariat)
    accepted = api.post(f"/api/period-reports/{report_of(quarters, cast.military, Q1).pk}/accept/")
    assert accepted.json()["status"] == ReportStatus.ACCEPTED
    url = f"/api/period-reports/{report_of(quarters, cast.women, Q1).pk}/return/"
    assert api.post(url, {}, format="json").status_code == 400
    assert api.post(url, {"comment": "Bổ sung."}, format="json").json()["status"] == "returned"


def test_viewer_gets_403_on_writes(cast, quarters):
    api = _api(cast.viewer)
    report = report_of(quarters, cast.military, Q1)
    assert api.get(f"/api/period-reports/{report.pk}/").status_code == 200
    assert (
        api.post(f"/api/period-reports/{report.pk}/submit/", {"narrative": "x"}).status_code == 403
    )
    assert api.post(f"/api/period-reports/{report.pk}/accept/").status_code == 403


def test_outsider_gets_404(cast, quarters):
    report = report_of(quarters, cast.military, Q1)
    api = _api(cast.outsider)
    assert api.get(f"/api/period-reports/{report.pk}/").status_code == 404
    assert api.post(f"/api/period-reports/{report.pk}/accept/").status_code == 404


def test_anonymous_is_refused(quarters):
    assert _api().get("/api/period-reports/").status_code in (401, 403)
