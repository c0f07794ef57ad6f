"""Activity pages: list, an organization's record, create, edit, detail and the workflow."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.activities.forms import FIGURE_PREFIX
from phoihop.activities.models import Activity, ActivityStatus, ParticipationStatus
from phoihop.programs.services import program_create

pytestmark = pytest.mark.django_db


def _form(cast, **overrides) -> dict:
    data = {
        "title": "Tuyên truyền phòng chống thiên tai",
        "start_date": "2020-10-12",
        "end_date": "12/10/2020",
        "content_area": cast.program.content_areas.get(number=5).pk,
        "partners": [cast.women.pk],
        "localities": [cast.places.lamha.pk],
        "task": "",
        "narrative": "Phối hợp tổ chức 3 buổi tại phường Lam Hạ.",
        f"{FIGURE_PREFIX}{cast.sessions.pk}": "3",
        f"{FIGURE_PREFIX}{cast.attendance.pk}": "4.100",
    }
    return {**data, **overrides}


def _body(response) -> str:
    return response.content.decode()


# --- list --------------------------------------------------------------------------------


def test_list_shows_visible_activities_with_partners_and_a_joint_badge(
    client_for, cast, joint_activity
):
    response = client_for(cast.military_focal).get(reverse("activities:list"))
    assert response.status_code == 200
    body = _body(response)
    assert joint_activity.title in body
    assert "1 hoạt động" in body
    assert "badge-joint" in body
    assert "Hội LHPN tỉnh" in body and "Đã xác nhận tham gia" in body


def test_an_outsider_sees_nothing_in_the_list_or_its_count(client_for, cast, joint_activity):
    response = client_for(cast.outsider).get(reverse("activities:list"))
    assert list(response.context["page"].object_list) == []
    assert response.context["page"].paginator.count == 0
    assert joint_activity.title not in _body(response)


def test_list_filters_by_text_without_diacritics(client_for, cast, make_activity):
    make_activity(title="Hội nghị giao ban quý III")
    wanted = make_activity(title="Tuyên truyền Luật Đất đai")
    response = client_for(cast.secretariat).get(reverse("activities:list"), {"q": "dat dai"})
    assert list(response.context["page"].object_list) == [wanted]


def test_list_reports_a_bad_filter_in_vietnamese(client_for, cast):
    response = client_for(cast.secretariat).get(
        reverse("activities:list"), {"date_from": "2020-13-45"}
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in _body(response)


def test_list_queries_do_not_grow_with_rows(
    client_for, cast, make_activity, django_assert_max_num_queries
):
    client = client_for(cast.secretariat)
    make_activity()
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("activities:list"))
    for _ in range(6):
        make_activity(partner_ids=[cast.military.pk])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("activities:list"))
    assert response.context["page"].paginator.count == 7


def test_anonymous_is_sent_to_login(client, cast):
    for name in ("activities:list", "activities:create", "activities:pending"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


# --- an organization's record -----------------------------------------------------------


def test_each_member_page_lists_the_joint_activity_with_its_role(client_for, cast, joint_activity):
    client = client_for(cast.secretariat)
    for org, role in (
        (cast.dan_van, "Chủ trì"),
        (cast.military, "Phối hợp"),
        (cast.women, "Phối hợp"),
    ):
        response = client.get(reverse("activities:organization", args=[org.pk]))
        parts = list(response.context["page"].object_list)
        assert [p.activity_id for p in parts] == [joint_activity.pk]
        assert f'<td class="role">{role}</td>' in _body(response)


def test_my_organization_page_is_my_own_record(client_for, cast, joint_activity):
    response = client_for(cast.women_focal).get(reverse("activities:mine"))
    assert response.context["organization"] == cast.women
    assert [p.role for p in response.context["page"].object_list] == ["partner"]


def test_an_outsider_cannot_open_a_members_record(client_for, cast, joint_activity):
    response = client_for(cast.outsider).get(
        reverse("activities:organization", args=[cast.military.pk])
    )
    assert response.status_code == 404


# --- create -------------------------------------------------------------------------------


def test_focal_point_creates_and_submits_for_its_own_organization(client_for, cast, program):
    client = client_for(cast.military_focal)
    assert client.get(reverse("activities:create")).status_code == 200
    response = client.post(reverse("activities:create"), {**_form(cast), "gui": "1"})
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert activity.lead == cast.military
    assert activity.status == ActivityStatus.SUBMITTED
    assert activity.created_by == cast.military_focal
    assert activity.figures.get(indicator=cast.attendance).value == 4100
    assert list(activity.localities.all()) == [cast.places.lamha]


def test_a_focal_point_cannot_name_another_lead(client_for, cast, program):
    client = client_for(cast.military_focal)
    client.post(reverse("activities:create"), _form(cast, lead=cast.dan_van.pk))
    assert Activity.objects.get().lead == cast.military  # the lead field is not theirs to set


def test_draft_is_saved_without_submitting(client_for, cast, program):
    client_for(cast.women_focal).post(
        reverse("activities:create"), {**_form(cast, partners=[]), "luu": "1"}
    )
    assert Activity.objects.get().status == ActivityStatus.DRAFT


def test_create_validates_dates_and_figures_in_vietnamese(client_for, cast, program):
    client = client_for(cast.military_focal)
    response = client.post(
        reverse("activities:create"),
        _form(
            cast,
            start_date="2020-12-01",
            end_date="2020-12-01",
            **{
                f"{FIGURE_PREFIX}{cast.attendance.pk}": "4,100",
                f"{FIGURE_PREFIX}{cast.sessions.pk}": "ba",
            },
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "không rõ" in errors[f"{FIGURE_PREFIX}{cast.attendance.pk}"][0]
    assert "không phải là một số" in errors[f"{FIGURE_PREFIX}{cast.sessions.pk}"][0]
    assert not Activity.objects.exists()
    response = client.post(
        reverse("activities:create"), _form(cast, start_date="2020-12-01", end_date="2020-12-01")
    )
    assert "tương lai" in _body(response)


def test_viewer_and_outsider_cannot_report(client_for, cast, program):
    assert client_for(cast.viewer).get(reverse("activities:create")).status_code == 403
    assert (
        client_for(cast.viewer).post(reverse("activities:create"), _form(cast)).status_code == 403
    )
    other = client_for(cast.outsider).get(
        reverse("activities:create"), {"chuong-trinh": program.pk}
    )
    assert other.status_code == 404
    assert not Activity.objects.exists()


# --- detail and workflow ----------------------------------------------------------------


def test_detail_shows_figures_participants_and_the_timeline(client_for, cast, joint_activity):
    response = client_for(cast.women_focal).get(
        reverse("activities:detail", args=[joint_activity.pk])
    )
    body = _body(response)
    assert response.status_code == 200
    assert "350" in body and "lượt người" in body
    assert "Cử báo cáo viên" in body
    timeline = response.context["detail"].timeline
    own = [entry for entry in timeline if "→" in entry.change]
    assert [entry.change for entry in own][:2] == ["Đã gửi → Đã xác nhận", "Dự thảo → Đã gửi"]
    assert own[0].who == "Trần Thị Thu"
    answers = {(entry.who, entry.change) for entry in timeline if "xác nhận tham gia" in entry.change}
    assert answers == {
        ("Nguyễn Văn Quân", "Bộ CHQS tỉnh xác nhận tham gia · Phần việc: Cử báo cáo viên"),
        ("Lê Thị Hoa", "Hội LHPN tỉnh xác nhận tham gia · Phần việc: Cử báo cáo viên"),
    }


def test_outsider_gets_404_on_every_activity_page(client_for, cast, joint_activity):
    client = client_for(cast.outsider)
    pk = joint_activity.pk
    assert client.get(reverse("activities:detail", args=[pk])).status_code == 404
    assert client.get(reverse("activities:edit", args=[pk])).status_code == 404
    for name in ("submit", "confirm", "return", "respond"):
        assert client.post(reverse(f"activities:{name}", args=[pk])).status_code == 404


def test_partner_sees_and_confirms_its_part(client_for, cast, make_activity):
    activity = make_activity()
    client = client_for(cast.military_focal)
    pending = client.get(reverse("activities:pending"))
    assert [p.activity for p in pending.context["page"].object_list] == [activity]
    response = client.post(
        reverse("activities:respond", args=[activity.pk]),
        {"answer": "xac-nhan", "contribution": "Cử 20 chiến sĩ tham gia"},
    )
    assert response.status_code == 302
    part = activity.participations.get(organization=cast.military)
    assert (part.status, part.contribution) == (
        ParticipationStatus.CONFIRMED,
        "Cử 20 chiến sĩ tham gia",
    )
    assert client.get(reverse("activities:pending")).context["page"].paginator.count == 0


def test_partner_declines_and_the_activity_is_no_longer_joint(client_for, cast, make_activity):
    activity = make_activity(partner_ids=[cast.military.pk])
    client_for(cast.military_focal).post(
        reverse("activities:respond", args=[activity.pk]), {"answer": "tu-choi", "next": "cho-toi"}
    )
    activity.refresh_from_db()
    assert activity.participant_count == 1


def test_partner_must_choose_an_answer(client_for, cast, make_activity):
    activity = make_activity()
    response = client_for(cast.military_focal).post(
        reverse("activities:respond", args=[activity.pk]), {"contribution": "?"}, follow=True
    )
    assert "Hãy chọn xác nhận hoặc từ chối." in _body(response)


def test_the_secretariat_confirms(client_for, cast, make_activity):
    activity = make_activity(actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[])
    client = client_for(cast.secretariat)
    queue = client.get(reverse("activities:review_queue"))
    assert list(queue.context["page"].object_list) == [activity]
    client.post(reverse("activities:confirm", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONFIRMED


def test_the_secretariat_returns_with_a_comment(client_for, cast, make_activity):
    activity = make_activity(actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[])
    client = client_for(cast.secretariat)
    response = client.post(
        reverse("activities:return", args=[activity.pk]), {"comment": " "}, follow=True
    )
    assert "Hãy ghi rõ lý do trả lại" in _body(response)
    client.post(
        reverse("activities:return", args=[activity.pk]), {"comment": "Bổ sung số người dự"}
    )
    activity.refresh_from_db()
    assert (activity.status, activity.review_comment) == (
        ActivityStatus.RETURNED,
        "Bổ sung số người dự",
    )
    detail = client_for(cast.military_focal).get(reverse("activities:detail", args=[activity.pk]))
    assert "Bổ sung số người dự" in _body(detail)


def test_members_cannot_confirm_or_open_the_review_queue(client_for, cast, make_activity):
    activity = make_activity(actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[])
    client = client_for(cast.military_focal)
    assert client.post(reverse("activities:confirm", args=[activity.pk])).status_code == 403
    assert client.get(reverse("activities:review_queue")).status_code == 403


def test_viewer_gets_403_on_every_write(client_for, cast, make_activity):
    activity = make_activity()
    client = client_for(cast.viewer)
    pk = activity.pk
    assert client.get(reverse("activities:detail", args=[pk])).status_code == 200
    assert client.get(reverse("activities:edit", args=[pk])).status_code == 403
    assert client.post(reverse("activities:submit", args=[pk])).status_code == 403
    assert client.post(reverse("activities:confirm", args=[pk])).status_code == 403
    assert client.post(reverse("activities:return", args=[pk]), {"comment": "x"}).status_code == 403
    assert client.post(reverse("activities:attachment_add", args=[pk])).status_code == 403


def test_a_returned_draft_is_submitted_again_by_its_lead(client_for, cast, make_activity):
    activity = make_activity(
        actor=cast.women_focal, lead_id=cast.women.pk, partner_ids=[], submit=False
    )
    client = client_for(cast.women_focal)
    client.post(reverse("activities:submit", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    response = client.post(reverse("activities:submit", args=[activity.pk]), follow=True)
    assert "Không thể chuyển hoạt động" in _body(response)


# --- edit ---------------------------------------------------------------------------------


def test_edit_form_carries_the_revision_and_saves(client_for, cast, make_activity):
    activity = make_activity(actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[])
    client = client_for(cast.military_focal)
    response = client.get(reverse("activities:edit", args=[activity.pk]))
    assert response.context["form"]["version"].value() == 1
    assert response.context["form"][f"{FIGURE_PREFIX}{cast.attendance.pk}"].value() == "350"
    client.post(
        reverse("activities:edit", args=[activity.pk]), _form(cast, version=1, title="Đã sửa")
    )
    activity.refresh_from_db()
    assert (activity.title, activity.revision) == ("Đã sửa", 2)


def test_a_stale_edit_is_refused_and_reshown_with_the_current_revision(
    client_for, cast, make_activity
):
    activity = make_activity(actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[])
    client = client_for(cast.military_focal)
    url = reverse("activities:edit", args=[activity.pk])
    client.post(url, _form(cast, version=1, title="Bản A"))
    response = client.post(url, _form(cast, version=1, title="Bản B"))
    assert response.status_code == 200
    assert "người khác sửa" in _body(response)
    assert response.context["form"]["version"].value() == 2
    activity.refresh_from_db()
    assert activity.title == "Bản A"


def test_a_partner_cannot_edit_the_leads_activity(client_for, cast, make_activity):
    activity = make_activity()
    response = client_for(cast.military_focal).post(
        reverse("activities:edit", args=[activity.pk]), _form(cast, version=1)
    )
    assert response.status_code == 403


def test_with_several_programs_the_reporter_chooses_one_first(client_for, cast, program):
    later = program_create(
        actor=cast.secretariat,
        committee=cast.committee,
        name="Chương trình phối hợp giai đoạn 2021–2025",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2025, 12, 31),
        members=[cast.dan_van, cast.military],
    )
    client = client_for(cast.military_focal)
    response = client.get(reverse("activities:create"))
    assert response.templates[0].name == "activities/choose_program.html"
    assert set(response.context["programs"]) == {program, later}
    response = client.get(reverse("activities:create"), {"chuong-trinh": program.pk})
    assert response.context["form"].program == program


@pytest.mark.parametrize(
    ("name", "who"),
    [("activities:review_queue", "secretariat"), ("activities:pending", "military_focal"),
     ("activities:mine", "military_focal")],
)
def test_the_other_lists_queries_do_not_grow_with_rows(
    client_for, cast, make_activity, django_assert_max_num_queries, name, who
):
    """The review queue, "waiting for me" and the organization's record: a bounded
    number of queries, the same for one row as for seven."""
    client = client_for(getattr(cast, who))
    make_activity(actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[])
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse(name)).status_code == 200
    for _ in range(3):
        make_activity(actor=cast.military_focal, lead_id=cast.military.pk, partner_ids=[])
        make_activity(partner_ids=[cast.military.pk])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(name))
    assert response.context["page"].paginator.count >= 1
