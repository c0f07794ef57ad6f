"""Expected reports due soon or overdue reach the people who write the reporting
organization's reports in the app (its focal points; the secretariat staff for the host's
own reports), once per deadline state, and nobody else (reporting/notices.py)."""

import datetime as dt

import pytest

from phoihop.exchange.models import Notification
from phoihop.exchange.selectors import notifications_for_user
from phoihop.reporting.notices import scan_due
from phoihop.reporting.tests.conftest import Q1, Q2, at, report_of

pytestmark = pytest.mark.django_db


def _scan(day: dt.date) -> int:
    with at(day):
        return scan_due(day)


def _told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_a_report_due_in_three_days_is_told_once_to_its_writers_only(cast, quarters):
    # Q2 (due 10/07) is open for the Women's Union and Ban Dân vận, sent by the military.
    # Ban Dân vận's Q1 (due 10/04) is overdue all along: its secretariat is told that first.
    assert _scan(dt.date(2016, 7, 6)) == 1  # four days ahead of Q2: only the overdue Q1
    assert _told(Notification.Kind.REPORT_DUE) == set()
    assert _scan(dt.date(2016, 7, 8)) == 2
    assert _told(Notification.Kind.REPORT_DUE) == {"hoiphunu", "thuongtruc"}
    notice = Notification.objects.get(kind=Notification.Kind.REPORT_DUE, user=cast.women_focal)
    assert "10/07/2016" in notice.text
    assert notice.about_id == report_of(quarters, cast.women, Q2).pk
    assert _scan(dt.date(2016, 7, 9)) == 0  # once per deadline state


def test_the_hosts_own_overdue_report_reminds_its_secretariat_not_its_leader(cast, quarters):
    _scan(dt.date(2016, 7, 6))
    overdue = Notification.objects.get(kind=Notification.Kind.OVERDUE)
    assert overdue.user == cast.secretariat
    assert overdue.about_id == report_of(quarters, cast.dan_van, Q1).pk
    assert "10/04/2016" in overdue.text
    assert not notifications_for_user(cast.viewer).exists()  # a reader writes no report


def test_an_overdue_report_is_told_again_as_overdue_and_only_to_who_may_see_it(cast, quarters):
    _scan(dt.date(2016, 7, 8))
    assert _scan(dt.date(2016, 7, 11)) == 2  # Q2 of the Women's Union and of Ban Dân vận
    assert _scan(dt.date(2016, 7, 12)) == 0
    overdue = Notification.objects.get(kind=Notification.Kind.OVERDUE, user=cast.women_focal)
    assert "quá hạn" in overdue.text and overdue.about_id == report_of(quarters, cast.women, Q2).pk
    assert list(notifications_for_user(cast.women_focal).filter(pk=overdue.pk)) == [overdue]
    for other in (cast.military_focal, cast.outsider, cast.viewer):
        assert not notifications_for_user(other).exists()
