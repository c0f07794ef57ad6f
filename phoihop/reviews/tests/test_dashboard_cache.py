"""The dashboard is kept in the cache, yet its figures stay live and private to who sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.activities.services import activity_confirm, participation_respond
from phoihop.reviews.dashboard import data_stamp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def _activities(response) -> int:
    return response.context["review"].coordination.activities


def test_a_repeated_view_is_served_from_the_cache(cast, seed_figures, client_for):
    client = client_for(cast.secretariat)
    with CaptureQueriesContext(connection) as computed:
        first = client.get(reverse("reviews:dashboard"))
    with CaptureQueriesContext(connection) as cached:
        again = client.get(reverse("reviews:dashboard"))

    assert len(cached) < len(computed) / 2  # the page's own queries and the stamp, no review
    assert again.status_code == 200
    assert again.text.count("/bieu-do/") == 4  # the four charts, linked
    assert _activities(again) == _activities(first) == 14


def test_confirming_an_activity_shows_at_the_next_view(cast, seed_figures, record, client_for):
    client = client_for(cast.secretariat)
    assert _activities(client.get(reverse("reviews:dashboard"))) == 14
    activity = record.activity(confirm=False)

    assert _activities(client.get(reverse("reviews:dashboard"))) == 14
    activity_confirm(actor=cast.secretariat, activity=activity)
    assert _activities(client.get(reverse("reviews:dashboard"))) == 15


def test_a_partner_confirming_changes_the_stamp(cast, program, record):
    activity = record.activity(partners=[cast.military], confirm=False)
    part = activity.participations.get(organization=cast.military)
    part.status = "pending"
    part.save()
    before = data_stamp()

    participation_respond(actor=cast.military_focal, participation=part, accept=True)

    assert data_stamp() != before


def test_a_member_never_gets_the_secretariat_cached_dashboard(cast, seed_figures, client_for):
    full = client_for(cast.secretariat).get(reverse("reviews:dashboard"))
    member = client_for(cast.military_focal).get(reverse("reviews:dashboard"))

    assert ">Đất đai<" in full.text
    assert member.context["review"].redacted
    assert ">Đất đai<" not in member.text and ">Tôn giáo<" not in member.text
    assert _activities(member) == 2
