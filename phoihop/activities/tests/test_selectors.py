"""Scoped reads: filters, each organization's record, and program totals counted once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from phoihop.activities.models import ActivityStatus
from phoihop.activities.selectors import (
    activities_for_user,
    get_activity_for_user,
    organization_activities,
    program_totals,
)
from phoihop.activities.services import activity_confirm

pytestmark = pytest.mark.django_db


def _totals(user, program) -> dict[str, Decimal]:
    return {row.indicator.code: row.value for row in program_totals(user, program).rows}


def test_a_joint_activity_of_three_members_adds_its_figures_once(cast, program, joint_activity):
    assert joint_activity.participant_count == 3
    totals = program_totals(cast.secretariat, program)
    assert {row.indicator.code: row.value for row in totals.rows} == {
        "tuyen-truyen-buoi": Decimal(4),
        "tuyen-truyen-luot": Decimal(350),
    }
    assert (totals.joint, totals.activities) == (1, 1)


def test_totals_add_up_confirmed_activities_only(cast, program, joint_activity, make_activity):
    alone = make_activity(
        actor=cast.military_focal,
        lead_id=cast.military.pk,
        partner_ids=[],
        figures={cast.sessions.pk: Decimal(2)},
    )
    make_activity(figures={cast.sessions.pk: Decimal(100)})  # submitted, not confirmed
    make_activity(submit=False, figures={cast.sessions.pk: Decimal(100)})  # a draft
    activity_confirm(actor=cast.secretariat, activity=alone)
    totals = program_totals(cast.secretariat, program)
    assert _totals(cast.secretariat, program)["tuyen-truyen-buoi"] == Decimal(6)
    assert (totals.joint, totals.activities) == (1, 2)
    assert totals.joint_ratio == 0.5


def test_each_member_sees_the_totals_of_what_it_may_see(cast, program, joint_activity):
    assert _totals(cast.women_focal, program)["tuyen-truyen-buoi"] == Decimal(4)
    assert _totals(cast.outsider, program) == {}


def test_a_joint_activity_appears_in_every_participants_record_with_its_role(cast, joint_activity):
    roles = {}
    for org in (cast.dan_van, cast.military, cast.women):
        parts = list(organization_activities(cast.secretariat, org))
        assert [p.activity for p in parts] == [joint_activity]
        roles[org.short_name] = (parts[0].role, parts[0].status)
    assert roles == {
        "Ban Dân vận Tỉnh ủy": ("lead", "confirmed"),
        "Bộ CHQS tỉnh": ("partner", "confirmed"),
        "Hội LHPN tỉnh": ("partner", "confirmed"),
    }
    assert list(organization_activities(cast.outsider, cast.military)) == []


def test_title_search_needs_no_diacritics(cast, make_activity):
    wanted = make_activity(title="Tuyên truyền Luật Đất đai")
    make_activity(title="Hội nghị giao ban quý III")
    found = activities_for_user(cast.secretariat, {"q": "LUAT DAT DAI"})
    assert list(found) == [wanted]


def test_filters_by_status_lead_participant_and_dates(cast, make_activity):
    ours = make_activity(partner_ids=[cast.women.pk])
    military = make_activity(
        actor=cast.military_focal,
        lead_id=cast.military.pk,
        partner_ids=[],
        start_date=dt.date(2020, 3, 1),
        end_date=dt.date(2020, 3, 2),
    )
    activity_confirm(actor=cast.secretariat, activity=military)
    user = cast.secretariat
    assert list(activities_for_user(user, {"status": ActivityStatus.CONFIRMED})) == [military]
    assert list(activities_for_user(user, {"lead": cast.military})) == [military]
    assert list(activities_for_user(user, {"organization": cast.women})) == [ours]
    in_march = {"date_from": dt.date(2020, 3, 1), "date_to": dt.date(2020, 3, 31)}
    assert list(activities_for_user(user, in_march)) == [military]


def test_filter_by_locality_takes_units_below_it(cast, make_activity):
    in_lam_ha = make_activity(locality_ids=[cast.places.lamha.pk])
    make_activity(locality_ids=[])
    found = activities_for_user(cast.secretariat, {"locality": cast.places.phuly})
    assert list(found) == [in_lam_ha]


def test_scoped_lookup_gives_404_to_outsiders_and_403_to_read_only_users(cast, make_activity):
    activity = make_activity()
    with pytest.raises(Http404):
        get_activity_for_user(cast.outsider, activity.pk)
    with pytest.raises(PermissionDenied):
        get_activity_for_user(cast.viewer, activity.pk, write=True)
    with pytest.raises(PermissionDenied):
        get_activity_for_user(cast.military_focal, activity.pk, write=True)
    assert get_activity_for_user(cast.secretariat, activity.pk, write=True) == activity
