"""The review form proposes the latest complete period and warns of a duplicate."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.reviews.data import Kind
from phoihop.reviews.forms import ReviewCreateForm, proposed_period
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.services import review_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2020, 11, 20), {"kind": Kind.SIX_MONTHS, "year": 2020, "half": 1}),
        (dt.date(2020, 3, 2), {"kind": Kind.ANNUAL, "year": 2019, "half": 2}),
        (dt.date(2021, 1, 15), {"kind": Kind.PROGRAM, "year": 2020, "half": 2}),
    ],
)
def test_the_latest_complete_period_is_proposed(program, today, expected):
    assert proposed_period(program, today) == expected


def test_the_form_starts_on_the_proposed_period(cast, program):
    form = ReviewCreateForm(user=cast.secretariat)
    expected = proposed_period(program, dt.date(2020, 11, 20))  # the pinned clock
    assert {name: form.fields[name].initial for name in expected} == expected


def _data(program, **overrides):
    data = {"program": program.pk, "kind": Kind.ANNUAL, "year": 2019, "half": 1,
            "units": "as_recorded", "layout": "party", "title": ""}
    return data | overrides


def test_a_second_review_of_the_same_period_is_warned_then_allowed(cast, program, client_for):
    first = review_create(
        actor=cast.secretariat, program=program, kind=Kind.ANNUAL,
        start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31),
    )
    client = client_for(cast.secretariat)
    warned = client.post(reverse("reviews:create"), _data(program))
    assert warned.status_code == 400
    assert "Kỳ 01/01/2019 – 31/12/2019 đã có báo cáo" in warned.text and first.title in warned.text
    assert ReviewReport.objects.count() == 1
    again = client.post(reverse("reviews:create"), _data(program, again="on"))
    assert again.status_code == 302 and ReviewReport.objects.count() == 2
