"""Review pages and the figures dashboard: they work, validate, and keep to permissions."""

import html
import re

import pytest
from django.urls import reverse

from phoihop.activities import rollup
from phoihop.reviews.data import Kind
from phoihop.reviews.models import ReviewReport, ReviewStatus
from phoihop.reviews.services import review_create, review_issue
from phoihop.reviews.tests.downloading import download
from phoihop.reviews.tests.finishing import finished

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def draft(cast, program, clock):
    return review_create(
        actor=cast.secretariat,
        program=program,
        kind=Kind.PROGRAM,
        start=program.period_start,
        end=program.period_end,
    )


def _create_data(program, **overrides):
    data = {
        "program": program.pk,
        "kind": Kind.ANNUAL,
        "year": 2020,
        "half": 1,
        "units": "as_recorded",
        "layout": "party",
        "title": "",
    }
    return data | overrides


# --- List and create --------------------------------------------------------------------------


def test_the_list_shows_drafts_to_the_host_and_offers_creation(cast, draft, client_for):
    response = client_for(cast.secretariat).get(reverse("reviews:list"))
    assert response.status_code == 200
    assert draft.title in response.text
    assert reverse("reviews:create") in response.text


def test_a_member_sees_no_draft_but_is_asked_for_its_contribution(cast, draft, client_for):
    response = client_for(cast.military_focal).get(reverse("reviews:list"))
    assert f'href="{reverse("reviews:detail", args=[draft.pk])}"' not in response.text
    assert reverse("reviews:contribute", args=[draft.pk]) in response.text


def test_the_secretariat_creates_an_annual_review(cast, program, client_for):
    response = client_for(cast.secretariat).post(reverse("reviews:create"), _create_data(program))
    report = ReviewReport.objects.get()
    assert response.status_code == 302
    assert (report.start.isoformat(), report.end.isoformat()) == ("2020-01-01", "2020-12-31")
    assert report.title.startswith("Tổng kết năm 2020")  # "BÁO CÁO" above it says the type


def test_create_validates_in_vietnamese(cast, program, client_for):
    client = client_for(cast.secretariat)
    no_year = client.post(reverse("reviews:create"), _create_data(program, year=""))
    no_dates = client.post(reverse("reviews:create"), _create_data(program, kind=Kind.CUSTOM))
    outside = client.post(reverse("reviews:create"), _create_data(program, year=2023))
    assert no_year.status_code == no_dates.status_code == outside.status_code == 400
    assert "Hãy nhập năm của báo cáo." in no_year.text
    assert "Hãy nhập đủ từ ngày và đến ngày" in no_dates.text
    assert "nằm ngoài thời gian thực hiện chương trình" in outside.text
    assert not ReviewReport.objects.exists()


def test_a_viewer_cannot_create(cast, program, client_for):
    assert client_for(cast.viewer).get(reverse("reviews:create")).status_code == 403


