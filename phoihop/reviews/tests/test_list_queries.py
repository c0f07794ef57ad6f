"""The list of reviews reads a bounded number of queries, the same for one review as for
several (each row's program, committee and counts come with the rows)."""

import pytest
from django.urls import reverse

from phoihop.reviews.data import Kind
from phoihop.reviews.services import review_create

pytestmark = pytest.mark.django_db


def _review(cast, program):
    return review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM,
        start=program.period_start, end=program.period_end,
    )


@pytest.mark.parametrize("who", ["secretariat", "military_focal"])
def test_the_review_list_queries_do_not_grow_with_reviews(
    cast, program, clock, client_for, django_assert_max_num_queries, who
):
    client = client_for(getattr(cast, who))
    _review(cast, program)
    with django_assert_max_num_queries(15) as few:
        assert client.get(reverse("reviews:list")).status_code == 200
    for _ in range(4):
        _review(cast, program)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("reviews:list")).status_code == 200
