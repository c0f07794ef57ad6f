"""The activity workflow and joint credit, through the services everyone shares."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.activities.models import Activity, ActivityStatus, ParticipationStatus
from phoihop.activities.selectors import joint_share
from phoihop.activities.services import (
    ActivityData,
    activity_confirm,
    activity_create,
    activity_return,
    activity_submit,
    activity_update,
    participation_respond,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _data(cast, **overrides) -> ActivityData:
    values = dict(
        title="Tuyên truyền Luật Đất đai tại xã Thanh Hải",
        start_date=dt.date(2020, 10, 5),
        end_date=dt.date(2020, 10, 5),
        content_area_id=cast.program.content_areas.get(number=1).pk,
        lead_id=cast.dan_van.pk,
        partner_ids=[cast.military.pk, cast.women.pk],
        task_id=cast.task.pk,
        figures={cast.sessions.pk: Decimal(4), cast.attendance.pk: Decimal(350)},
    )
    return ActivityData(**(values | overrides))


def test_joint_activity_counts_once_and_lists_every_participant(cast, program):
    activity = activity_create(actor=cast.secretariat, program=program, data=_data(cast), submit=True)
    for user in (cast.military_focal, cast.women_focal):
        part = activity.participations.get(organization=user.organization)
        participation_respond(actor=user, participation=part, accept=True)
    activity_confirm(actor=cast.secretariat, activity=activity)

    activity.refresh_from_db()
    assert activity.participant_count == 3
    assert activity.figures.get(indicator=cast.sessions).value == 4
    assert joint_share(Activity.objects.counted()) == (1, 1)
    roles = dict(activity.participations.values_list("organization__short_name", "role"))
    assert roles == {"Ban Dân vận Tỉnh ủy": "lead", "Bộ CHQS tỉnh": "partner", "Hội LHPN tỉnh": "partner"}


def test_declined_partner_does_not_make_an_activity_joint(cast, program):
    data = _data(cast, partner_ids=[cast.military.pk])
    activity = activity_create(actor=cast.secretariat, program=program, data=data, submit=True)
    part = activity.participations.get(organization=cast.military)
    participation_respond(actor=cast.military_focal, participation=part, accept=False)
    activity.refresh_from_db()
    assert activity.participant_count == 1
    assert part.status == ParticipationStatus.DECLINED


def test_focal_point_cannot_report_for_another_organization(cast, program):
    with pytest.raises(PermissionDenied):
        activity_create(actor=cast.military_focal, program=program, data=_data(cast))


def test_viewer_cannot_report(cast, program):
    with pytest.raises(PermissionDenied):
        activity_create(actor=cast.viewer, program=program, data=_data(cast))


def test_partner_cannot_answer_for_someone_else(cast, program):
    activity = activity_create(actor=cast.secretariat, program=program, data=_data(cast), submit=True)
    part = activity.participations.get(organization=cast.military)
    with pytest.raises(PermissionDenied):
        participation_respond(actor=cast.women_focal, participation=part, accept=True)


def test_a_future_date_is_refused_in_vietnamese(cast, program):
    data = _data(cast, start_date=dt.date(2020, 12, 1), end_date=dt.date(2020, 12, 1))
    with pytest.raises(ValidationError) as error:
        activity_create(actor=cast.secretariat, program=program, data=data)
    assert "tương lai" in str(error.value)


def test_a_non_member_lead_is_refused(cast, program):
    data = _data(cast, lead_id=cast.nd_dan_van.pk, partner_ids=[])
    with pytest.raises((ValidationError, PermissionDenied)):
        activity_create(actor=cast.admin, program=program, data=data)


def test_return_needs_a_comment_and_the_activity_can_be_resubmitted(cast, program):
    activity = activity_create(actor=cast.secretariat, program=program, data=_data(cast), submit=True)
    with pytest.raises(ValidationError):
        activity_return(actor=cast.secretariat, activity=activity, comment="  ")
    activity_return(actor=cast.secretariat, activity=activity, comment="Bổ sung số liệu người dự")
    assert activity.status == ActivityStatus.RETURNED
    activity_submit(actor=cast.secretariat, activity=activity)
    assert activity.status == ActivityStatus.SUBMITTED


def test_only_the_committee_secretariat_confirms(cast, program):
    activity = activity_create(actor=cast.secretariat, program=program, data=_data(cast), submit=True)
    for user in (cast.military_focal, cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            activity_confirm(actor=user, activity=activity)


def test_a_deactivated_secretariat_account_no_longer_confirms(cast, program):
    activity = activity_create(actor=cast.secretariat, program=program, data=_data(cast), submit=True)
    cast.secretariat.is_active = False
    with pytest.raises(PermissionDenied):
        activity_confirm(actor=cast.secretariat, activity=activity)


def test_editing_a_confirmed_activity_starts_a_new_revision_for_review(cast, program):
    activity = activity_create(actor=cast.secretariat, program=program, data=_data(cast), submit=True)
    activity_confirm(actor=cast.secretariat, activity=activity)
    updated = activity_update(
        actor=cast.secretariat, activity=activity, data=_data(cast, title="Tuyên truyền (sửa)"), version=1
    )
    assert updated.revision == 2
    assert updated.status == ActivityStatus.SUBMITTED
    assert updated.history.filter(status=ActivityStatus.CONFIRMED).exists()


def test_a_stale_edit_is_refused_and_nothing_is_lost(cast, program):
    activity = activity_create(actor=cast.secretariat, program=program, data=_data(cast))
    activity_update(actor=cast.secretariat, activity=activity, data=_data(cast, title="Bản A"), version=1)
    with pytest.raises(ValidationError, match="người khác sửa"):
        activity_update(actor=cast.secretariat, activity=activity, data=_data(cast, title="Bản B"), version=1)
    activity.refresh_from_db()
    assert activity.title == "Bản A"


def test_drafts_are_hidden_from_partners_and_the_secretariat_of_other_orgs(cast, program):
    data = _data(cast, lead_id=cast.military.pk, partner_ids=[cast.women.pk])
    activity = activity_create(actor=cast.military_focal, program=program, data=data)
    assert not Activity.objects.visible_to(cast.women_focal).filter(pk=activity.pk).exists()
    assert not Activity.objects.visible_to(cast.secretariat).filter(pk=activity.pk).exists()
    assert Activity.objects.visible_to(cast.military_focal).filter(pk=activity.pk).exists()
    activity_submit(actor=cast.military_focal, activity=activity)
    assert Activity.objects.visible_to(cast.women_focal).filter(pk=activity.pk).exists()
    assert Activity.objects.visible_to(cast.secretariat).filter(pk=activity.pk).exists()
    assert not Activity.objects.visible_to(cast.outsider).exists()
