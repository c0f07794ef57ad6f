"""Expected reports due soon or overdue reach the reporting organization's focal points in
the app, once per deadline state, and nobody else (reporting/notices.py)."""

import datetime as dt

import pytest

from phoihop.exchange.models import Notification
from phoihop.exchange.selectors import notifications_for_user
from phoihop.reporting.notices import scan_due
from phoihop.reporting.tests.conftest import Q2, at, report_of

pytestmark = pytest.mark.django_db


def _scan(day: dt.date) -> int:
    with at(day):
        return scan_due(day)


def _told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_a_report_due_in_three_days_is_told_once_to_its_focal_points_only(cast, quarters):
    # 8 July 2016: Q2 (due 10/07) is open for the Women's Union and Ban Dân vận, sent by the military.
    assert _scan(dt.date(2016, 7, 6)) == 0  # four days ahead: not yet
    assert _scan(dt.date(2016, 7, 8)) == 1
    assert _told(Notification.Kind.REPORT_DUE) == {"hoiphunu"}
    notice = Notification.objects.get(kind=Notification.Kind.REPORT_DUE)
    assert "10/07/2016" in notice.text
    assert notice.about_id == report_of(quarters, cast.women, Q2).pk
    assert _scan(dt.date(2016, 7, 9)) == 0  # once per deadline state


def test_an_overdue_report_is_told_again_as_overdue_and_only_to_who_may_see_it(cast, quarters):
    _scan(dt.date(2016, 7, 8))
    assert _scan(dt.date(2016, 7, 11)) == 1
    assert _scan(dt.date(2016, 7, 12)) == 0
    overdue = Notification.objects.get(kind=Notification.Kind.OVERDUE)
    assert overdue.user == cast.women_focal and "quá hạn" in overdue.text
    assert list(notifications_for_user(cast.women_focal).filter(pk=overdue.pk)) == [overdue]
    for other in (cast.military_focal, cast.outsider, cast.viewer):
        assert not notifications_for_user(other).exists()
