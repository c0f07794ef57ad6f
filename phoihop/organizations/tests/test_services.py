"""Reorganization events and the rules of the organization services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.conftest import _org
from phoihop.organizations.models import OrgEvent, OrgKind
from phoihop.organizations.services import org_event_record, organization_update

REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def ninh_binh_board(cast):
    return _org(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình",
        "Ban TG-DV Tỉnh ủy",
        OrgKind.PARTY_BOARD,
        cast.places.ninhbinh,
    )


def test_merge_closes_predecessors_and_opens_the_successor(cast, ninh_binh_board):
    event = org_event_record(
        actor=cast.admin,
        kind=OrgEvent.Kind.MERGE,
        effective_date=REFORM,
        legal_basis="Quyết định 01-QĐ/TW",
        predecessors=[cast.dan_van, cast.nd_dan_van],
        successors=[ninh_binh_board],
    )
    for org in (cast.dan_van, cast.nd_dan_van, ninh_binh_board):
        org.refresh_from_db()
    assert cast.dan_van.valid_to == REFORM and cast.nd_dan_van.valid_to == REFORM
    assert ninh_binh_board.valid_from == REFORM
    assert set(event.predecessors.all()) == {cast.dan_van, cast.nd_dan_van}
    assert cast.dan_van.history.first().history_user == cast.admin


def test_dates_already_set_are_kept_when_they_agree(cast, ninh_binh_board):
    ninh_binh_board.valid_from = dt.date(2025, 6, 1)
    ninh_binh_board.save()
    org_event_record(
        actor=None,
        kind="rename",
        effective_date=REFORM,
        legal_basis="QĐ",
        predecessors=[cast.dan_van],
        successors=[ninh_binh_board],
    )
    ninh_binh_board.refresh_from_db()
    assert ninh_binh_board.valid_from == dt.date(2025, 6, 1)


def test_a_continuing_organization_keeps_its_dates(cast):
    org_event_record(
        actor=None,
        kind="transfer",
        effective_date=REFORM,
        legal_basis="QĐ",
        predecessors=[cast.women],
        successors=[cast.women],
    )
    cast.women.refresh_from_db()
    assert cast.women.valid_to is None and cast.women.valid_from is None


def test_a_predecessor_ending_on_another_date_is_refused(cast, ninh_binh_board):
    cast.dan_van.valid_to = dt.date(2024, 1, 1)
    cast.dan_van.save()
    with pytest.raises(ValidationError) as caught:
        org_event_record(
            actor=None,
            kind="merge",
            effective_date=REFORM,
            legal_basis="QĐ",
            predecessors=[cast.dan_van],
            successors=[ninh_binh_board],
        )
    assert "ngày ngừng hoạt động khác ngày sắp xếp" in str(caught.value)
    assert not OrgEvent.objects.exists()


def test_a_successor_starting_after_the_event_is_refused(cast, ninh_binh_board):
    ninh_binh_board.valid_from = dt.date(2026, 1, 1)
    ninh_binh_board.save()
    with pytest.raises(ValidationError):
        org_event_record(
            actor=None,
            kind="merge",
            effective_date=REFORM,
            legal_basis="QĐ",
            predecessors=[cast.dan_van],
            successors=[ninh_binh_board],
        )


def test_dissolve_takes_no_successor_and_merge_needs_one(cast, ninh_binh_board):
    with pytest.raises(ValidationError):
        org_event_record(
            actor=None,
            kind="dissolve",
            effective_date=REFORM,
            legal_basis="QĐ",
            predecessors=[cast.women],
            successors=[ninh_binh_board],
        )
    with pytest.raises(ValidationError):
        org_event_record(
            actor=None,
            kind="merge",
            effective_date=REFORM,
            legal_basis="QĐ",
            predecessors=[cast.women],
            successors=[],
        )
    org_event_record(
        actor=None,
        kind="dissolve",
        effective_date=REFORM,
        legal_basis="QĐ",
        predecessors=[cast.women],
        successors=[],
    )
    cast.women.refresh_from_db()
    assert cast.women.valid_to == REFORM


def test_focal_point_may_not_record_events(cast, ninh_binh_board):
    with pytest.raises(PermissionDenied):
        org_event_record(
            actor=cast.military_focal,
            kind="merge",
            effective_date=REFORM,
            legal_basis="QĐ",
            predecessors=[cast.military],
            successors=[ninh_binh_board],
        )


def test_update_saves_only_changed_fields_and_skips_no_op_saves(cast):
    before = cast.military.history.count()
    organization_update(actor=cast.secretariat, organization=cast.military, name=cast.military.name)
    assert cast.military.history.count() == before
    organization_update(
        actor=cast.secretariat,
        organization=cast.military,
        name=" Bộ  Chỉ huy Quân sự tỉnh Hà Nam (mới) ",
    )
    cast.military.refresh_from_db()
    assert cast.military.name == "Bộ Chỉ huy Quân sự tỉnh Hà Nam (mới)"
    assert cast.military.history.count() == before + 1


def test_update_by_the_outsider_is_refused(cast):
    with pytest.raises(PermissionDenied):
        organization_update(actor=cast.outsider, organization=cast.military, phone="1")
