"""Hotspot scores (reproducible, sensitivity-aware, by old or 2025 units), decisions,
their pages and their API."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.hotspots import services as services_hotspots
from phoihop.hotspots.models import Hotspot
from phoihop.hotspots.selectors import (
    CaseRow,
    Window,
    case_points,
    hotspot_scores_for_user,
    score_cases,
    score_for_locality,
)
from phoihop.hotspots.tests.hotspot_story import WINDOW, hotspot_story_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
START, END = WINDOW


def _scores(user, story, **kwargs):
    return hotspot_scores_for_user(user, story.cast.committee, start=START, end=END, **kwargs)


def _by_name(scores) -> dict[str, Decimal]:
    return {entry.locality.name: entry.score for entry in scores}


def recompute(case: dict, end: dt.date) -> float:
    """The documented formula, written again from scratch over the listed facts."""
    weight = {1: 1, 2: 2, 3: 3, 4: 5}[case["severity"]]
    points = weight * (1.5 if case["open_at_end"] else 1)
    if case["unresolved"]:
        points *= 1 + min(case["age_days"] / 90, 2) * 0.5
    return points + (2 if case["recurrence"] else 0)


# --- The formula on plain rows ---------------------------------------------------------------


def _row(pk=1, **extra) -> CaseRow:
    values = {
        "pk": pk,
        "title": "x",
        "unit_id": 1,
        "severity": 2,
        "status": "new",
        "opened_on": dt.date(2020, 1, 1),
    }
    return CaseRow(**{**values, **extra})


def test_a_resolved_case_counts_its_severity_weight_only():
    row = _row(severity=4, status="resolved", closed_on=dt.date(2020, 2, 1))
    assert case_points(row, dt.date(2020, 12, 31)).points == Decimal("5.00")


def test_an_open_case_gains_the_open_factor_and_an_age_factor_capped_at_two():
    young = case_points(_row(opened_on=dt.date(2020, 12, 1)), dt.date(2020, 12, 31))
    assert young.age_days == 30 and young.points == Decimal("3.50")  # 2 × 1,5 × (1 + 1/3 × 0,5)
    old = case_points(_row(opened_on=dt.date(2018, 1, 1)), dt.date(2020, 12, 31))
    assert old.points == Decimal("6.00")  # 2 × 1,5 × (1 + 2 × 0,5)


def test_a_case_closed_after_the_window_was_open_at_its_end():
    row = _row(status="resolved", closed_on=dt.date(2021, 3, 1), opened_on=dt.date(2020, 12, 1))
    points = case_points(row, dt.date(2020, 12, 31))
    assert points.open_at_end and points.unresolved and points.age_days == 30


def test_a_recurrence_adds_two_points_and_cases_outside_the_window_add_nothing():
    rows = [
        _row(1, status="resolved", closed_on=dt.date(2020, 1, 5), is_recurrence=True),
        _row(2, opened_on=dt.date(2021, 1, 1)),
    ]
    [entry] = score_cases(rows, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert entry.score == Decimal("4.00") and entry.case_count == 1


# --- The selector ------------------------------------------------------------------------------


def test_scores_match_the_documented_example(hotspot_story):
    scores = _by_name(_scores(hotspot_story.cast.secretariat, hotspot_story))
    assert scores == {
        "Phường Lam Hạ": Decimal("17.50"),  # land 7,50 + environment 2,00 + recurrence 8,00
        "Phường Tân Hiệp": Decimal("5.00"),
        "Xã Thanh Hải": Decimal("1.51"),
    }


def test_every_score_is_reproducible_from_its_listed_cases(hotspot_story, client_for):
    response = client_for(hotspot_story.cast.secretariat).get(
        reverse("hotspot-score-list"), {"start": START.isoformat(), "end": END.isoformat()}
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 3
    for entry in results:
        listed = [Decimal(case["points"]) for case in entry["cases"]]
        assert sum(listed) == Decimal(entry["score"])
        for case in entry["cases"]:
            severity = {1: 1, 2: 2, 3: 3, 5: 4}[case["weight"]]
            again = recompute({**case, "severity": severity}, END)
            assert abs(again - float(case["points"])) < 0.006, case


def test_a_sensitive_case_never_changes_the_score_an_uninvolved_member_sees(hotspot_story):
    cast = hotspot_story.cast
    involved = _by_name(_scores(cast.military_focal, hotspot_story))
    uninvolved = _by_name(_scores(cast.women_focal, hotspot_story))
    assert involved["Phường Lam Hạ"] == Decimal("17.50")
    assert uninvolved["Phường Lam Hạ"] == Decimal("10.00")
    lamha = next(
        e for e in _scores(cast.women_focal, hotspot_story) if e.locality.name == "Phường Lam Hạ"
    )
    assert hotspot_story.land.pk not in {c.row.pk for c in lamha.cases}


def test_outsiders_score_nothing_of_another_committee(hotspot_story):
    assert _scores(hotspot_story.cast.outsider, hotspot_story) == []


def test_by_2025_units_the_same_cases_score_under_phuong_ha_nam(hotspot_story):
    scores = _by_name(_scores(hotspot_story.cast.secretariat, hotspot_story, by_2025=True))
    assert scores["Phường Hà Nam"] == Decimal("17.50") + Decimal("5.00")
    assert "Phường Lam Hạ" not in scores and "Phường Tân Hiệp" not in scores
    assert sum(scores.values()) == Decimal("17.50") + Decimal("5.00") + Decimal("1.51")


def test_a_topic_filter_scores_only_that_topic(hotspot_story):
    from phoihop.situations.models import Topic

    scores = _scores(
        hotspot_story.cast.secretariat, hotspot_story, topic=Topic.objects.get(code="gpmb")
    )
    assert _by_name(scores) == {"Phường Tân Hiệp": Decimal("5.00")}


# --- Decisions -----------------------------------------------------------------------------------


REASON = "Nhiều vụ việc đất đai kéo dài, có nguy cơ khiếu kiện đông người."


def test_secretariat_designates_with_reason_and_score_then_lifts(hotspot_story):
    cast = hotspot_story.cast
    hotspot = services_hotspots.hotspot_designate(
        actor=cast.secretariat,
        committee=cast.committee,
        locality=cast.places.lamha,
        reason=REASON,
        window=Window(START, END),
    )
    assert hotspot.score_at_decision == Decimal("17.50")
    assert hotspot.designated_by == cast.secretariat and hotspot.designated_on == dt.date(
        2021, 3, 1
    )
    assert hotspot.history.first().history_user == cast.secretariat
    services_hotspots.hotspot_lift(
        actor=cast.secretariat, hotspot=hotspot, reason="Tình hình đã ổn định."
    )
    hotspot.refresh_from_db()
    assert (
        hotspot.lifted_on == dt.date(2021, 3, 1) and hotspot.lift_reason == "Tình hình đã ổn định."
    )


def test_a_2025_unit_is_designated_with_its_regrouped_score(hotspot_story):
    cast = hotspot_story.cast
    hotspot = services_hotspots.hotspot_designate(
        actor=cast.secretariat,
        committee=cast.committee,
        locality=hotspot_story.extra.hanam_ward,
        reason=REASON,
        window=(START, END),
    )
    assert hotspot.score_at_decision == Decimal("22.50")


def test_designating_needs_a_reason_and_refuses_a_second_active_designation(hotspot_story):
    cast = hotspot_story.cast
    with pytest.raises(ValidationError) as excinfo:
        services_hotspots.hotspot_designate(
            actor=cast.secretariat,
            committee=cast.committee,
            locality=cast.places.lamha,
            reason="ngắn",
        )
    assert "Hãy nêu lý do" in excinfo.value.message_dict["reason"][0]
    services_hotspots.hotspot_designate(
        actor=cast.secretariat, committee=cast.committee, locality=cast.places.lamha, reason=REASON
    )
    with pytest.raises(ValidationError) as excinfo:
        services_hotspots.hotspot_designate(
            actor=cast.secretariat,
            committee=cast.committee,
            locality=cast.places.lamha,
            reason=REASON,
        )
    assert excinfo.value.message_dict["locality"] == ["Địa bàn này đang là địa bàn trọng điểm."]


def test_only_the_secretariat_decides(hotspot_story):
    cast = hotspot_story.cast
    for user in (cast.viewer, cast.military_focal, cast.outsider):
        with pytest.raises(PermissionDenied):
            services_hotspots.hotspot_designate(
                actor=user, committee=cast.committee, locality=cast.places.lamha, reason=REASON
            )


def test_a_locality_of_another_province_is_refused(hotspot_story):
    cast = hotspot_story.cast
    with pytest.raises(ValidationError) as excinfo:
        services_hotspots.hotspot_designate(
            actor=cast.secretariat,
            committee=cast.committee,
            locality=cast.places.namdinh,
            reason=REASON,
        )
    assert excinfo.value.message_dict["locality"] == [
        "Địa bàn không thuộc phạm vi của Ban Chỉ đạo."
    ]


@pytest.fixture
def designated(hotspot_story):
    cast = hotspot_story.cast
    hotspot_story.hotspot = services_hotspots.hotspot_designate(
        actor=cast.secretariat,
        committee=cast.committee,
        locality=cast.places.lamha,
        reason=REASON,
        window=(START, END),
    )
    return hotspot_story


@pytest.fixture
def response_activity(designated, program):
    from phoihop.activities.services import ActivityData, activity_create

    cast = designated.cast
    data = ActivityData(
        title="Đối thoại với nhân dân phường Lam Hạ về đất đai",
        start_date=dt.date(2020, 10, 5),
        end_date=dt.date(2020, 10, 5),
        content_area_id=cast.program.content_areas.get(number=2).pk,
        lead_id=cast.dan_van.pk,
        partner_ids=[],
        locality_ids=[cast.places.lamha.pk],
    )
    return activity_create(actor=cast.secretariat, program=cast.program, data=data, submit=True)


def test_an_activity_is_linked_as_the_response_to_a_hotspot(designated, response_activity):
    hotspot = services_hotspots.hotspot_link_response(
        actor=designated.cast.secretariat, hotspot=designated.hotspot, activity=response_activity
    )
    assert list(hotspot.responses.all()) == [response_activity]
    with pytest.raises(ValidationError):
        services_hotspots.hotspot_link_response(
            actor=designated.cast.secretariat,
            hotspot=designated.hotspot,
            activity=response_activity,
        )


# --- Pages ---------------------------------------------------------------------------------------


def _window_query(story) -> dict:
    return {
        "committee": story.cast.committee.pk,
        "start": START.isoformat(),
        "end": END.isoformat(),
    }


def test_hotspot_list_ranks_localities_and_lists_decisions(
    designated, client_for, django_assert_max_num_queries
):
    client = client_for(designated.cast.viewer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("hotspots:hotspot_list"), _window_query(designated))
    assert response.status_code == 200
    html = response.content.decode()
    # A leader with read-only access is not involved in the sensitive land case.
    assert "Phường Lam Hạ" in html and "10,00" in html and "17,50" not in html and REASON in html
    assert "Xác định địa bàn trọng điểm" not in html  # a viewer does not decide


def test_hotspot_list_counts_only_the_response_activities_the_viewer_may_see(
    designated, response_activity, client_for
):
    """The response is the secretariat's own activity with no partner: the Women's Union
    may not see it, so its row counts 0 where the secretariat's counts 1."""
    cast = designated.cast
    services_hotspots.hotspot_link_response(
        actor=cast.secretariat, hotspot=designated.hotspot, activity=response_activity
    )

    def count_for(user) -> int:
        response = client_for(user).get(reverse("hotspots:hotspot_list"), _window_query(designated))
        [row] = response.context["active"]
        cell = f'<td class="num">{row.response_count}</td>\n      </tr>'
        assert cell in response.content.decode()
        return row.response_count

    assert count_for(cast.secretariat) == 1
    assert count_for(cast.women_focal) == 0


