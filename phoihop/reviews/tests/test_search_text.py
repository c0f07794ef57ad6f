"""A review keeps a folded copy of its title and number (search_text), set by its services
and filled by migration 0005 for reviews written before the column existed."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from phoihop.reviews.data import Kind
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.selectors import reviews_for_user
from phoihop.reviews.services import review_create, review_update

pytestmark = pytest.mark.django_db

fill = importlib.import_module("phoihop.reviews.migrations.0005_fill_review_search_text").fill


@pytest.fixture
def review(cast, program):
    return review_create(
        actor=cast.secretariat,
        program=program,
        kind=Kind.SIX_MONTHS,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 6, 30),
        title="Sơ kết 6 tháng đầu năm 2020",
    )


def test_creating_and_editing_keep_the_folded_title_and_number(cast, review):
    assert review.search_text == "so ket 6 thang dau nam 2020"
    review = review_update(
        actor=cast.secretariat, review=review, version=review.revision, number="12-BC/BDVTU"
    )
    assert (
        ReviewReport.objects.get(pk=review.pk).search_text
        == "so ket 6 thang dau nam 2020 | 12 bc bdvtu"
    )


def test_the_migration_fills_reviews_written_before_the_column(review):
    ReviewReport.objects.filter(pk=review.pk).update(search_text="")
    fill(apps, None)
    assert ReviewReport.objects.get(pk=review.pk).search_text == "so ket 6 thang dau nam 2020"


def test_reviews_are_found_without_diacritics_only_by_their_readers(cast, review):
    assert list(reviews_for_user(cast.secretariat, q="SO KET 6 thang")) == [review]
    assert not reviews_for_user(cast.women_focal, q="so ket").exists()  # a draft: host only
    assert not reviews_for_user(cast.outsider, q="so ket").exists()
