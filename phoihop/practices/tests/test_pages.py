"""Coordination model pages: list, detail, propose, edit, recognize, replicate."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.core.history import record_version
from phoihop.practices.models import CoordinationModel, ModelStatus
from phoihop.practices.services import coordination_model_create, coordination_model_decide

pytestmark = pytest.mark.django_db


def _form_data(cast, program, **overrides) -> dict:
    data = {
        "name": "Mô hình “Khu dân cư tự quản về an ninh trật tự”",
        "content_area": program.content_areas.get(number=4).pk,
        "members": [cast.military.pk],
        "localities": [cast.places.lamha.pk],
        "started_on": "2018-06-01",
        "ended_on": "",
        "description": "Dân quân và nhân dân cùng tuần tra.",
    }
    return data | overrides


# --- list ---------------------------------------------------------------------------------


def test_list_shows_models_and_counts_by_status(
    client_for, cast, practice, django_assert_max_num_queries
):
    coordination_model_create(
        actor=cast.secretariat,
        program=practice.program,
        name="Mô hình thứ hai",
        content_area=practice.program.content_areas.get(number=4),
        members=[cast.dan_van],
        started_on=dt.date(2017, 1, 1),
        description="Mô tả.",
    )
    coordination_model_decide(
        actor=cast.secretariat, model=practice.model, status="recognized", note="QĐ 1"
    )
    client = client_for(cast.viewer)
    with django_assert_max_num_queries(15):  # constant: members are prefetched
        response = client.get(reverse("practices:list"))
    assert response.status_code == 200
    assert [m.name for m in response.context["page"].object_list] == [
        practice.model.name,
        "Mô hình thứ hai",
    ]
    assert [(value, n) for value, _, n in response.context["counts"]] == [
        ("proposed", 1),
        ("recognized", 1),
        ("outstanding", 0),
    ]


def test_list_filters_by_status_content_area_and_member(client_for, cast, practice):
    client = client_for(cast.secretariat)
    url = reverse("practices:list")
    names = lambda r: [m.name for m in r.context["page"].object_list]  # noqa: E731
    assert names(client.get(url, {"status": "recognized"})) == []
    assert names(client.get(url, {"member": cast.women.pk})) == [practice.model.name]
    assert names(client.get(url, {"member": cast.dan_van.pk})) == []
    area = practice.program.content_areas.get(number=2)
    assert names(client.get(url, {"content_area": area.pk})) == []


def test_list_validates_its_filters(client_for, cast, practice):
    response = client_for(cast.secretariat).get(reverse("practices:list"), {"status": "bogus"})
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()


def test_outsider_sees_no_model_and_zero_counts(client_for, cast, practice):
    response = client_for(cast.outsider).get(reverse("practices:list"))
    assert list(response.context["page"].object_list) == []
    assert all(n == 0 for _, _, n in response.context["counts"])


def test_anonymous_is_sent_to_login(client, practice):
    for url in (
        reverse("practices:list"),
        reverse("practices:detail", args=[practice.model.pk]),
        reverse("practices:create"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# --- detail -------------------------------------------------------------------------------


def test_detail_shows_facts_evidence_figures_decisions_and_replications(client_for, cast, practice):
    coordination_model_decide(
        actor=cast.secretariat, model=practice.model, status="recognized", note="QĐ 12"
    )
    response = client_for(cast.women_focal).get(
        reverse("practices:detail", args=[practice.model.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "850" in html and "QĐ 12" in html and "Phường Lam Hạ" in html
    links = dict((activity.pk, url) for activity, url in response.context["evidence"])
    # The Women's Union took part in the joint activity, not in the Military Command's own ones.
    assert links[practice.joint.pk] == reverse("activities:detail", args=[practice.joint.pk])
    assert links[practice.alone.pk] is None
    assert not response.context["can_decide"] and response.context["can_edit"]


def test_detail_of_another_province_is_404(client_for, cast, practice):
    response = client_for(cast.outsider).get(reverse("practices:detail", args=[practice.model.pk]))
    assert response.status_code == 404


# --- create and edit ----------------------------------------------------------------------


def test_a_focal_point_proposes_a_model(client_for, cast, practice):
    client = client_for(cast.military_focal)
    assert client.get(reverse("practices:create")).status_code == 200
    response = client.post(
        reverse("practices:create"),
        _form_data(cast, practice.program, evidence=[practice.alone.pk]),
    )
    model = CoordinationModel.objects.get(name="Mô hình “Khu dân cư tự quản về an ninh trật tự”")
    assert response.status_code == 302 and response["Location"] == reverse(
        "practices:detail", args=[model.pk]
    )
    assert list(model.evidence.all()) == [practice.alone]


def test_create_validates_in_vietnamese(client_for, cast, practice):
    response = client_for(cast.military_focal).post(
        reverse("practices:create"),
        _form_data(cast, practice.program, name="", members=[cast.women.pk]),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tổ chức của bạn phải là một trong các tổ chức tham gia mô hình." in html
    assert "Hãy nhập tên mô hình." in html


def test_create_is_403_for_viewers_and_404_for_another_province(client_for, cast, practice):
    url = reverse("practices:create") + f"?chuong-trinh={practice.program.pk}"
    assert client_for(cast.viewer).post(url, _form_data(cast, practice.program)).status_code == 403
    assert client_for(cast.outsider).get(url).status_code == 404


def test_edit_saves_and_refuses_a_stale_form(client_for, cast, practice):
    model = practice.model
    url = reverse("practices:edit", args=[model.pk])
    client = client_for(cast.women_focal)
    assert client.get(url).status_code == 200
    data = _form_data(
        cast,
        practice.program,
        members=[cast.women.pk, cast.military.pk],
        evidence=[practice.joint.pk],
        version=record_version(model),
    )
    assert client.post(url, data).status_code == 302
    model.refresh_from_db()
    assert model.started_on == dt.date(2018, 6, 1) and list(model.evidence.all()) == [
        practice.joint
    ]
    response = client.post(url, data)
    assert "Bản ghi đã được người khác sửa" in response.content.decode()


def test_edit_is_403_for_viewers_and_404_for_outsiders(client_for, cast, practice):
    url = reverse("practices:edit", args=[practice.model.pk])
    assert client_for(cast.viewer).get(url).status_code == 403
    assert client_for(cast.outsider).get(url).status_code == 404


# --- decide and replicate -----------------------------------------------------------------


def test_the_secretariat_recognizes_a_model(client_for, cast, practice):
    url = reverse("practices:decide", args=[practice.model.pk])
    client = client_for(cast.secretariat)
    response = client.post(url, {"status": "outstanding", "note": ""})
    assert "Hãy ghi căn cứ công nhận" in response.content.decode()
    response = client.post(url, {"status": "outstanding", "note": "Quyết định 15-QĐ/BCĐ"})
    assert response.status_code == 302
    practice.model.refresh_from_db()
    assert practice.model.status == ModelStatus.OUTSTANDING


def test_decide_is_403_for_members_and_viewers_and_404_for_outsiders(client_for, cast, practice):
    url = reverse("practices:decide", args=[practice.model.pk])
    assert client_for(cast.military_focal).get(url).status_code == 403
    assert (
        client_for(cast.viewer).post(url, {"status": "recognized", "note": "x"}).status_code == 403
    )
    assert client_for(cast.outsider).get(url).status_code == 404


def test_a_member_adds_a_replication(client_for, cast, practice):
    url = reverse("practices:replication_add", args=[practice.model.pk])
    client = client_for(cast.military_focal)
    assert client.get(url).status_code == 200
    response = client.post(url, {"locality": "", "started_on": "2020-09-01"})
    assert "Hãy chọn địa bàn nhân rộng." in response.content.decode()
    response = client.post(
        url,
        {"locality": cast.places.phuly.pk, "started_on": "2020-09-01", "note": "Toàn thành phố"},
    )
    assert response.status_code == 302
    assert practice.model.replications.get().locality == cast.places.phuly


def test_replication_is_403_for_viewers_and_404_for_outsiders(client_for, cast, practice):
    url = reverse("practices:replication_add", args=[practice.model.pk])
    data = {"locality": cast.places.phuly.pk, "started_on": "2020-09-01"}
    assert client_for(cast.viewer).post(url, data).status_code == 403
    assert client_for(cast.outsider).post(url, data).status_code == 404