def test_hotspot_list_shows_a_vietnamese_error_for_a_reversed_window(designated, client_for):
    response = client_for(designated.cast.secretariat).get(
        reverse("hotspots:hotspot_list"),
        {"committee": designated.cast.committee.pk, "start": "2020-12-31", "end": "2019-01-01"},
    )
    assert response.status_code == 200
    assert "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc." in response.content.decode()


def test_score_page_explains_the_score_case_by_case(designated, client_for):
    cast = designated.cast
    response = client_for(cast.military_focal).get(
        reverse("hotspots:hotspot_score", args=[cast.places.lamha.pk]), _window_query(designated)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert designated.land.title in html and 'id="score-total">17,50' in html


def test_score_page_hides_the_sensitive_case_from_an_uninvolved_member(designated, client_for):
    cast = designated.cast
    response = client_for(cast.women_focal).get(
        reverse("hotspots:hotspot_score", args=[cast.places.lamha.pk]), _window_query(designated)
    )
    html = response.content.decode()
    assert designated.land.title not in html and 'id="score-total">10,00' in html


def test_hotspot_detail_shows_the_decision_and_hides_the_decision_score_from_members(
    designated, client_for
):
    cast, hotspot = designated.cast, designated.hotspot
    url = reverse("hotspots:hotspot_detail", args=[hotspot.pk])
    secretariat = client_for(cast.secretariat).get(url, _window_query(designated)).content.decode()
    assert "điểm khi quyết định: 17,50" in secretariat and "Trần Thị Thu" in secretariat
    member = client_for(cast.women_focal).get(url, _window_query(designated))
    assert member.status_code == 200
    html = member.content.decode()
    assert REASON in html and "17,50" not in html and designated.land.title not in html


def test_hotspot_detail_of_another_committee_is_404(designated, client_for):
    response = client_for(designated.cast.outsider).get(
        reverse("hotspots:hotspot_detail", args=[designated.hotspot.pk])
    )
    assert response.status_code == 404


def test_anonymous_is_sent_to_login_from_hotspot_pages(designated, client):
    for url in (
        reverse("hotspots:hotspot_list"),
        reverse("hotspots:hotspot_detail", args=[designated.hotspot.pk]),
        reverse("hotspots:hotspot_designate"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_secretariat_designates_through_the_form(hotspot_story, client_for):
    cast = hotspot_story.cast
    response = client_for(cast.secretariat).post(
        reverse("hotspots:hotspot_designate") + f"?committee={cast.committee.pk}",
        {
            "locality": hotspot_story.extra.tanhiep.pk,
            "reason": REASON,
            "start": "2019-01-01",
            "end": "2020-12-31",
        },
    )
    hotspot = Hotspot.objects.get(locality=hotspot_story.extra.tanhiep)
    assert response.status_code == 302
    assert response.url == reverse("hotspots:hotspot_detail", args=[hotspot.pk])
    assert hotspot.score_at_decision == Decimal("5.00")


def test_designate_form_validates_in_vietnamese(hotspot_story, client_for):
    cast = hotspot_story.cast
    response = client_for(cast.secretariat).post(
        reverse("hotspots:hotspot_designate") + f"?committee={cast.committee.pk}",
        {"locality": cast.places.lamha.pk, "reason": "", "start": "2019-01-01"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Hotspot.objects.exists()
    assert "Hãy nhập cả hai ngày của khoảng tính điểm" in html


def test_viewer_gets_403_and_outsider_404_on_decisions(designated, client_for):
    cast, hotspot = designated.cast, designated.hotspot
    designate = reverse("hotspots:hotspot_designate") + f"?committee={cast.committee.pk}"
    lift = reverse("hotspots:hotspot_lift", args=[hotspot.pk])
    viewer = client_for(cast.viewer)
    assert (
        viewer.post(designate, {"locality": cast.places.lamha.pk, "reason": REASON}).status_code
        == 403
    )
    assert viewer.post(lift, {"lift_reason": REASON}).status_code == 403
    outsider = client_for(cast.outsider)
    assert (
        outsider.post(designate, {"locality": cast.places.lamha.pk, "reason": REASON}).status_code
        == 404
    )
    assert outsider.post(lift, {"lift_reason": REASON}).status_code == 404


def test_secretariat_lifts_through_the_form_and_the_history_keeps_both_decisions(
    designated, client_for
):
    cast, hotspot = designated.cast, designated.hotspot
    client = client_for(cast.secretariat)
    response = client.post(
        reverse("hotspots:hotspot_lift", args=[hotspot.pk]),
        {"lift_reason": "Đã ổn định, dân đồng thuận."},
    )
    assert response.status_code == 302
    html = client.get(reverse("hotspots:hotspot_detail", args=[hotspot.pk])).content.decode()
    assert "Đã ổn định, dân đồng thuận." in html and REASON in html


def test_linking_a_response_through_the_form(designated, response_activity, client_for):
    cast, hotspot = designated.cast, designated.hotspot
    url = reverse("hotspots:hotspot_link_response", args=[hotspot.pk])
    client = client_for(cast.secretariat)
    bad = client.post(url, {"activity": "999999"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert client.post(url, {"activity": response_activity.pk}).status_code == 302
    html = client.get(reverse("hotspots:hotspot_detail", args=[hotspot.pk])).content.decode()
    assert response_activity.title in html


# --- API -----------------------------------------------------------------------------------------


def test_api_lists_hotspots_without_the_decision_score_for_members(designated, client_for):
    cast = designated.cast
    rows = client_for(cast.women_focal).get(reverse("hotspot-list")).json()["results"]
    assert [row["locality_name"] for row in rows] == ["Phường Lam Hạ"]
    assert rows[0]["score_at_decision"] is None and rows[0]["reason"] == REASON
    mine = (
        client_for(cast.secretariat)
        .get(reverse("hotspot-detail", args=[designated.hotspot.pk]))
        .json()
    )
    assert mine["score_at_decision"] == "17.50"


def test_api_scores_for_an_uninvolved_member_leave_out_the_sensitive_case(
    hotspot_story, client_for
):
    cast = hotspot_story.cast
    data = (
        client_for(cast.women_focal)
        .get(reverse("hotspot-score-list"), {"start": START.isoformat(), "end": END.isoformat()})
        .json()
    )
    lamha = next(row for row in data["results"] if row["name"] == "Phường Lam Hạ")
    assert lamha["score"] == "10.00"
    assert hotspot_story.land.pk not in {case["id"] for case in lamha["cases"]}
    assert hotspot_story.land.title not in str(data)


def test_api_designates_validates_and_lifts(hotspot_story, client_for):
    cast = hotspot_story.cast
    client = client_for(cast.secretariat)
    bad = client.post(
        reverse("hotspot-list"),
        {"committee": cast.committee.pk, "locality": cast.places.lamha.pk, "reason": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "Hãy nêu lý do" in bad.json()["reason"][0]
    created = client.post(
        reverse("hotspot-list"),
        {
            "committee": cast.committee.pk,
            "locality": cast.places.lamha.pk,
            "reason": REASON,
            "start": START.isoformat(),
            "end": END.isoformat(),
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["score_at_decision"] == "17.50"
    lifted = client.post(
        reverse("hotspot-lift", args=[created.json()["id"]]),
        {"reason": "Tình hình đã ổn định."},
        content_type="application/json",
    )
    assert lifted.status_code == 200 and lifted.json()["lifted_on"] == "2021-03-01"


def test_api_viewer_gets_403_outsider_404_anonymous_refused(designated, client_for, client):
    cast = designated.cast
    payload = {"committee": cast.committee.pk, "locality": cast.places.lamha.pk, "reason": REASON}
    lift = reverse("hotspot-lift", args=[designated.hotspot.pk])
    assert client.get(reverse("hotspot-list")).status_code in (401, 403)
    assert client.get(reverse("hotspot-score-list")).status_code in (401, 403)
    viewer = client_for(cast.viewer)
    assert (
        viewer.post(reverse("hotspot-list"), payload, content_type="application/json").status_code
        == 403
    )
    assert viewer.post(lift, {"reason": REASON}, content_type="application/json").status_code == 403
    outsider = client_for(cast.outsider)
    assert outsider.get(reverse("hotspot-detail", args=[designated.hotspot.pk])).status_code == 404
    assert (
        outsider.post(lift, {"reason": REASON}, content_type="application/json").status_code == 404
    )
    assert (
        outsider.get(reverse("hotspot-score-list"), {"committee": cast.committee.pk}).status_code
        == 404
    )


def test_score_for_locality_is_zero_for_a_quiet_place(hotspot_story):
    entry = score_for_locality([], hotspot_story.cast.places.namdinh)
    assert entry.score == 0 and entry.cases == []


def test_a_past_window_scores_each_case_as_it_stood_at_the_window_end(hotspot_story):
    """Tân Hiệp's site-clearance case, resolved on 20/03/2020, is reopened in 2021: a
    window ending 30/06/2020 still scores it resolved (5,00), one ending before the
    resolution scores it open, and a window ending after the reopening scores it open."""
    import time_machine

    from phoihop.hotspots.tests.hotspot_story import TODAY
    from phoihop.situations import services

    story, secretariat = hotspot_story, hotspot_story.cast.secretariat
    with time_machine.travel(TODAY, tick=False):
        services.case_reopen(
            actor=secretariat,
            case=story.gpmb,
            reason="Hộ dân khiếu nại lại mức bồi thường.",
            reopened_on=dt.date(2021, 2, 1),
        )
    committee = story.cast.committee

    def tan_hiep(end):
        scores = hotspot_scores_for_user(secretariat, committee, start=START, end=end)
        entry = next(e for e in scores if e.locality.pk == story.extra.tanhiep.pk)
        return entry.cases[0]

    june = tan_hiep(dt.date(2020, 6, 30))
    assert (june.open_at_end, june.points) == (False, Decimal("5.00"))
    march = tan_hiep(dt.date(2020, 3, 10))
    assert march.open_at_end and march.points > Decimal("5.00")
    after = tan_hiep(dt.date(2021, 2, 28))
    assert after.open_at_end and after.points > Decimal("5.00")