def test_anonymous_is_sent_to_login(client, draft):
    for url in (
        reverse("reviews:list"),
        reverse("reviews:detail", args=[draft.pk]),
        reverse("reviews:dashboard"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response.url


# --- The review page ---------------------------------------------------------------------------


def test_the_review_page_shows_figures_statements_and_sections(
    cast, seed_figures, client_for, program
):
    report = review_create(
        actor=cast.secretariat,
        program=program,
        kind=Kind.PROGRAM,
        start=program.period_start,
        end=program.period_end,
    )
    response = client_for(cast.secretariat).get(reverse("reviews:detail", args=[report.pk]))
    assert response.status_code == 200
    text = response.text
    assert "mới có 2 hoạt động (14%) có từ hai tổ chức thành viên trở lên" in text
    assert "<dd>30%</dd>" in text  # a statement's figures, beside it
    assert text.count('<div class="review-chart"><img src="') == 3  # the charts, linked
    assert ">Tôn giáo<" in text
    assert "3.500" in text  # Vietnamese number format
    assert reverse("reviews:issue", args=[report.pk]) in text


def test_an_outsider_gets_404_and_a_member_404_on_a_draft(cast, draft, client_for):
    url = reverse("reviews:detail", args=[draft.pk])
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.military_focal).get(url).status_code == 404


def test_the_host_viewer_reads_a_draft_but_cannot_edit_or_issue(cast, draft, client_for):
    client = client_for(cast.viewer)
    assert client.get(reverse("reviews:detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("reviews:edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("reviews:issue", args=[draft.pk])).status_code == 403


def test_the_secretariat_edits_the_text(cast, draft, client_for):
    client = client_for(cast.secretariat)
    form = client.get(reverse("reviews:edit", args=[draft.pk]))
    assert form.status_code == 200
    data = {
        name: getattr(draft, name)
        for name in (
            "title",
            "number",
            "place",
            "layout",
            "signer_name",
            "signer_title",
            "signer_authority",
            "recipients",
            "situation",
            "results",
            "limitations",
            "directions",
            "recommendations",
        )
    }
    response = client.post(
        reverse("reviews:edit", args=[draft.pk]), data | {"directions": "Phát huy.", "version": 1}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.directions == "Phát huy."
    stale = client.post(reverse("reviews:edit", args=[draft.pk]), data | {"version": 1})
    assert stale.status_code == 400 and "người khác sửa" in stale.text
    empty = client.post(
        reverse("reviews:edit", args=[draft.pk]), data | {"title": "", "version": 2}
    )
    assert empty.status_code == 400


def test_issuing_freezes_and_then_every_member_reads_it(cast, draft, client_for):
    draft = finished(cast.secretariat, draft)
    response = client_for(cast.secretariat).post(reverse("reviews:issue", args=[draft.pk]))
    draft.refresh_from_db()
    assert response.status_code == 302 and draft.status == ReviewStatus.ISSUED and draft.frozen_full
    assert (
        client_for(cast.military_focal).get(reverse("reviews:detail", args=[draft.pk])).status_code
        == 200
    )
    assert (
        client_for(cast.outsider).get(reverse("reviews:detail", args=[draft.pk])).status_code == 404
    )


def test_the_issued_page_shows_exactly_the_text_of_the_issued_word_file(cast, program, seed_figures, client_for):
    import html
    import io
    import re

    from docx import Document

    draft = review_create(
        actor=cast.secretariat, program=program, kind=Kind.PROGRAM, start=program.period_start, end=program.period_end
    )
    report = review_issue(actor=cast.secretariat, review=finished(cast.secretariat, draft))
    client = client_for(cast.secretariat)
    page = client.get(reverse("reviews:detail", args=[report.pk])).text
    document = page[page.index('class="card review-document"') :]
    document = document[: document.index("</section>")]
    shown = [html.unescape(t).strip() for t in re.findall(r"<(?:h3|h4|p)[^>]*>(.*?)</(?:h3|h4|p)>", document)][1:]
    docx = Document(io.BytesIO(download(client, report, "docx").body))
    texts = [p.text.strip() for p in docx.paragraphs if p.text.strip()]
    start = texts.index("I. ĐẶC ĐIỂM TÌNH HÌNH")
    printed = texts[start : start + len(shown)]
    assert shown == printed
    assert texts[start + len(shown)] == "PHỤ LỤC"  # nothing printed that the page leaves out
    assert "(Thường trực Ban Chỉ đạo bổ sung nội dung.)" not in texts


def test_a_member_sees_no_sensitive_topic_or_statement_in_an_issued_review(
    cast, program, seed_figures, client_for
):
    draft = review_create(
        actor=cast.secretariat,
        program=program,
        kind=Kind.PROGRAM,
        start=program.period_start,
        end=program.period_end,
    )
    report = review_issue(actor=cast.secretariat, review=finished(cast.secretariat, draft))
    text = client_for(cast.military_focal).get(reverse("reviews:detail", args=[report.pk])).text
    assert ">Đất đai<" not in text and ">Tôn giáo<" not in text
    assert "30,0% (3/10)" not in text and "so với 80%" not in text
    assert ">Môi trường<" in text


# --- Contributions -----------------------------------------------------------------------------


def test_a_focal_point_sends_its_contribution(cast, draft, client_for):
    client = client_for(cast.women_focal)
    url = reverse("reviews:contribute", args=[draft.pk])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"text": "  "})
    assert empty.status_code == 400 and "errorlist" in empty.text
    assert client.post(url, {"text": "Hội LHPN tỉnh phối hợp 20 buổi."}).status_code == 302
    assert draft.contributions.get().organization == cast.women


def test_contributions_are_closed_to_outsiders_and_viewers(cast, draft, client_for):
    url = reverse("reviews:contribute", args=[draft.pk])
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.viewer).get(url).status_code == 403


# --- Dashboard ---------------------------------------------------------------------------------


