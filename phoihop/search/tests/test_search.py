"""The header search, told with the shared cast and the situations' land case.

Hà Nam's committee holds an activity in Phường Lam Hạ, a sensitive land case (led by
the Military Command) and an environment case, their reports, and a draft review. Each
kind is found with and without diacritics; the Nam Định outsider finds none of it; the
Women's Union focal point, a member without the sensitive-case right, finds neither the
land case nor its count nor a match on its text.
"""

import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from phoihop.activities.services import ActivityData, activity_create
from phoihop.reviews.data import Kind as ReviewKind
from phoihop.reviews.services import review_create, review_update
from phoihop.search.selectors import LIMIT, search_for_user
from phoihop.situations.tests.conftest import situation  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


@pytest.fixture
def world(situation, program):  # noqa: F811
    cast = situation.cast
    situation.activity = activity_create(
        actor=cast.secretariat,
        program=cast.program,
        submit=True,
        data=ActivityData(
            title="Đối thoại với nhân dân phường Lam Hạ",
            start_date=dt.date(2020, 10, 5),
            end_date=dt.date(2020, 10, 5),
            content_area_id=cast.program.content_areas.get(number=2).pk,
            lead_id=cast.dan_van.pk,
            locality_ids=[cast.places.lamha.pk],
        ),
    )
    situation.review = review_create(
        actor=cast.secretariat,
        program=cast.program,
        kind=ReviewKind.SIX_MONTHS,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 6, 30),
        title="Sơ kết 6 tháng đầu năm 2020 Chương trình phối hợp",
    )
    return situation


def _titles(user, q) -> dict[str, list[str]]:
    return {group.kind: [hit.title for hit in group.hits] for group in search_for_user(user, q)}


def _totals(user, q) -> dict[str, int]:
    return {group.kind: group.total for group in search_for_user(user, q)}


# --- Each kind, with and without diacritics ---------------------------------------------

CASES = [
    (
        "activities",
        "Đối thoại với nhân dân",
        "doi thoai voi NHAN DAN",
        "Đối thoại với nhân dân phường Lam Hạ",
    ),
    ("cases", "Khói bụi", "khoi bui", "Khói bụi từ xưởng gạch ở tổ dân phố 3"),
    ("reports", "xưởng gạch", "XUONG GACH", "Khói bụi từ xưởng gạch ở tổ dân phố 3"),
    (
        "organizations",
        "Hội Liên hiệp Phụ nữ",
        "hoi lien hiep phu nu",
        "Hội Liên hiệp Phụ nữ tỉnh Hà Nam",
    ),
    ("places", "Hà Nam", "ha nam", "Tỉnh Hà Nam"),
    (
        "reviews",
        "Sơ kết 6 tháng đầu",
        "so ket 6 thang dau",
        "Sơ kết 6 tháng đầu năm 2020 Chương trình phối hợp",
    ),
]


@pytest.mark.parametrize(("kind", "accented", "plain", "title"), CASES)
def test_each_kind_is_found_with_and_without_diacritics(world, kind, accented, plain, title):
    user = world.cast.secretariat
    assert title in _titles(user, accented)[kind]
    assert title in _titles(user, plain)[kind]


def test_d_with_stroke_folds_to_d_and_decomposed_input_matches(world):
    user = world.cast.secretariat
    assert "Đối thoại với nhân dân phường Lam Hạ" in _titles(user, "doi thoai")["activities"]
    decomposed = unicodedata.normalize("NFD", "Đối thoại")
    response_titles = _titles(user, decomposed)["activities"]
    assert "Đối thoại với nhân dân phường Lam Hạ" in response_titles


def test_each_hit_links_to_its_record_with_a_dated_line(world):
    groups = {g.kind: g for g in search_for_user(world.cast.secretariat, "lam ha")}
    activity = groups["activities"].hits[0]
    assert activity.url == reverse("activities:detail", args=[world.activity.pk])
    assert activity.context.startswith("05/10/2020")
    case = next(h for h in groups["cases"].hits if h.id == world.land.pk)
    assert case.url == reverse("situations:case_detail", args=[world.land.pk])
    assert "10/06/2025" in case.context


def test_a_renamed_review_is_found_by_its_new_title(world):
    review = review_update(
        actor=world.cast.secretariat,
        review=world.review,
        version=world.review.revision,
        title="Báo cáo sơ kết công tác phối hợp quý Hai",
        number="12-BC/BDVTU",
    )
    assert review.search_text
    titles = _titles(world.cast.secretariat, "cong tac phoi hop quy hai")["reviews"]
    assert titles == ["Báo cáo sơ kết công tác phối hợp quý Hai"]
    assert _titles(world.cast.secretariat, "12-bc/bdvtu")["reviews"] == titles


