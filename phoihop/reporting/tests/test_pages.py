"""Period report pages: index, matrix, detail, submit, accept, return, generate."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from phoihop.activities.services import ActivityData, activity_confirm, activity_create
from phoihop.programs.models import Aggregation
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.reporting.tests.conftest import Q1, Q2, report_of

pytestmark = pytest.mark.django_db


def _activity(cast, program, *, lead, day, partners=(), confirm=True, sessions=4):
    data = ActivityData(
        title=f"Tuyên truyền pháp luật ngày {day:%d/%m}",
        start_date=day,
        end_date=day,
        content_area_id=program.content_areas.get(number=1).pk,
        lead_id=lead.pk,
        partner_ids=[p.pk for p in partners],
        figures={cast.sessions.pk: Decimal(sessions)},
    )
    actor = cast.secretariat if lead == cast.dan_van else cast.military_focal
    activity = activity_create(actor=actor, program=program, data=data, submit=True)
    if confirm:
        activity_confirm(actor=cast.secretariat, activity=activity)
    return activity


# --- index and matrix --------------------------------------------------------------------


def test_index_lists_the_programs_and_the_members_own_reports(client_for, cast, quarters):
    response = client_for(cast.women_focal).get(reverse("reporting:index"))
    assert response.status_code == 200
    assert [row[0].organization for row in response.context["rows"]] == [cast.women, cast.women]
    assert quarters.name in response.content.decode()


def test_index_of_an_outsider_shows_nothing_of_ha_nam(client_for, cast, quarters):
    response = client_for(cast.outsider).get(reverse("reporting:index"))
    assert response.context["rows"] == [] and list(response.context["programs"]) == []


def test_matrix_shows_colored_badges_and_rates(
    client_for, cast, quarters, django_assert_max_num_queries
):
    client = client_for(cast.secretariat)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reporting:matrix", args=[quarters.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("badge badge-ok") == 2 and html.count("badge badge-old") == 1
    assert html.count("badge badge-bad") == 1
    assert "75,0%" in html and "50,0%" in html
    assert "Chưa nộp - quá hạn" in html and "Chưa đến hạn" in html


def test_matrix_of_a_member_has_only_its_row(client_for, cast, quarters):
    response = client_for(cast.military_focal).get(reverse("reporting:matrix", args=[quarters.pk]))
    assert [row.organization for row in response.context["matrix"].rows] == [cast.military]
    assert "generate-form" not in response.content.decode()


def test_matrix_validates_the_year(client_for, cast, quarters):
    response = client_for(cast.secretariat).get(
        reverse("reporting:matrix", args=[quarters.pk]), {"nam": "1999"}
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    assert response.context["matrix"].year is None


def test_matrix_of_another_province_is_404(client_for, cast, quarters):
    response = client_for(cast.outsider).get(reverse("reporting:matrix", args=[quarters.pk]))
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client, quarters):
    for url in (reverse("reporting:index"), reverse("reporting:matrix", args=[quarters.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_secretariat_generates_missing_reports(client_for, cast, quarters):
    PeriodReport.objects.filter(organization=cast.women).delete()
    response = client_for(cast.secretariat).post(reverse("reporting:generate", args=[quarters.pk]))
    assert response.status_code == 302
    assert PeriodReport.objects.filter(organization=cast.women).count() == 2


def test_generate_is_refused_to_others(client_for, cast, quarters):
    url = reverse("reporting:generate", args=[quarters.pk])
    assert client_for(cast.viewer).post(url).status_code == 403
    assert client_for(cast.military_focal).post(url).status_code == 403
    assert client_for(cast.outsider).post(url).status_code == 404


# --- detail and submit -------------------------------------------------------------------


def test_detail_summarises_the_confirmed_activities_of_the_period(client_for, cast, quarters):
    _activity(cast, quarters, lead=cast.dan_van, day=dt.date(2016, 5, 10), partners=[cast.women])
    _activity(cast, quarters, lead=cast.military, day=dt.date(2016, 6, 1), sessions=9)
    _activity(
        cast,
        quarters,
        lead=cast.dan_van,
        day=dt.date(2016, 6, 2),
        partners=[cast.women],
        confirm=False,
    )
    _activity(cast, quarters, lead=cast.dan_van, day=dt.date(2016, 3, 2), partners=[cast.women])
    report = report_of(quarters, cast.women, Q2)
    response = client_for(cast.women_focal).get(reverse("reporting:detail", args=[report.pk]))
    summary = response.context["summary"]
    assert (summary.count, summary.joint) == (1, 1)
    assert [(row.indicator.name, row.value) for row in summary.figures] == [(cast.sessions.name, 4)]
    assert response.context["can_submit"] and not response.context["can_review"]


def test_detail_totals_a_count_indicator_as_the_number_of_activities(client_for, cast, quarters):
    """The report's summary follows each indicator's rule (activities.figure_totals), as
    the program's totals do: a "count" indicator counts activities, it does not add values."""
    cast.sessions.aggregation = Aggregation.COUNT
    cast.sessions.save()
    for day, sessions in ((dt.date(2016, 5, 10), 4), (dt.date(2016, 6, 1), 9)):
        _activity(cast, quarters, lead=cast.dan_van, day=day, partners=[cast.women], sessions=sessions)
    report = report_of(quarters, cast.women, Q2)
    summary = client_for(cast.women_focal).get(reverse("reporting:detail", args=[report.pk])).context["summary"]
    assert [(row.indicator.name, row.value) for row in summary.figures] == [(cast.sessions.name, 2)]