def test_the_dashboard_shows_headlines_trend_and_charts(
    cast, seed_figures, client_for, django_assert_max_num_queries
):
    client = client_for(cast.secretariat)
    rollup.refresh()  # the first reader after a change recomputes its months (test_rollup)
    with django_assert_max_num_queries(60):  # the review's ~49 (with the joint activities and models it names), the rollup's checks
        response = client.get(reverse("reviews:dashboard"))
    assert response.status_code == 200
    assert "Hoạt động theo tháng" in response.text
    assert ">Tôn giáo<" in response.text
    charts = re.findall(r'<img src="([^"]+/bieu-do/[^"]+)"', response.text)
    assert [url.split("/")[-1] for url in charts] == [
        "monthly.svg",
        "areas.svg",
        "members.svg",
        "topics.svg",
    ]
    for url in charts:
        chart = client.get(html.unescape(url))
        assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
        assert b"<svg" in chart.content and b"<script" not in chart.content
    assert "Tôn giáo" in client.get(html.unescape(charts[-1])).content.decode()


def test_a_dashboard_chart_keeps_the_page_filters_and_permissions(
    cast, seed_figures, client, client_for
):
    url = reverse("reviews:dashboard_chart", args=["topics"])
    response = client.get(url)
    assert response.status_code == 302 and "/tai-khoan/" in response.url

    secretariat = client_for(cast.secretariat).get(url).content.decode()
    member = client_for(cast.military_focal).get(url)
    viewer = client_for(cast.viewer).get(url)
    assert "Đất đai" in secretariat
    assert member.status_code == 200 and "Đất đai" not in member.content.decode()
    assert "Tôn giáo" not in member.content.decode()
    assert viewer.status_code == 200  # read-only users read the dashboard too

    outsider = client_for(cast.outsider)
    assert outsider.get(url, {"program": seed_figures.scope.program_id}).status_code == 404
    assert client_for(cast.secretariat).get(
        reverse("reviews:dashboard_chart", args=["nothing"])
    ).status_code == 404
    period = {"start": "2020-12-31", "end": "2020-01-01"}
    assert client_for(cast.secretariat).get(url, period).status_code == 400


def test_the_dashboard_filters_by_member_and_period(cast, seed_figures, client_for):
    client = client_for(cast.secretariat)
    response = client.get(
        reverse("reviews:dashboard"),
        {"member": cast.military.pk, "start": "2020-01-01", "end": "2020-12-31"},
    )
    assert response.status_code == 200
    assert response.context["review"].coordination.activities == 2
    bad = client.get(reverse("reviews:dashboard"), {"start": "2020-12-31", "end": "2020-01-01"})
    assert bad.status_code == 400 and "Ngày kết thúc phải sau" in bad.text


def test_a_member_dashboard_has_no_sensitive_figure(cast, seed_figures, client_for):
    response = client_for(cast.military_focal).get(reverse("reviews:dashboard"))
    assert response.status_code == 200
    assert response.context["review"].redacted
    assert ">Đất đai<" not in response.text and ">Tôn giáo<" not in response.text


def test_an_outsider_dashboard_shows_nothing_of_ha_nam(cast, seed_figures, client_for):
    response = client_for(cast.outsider).get(reverse("reviews:dashboard"))
    assert response.status_code == 200
    assert "Hà Nam" not in response.text.split('id="main"')[1]
    other = client_for(cast.outsider).get(
        reverse("reviews:dashboard"), {"program": seed_figures.scope.program_id}
    )
    assert other.status_code == 400


def test_a_text_attached_through_intake_is_listed_on_the_review(cast, draft, client_for):
    from phoihop.intake.services import intake_attach_to_review, intake_create
    from phoihop.reviews.selectors import attached_texts_for

    document = intake_create(
        actor=cast.secretariat,
        committee=cast.committee,
        title="Báo cáo của Hội Liên hiệp Phụ nữ tỉnh",
        text="Hội Liên hiệp Phụ nữ tỉnh Hà Nam phối hợp tuyên truyền tại xã Thanh Hải, huyện "
        "Thanh Liêm, ngày 05 tháng 3 năm 2020, với 350 lượt hội viên tham dự.",
    )
    detail = reverse("reviews:detail", args=[draft.pk])
    assert "Văn bản đính kèm" not in client_for(cast.secretariat).get(detail).text

    intake_attach_to_review(actor=cast.secretariat, document=document, review=draft)

    text = client_for(cast.secretariat).get(detail).text
    assert "Văn bản đính kèm" in text and "Báo cáo của Hội Liên hiệp Phụ nữ tỉnh" in text
    assert reverse("intake:document", args=[document.pk]) in text
    # The list is the user's own scope of intake texts: a member sees none of the host's.
    assert attached_texts_for(cast.military_focal, draft) == []
    assert attached_texts_for(cast.secretariat, draft) == [document]
