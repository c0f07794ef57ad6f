"""The reviews API: the list of documents and one review's JSON, scoped and redacted."""

import pytest
from rest_framework.test import APIClient

from phoihop.reviews.data import Kind, Review
from phoihop.reviews.services import review_create, review_issue
from phoihop.reviews.tests.finishing import finished

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def issued(cast, program, seed_figures):
    draft = review_create(
        actor=cast.secretariat,
        program=program,
        kind=Kind.PROGRAM,
        start=program.period_start,
        end=program.period_end,
    )
    return review_issue(actor=cast.secretariat, review=finished(cast.secretariat, draft))


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_list_and_one_review_with_its_figures(cast, issued, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        listing = _api(cast.secretariat).get("/api/reviews/")
    assert [row["id"] for row in listing.json()["results"]] == [issued.pk]
    data = _api(cast.secretariat).get(f"/api/reviews/{issued.pk}/").json()
    assert data["status"] == "issued"
    assert any("mới có 2 hoạt động (14%)" in p for s in data["sections"] for p in s["paragraphs"])
    review = data["review"]
    assert review["coordination"]["joint"] == 2
    assert "dat-dai" in {t["code"] for t in review["topics"]}


def test_a_member_gets_the_redacted_figures(cast, issued):
    review = _api(cast.military_focal).get(f"/api/reviews/{issued.pk}/").json()["review"]
    assert review["redacted"] is True
    assert not any(t["sensitive"] for t in review["topics"])
    assert not any(s["sensitive"] for s in review["statements"])


def test_the_json_is_the_review_object(cast, issued):
    import json

    review = _api(cast.secretariat).get(f"/api/reviews/{issued.pk}/").json()["review"]
    assert Review.from_json(json.dumps(review)).period_label == "giai đoạn 2016–2020"


def test_an_outsider_gets_404_and_anonymous_is_refused(cast, issued):
    assert _api(cast.outsider).get(f"/api/reviews/{issued.pk}/").status_code == 404
    assert _api(cast.outsider).get("/api/reviews/").json()["results"] == []
    assert _api().get("/api/reviews/").status_code in (401, 403)


def test_the_api_is_read_only(cast, issued):
    assert _api(cast.secretariat).post("/api/reviews/", {}).status_code == 405
    assert _api(cast.viewer).delete(f"/api/reviews/{issued.pk}/").status_code == 405
