"""A timeline line that mentions another record names it only for readers who may see it.

The land case (led by the Military Command) is hidden from the Women's Union; the
environment case is seen by every member. When one becomes the recurrence of the other,
or a report is merged, the Women's Union reads "một vụ việc khác" / "một báo cáo khác"
where the secretariat reads the title as a link, on the page and in the API alike.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from rest_framework.test import APIClient

from phoihop.situations import services
from phoihop.situations.models import Case, CaseEvent
from phoihop.situations.tests.conftest import make_report

pytestmark = pytest.mark.django_db

LAND_TITLE = "Tranh chấp đất đai giữa hai dòng họ ở Lam Hạ"
Ev = CaseEvent.Kind


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _page(client_for, user, case) -> str:
    response = client_for(user).get(reverse("situations:case_detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _timeline(user, case, kind) -> list[dict]:
    events = _api(user).get(f"/api/cases/{case.pk}/timeline/").json()
    return [event for event in events if event["kind"] == kind]


def test_stored_event_text_holds_a_reference_not_the_title(situation):
    services.case_link_recurrence(actor=situation.cast.secretariat, case=situation.env, earlier=situation.land)
    event = situation.env.events.get(kind=Ev.RECURRENCE)
    assert LAND_TITLE not in event.text and "{case}" in event.text
    assert event.related_case == situation.land
    assert situation.land.events.get(kind=Ev.RECURRENCE).related_case == situation.env


def test_member_sees_a_hidden_earlier_case_only_as_a_reference(client_for, situation):
    cast = situation.cast
    services.case_link_recurrence(actor=cast.secretariat, case=situation.env, earlier=situation.land)
    land_url = reverse("situations:case_detail", args=[situation.land.pk])

    html = _page(client_for, cast.women_focal, situation.env)
    assert LAND_TITLE not in html and land_url not in html
    assert "Tái diễn của một vụ việc khác." in html
    [event] = _timeline(cast.women_focal, situation.env, Ev.RECURRENCE)
    assert event["text"] == "Tái diễn của một vụ việc khác." and event["related_case"] is None

    html = _page(client_for, cast.secretariat, situation.env)
    assert f'<a href="{land_url}">vụ việc “{LAND_TITLE}”</a>' in html
    [event] = _timeline(cast.secretariat, situation.env, Ev.RECURRENCE)
    assert LAND_TITLE in event["text"] and event["related_case"] == situation.land.pk


def test_involved_member_sees_the_visible_later_case_by_title(client_for, situation):
    cast = situation.cast
    services.case_link_recurrence(actor=cast.secretariat, case=situation.env, earlier=situation.land)
    env_url = reverse("situations:case_detail", args=[situation.env.pk])
    html = _page(client_for, cast.military_focal, situation.land)
    assert f'<a href="{env_url}">vụ việc “{situation.env.title}”</a>' in html


def test_member_sees_a_hidden_merged_report_only_as_a_reference(client_for, situation):
    """A sensitive land report merged into the environment case, whose sensitivity is
    lifted afterwards (no service does that today, so the test writes it directly): the
    case is open to every member again, the land report is not, and neither is its title
    in the timeline or the case's list of reports."""
    cast = situation.cast
    duplicate = make_report(cast, cast.military_focal, topic="dat-dai", title="Lấn chiếm đất vườn (báo cáo trùng)")
    services.report_merge(actor=cast.secretariat, duplicate=duplicate, into_case=situation.env)
    Case.objects.filter(pk=situation.env.pk).update(sensitive=False)

    html = _page(client_for, cast.women_focal, situation.env)
    assert "Lấn chiếm đất vườn" not in html and "một báo cáo khác" in html
    [event] = _timeline(cast.women_focal, situation.env, Ev.MERGED)
    assert "Lấn chiếm đất vườn" not in event["text"] and event["related_report"] is None
    [event] = _timeline(cast.military_focal, situation.env, Ev.MERGED)
    assert "Lấn chiếm đất vườn" in event["text"] and event["related_report"] == duplicate.pk


def test_higher_committee_reads_the_escalated_case_as_a_reference(cast, ward, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = make_report(cast, ward.secretariat, committee=ward.committee)
    ward_case = services.case_open(actor=ward.secretariat, report=report)
    higher = services.case_escalate(actor=ward.secretariat, case=ward_case, to_committee=cast.committee)
    [event] = _timeline(cast.secretariat, higher, Ev.CREATED)
    assert event["text"] == "Do BCĐ phường Lam Hạ chuyển lên (một vụ việc khác)."


def test_typed_text_with_braces_is_shown_as_typed(situation):
    from phoihop.situations.selectors import case_timeline

    cast = situation.cast
    services.case_assign(actor=cast.secretariat, case=situation.env, lead=cast.women)
    services.case_follow_up(
        actor=cast.women_focal, case=situation.env, happened_on=situation.env.opened_on, text="Mẫu {case} cũ."
    )
    [event] = [e for e in case_timeline(situation.env, cast.women_focal) if e.kind == Ev.FOLLOW_UP]
    assert event.display_text == "Mẫu {case} cũ."


def test_migration_rewrites_copied_titles_into_references(situation):
    """Events written before references existed, as the old services wrote them."""
    land, env = situation.land, situation.env
    old = [
        CaseEvent.objects.create(case=env, kind=Ev.RECURRENCE, happened_on=env.opened_on,
                                 text=f"Tái diễn của vụ việc số {land.pk} “{LAND_TITLE}”."),
        CaseEvent.objects.create(case=land, kind=Ev.RECURRENCE, happened_on=env.opened_on,
                                 text=f"Tái diễn thành vụ việc số {env.pk} “{env.title}”."),
        CaseEvent.objects.create(case=land, kind=Ev.CREATED, happened_on=land.opened_on,
                                 text=f"Từ báo cáo của Bộ CHQS tỉnh ngày 10/06/2025: {LAND_TITLE}"),
    ]
    migration = importlib.import_module("phoihop.situations.migrations.0006_event_texts_to_references")
    migration.forwards(apps, None)
    for event in old:
        event.refresh_from_db()
    assert old[0].text == "Tái diễn của {case}." and old[0].related_case == land
    assert old[1].text == "Tái diễn thành {case}." and old[1].related_case == env
    assert old[2].text == "Từ báo cáo của Bộ CHQS tỉnh ngày 10/06/2025: {report}"
    assert old[2].related_report == situation.land_report
    assert not CaseEvent.objects.filter(text__contains=LAND_TITLE).exists()
    migration.backwards(apps, None)
    old[0].refresh_from_db()
    assert old[0].text == f"Tái diễn của vụ việc số {land.pk} “{LAND_TITLE}”."
