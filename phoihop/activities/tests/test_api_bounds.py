"""The activity API refuses, with a Vietnamese 400, what once reached a 500 or was
accepted against the rules: a place outside the committee's area, huge ids, long lists,
huge texts and control characters."""

import pytest

from phoihop.activities.models import Activity
from phoihop.activities.tests.test_api import URL, _api, _payload
from phoihop.conftest import _unit
from phoihop.localities.models import Kind, Level

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999


def _post(cast, **overrides):
    return _api(cast.secretariat).post(URL, _payload(cast, **overrides), format="json")


def test_api_refuses_an_activity_located_outside_the_committees_area(cast, program):
    my_loc = _unit(
        "v1.c13669", "13669", "Xã Mỹ Lộc", "Mỹ Lộc", Kind.XA, Level.COMMUNE, cast.places.namdinh
    )
    response = _post(cast, localities=[my_loc.pk])
    assert response.status_code == 400
    assert "không thuộc Tỉnh Hà Nam" in response.json()["localities"][0]
    assert "Xã Mỹ Lộc, Tỉnh Nam Định" in response.json()["localities"][0]
    assert not Activity.objects.exists()


def test_api_refuses_a_place_not_in_force_on_the_start_date(cast, program):
    new_ward = _unit(
        "v2.c13300", "13300", "Phường Hà Nam", "Hà Nam", Kind.PHUONG, Level.COMMUNE,
        cast.places.ninhbinh, valid_from=cast.places.hanam.valid_to,
    )
    from phoihop.localities.models import ChangeEvent, Lineage

    event = ChangeEvent.objects.create(
        ref="nq-2025", kind="merge", effective_date=new_ward.valid_from, legal_basis="NQ 1674"
    )
    Lineage.objects.create(event=event, predecessor=cast.places.lamha, successor=new_ward)
    response = _post(cast, localities=[new_ward.pk])  # the activity is dated 2020
    assert response.status_code == 400
    assert "không có hiệu lực vào ngày 01/09/2020" in response.json()["localities"][0]


def test_api_accepts_a_place_inside_the_area(cast, program):
    assert _post(cast).status_code == 201


def test_huge_locality_id_answers_400_in_vietnamese(cast, program):
    response = _post(cast, localities=[HUGE])
    assert response.status_code == 400
    assert response.json()["localities"] == {
        "0": ["Mã số không hợp lệ: lớn nhất là 9223372036854775807."]
    }


def test_huge_indicator_id_answers_400(cast, program):
    response = _post(cast, figures=[{"indicator": HUGE, "value": "1"}])
    assert response.status_code == 400
    assert response.json()["figures"] == {
        "0": {"indicator": ["Mã số không hợp lệ: lớn nhất là 9223372036854775807."]}
    }


def test_more_than_200_localities_are_refused(cast, program):
    response = _post(cast, localities=[cast.places.lamha.pk] * 201)
    assert response.status_code == 400
    assert response.json()["localities"] == ["Danh sách dài quá: tối đa 200 mục."]


def test_a_2_mb_narrative_is_refused(cast, program):
    response = _post(cast, narrative="x" * 2_000_000)
    assert response.status_code == 400
    assert response.json()["narrative"] == ["Văn bản dài quá: tối đa 20000 ký tự."]


def test_a_control_character_in_the_title_is_refused_in_vietnamese(cast, program):
    response = _post(cast, title="Hội nghị\x9b giao ban")
    assert response.status_code == 400
    assert response.json()["title"] == [
        "Không được chứa ký tự điều khiển (mã U+009B): hãy gõ lại hoặc dán dưới dạng văn bản thuần."
    ]
    assert not Activity.objects.exists()


def test_a_date_in_year_9999_is_refused(cast, program):
    response = _post(cast, start_date="9999-12-31", end_date="9999-12-31")
    assert response.status_code == 400
    assert response.json()["start_date"] == ["Ngày phải nằm trong các năm 1900–2100."]
