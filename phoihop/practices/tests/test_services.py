"""Coordination models: propose, edit, recognize, replicate; evidence figures."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.activities.models import Figure
from phoihop.core.history import record_version
from phoihop.practices.models import ModelStatus
from phoihop.practices.selectors import decision_history, evidence_figures
from phoihop.practices.services import (
    coordination_model_create,
    coordination_model_decide,
    coordination_model_update,
    replication_add,
)
from phoihop.practices.tests.conftest import TODAY, make_activity
from phoihop.programs.models import Aggregation

pytestmark = pytest.mark.django_db


def _fields(cast, program, **overrides) -> dict:
    values = dict(
        program=program,
        name="Mô hình “Tổ phụ nữ tự quản”",
        content_area=program.content_areas.get(number=7),
        members=[cast.women],
        started_on=dt.date(2019, 5, 1),
        description="Phụ nữ tự quản đường làng.",
    )
    return values | overrides


def test_a_focal_point_proposes_a_model_with_its_evidence(cast, practice):
    model = practice.model
    assert model.name == "Dân vận khéo trong tuyên truyền pháp luật đất đai"
    assert model.status == ModelStatus.PROPOSED
    assert set(model.members.all()) == {cast.military, cast.women}
    assert model.evidence.count() == 3
    assert model.history.first().history_user == cast.military_focal


def test_evidence_figures_count_confirmed_activities_once(cast, practice):
    totals = {figure.name: figure.total for figure in evidence_figures(practice.model)}
    assert totals == {cast.sessions.name: 10, cast.attendance.name: 850}


def test_evidence_figures_follow_each_indicators_rule(cast, practice):
    """Like every total (activities' figure_totals): a "count" indicator counts the
    confirmed evidence activities that reported it, it does not add their values."""
    cast.sessions.aggregation = Aggregation.COUNT
    cast.sessions.save()
    reported = Figure.objects.filter(
        indicator=cast.sessions, activity__in=practice.model.evidence.counted()
    ).count()
    totals = {figure.name: figure.total for figure in evidence_figures(practice.model)}
    assert reported >= 2 and totals[cast.sessions.name] == reported


def test_members_must_be_program_members_and_include_the_proposer(cast, program):
    with pytest.raises(ValidationError) as error:
        coordination_model_create(
            actor=cast.women_focal, **_fields(cast, program, members=[cast.nd_dan_van])
        )
    assert error.value.message_dict["members"] == [
        "Có tổ chức tham gia không phải thành viên chương trình."
    ]
    with pytest.raises(ValidationError) as error:
        coordination_model_create(
            actor=cast.women_focal, **_fields(cast, program, members=[cast.military])
        )
    assert "Tổ chức của bạn phải là một trong" in error.value.message_dict["members"][0]
    # The secretariat records models of any member.
    coordination_model_create(
        actor=cast.secretariat, **_fields(cast, program, members=[cast.military])
    )


def test_evidence_must_be_visible_to_the_proposer(cast, program):
    draft = make_activity(cast, program, lead=cast.military, submit=False, confirm=False)
    with pytest.raises(ValidationError) as error:
        coordination_model_create(
            actor=cast.women_focal, **_fields(cast, program, evidence=[draft])
        )
    assert "không được xem" in error.value.message_dict["evidence"][0]


def test_required_text_and_dates_are_checked_in_vietnamese(cast, program):
    with pytest.raises(ValidationError) as error:
        coordination_model_create(
            actor=cast.women_focal,
            **_fields(cast, program, name=" ", description="", ended_on=dt.date(2019, 1, 1)),
        )
    messages = error.value.message_dict
    assert messages["ended_on"] == ["Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."]
    with pytest.raises(ValidationError) as error:
        coordination_model_create(
            actor=cast.women_focal, **_fields(cast, program, name=" ", description="")
        )
    assert error.value.message_dict["name"] == ["Hãy nhập tên mô hình."]
    assert "Hãy mô tả mô hình" in error.value.message_dict["description"][0]
    with pytest.raises(ValidationError) as error:
        coordination_model_create(
            actor=cast.women_focal, **_fields(cast, program, started_on=dt.date(2015, 1, 1))
        )
    assert error.value.message_dict["started_on"] == [
        "Ngày bắt đầu nằm ngoài thời gian của chương trình."
    ]


def test_viewers_and_outsiders_cannot_propose(cast, program):
    for user in (cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            coordination_model_create(actor=user, **_fields(cast, program, members=[cast.dan_van]))


def test_update_refuses_a_stale_version(cast, practice):
    model = practice.model
    version = record_version(model)
    fields = _fields(cast, practice.program, members=[cast.women, cast.military])
    del fields["program"]
    coordination_model_update(actor=cast.women_focal, model=model, version=version, **fields)
    with pytest.raises(ValidationError) as error:
        coordination_model_update(actor=cast.women_focal, model=model, version=version, **fields)
    assert error.value.error_list[0].code == "stale"


def test_only_members_of_the_model_and_the_secretariat_edit_it(cast, practice, program):
    fields = _fields(cast, program, members=[cast.military, cast.women])
    del fields["program"]
    model = coordination_model_create(
        actor=cast.secretariat, program=program, **(fields | {"members": [cast.military]})
    )
    with pytest.raises(PermissionDenied):
        coordination_model_update(actor=cast.women_focal, model=model, **fields)
    with pytest.raises(PermissionDenied):
        coordination_model_update(actor=cast.viewer, model=practice.model, **fields)


def test_the_secretariat_recognizes_with_a_basis_and_history_keeps_each_decision(cast, practice):
    model = practice.model
    with pytest.raises(ValidationError) as error:
        coordination_model_decide(
            actor=cast.secretariat, model=model, status=ModelStatus.RECOGNIZED, note=" "
        )
    assert "Hãy ghi căn cứ công nhận" in error.value.message_dict["note"][0]
    coordination_model_decide(
        actor=cast.secretariat,
        model=model,
        status=ModelStatus.RECOGNIZED,
        note="Quyết định số 12-QĐ/BCĐ",
    )
    model.refresh_from_db()
    assert (model.decided_by, model.decided_on) == (cast.secretariat, TODAY)
    coordination_model_decide(
        actor=cast.secretariat, model=model, status=ModelStatus.OUTSTANDING, note="Tổng kết 5 năm"
    )
    decisions = decision_history(model)
    assert [(d.status, d.note) for d in decisions] == [
        ("recognized", "Quyết định số 12-QĐ/BCĐ"),
        ("outstanding", "Tổng kết 5 năm"),
    ]
    assert decisions[0].decided_by == "Trần Thị Thu"


def test_only_the_secretariat_decides(cast, practice):
    for user in (cast.military_focal, cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            coordination_model_decide(
                actor=user, model=practice.model, status="recognized", note="x"
            )


def test_a_replication_records_where_and_since_when(cast, practice):
    replication = replication_add(
        actor=cast.women_focal,
        model=practice.model,
        locality=cast.places.phuly,
        started_on=dt.date(2020, 9, 1),
    )
    assert practice.model.replications.get() == replication
    with pytest.raises(ValidationError) as error:
        replication_add(
            actor=cast.women_focal,
            model=practice.model,
            locality=cast.places.phuly,
            started_on=dt.date(2019, 1, 1),
        )
    assert "phải sau hoặc trùng ngày bắt đầu mô hình" in error.value.message_dict["started_on"][0]
    with pytest.raises(PermissionDenied):
        replication_add(
            actor=cast.viewer,
            model=practice.model,
            locality=cast.places.phuly,
            started_on=dt.date(2020, 9, 1),
        )
