"""Case notices (assigned, reopened, due soon, overdue) reach only those who may see the case."""

import datetime as dt

import pytest

from phoihop.exchange.models import Notification
from phoihop.hotspots.tests.hotspot_story import hotspot_story_fixture  # noqa: F401
from phoihop.situations import notices, services
from phoihop.situations.tests.conftest import make_report

pytestmark = pytest.mark.django_db


def _users(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_reopening_a_sensitive_case_reaches_only_those_involved(hotspot_story):
    cast, land = hotspot_story.cast, hotspot_story.land
    services.case_close(
        actor=cast.secretariat,
        case=land,
        status="resolved",
        outcome="Hai bên đã thỏa thuận.",
        closed_on=dt.date(2021, 2, 1),
    )
    services.case_reopen(actor=cast.secretariat, case=land, reason="Tranh chấp phát sinh trở lại.")
    notices.notify_case_reopened(land, "Tranh chấp phát sinh trở lại.")
    assert _users("reopened") == {"thuongtruc", "bochqs"}
    notices.notify_case_assigned(land)
    assert _users("assigned") == {"bochqs"}


def test_the_deadline_scan_tells_the_lead_once_and_nobody_uninvolved(hotspot_story):
    cast, land = hotspot_story.cast, hotspot_story.land
    assert notices.scan_due(dt.date(2020, 10, 30)) == (1, 0)
    assert _users("due_soon") == {"bochqs"}
    assert notices.scan_due(dt.date(2020, 10, 31)) == (0, 0)
    assert notices.scan_due(dt.date(2020, 11, 5)) == (0, 1)
    assert notices.scan_due(dt.date(2020, 11, 6)) == (0, 0)
    overdue = Notification.objects.get(kind="overdue")
    assert (
        overdue.user == cast.military_focal
        and land.title in overdue.text
        and "01/11/2020" in overdue.text
    )


def test_an_escalated_case_is_told_to_the_higher_secretariat_only(
    cast, ward, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    report = make_report(cast, ward.secretariat, topic="ton-giao", committee=ward.committee)
    ward_case = services.case_open(actor=ward.secretariat, report=report)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        higher = services.case_escalate(actor=ward.secretariat, case=ward_case, to_committee=cast.committee)
    assert _users("escalated") == {"thuongtruc"}  # not the ward that sent it, not the members
    notice = Notification.objects.get(kind="escalated")
    assert notice.about_id == higher.pk and "BCĐ phường Lam Hạ" in notice.text
