"""POST /api/intake/extract/: the same reading as JSON, nothing saved; the pages' rules."""

import pytest
from rest_framework.test import APIClient

from phoihop.intake.models import IntakeDocument

pytestmark = pytest.mark.django_db
URL = "/api/intake/extract/"


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_api_returns_the_extraction(hanam, seed_text):
    response = _api(hanam.secretariat).post(URL, {"text": seed_text}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert len([r for r in data["localities"] if r.get("level") == 3]) == 13
    assert data["people"][0]["name"] == "Nguyễn Đức Toàn"
    assert data["dates"] == ["2020"]
    assert IntakeDocument.objects.count() == 0


def test_the_api_takes_the_date_given(hanam):
    response = _api(hanam.women_focal).post(URL, {"text": "Hội nghị tại xã Thanh Hải.", "date": "2020-05-04"},
                                             format="json")
    assert response.json()["date"] == "2020-05-04"
    assert response.json()["localities"][0]["ref"] == "v1.c13498"


def test_bad_input_gets_a_vietnamese_message(hanam):
    response = _api(hanam.secretariat).post(URL, {"text": "   "}, format="json")
    assert response.status_code == 400
    assert "Văn bản đang trống" in response.json()["text"][0]


def test_a_viewer_gets_403(hanam):
    assert _api(hanam.viewer).post(URL, {"text": "Xã Thanh Hải"}, format="json").status_code == 403


def test_anonymous_is_refused(hanam):
    assert _api().post(URL, {"text": "Xã Thanh Hải"}, format="json").status_code in (401, 403)


def test_an_outsider_naming_another_committee_gets_404(hanam):
    response = _api(hanam.outsider).post(URL, {"text": "Xã Thanh Hải", "committee": hanam.committee.pk},
                                         format="json")
    assert response.status_code == 404
