"""One sensitive-case rule, asked the same way by every surface.

In 2020 the secretariat reports a land dispute in Lam Hạ (sensitive) and an environment
complaint (not sensitive). Ban Dân vận, the host, is the reporting organization of both,
so its read-only leader used to find the land case in lists, the API, the CSV, the map and
the scores while reviews and the dashboard hid it. Now the leader reads it nowhere until
the committee designates him, and then everywhere.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind, Scope
from phoihop.situations import rules, services
from phoihop.situations.services_sensitive import (
    sensitive_reader_designate,
    sensitive_reader_remove,
)
from phoihop.situations.tests.conftest import make_report

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 6, 10)
LAND = "Tranh chấp đất đai giữa hai dòng họ ở Lam Hạ"
WINDOW = {"start": "2020-01-01", "end": "2020-12-31"}


@pytest.fixture
def cases_2020(cast, program, settings, tmp_path):
    """Both reported by the secretariat (so Ban Dân vận is involved in both)."""
    settings.MEDIA_ROOT = tmp_path
    opened = []
    for topic, title in [("dat-dai", LAND), ("moi-truong", "Khói bụi từ xưởng gạch ở tổ dân phố 3")]:
        report = make_report(cast, cast.secretariat, topic=topic, reported_on=DAY, title=title)
        opened.append(services.case_open(actor=cast.secretariat, report=report, opened_on=DAY))
    return opened


def _answers(client_for, user, program) -> dict[str, int]:
    """How many of the two 2020 cases `user` finds on each surface."""
    committee = program.committee
    client = client_for(user)
    api = APIClient()
    api.force_authenticate(user)
    window = {"committee": committee.pk, **WINDOW}
    listing = client.get(reverse("situations:case_list"))
    csv = client.get(reverse("situations:case_export")).content.decode("utf-8-sig")
    map_points = client.get(reverse("hotspots:map"), window).context["map_data"]["points"]
    scores = api.get("/api/hotspot-scores/", window).json()["results"]
    review = review_compute(
        user=user,
        scope=Scope(program_id=program.pk, start=dt.date(2016, 1, 1), end=dt.date(2020, 12, 31), kind=Kind.CUSTOM),
    )
    dashboard = client.get(reverse("reviews:dashboard"), {"program": program.pk})
    return {
        "list": listing.context["counts"].total,
        "list shows the land title": int(LAND in listing.content.decode()),
        "api": api.get("/api/cases/").json()["count"],
        "csv": len(csv.strip().splitlines()) - 1,
        "csv shows the land title": int(LAND in csv),
        "map": sum(point["cases"] for point in map_points),
        "scores": sum(row["case_count"] for row in scores),
        "review": sum(topic.received for topic in review.topics),
        "dashboard": dashboard.context["board"].cases_received,
    }


def _expect(both: bool) -> dict[str, int]:
    n = 2 if both else 1
    return {
        "list": n, "list shows the land title": int(both), "api": n, "csv": n,
        "csv shows the land title": int(both), "map": n, "scores": n, "review": n, "dashboard": n,
    }


def test_the_leader_gets_the_same_sensitive_answer_from_every_surface(client_for, cast, program, cases_2020):
    leader = cast.viewer
    assert _answers(client_for, leader, program) == _expect(both=False)
    assert not rules.may_see_sensitive(leader, cast.committee)

    reader = sensitive_reader_designate(actor=cast.secretariat, committee=cast.committee, user=leader)
    assert rules.may_see_sensitive(leader, cast.committee)
    assert _answers(client_for, leader, program) == _expect(both=True)

    sensitive_reader_remove(actor=cast.secretariat, reader=reader)
    assert _answers(client_for, leader, program) == _expect(both=False)


def test_the_secretariat_reads_every_sensitive_case_everywhere(client_for, cast, program, cases_2020):
    assert _answers(client_for, cast.secretariat, program) == _expect(both=True)


def test_an_uninvolved_focal_point_reads_no_sensitive_case_anywhere(client_for, cast, program, cases_2020):
    assert _answers(client_for, cast.women_focal, program) == _expect(both=False)


def test_only_the_secretariat_designates_and_only_people_of_the_committee(cast, program):
    with pytest.raises(PermissionDenied):
        sensitive_reader_designate(actor=cast.viewer, committee=cast.committee, user=cast.viewer)
    with pytest.raises(PermissionDenied):
        sensitive_reader_designate(actor=cast.outsider, committee=cast.committee, user=cast.outsider)
    with pytest.raises(ValidationError) as excinfo:
        sensitive_reader_designate(actor=cast.secretariat, committee=cast.committee, user=cast.outsider)
    assert "user" in excinfo.value.message_dict


def test_an_administrator_designates_a_leader_in_the_admin(admin_client, cast):
    response = admin_client.post(
        reverse("admin:situations_sensitivereader_add"),
        {"committee": cast.committee.pk, "user": cast.viewer.pk, "designated_on": "01/12/2026"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert rules.may_see_sensitive(cast.viewer, cast.committee)
    refused = admin_client.post(
        reverse("admin:situations_sensitivereader_add"),
        {"committee": cast.committee.pk, "user": cast.outsider.pk, "designated_on": "01/12/2026"},
    )
    assert refused.status_code == 200 and not rules.may_see_sensitive(cast.outsider, cast.committee)
