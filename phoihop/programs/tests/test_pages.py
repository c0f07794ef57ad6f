"""Program, plan, task and indicator pages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.activities import rollup
from phoihop.core.history import record_version
from phoihop.programs import services
from phoihop.programs.models import AnnualPlan, Indicator, Program, Task
from phoihop.programs.tests.factories import report


@pytest.fixture(autouse=True)
def _pinned(clock):
    return clock


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _member(cast, org):
    return cast.program.members.get(organization=org)


# Every page that reads one record: (url name, how to get its pk from the cast).
READ_PAGES = [
    ("programs:detail", lambda c: c.program.pk),
    ("programs:plan_detail", lambda c: c.plan.pk),
    ("programs:task_detail", lambda c: c.task.pk),
]
# Every page that writes: only the committee's secretariat (or an administrator).
WRITE_PAGES = [
    ("programs:edit", lambda c: c.program.pk),
    ("programs:sign", lambda c: c.program.pk),
    ("programs:member_add", lambda c: c.program.pk),
    ("programs:member_leave", lambda c: _member(c, c.women).pk),
    ("programs:area_create", lambda c: c.program.pk),
    ("programs:area_edit", lambda c: c.program.content_areas.first().pk),
    ("programs:plan_create", lambda c: c.program.pk),
    ("programs:plan_sign", lambda c: c.plan.pk),
    ("programs:task_create", lambda c: c.plan.pk),
    ("programs:task_edit", lambda c: c.task.pk),
]


@pytest.mark.parametrize(("name", "pk"), READ_PAGES + WRITE_PAGES)
def test_outsider_gets_404(client_for, cast, program, name, pk):
    assert client_for(cast.outsider).get(reverse(name, args=[pk(cast)])).status_code == 404


@pytest.mark.parametrize(("name", "pk"), WRITE_PAGES)
def test_viewer_and_focal_point_get_403_on_writes(client_for, cast, program, name, pk):
    url = reverse(name, args=[pk(cast)])
    for user in (cast.viewer, cast.military_focal):
        assert client_for(user).get(url).status_code == 403
        assert client_for(user).post(url, {}).status_code == 403


@pytest.mark.parametrize(("name", "pk"), READ_PAGES + WRITE_PAGES)
def test_anonymous_is_sent_to_login(client, cast, program, name, pk):
    response = client.get(reverse(name, args=[pk(cast)]))
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


@pytest.mark.parametrize(("name", "pk"), READ_PAGES + WRITE_PAGES)
def test_secretariat_opens_every_page(client_for, cast, program, name, pk):
    assert client_for(cast.secretariat).get(reverse(name, args=[pk(cast)])).status_code == 200


@pytest.mark.parametrize(("name", "pk"), READ_PAGES)
def test_members_and_viewers_read(client_for, cast, program, name, pk):
    for user in (cast.military_focal, cast.viewer):
        assert client_for(user).get(reverse(name, args=[pk(cast)])).status_code == 200


# --- programs ---------------------------------------------------------------------------


def test_list_shows_the_users_programs_only(client_for, cast, program, django_assert_max_num_queries):
    client = client_for(cast.military_focal)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("programs:list"))
    assert list(response.context["programs"]) == [program]
    assert list(client_for(cast.outsider).get(reverse("programs:list")).context["programs"]) == []


def test_detail_shows_members_areas_plans_and_history_link(client_for, cast, program):
    html = client_for(cast.secretariat).get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert cast.military.name in html and "Tuyên truyền, vận động" in html
    assert "Kế hoạch phối hợp năm 2020" in html
    history = reverse("core:history", args=["programs.program", program.pk])
    assert history in html
    assert client_for(cast.secretariat).get(history).status_code == 200


def test_program_edit_saves_and_validates_in_vietnamese(client_for, cast, program):
    url = reverse("programs:edit", args=[program.pk])
    data = {
        "name": "Chương trình 2016–2020 (sửa)", "level": "province", "period_start": "2016-01-01",
        "period_end": "2020-12-31", "description": "", "report_frequency": "quarterly",
        "report_due_days": 10, "version": record_version(program),
    }
    client = client_for(cast.secretariat)
    response = client.post(url, data | {"period_end": "2019-12-31"})
    assert "nằm ngoài thời gian mới" in response.content.decode()
    assert client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert program.name == "Chương trình 2016–2020 (sửa)"


def test_signing_page_uploads_the_document_and_lists_signatories(client_for, cast, program):
    from phoihop.organizations.models import Person

    head = Person.objects.create(full_name="Đỗ Văn Ký", organization=cast.military)
    member = _member(cast, cast.military)
    url = reverse("programs:sign", args=[program.pk])
    client = client_for(cast.secretariat)
    data = {"signed_on": "10/03/2016", "signed_place": "Phủ Lý", f"signatory_{member.pk}": head.pk}
    bad = client.post(url, data | {"signed_document": SimpleUploadedFile("a.pdf", b"MZ not pdf")})
    assert "không phải tệp PDF thật" in bad.content.decode()
    good = client.post(url, data | {"signed_document": SimpleUploadedFile("a.pdf", b"%PDF-1.4 ok")})
    assert good.status_code == 302
    html = client.get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert "Đỗ Văn Ký" in html and "Ngày 10 tháng 3 năm 2016" in html and "Tải văn bản" in html


def test_the_signed_document_is_downloaded_by_members_only(client_for, cast, program):
    url = reverse("programs:document", args=[program.pk])
    assert client_for(cast.viewer).get(url).status_code == 404  # nothing signed yet
    client_for(cast.secretariat).post(
        reverse("programs:sign", args=[program.pk]),
        {"signed_on": "2016-03-10", "signed_place": "Phủ Lý", "signed_document": SimpleUploadedFile("ky.pdf", b"%PDF-1.4 ok")},
    )
    response = client_for(cast.viewer).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 ok"
    assert "attachment" in response["Content-Disposition"]
    assert client_for(cast.outsider).get(url).status_code == 404


def test_plan_document_download(client_for, cast, program):
    client = client_for(cast.secretariat)
    client.post(
        reverse("programs:plan_sign", args=[cast.plan.pk]),
        {"signed_on": "2020-01-10", "signed_place": "Phủ Lý", "document": SimpleUploadedFile("kh.png", b"\x89PNG\r\n\x1a\n..")},
    )
    url = reverse("programs:plan_document", args=[cast.plan.pk])
    assert client_for(cast.military_focal).get(url).status_code == 200
    assert client_for(cast.outsider).get(url).status_code == 404


@pytest.mark.parametrize(("label", "pk"), [("programs.annualplan", lambda c: c.plan.pk), ("programs.task", lambda c: c.task.pk)])
def test_plan_and_task_history_pages(client_for, cast, program, label, pk):
    from phoihop.programs.services import task_update

    task_update(actor=cast.secretariat, task=cast.task, title="Đổi tên", partners=[cast.women])
    url = reverse("core:history", args=[label, pk(cast)])
    assert client_for(cast.secretariat).get(url).status_code == 200
    assert client_for(cast.outsider).get(url).status_code == 404


def test_member_add_and_leave_pages(client_for, cast, program):
    client = client_for(cast.secretariat)
    _member(cast, cast.women).delete()
    url = reverse("programs:member_add", args=[program.pk])
    bad = client.post(url, {"organization": cast.women.pk, "joined_on": "2030-01-01"})
    assert "nằm ngoài thời gian của chương trình" in bad.content.decode()
    assert client.post(url, {"organization": cast.women.pk, "joined_on": "2017-01-01", "is_signatory": "on"}).status_code == 302
    member = _member(cast, cast.women)
    leave = reverse("programs:member_leave", args=[member.pk])
    assert "Ngày rời phải sau ngày tham gia" in client.post(leave, {"left_on": "2016-06-01"}).content.decode()
    assert client.post(leave, {"left_on": "2019-06-01"}).status_code == 302
    member.refresh_from_db()
    assert member.left_on == dt.date(2019, 6, 1)


def test_content_area_pages(client_for, cast, program):
    client = client_for(cast.secretariat)
    create = reverse("programs:area_create", args=[program.pk])
    assert "đã được dùng" in client.post(create, {"number": 1, "name": "Trùng"}).content.decode()
    assert client.post(create, {"number": 8, "name": "Chuyển đổi số"}).status_code == 302
    area = program.content_areas.get(number=8)
    edit = reverse("programs:area_edit", args=[area.pk])
    assert client.post(edit, {"number": 8, "name": "Chuyển đổi số quốc gia"}).status_code == 302
    area.refresh_from_db()
    assert area.name == "Chuyển đổi số quốc gia"


# --- plans ------------------------------------------------------------------------------


def test_plan_create_and_sign_pages(client_for, cast, program):
    client = client_for(cast.secretariat)
    url = reverse("programs:plan_create", args=[program.pk])
    assert "nằm ngoài thời gian" in client.post(url, {"year": 2022}).content.decode()
    response = client.post(url, {"year": 2019, "title": ""})
    plan = AnnualPlan.objects.get(program=program, year=2019)
    assert response["Location"] == reverse("programs:plan_detail", args=[plan.pk])
    sign = reverse("programs:plan_sign", args=[plan.pk])
    assert "sau ngày hôm nay" in client.post(sign, {"signed_on": "2021-01-01", "signed_place": "Phủ Lý"}).content.decode()
    assert client.post(sign, {"signed_on": "2019-01-10", "signed_place": "Phủ Lý"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "signed"


def _more_tasks(cast, count: int) -> None:
    for number in range(2, count + 2):
        task = Task.objects.create(
            plan=cast.plan, number=number, title=f"Nhiệm vụ {number}",
            content_area=cast.program.content_areas.get(number=1 + number % 7),
            lead=cast.military, due_date=dt.date(2020, 12, 31),
        )
        task.partners.set([cast.women, cast.dan_van])
        task.localities.set([cast.places.lamha])
        task.targets.create(indicator=cast.sessions, value=number)


@pytest.mark.parametrize("extra_tasks", [0, 12])
def test_plan_page_queries_do_not_grow_with_tasks(client_for, cast, program, extra_tasks, django_assert_max_num_queries):
    _more_tasks(cast, extra_tasks)
    report(cast)
    client = client_for(cast.military_focal)
    rollup.refresh()  # the first reader after a change recomputes its month (test_rollup)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("programs:plan_detail", args=[cast.plan.pk]))
    assert sum(len(rows) for _, rows in response.context["groups"]) == extra_tasks + 1


def test_plan_page_groups_tasks_by_content_area(client_for, cast, program):
    _more_tasks(cast, 3)
    response = client_for(cast.secretariat).get(reverse("programs:plan_detail", args=[cast.plan.pk]))
    numbers = [area.number for area, _ in response.context["groups"]]
    assert numbers == sorted(set(numbers))


# --- tasks ------------------------------------------------------------------------------


def _task_data(cast, **overrides) -> dict:
    data = {
        "title": "Vận động giải phóng mặt bằng",
        "content_area": cast.program.content_areas.get(number=2).pk,
        "lead": cast.military.pk,
        "partners": [cast.women.pk],
        "localities": [cast.places.lamha.pk],
        "due_date": "2020-11-30",
        "targets-TOTAL_FORMS": "2",
        "targets-INITIAL_FORMS": "0",
        "targets-0-indicator": cast.sessions.pk,
        "targets-0-value": "1.200",
        "targets-1-indicator": "",
        "targets-1-value": "",
    }
    return data | overrides


def test_task_form_offers_communes_grouped_by_district(client_for, cast, program, old_commune):
    html = client_for(cast.secretariat).get(reverse("programs:task_create", args=[cast.plan.pk])).content.decode()
    assert '<optgroup label="Thành phố Phủ Lý">' in html
    assert "Phường Lam Hạ" in html and old_commune.name not in html


def test_task_create_with_targets(client_for, cast, program):
    response = client_for(cast.secretariat).post(reverse("programs:task_create", args=[cast.plan.pk]), _task_data(cast))
    task = Task.objects.get(title="Vận động giải phóng mặt bằng")
    assert response["Location"] == reverse("programs:task_detail", args=[task.pk])
    assert dict(task.targets.values_list("indicator__code", "value")) == {"tuyen-truyen-buoi": 1200}
    assert list(task.localities.all()) == [cast.places.lamha]


def test_task_create_validates_in_vietnamese(client_for, cast, program):
    client = client_for(cast.secretariat)
    url = reverse("programs:task_create", args=[cast.plan.pk])
    html = client.post(url, _task_data(cast, due_date="2021-02-01", partners=[cast.military.pk])).content.decode()
    assert "Thời hạn phải nằm trong năm 2020" in html
    assert "không đồng thời là cơ quan phối hợp" in html
    html = client.post(url, _task_data(cast, **{"targets-0-value": "-3"})).content.decode()
    assert "Chỉ tiêu phải là số không âm" in html
    assert not Task.objects.filter(title="Vận động giải phóng mặt bằng").exists()


def test_task_edit_replaces_targets(client_for, cast, program):
    url = reverse("programs:task_edit", args=[cast.task.pk])
    client = client_for(cast.secretariat)
    assert client.get(url).status_code == 200
    data = _task_data(
        cast,
        title=cast.task.title,
        content_area=cast.task.content_area_id,
        lead=cast.dan_van.pk,
        due_date="2020-12-15",
        version=record_version(cast.task),
        **{"targets-0-indicator": cast.attendance.pk, "targets-0-value": "500"},
    )
    assert client.post(url, data).status_code == 302
    assert dict(cast.task.targets.values_list("indicator__code", "value")) == {"tuyen-truyen-luot": 500}


def test_task_detail_lists_linked_activities_and_progress(client_for, cast, program):
    report(cast, figures={cast.sessions.pk: 6})
    html = client_for(cast.viewer).get(reverse("programs:task_detail", args=[cast.task.pk])).content.decode()
    assert "Tuyên truyền Luật Đất đai tại phường Lam Hạ" in html
    assert "Đã xác nhận" in html and "30%" in html


def test_task_detail_hides_other_organizations_drafts(client_for, cast, program):
    from phoihop.activities.services import ActivityData, activity_create

    data = ActivityData(
        title="Bản nháp của Bộ CHQS", start_date=dt.date(2020, 10, 1), end_date=dt.date(2020, 10, 1),
        content_area_id=cast.task.content_area_id, lead_id=cast.military.pk, task_id=cast.task.pk,
    )
    activity_create(actor=cast.military_focal, program=program, data=data)
    url = reverse("programs:task_detail", args=[cast.task.pk])
    assert "Bản nháp của Bộ CHQS" not in client_for(cast.women_focal).get(url).content.decode()
    assert "Bản nháp của Bộ CHQS" in client_for(cast.military_focal).get(url).content.decode()


# --- indicators -------------------------------------------------------------------------


def test_every_signed_in_user_reads_the_indicator_catalogue(client_for, cast, client):
    response = client_for(cast.viewer).get(reverse("programs:indicator_list"))
    assert response.status_code == 200
    assert "Buổi tuyên truyền" in response.content.decode()
    assert reverse("programs:indicator_create") not in response.content.decode()
    client.logout()
    assert client.get(reverse("programs:indicator_list")).status_code == 302


def test_only_administrators_create_and_edit_indicators(client_for, cast):
    indicator = Indicator.objects.get(code="tuyen-truyen-buoi")
    for user in (cast.secretariat, cast.viewer):
        client = client_for(user)
        assert client.get(reverse("programs:indicator_create")).status_code == 403
        assert client.get(reverse("programs:indicator_edit", args=[indicator.pk])).status_code == 403
    client = client_for(cast.admin)
    data = {"code": "hoi-thao", "name": "Hội thảo", "unit": "cuộc", "aggregation": "sum", "decimals": 0, "order": 200, "is_active": "on"}
    assert client.post(reverse("programs:indicator_create"), data).status_code == 302
    duplicate = client.post(reverse("programs:indicator_create"), data).content.decode()
    assert "Mã chỉ tiêu đã tồn tại" in duplicate
    edit = reverse("programs:indicator_edit", args=[indicator.pk])
    assert client.post(edit, {**data, "code": indicator.code, "name": "Buổi tuyên truyền, vận động"}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Buổi tuyên truyền, vận động"


def test_the_wording_of_an_indicator_in_reviews_is_set_on_its_form_and_checked(client_for, cast):
    indicator = Indicator.objects.get(code="tuyen-truyen-buoi")
    client = client_for(cast.admin)
    edit = reverse("programs:indicator_edit", args=[indicator.pk])
    assert "Cách viết trong báo cáo" in client.get(edit).content.decode()
    data = {"code": indicator.code, "name": indicator.name, "unit": indicator.unit, "aggregation": "sum",
            "decimals": 0, "order": 10, "is_active": "on"}

    for wrong in ("tổ chức buổi tuyên truyền", "tổ chức {n} buổi, {n} lượt", "tổ chức {so} buổi"):
        page = client.post(edit, {**data, "review_phrase": wrong}).content.decode()
        assert "Cách viết phải có đúng một chỗ cho số liệu" in page, wrong
    indicator.refresh_from_db()
    assert indicator.review_phrase == ""

    assert client.post(edit, {**data, "review_phrase": "  tổ chức {n}  buổi nói chuyện chuyên đề "}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.review_phrase == "tổ chức {n} buổi nói chuyện chuyên đề"
    assert client_for(cast.secretariat).post(edit, {**data, "review_phrase": "x {n}"}).status_code == 403


# --- Creating a program ------------------------------------------------------------------


def _new_program(cast, **overrides):
    data = {
        "committee": cast.committee.pk,
        "name": "  Chương trình phối hợp   giai đoạn 2021–2025 ",
        "level": "province",
        "period_start": "2021-01-01",
        "period_end": "31/12/2025",
        "description": "",
        "report_frequency": "quarterly",
        "report_due_days": "5",
        "members": [cast.dan_van.pk, cast.military.pk],
    }
    return data | overrides


def test_the_secretariat_starts_a_program_with_its_members_and_default_areas(
    client_for, cast, program
):
    client = client_for(cast.secretariat)
    page = client.get(reverse("programs:list"))
    assert reverse("programs:create") in page.text
    form = client.get(reverse("programs:create"))
    assert form.status_code == 200 and "Thêm chương trình phối hợp" in form.text

    response = client.post(reverse("programs:create"), _new_program(cast))

    created = Program.objects.get(name="Chương trình phối hợp giai đoạn 2021–2025")
    assert response.status_code == 302 and response.url == reverse("programs:detail", args=[created.pk])
    assert set(created.members.values_list("organization_id", flat=True)) == {
        cast.dan_van.pk,
        cast.military.pk,
    }
    assert created.content_areas.count() == 7
    assert created.history.count() == 1


def test_a_new_program_refuses_bad_input_in_vietnamese_and_keeps_it(client_for, cast, program):
    client = client_for(cast.secretariat)
    response = client.post(
        reverse("programs:create"), _new_program(cast, period_end="2020-01-01", name="X")
    )
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.text
    assert 'value="X"' in response.text  # nothing typed is lost
    garbage = client.post(
        reverse("programs:create"),
        _new_program(cast, committee="abc", period_start="\x00", members=["x"], report_due_days="-1"),
    )
    assert garbage.status_code == 400
    assert Program.objects.count() == 1


def test_only_a_committee_secretariat_or_an_administrator_starts_programs(
    client, client_for, cast, program
):
    url = reverse("programs:create")
    response = client.get(url)
    assert response.status_code == 302 and "/tai-khoan/" in response.url
    for user in (cast.military_focal, cast.viewer):
        assert client_for(user).get(url).status_code == 403
        assert client_for(user).post(url, _new_program(cast)).status_code == 403
        assert reverse("programs:create") not in client_for(user).get(reverse("programs:list")).text
    assert client_for(cast.admin).get(url).status_code == 200
    # Another province's secretariat cannot pick Hà Nam's committee.
    outsider = client_for(cast.outsider).post(url, _new_program(cast))
    assert outsider.status_code in (400, 403)
    assert Program.objects.count() == 1


def test_program_create_refuses_members_outside_the_committee(cast, program):
    from phoihop.organizations.models import Organization

    stranger = Organization.objects.exclude(memberships__committee=cast.committee).exclude(
        pk=cast.committee.host_id
    ).first()
    with pytest.raises(ValidationError):
        services.program_create(
            actor=cast.secretariat,
            committee=cast.committee,
            name="Chương trình khác",
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2025, 12, 31),
            members=[stranger],
        )
    with pytest.raises(PermissionDenied):
        services.program_create(
            actor=cast.military_focal,
            committee=cast.committee,
            name="Chương trình khác",
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2025, 12, 31),
        )


@pytest.mark.django_db
def test_english_pages_print_years_as_years(client_for, cast, program, settings):
    client = client_for(cast.secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    plan = program.plans.first()
    text = client.get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert f"<td>{plan.year}</td>" in text
    assert f"({program.period_start.year}–{program.period_end.year})" in text
