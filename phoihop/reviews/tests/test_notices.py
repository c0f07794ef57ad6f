"""A new draft review asks each member's focal points for their part, in the app, and
nobody who may not see the draft."""

import datetime as dt

import pytest

from phoihop.exchange.models import Notification
from phoihop.exchange.selectors import notifications_for_user
from phoihop.reviews.data import Kind
from phoihop.reviews.services import review_create

pytestmark = pytest.mark.django_db


def test_a_new_draft_asks_the_members_focal_points_for_their_part(
    cast, program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = review_create(
            actor=cast.secretariat,
            program=program,
            kind=Kind.SIX_MONTHS,
            start=dt.date(2016, 1, 1),
            end=dt.date(2016, 6, 30),
        )
    asked = Notification.objects.filter(kind=Notification.Kind.CONTRIBUTION)
    assert set(asked.values_list("user__username", flat=True)) == {"bochqs", "hoiphunu"}
    assert all(n.about_id == program.pk and draft.title in n.text for n in asked)
    for user in (cast.secretariat, cast.viewer, cast.outsider):
        assert not notifications_for_user(user).filter(kind=Notification.Kind.CONTRIBUTION).exists()
    assert (
        notifications_for_user(cast.women_focal).filter(kind=Notification.Kind.CONTRIBUTION).count()
        == 1
    )
