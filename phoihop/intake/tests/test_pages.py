"""The intake pages: bring a text in, review it highlighted and explained, confirm the
reports to make. Secretariat and focal points only; viewers 403; outsiders 404."""

import pytest
from django.urls import reverse

from phoihop.intake import services
from phoihop.intake.models import IntakeDocument
from phoihop.localities.models import Kind, Level, Locality
from phoihop.situations.models import SituationReport

pytestmark = pytest.mark.django_db
HOME = reverse("intake:home")


def _doc(hanam, text):
    return services.intake_create(actor=hanam.secretariat, committee=hanam.committee, text=text)


def test_the_home_page_lists_texts_for_the_secretariat(hanam, seed_text, client_for, django_assert_max_num_queries):
    for _ in range(3):
        _doc(hanam, seed_text)
    client = client_for(hanam.secretariat)
    with django_assert_max_num_queries(12):
        response = client.get(HOME)
    assert response.status_code == 200
    assert response.content.decode().count("Toàn cảnh hội nghị") == 3


def test_anonymous_is_sent_to_login(client, hanam):
    response = client.get(HOME)
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_a_viewer_gets_403(hanam, seed_text, client_for):
    document = _doc(hanam, seed_text)
    client = client_for(hanam.viewer)
    assert client.get(HOME).status_code == 403
    assert client.get(reverse("intake:document", args=[document.pk])).status_code == 403


def test_an_outsider_gets_404_on_another_committees_text(hanam, seed_text, client_for):
    document = _doc(hanam, seed_text)
    client = client_for(hanam.outsider)
    assert client.get(reverse("intake:document", args=[document.pk])).status_code == 404
    assert client.post(reverse("intake:make_reports", args=[document.pk]), {}).status_code == 404


def test_posting_a_text_keeps_it_and_shows_the_review_screen_without_creating_records(
    hanam, seed_text, client_for
):
    client = client_for(hanam.military_focal)
    response = client.post(HOME, {"committee": hanam.committee.pk, "text": seed_text})
    document = IntakeDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intake:document", args=[document.pk])
    page = client.get(response["Location"]).content.decode()
    assert '<mark class="intake-locality"' in page
    assert "Địa bàn: Xã Thanh Hải, Huyện Thanh Liêm, Tỉnh Hà Nam" in page
    assert '<mark class="intake-person"' in page and "Nguyễn Đức Toàn" in page
    assert 'name="topic" value="dat-dai" checked' in page
    assert SituationReport.objects.count() == 0


@pytest.mark.parametrize(("text", "message"), [
    ("", "Văn bản đang trống"),
    ("Five years of coordination were reviewed by the steering committee.", "không phải tiếng Việt"),
])
def test_bad_input_gets_a_vietnamese_message_and_creates_nothing(hanam, client_for, text, message):
    response = client_for(hanam.secretariat).post(HOME, {"committee": hanam.committee.pk, "text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert IntakeDocument.objects.count() == 0


def test_a_paste_over_the_request_limit_gets_a_message(hanam, client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client_for(hanam.secretariat).post(HOME, {"committee": hanam.committee.pk, "text": "xã " * 2000})
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()
    assert IntakeDocument.objects.count() == 0


def test_a_renamed_binary_file_gets_a_message(hanam, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("tong-ket.docx", b"MZ" + b"\x00" * 300)
    response = client_for(hanam.secretariat).post(HOME, {"committee": hanam.committee.pk, "file": upload})
    assert response.status_code == 400 and "không phải tệp DOCX thật" in response.content.decode()


def _rows(document):
    return {row["name"]: str(i) for i, row in enumerate(document.extraction["localities"])}


def test_reports_are_created_only_for_what_is_confirmed(hanam, seed_text, client_for):
    document = services.intake_create(actor=hanam.military_focal, committee=hanam.committee, text=seed_text)
    rows = _rows(document)
    response = client_for(hanam.military_focal).post(reverse("intake:make_reports", args=[document.pk]), {
        "loc": [rows["Xã Thanh Hải"], rows["Thị trấn Ba Sao"]], "topic": ["dat-dai"],
        "reported_on": "2020-12-31", "severity": "2", "description": "Người dân kiến nghị về đất đai.",
    })
    assert response.status_code == 302
    assert sorted(r.locality.name for r in document.reports.all()) == ["Thị trấn Ba Sao", "Xã Thanh Hải"]
    assert SituationReport.objects.count() == 2


def test_an_ambiguous_commune_needs_a_choice_before_a_report(hanam, client_for):
    district = Locality.objects.get(ref="v1.d352")  # Huyện Lý Nhân
    twin = Locality(ref="v1.c99999", code="99999", name="Xã Tân Sơn", short_name="Tân Sơn", kind=Kind.XA,
                    level=Level.COMMUNE, parent=district, valid_to=hanam.places.hanam.valid_to)
    twin.refresh_search_fields()
    twin.save()
    document = _doc(hanam, "Năm 2020, nhân dân xã Tân Sơn kiến nghị về tranh chấp đất đai kéo dài.")
    (row,) = document.extraction["localities"]
    assert row["status"] == "ambiguous"
    client = client_for(hanam.secretariat)
    url = reverse("intake:make_reports", args=[document.pk])
    data = {"loc": ["0"], "topic": ["dat-dai"], "reported_on": "2020-12-31", "severity": "2", "description": "x"}
    response = client.post(url, data)
    assert response.status_code == 400 and "Hãy chọn một đơn vị" in response.content.decode()
    assert SituationReport.objects.count() == 0
    client.post(url, data | {"choice_0": str(twin.pk)})
    assert document.reports.get().locality == twin


def test_a_draft_activity_is_created_from_the_confirmed_form(hanam, program, seed_text, client_for):
    text = seed_text + "\nCác thành viên tổ chức 897 buổi tuyên truyền cho gần 405.000 lượt người."
    document = services.intake_create(actor=hanam.military_focal, committee=hanam.committee, text=text)
    client = client_for(hanam.military_focal)
    page = client.get(reverse("intake:document", args=[document.pk])).content.decode()
    assert 'id="activity-form"' in page and "897 buổi" in page
    figures = document.extraction["figures"]
    sessions = next(i for i, f in enumerate(figures) if f["indicator"] == "tuyen-truyen-buoi")
    response = client.post(reverse("intake:make_activity", args=[document.pk]), {
        "program": program.pk, "title": "Tuyên truyền tại các xã trọng điểm", "start_date": "2020-06-01",
        "end_date": "2020-06-30", "content_area": program.content_areas.get(number=1).pk,
        "lead": hanam.military.pk, "partners": [hanam.dan_van.pk], "loc": [_rows(document)["Xã Thanh Hải"]],
        "fig": [str(sessions)], f"fig_indicator_{sessions}": str(hanam.sessions.pk), f"fig_value_{sessions}": "897",
    })
    assert response.status_code == 302
    activity = document.activities.get()
    assert (activity.status, activity.figures.get().value) == ("draft", 897)
    assert [u.name for u in activity.localities.all()] == ["Xã Thanh Hải"]