# --- Scope ------------------------------------------------------------------------------


def test_an_outsider_finds_nothing_of_another_committee(world):
    outsider = world.cast.outsider
    for q in ("lam ha", "ha nam", "khoi bui", "doi thoai", "so ket", "tranh chap"):
        totals = _totals(outsider, q)
        places = totals.pop("places")  # places are public reference data
        assert set(totals.values()) == {0}, (q, totals)
        assert places >= 0


def test_an_uninvolved_member_finds_neither_the_land_case_nor_its_count(world):
    women = world.cast.women_focal
    for q in ("tranh chap dat dai", "Tranh chấp đất đai", "hai dong ho", "300 m"):
        totals = _totals(women, q)
        assert totals["cases"] == 0 and totals["reports"] == 0, (q, totals)
    lam_ha = {g.kind: g for g in search_for_user(women, "lam ha")}
    assert lam_ha["cases"].total == 1  # the environment case only
    assert [h.id for h in lam_ha["cases"].hits] == [world.env.pk]
    secretariat = _totals(world.cast.secretariat, "tranh chap dat dai")
    assert secretariat["cases"] == 1 and secretariat["reports"] == 1
    assert _totals(world.cast.secretariat, "hai dong ho")["reports"] == 1  # the text would match


def test_the_page_shows_no_trace_of_the_land_case_to_the_uninvolved(client_for, world):
    page = client_for(world.cast.women_focal).get(URL, {"q": "tranh chap"}).content.decode()
    assert "Tranh chấp" not in page.replace('value="tranh chap"', "")
    assert reverse("situations:case_detail", args=[world.land.pk]) not in page


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL, {"q": "ha nam"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- The page ---------------------------------------------------------------------------


def test_the_page_groups_results_by_kind_with_counts(client_for, world):
    response = client_for(world.cast.secretariat).get(URL, {"q": "lam ha"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="kq-activities"' in page and 'id="kq-cases"' in page
    assert reverse("activities:detail", args=[world.activity.pk]) in page
    assert [g.total for g in response.context["groups"] if g.kind == "cases"] == [2]


def test_more_leads_to_the_kinds_list_filtered_by_the_text(client_for, world):
    cast = world.cast
    for day in range(LIMIT + 1):
        activity_create(
            actor=cast.secretariat,
            program=cast.program,
            submit=True,
            data=ActivityData(
                title=f"Tuyên truyền pháp luật số {day}",
                start_date=dt.date(2020, 3, day + 1),
                end_date=dt.date(2020, 3, day + 1),
                content_area_id=cast.program.content_areas.get(number=1).pk,
                lead_id=cast.dan_van.pk,
            ),
        )
    client = client_for(cast.secretariat)
    group = next(
        g
        for g in search_for_user(cast.secretariat, "tuyen truyen phap luat")
        if g.kind == "activities"
    )
    assert group.total == LIMIT + 1 and len(group.hits) == LIMIT
    assert group.more_url == reverse("activities:list") + "?q=tuyen+truyen+phap+luat"
    listed = client.get(group.more_url)
    assert listed.context["page"].paginator.count == LIMIT + 1
    assert (
        group.more_url.replace("&", "&amp;")
        in client.get(URL, {"q": "tuyen truyen phap luat"}).content.decode()
    )


def test_an_empty_or_punctuation_only_text_finds_nothing_and_says_so(client_for, world):
    client = client_for(world.cast.secretariat)
    assert client.get(URL).status_code == 200
    response = client.get(URL, {"q": "!!!"})
    assert response.status_code == 200 and response.context["groups"] == []
    assert "ít nhất một chữ cái" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "words"),
    [("x" * 101, "tối đa 100 ký tự"), ("ha\x00nam", "U+0000"), ("ha\x07nam", "ký tự điều khiển")],
)
def test_bad_input_answers_a_vietnamese_400(client_for, world, value, words):
    client = client_for(world.cast.secretariat)
    client.raise_request_exception = False
    response = client.get(URL, {"q": value})
    assert response.status_code == 400
    assert words in response.content.decode()


def test_the_header_box_is_on_every_signed_in_page(client_for, world):
    client = client_for(world.cast.women_focal)
    for url in (
        reverse("home:home"),
        reverse("activities:list"),
        reverse("situations:case_list"),
        reverse("reviews:list"),
        URL,
    ):
        page = client.get(url).content.decode()
        assert f'class="topsearch" role="search" action="{URL}" method="get"' in page, url


def test_the_results_page_keeps_the_text_in_the_header_box(client_for, world):
    page = client_for(world.cast.secretariat).get(URL, {"q": "lam ha"}).content.decode()
    assert 'name="q" value="lam ha" maxlength="100" aria-label' in page