def test_focal_point_submits_from_the_page(client_for, cast, quarters):
    report = report_of(quarters, cast.women, Q2)
    url = reverse("reporting:submit", args=[report.pk])
    response = client_for(cast.women_focal).post(
        url, {"narrative": "Phối hợp 3 buổi tuyên truyền."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == cast.women_focal


def test_submit_validates_in_vietnamese(client_for, cast, quarters):
    report = report_of(quarters, cast.women, Q2)
    response = client_for(cast.women_focal).post(
        reverse("reporting:submit", args=[report.pk]), {"narrative": ""}
    )
    assert response.status_code == 200
    assert "Hãy nhập nội dung báo cáo trước khi nộp." in response.content.decode()


def test_submit_is_refused_to_viewers_other_members_and_outsiders(client_for, cast, quarters):
    url = reverse("reporting:submit", args=[report_of(quarters, cast.women, Q2).pk])
    assert client_for(cast.viewer).post(url, {"narrative": "x"}).status_code == 403
    assert client_for(cast.outsider).post(url, {"narrative": "x"}).status_code == 404
    # Another member cannot even see the Women's Union report.
    assert client_for(cast.military_focal).post(url, {"narrative": "x"}).status_code == 404


def test_detail_of_another_members_report_is_404_and_anonymous_goes_to_login(
    client, client_for, cast, quarters
):
    url = reverse("reporting:detail", args=[report_of(quarters, cast.women, Q1).pk])
    assert client.get(url).status_code == 302
    assert client_for(cast.military_focal).get(url).status_code == 404
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.viewer).get(url).status_code == 200


# --- accept and return -------------------------------------------------------------------


def test_secretariat_accepts_a_submitted_report(client_for, cast, quarters):
    report = report_of(quarters, cast.military, Q1)
    client = client_for(cast.secretariat)
    assert client.get(reverse("reporting:detail", args=[report.pk])).context["can_review"]
    response = client.post(reverse("reporting:accept", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_return_needs_a_reason_in_vietnamese(client_for, cast, quarters):
    report = report_of(quarters, cast.military, Q1)
    client = client_for(cast.secretariat)
    response = client.post(reverse("reporting:return", args=[report.pk]), {"comment": ""})
    assert "Hãy ghi rõ lý do trả lại để đơn vị bổ sung." in response.content.decode()
    response = client.post(
        reverse("reporting:return", args=[report.pk]), {"comment": "Thiếu số liệu."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


def test_review_is_refused_to_members_viewers_and_outsiders(client_for, cast, quarters):
    report = report_of(quarters, cast.military, Q1)
    for name in ("reporting:accept", "reporting:return"):
        url = reverse(name, args=[report.pk])
        assert client_for(cast.military_focal).post(url, {"comment": "x"}).status_code == 403
        assert client_for(cast.viewer).post(url, {"comment": "x"}).status_code == 403
        assert client_for(cast.outsider).post(url, {"comment": "x"}).status_code == 404
