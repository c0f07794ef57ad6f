"""A sensitive (land) case led by the Military Command never leaks.

The Women's Union focal point (a member, but not involved), the read-only leader of
another organization and the Nam Định outsider must not find it in any list, count,
search, page, file, export or API answer; the secretariat and the Military Command do.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phoihop.situations import selectors, services
from phoihop.situations.tests.conftest import ENV_DAY, png

pytestmark = pytest.mark.django_db

LAND_WORDS = "Tranh chấp đất đai"


@pytest.fixture
def land_file(situation):
    event = services.case_follow_up(
        actor=situation.cast.military_focal, case=situation.land, happened_on=ENV_DAY,
        text="Biên bản hòa giải lần 1.", attachments=[png("bien-ban-hoa-giai.png")],
    )
    return event.attachments.get()


def _uninvolved(cast):
    return [cast.women_focal, cast.viewer, cast.outsider]


def _involved(cast):
    return [cast.secretariat, cast.military_focal]


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_selectors_hide_it_from_the_uninvolved(situation):
    for user in _uninvolved(situation.cast):
        assert situation.land not in selectors.cases_for_user(user)
        assert situation.land_report not in selectors.reports_for_user(user)
        assert not selectors.cases_for_user(user, {"q": "tranh chap"}).exists()
    for user in _involved(situation.cast):
        assert situation.land in selectors.cases_for_user(user, {"q": "tranh chap"})
        assert situation.land_report in selectors.reports_for_user(user)


def test_lists_counts_and_search_pages_hide_it(client_for, situation):
    for user in _uninvolved(situation.cast):
        client = client_for(user)
        cases = client.get(reverse("situations:case_list"))
        assert LAND_WORDS not in cases.content.decode()
        assert cases.context["counts"].total == (0 if user == situation.cast.outsider else 1)
        assert cases.context["counts"].overdue == 0  # the land case is the overdue one
        found = client.get(reverse("situations:case_list"), {"q": "tranh chap dat"})
        assert found.context["counts"].total == 0
        reports = client.get(reverse("situations:report_list"), {"q": "tranh chap"})
        assert LAND_WORDS not in reports.content.decode()
        assert reports.context["page"].paginator.count == 0
    for user in _involved(situation.cast):
        assert LAND_WORDS in client_for(user).get(reverse("situations:case_list")).content.decode()


def test_pages_and_files_answer_404(client_for, situation, land_file):
    for user in _uninvolved(situation.cast):
        client = client_for(user)
        assert client.get(reverse("situations:case_detail", args=[situation.land.pk])).status_code == 404
        assert client.get(reverse("situations:report_detail", args=[situation.land_report.pk])).status_code == 404
        assert client.get(reverse("situations:attachment", args=[land_file.pk])).status_code == 404
        assert client.post(reverse("situations:case_follow_up", args=[situation.land.pk])).status_code == 404
    for user in _involved(situation.cast):
        client = client_for(user)
        assert client.get(reverse("situations:case_detail", args=[situation.land.pk])).status_code == 200
        assert client.get(reverse("situations:attachment", args=[land_file.pk])).status_code == 200


def test_csv_export_leaves_it_out(client_for, situation):
    for user in _uninvolved(situation.cast):
        body = client_for(user).get(reverse("situations:case_export")).content.decode("utf-8-sig")
        assert LAND_WORDS not in body
    body = client_for(situation.cast.secretariat).get(reverse("situations:case_export")).content.decode("utf-8-sig")
    assert LAND_WORDS in body and situation.env.title in body


def test_api_leaves_it_out_and_answers_404(situation, land_file):
    land = situation.land
    for user in _uninvolved(situation.cast):
        api = _api(user)
        cases = api.get("/api/cases/").json()
        assert land.pk not in [row["id"] for row in cases["results"]]
        assert api.get("/api/cases/", {"q": "tranh chap"}).json()["count"] == 0
        assert api.get("/api/cases/", {"overdue": "on"}).json()["count"] == 0
        reports = api.get("/api/situation-reports/").json()["results"]
        assert situation.land_report.pk not in [row["id"] for row in reports]
        assert api.get(f"/api/cases/{land.pk}/").status_code == 404
        assert api.get(f"/api/cases/{land.pk}/timeline/").status_code == 404
        assert api.get(f"/api/cases/{land.pk}/follow-ups/").status_code == 404
        assert api.get(f"/api/situation-reports/{situation.land_report.pk}/").status_code == 404
    for user in _involved(situation.cast):
        assert _api(user).get(f"/api/cases/{land.pk}/").json()["sensitive"] is True


def test_a_visible_case_does_not_point_at_a_hidden_one(client_for, situation):
    services.case_link_recurrence(actor=situation.cast.secretariat, case=situation.env, earlier=situation.land)
    women = situation.cast.women_focal
    assert _api(women).get(f"/api/cases/{situation.env.pk}/").json()["recurrence_of"] is None
    html = client_for(women).get(reverse("situations:case_detail", args=[situation.env.pk])).content.decode()
    assert reverse("situations:case_detail", args=[situation.land.pk]) not in html
    assert _api(situation.cast.secretariat).get(f"/api/cases/{situation.env.pk}/").json()["recurrence_of"] == (
        situation.land.pk
    )


def test_the_organizations_assigned_later_come_to_see_it(situation):
    cast = situation.cast
    assert situation.land not in selectors.cases_for_user(cast.women_focal)
    services.case_assign(actor=cast.secretariat, case=situation.land, lead=cast.military, supporters=[cast.women])
    assert situation.land in selectors.cases_for_user(cast.women_focal)
