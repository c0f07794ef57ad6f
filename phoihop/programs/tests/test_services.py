"""Writes of programs, plans, tasks and indicators: rights, rules, Vietnamese messages."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.organizations.models import Person
from phoihop.programs import services
from phoihop.programs.models import Indicator, PlanStatus

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture(autouse=True)
def _pinned(clock):
    return clock


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def _task(cast, **overrides):
    values = dict(
        actor=cast.secretariat,
        plan=cast.plan,
        title="Vận động giải phóng mặt bằng",
        content_area=cast.program.content_areas.get(number=2),
        lead=cast.military,
        partners=[cast.women],
        localities=[cast.places.lamha],
        due_date=dt.date(2020, 11, 30),
    )
    return services.task_create(**(values | overrides))


# --- programs ---------------------------------------------------------------------------


def test_secretariat_updates_a_program_and_history_knows_who(cast, program):
    services.program_update(actor=cast.secretariat, program=program, name="  Chương  trình mới ")
    program.refresh_from_db()
    assert program.name == "Chương trình mới"
    assert program.history.first().history_user == cast.secretariat


def test_focal_points_and_viewers_cannot_change_a_program(cast, program):
    for user in (cast.military_focal, cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.program_update(actor=user, program=program, name="Khác")


def test_the_period_cannot_shrink_below_existing_plans(cast, program):
    with pytest.raises(ValidationError) as error:
        services.program_update(actor=cast.secretariat, program=program, period_end=dt.date(2019, 12, 31))
    assert "kế hoạch năm 2020" in _messages(error.value, "period_end")


def test_members_join_from_the_committee_only_and_once(cast, program):
    cast.program.members.filter(organization=cast.women).delete()
    member = services.program_member_add(
        actor=cast.secretariat, program=program, organization=cast.women, joined_on=dt.date(2018, 3, 1)
    )
    assert member.joined_on == dt.date(2018, 3, 1)
    with pytest.raises(ValidationError) as error:
        services.program_member_add(actor=cast.secretariat, program=program, organization=cast.women)
    assert "đã là thành viên" in _messages(error.value, "organization")
    with pytest.raises(ValidationError) as error:
        services.program_member_add(actor=cast.secretariat, program=program, organization=cast.nd_dan_van)
    assert "không thuộc Ban Chỉ đạo" in _messages(error.value, "organization")


def test_a_member_leaves_after_it_joined(cast, program):
    member = program.members.get(organization=cast.women)
    services.program_member_leave(actor=cast.secretariat, member=member, left_on=dt.date(2019, 1, 1))
    member.refresh_from_db()
    assert member.left_on == dt.date(2019, 1, 1)
    with pytest.raises(ValidationError) as error:
        services.program_member_leave(actor=cast.secretariat, member=member, left_on=dt.date(2019, 6, 1))
    assert "đã rời" in _messages(error.value, "left_on")


def test_content_area_numbers_stay_unique(cast, program):
    area = services.content_area_create(
        actor=cast.secretariat, program=program, number=8, name="Chuyển đổi số"
    )
    services.content_area_update(actor=cast.secretariat, area=area, number=8, name="Chuyển đổi số", description="Mới")
    with pytest.raises(ValidationError) as error:
        services.content_area_update(actor=cast.secretariat, area=area, number=1, name="Trùng")
    assert "đã được dùng" in _messages(error.value, "number")


def test_signing_records_date_place_signatories_and_the_document(cast, program):
    head = Person.objects.create(full_name="Nguyễn Văn Trưởng", organization=cast.military)
    member = program.members.get(organization=cast.military)
    services.program_sign(
        actor=cast.secretariat,
        program=program,
        signed_on=dt.date(2016, 3, 10),
        signed_place="Phủ Lý",
        signatories={member.pk: head},
        signed_document=SimpleUploadedFile("ky-ket.pdf", PDF),
    )
    program.refresh_from_db()
    member.refresh_from_db()
    assert (program.signed_on, program.signed_place, member.signatory) == (dt.date(2016, 3, 10), "Phủ Lý", head)
    assert program.signed_document.name.endswith(".pdf")


def test_a_signatory_must_work_for_the_member(cast, program):
    stranger = Person.objects.create(full_name="Người ngoài", organization=cast.women)
    member = program.members.get(organization=cast.military)
    with pytest.raises(ValidationError) as error:
        services.program_sign(
            actor=cast.secretariat, program=program, signed_on=dt.date(2016, 3, 10),
            signed_place="Phủ Lý", signatories={member.pk: stranger},
        )
    assert "không phải cán bộ" in _messages(error.value, f"signatory_{member.pk}")


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("ky-ket.pdf", PDF, True),
        ("ky-ket.docx", None, True),  # a real Word document, built below
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, True),
        ("ky-ket.pdf", b"MZ\x90\x00 not a pdf", False),  # an executable renamed
        ("ky-ket.docx", PDF, False),  # a PDF named .docx
        ("ky-ket.exe", PDF, False),
    ],
)
def test_documents_are_judged_by_their_bytes(cast, program, name, content, accepted):
    upload = SimpleUploadedFile(name, content if content is not None else _docx_bytes())
    sign = dict(actor=cast.secretariat, program=program, signed_on=dt.date(2016, 3, 10), signed_place="Phủ Lý")
    if accepted:
        services.program_sign(**sign, signed_document=upload)
    else:
        with pytest.raises(ValidationError) as error:
            services.program_sign(**sign, signed_document=upload)
        message = _messages(error.value, "signed_document")
        assert "không phải tệp" in message or "không được nhận" in message


def test_documents_over_10_mb_are_refused(cast, program):
    upload = SimpleUploadedFile("lon.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.program_sign(
            actor=cast.secretariat, program=program, signed_on=dt.date(2016, 3, 10),
            signed_place="Phủ Lý", signed_document=upload,
        )
    assert "tối đa 10 MB" in _messages(error.value, "signed_document")


# --- plans ------------------------------------------------------------------------------


def test_plans_are_made_inside_the_program_period_once_a_year(cast, program):
    plan = services.plan_create(actor=cast.secretariat, program=program, year=2019)
    assert plan.title == "Kế hoạch phối hợp năm 2019"
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=cast.secretariat, program=program, year=2019)
    assert "đã có kế hoạch năm 2019" in _messages(error.value, "year")
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=cast.secretariat, program=program, year=2021)
    assert "nằm ngoài thời gian" in _messages(error.value, "year")
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=cast.viewer, program=program, year=2018)


def test_signing_a_plan_marks_it_signed(cast, program):
    services.plan_sign(actor=cast.secretariat, plan=cast.plan, signed_on=dt.date(2020, 1, 15), signed_place="Phủ Lý")
    cast.plan.refresh_from_db()
    assert cast.plan.status == PlanStatus.SIGNED
    with pytest.raises(ValidationError) as error:
        services.plan_sign(actor=cast.secretariat, plan=cast.plan, signed_on=dt.date(2021, 1, 1), signed_place="X")
    assert "sau ngày hôm nay" in _messages(error.value, "signed_on")


# --- tasks ------------------------------------------------------------------------------


def test_a_task_gets_the_next_number_and_its_sets(cast, program):
    task = _task(cast)
    assert task.number == 2
    assert list(task.partners.all()) == [cast.women]
    assert list(task.localities.all()) == [cast.places.lamha]


def test_task_rules_speak_vietnamese(cast, program, old_commune):
    cast.other_program = services.program_create(
        actor=cast.outsider, committee=cast.other_committee, name="Nam Định",
        period_start=dt.date(2016, 1, 1), period_end=dt.date(2020, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        _task(
            cast,
            content_area=cast.other_program.content_areas.first(),
            lead=cast.nd_dan_van,
            partners=[cast.military],
            localities=[cast.places.namdinh, old_commune],
            due_date=dt.date(2021, 1, 15),
        )
    errors = error.value.message_dict
    assert "không thuộc chương trình này" in " ".join(errors["content_area"])
    assert "không phải thành viên" in " ".join(errors["lead"])
    assert "không thuộc phạm vi" in " ".join(errors["localities"])
    assert "trong năm 2020" in " ".join(errors["due_date"])


def test_a_member_that_left_cannot_lead_later_tasks(cast, program):
    member = program.members.get(organization=cast.women)
    services.program_member_leave(actor=cast.secretariat, member=member, left_on=dt.date(2019, 1, 1))
    with pytest.raises(ValidationError) as error:
        _task(cast, lead=cast.women, partners=[])
    assert "năm 2020" in _messages(error.value, "lead")


def test_the_lead_is_not_also_a_partner(cast, program):
    with pytest.raises(ValidationError) as error:
        _task(cast, partners=[cast.military])
    assert "không đồng thời" in _messages(error.value, "partners")


def test_task_update_changes_fields_and_sets(cast, program):
    services.task_update(
        actor=cast.secretariat, task=cast.task, title="Tuyên truyền mới",
        partners=[cast.women], localities=[cast.places.lamha],
    )
    cast.task.refresh_from_db()
    assert cast.task.title == "Tuyên truyền mới"
    assert list(cast.task.partners.all()) == [cast.women]
    with pytest.raises(PermissionDenied):
        services.task_update(actor=cast.women_focal, task=cast.task, title="Không được")


def test_targets_are_set_changed_and_never_negative(cast, program):
    services.task_target_set(actor=cast.secretariat, task=cast.task, indicator=cast.sessions, value=Decimal(30))
    services.task_target_set(actor=cast.secretariat, task=cast.task, indicator=cast.attendance, value=Decimal(900))
    values = dict(cast.task.targets.values_list("indicator__code", "value"))
    assert values == {"tuyen-truyen-buoi": 30, "tuyen-truyen-luot": 900}
    with pytest.raises(ValidationError) as error:
        services.task_target_set(actor=cast.secretariat, task=cast.task, indicator=cast.sessions, value=Decimal(-1))
    assert "không âm" in _messages(error.value, "value")
    services.task_targets_replace(actor=cast.secretariat, task=cast.task, targets={cast.attendance: Decimal(5)})
    assert dict(cast.task.targets.values_list("indicator__code", "value")) == {"tuyen-truyen-luot": 5}


# --- indicators -------------------------------------------------------------------------


def test_only_administrators_edit_the_indicator_catalogue(cast):
    indicator = services.indicator_create(
        actor=cast.admin, code="hoi-thao", name="Hội thảo", unit="cuộc", aggregation="sum",
        decimals=0, order=200,
    )
    with pytest.raises(ValidationError) as error:
        services.indicator_create(actor=cast.admin, code="hoi-thao", name="Trùng", unit="cuộc", aggregation="sum")
    assert "đã tồn tại" in _messages(error.value, "code")
    for user in (cast.secretariat, cast.viewer):
        with pytest.raises(PermissionDenied):
            services.indicator_update(actor=user, indicator=indicator, name="Khác")
    services.indicator_update(actor=cast.admin, indicator=indicator, name="Hội thảo khoa học")
    assert Indicator.objects.get(code="hoi-thao").name == "Hội thảo khoa học"
