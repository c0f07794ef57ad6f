"""Evidence files: checked by size, extension and their own bytes; served after the same
permission check as the activity."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.activities.models import Attachment
from phoihop.activities.selectors import activity_timeline
from phoihop.activities.services import attachment_add, attachment_remove, attachment_restore

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _office(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def activity(make_activity):
    return make_activity()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Ảnh buổi tuyên truyền.png", PNG, "image/png"),
        ("bien-ban.pdf", PDF, "application/pdf"),
        (
            "bao-cao.docx",
            _office("[Content_Types].xml", "word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "so-lieu.xlsx",
            _office("[Content_Types].xml", "xl/workbook.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_accepted_types_are_stored_with_the_type_their_bytes_show(
    cast, activity, name, content, content_type
):
    attachment = attachment_add(
        actor=cast.secretariat, activity=activity, upload=_upload(name, content)
    )
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(content),
    )
    assert attachment.file.read() == content
    assert attachment.file.name.startswith("activities/2020/11/")


def test_an_executable_renamed_pdf_is_refused_in_vietnamese(cast, activity):
    with pytest.raises(ValidationError) as error:
        attachment_add(
            actor=cast.secretariat, activity=activity, upload=_upload("bien-ban.pdf", EXE)
        )
    assert "không phải tệp PDF thật" in error.value.messages[0]
    assert not Attachment.objects.exists()


def test_a_zip_without_word_parts_is_not_a_docx(cast, activity):
    with pytest.raises(ValidationError, match="không phải tệp DOCX thật"):
        attachment_add(
            actor=cast.secretariat,
            activity=activity,
            upload=_upload("bao-cao.docx", _office("[Content_Types].xml", "xl/workbook.xml")),
        )


def test_other_extensions_are_refused(cast, activity):
    with pytest.raises(ValidationError, match="không được nhận"):
        attachment_add(actor=cast.secretariat, activity=activity, upload=_upload("setup.exe", EXE))


def test_an_oversized_file_is_refused_in_vietnamese(settings, cast, activity):
    settings.PHOIHOP_MAX_UPLOAD_MB = 1
    big = _upload("anh.png", PNG + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError) as error:
        attachment_add(actor=cast.secretariat, activity=activity, upload=big)
    assert "quá lớn" in error.value.messages[0] and "tối đa 1 MB" in error.value.messages[0]


def test_only_the_leads_writers_attach_and_remove(cast, activity):
    with pytest.raises(PermissionDenied):
        attachment_add(actor=cast.military_focal, activity=activity, upload=_upload("a.png", PNG))
    attachment = attachment_add(
        actor=cast.secretariat, activity=activity, upload=_upload("a.png", PNG)
    )
    with pytest.raises(PermissionDenied):
        attachment_remove(actor=cast.viewer, attachment=attachment)


# --- pages --------------------------------------------------------------------------------


def test_upload_page_shows_a_disguised_file_error(client_for, cast, activity):
    response = client_for(cast.secretariat).post(
        reverse("activities:attachment_add", args=[activity.pk]),
        {"file": _upload("hop-dong.pdf", EXE)},
        follow=True,
    )
    assert "không phải tệp PDF thật" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_partner_downloads_through_the_checked_view_and_an_outsider_gets_404(
    client_for, cast, activity
):
    client_for(cast.secretariat).post(
        reverse("activities:attachment_add", args=[activity.pk]),
        {"file": _upload("bien-ban.pdf", PDF)},
    )
    attachment = Attachment.objects.get()
    url = reverse("activities:attachment", args=[attachment.pk])
    response = client_for(cast.military_focal).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert client_for(cast.outsider).get(url).status_code == 404


def test_removing_an_attachment_hides_it_keeps_its_file_and_records_it_in_the_timeline(
    client_for, cast, activity
):
    attachment = attachment_add(
        actor=cast.secretariat, activity=activity, upload=_upload("bien-ban.pdf", PDF)
    )
    storage, name = attachment.file.storage, attachment.file.name
    url = reverse("activities:attachment_remove", args=[attachment.pk])
    assert client_for(cast.viewer).post(url).status_code == 403
    response = client_for(cast.secretariat).post(url)
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.deleted_at is not None and attachment.deleted_by == cast.secretariat
    assert storage.exists(name) and storage.open(name).read() == PDF
    assert not Attachment.objects.present().exists()
    download = reverse("activities:attachment", args=[attachment.pk])
    assert client_for(cast.military_focal).get(download).status_code == 404
    page = client_for(cast.military_focal).get(reverse("activities:detail", args=[activity.pk]))
    assert page.context["detail"].attachments == []
    assert page.context["detail"].deleted_attachments == []  # only the secretariat restores
    changes = [entry.change for entry in page.context["detail"].timeline]
    assert changes[0] == "Xóa tệp “bien-ban.pdf”"
    assert page.context["detail"].timeline[0].who == "Trần Thị Thu"


def test_the_secretariat_sees_deleted_attachments_and_restores_one(client_for, cast, activity):
    attachment = attachment_add(
        actor=cast.secretariat, activity=activity, upload=_upload("bien-ban.pdf", PDF)
    )
    attachment_remove(actor=cast.secretariat, attachment=attachment)
    client = client_for(cast.secretariat)
    page = client.get(reverse("activities:detail", args=[activity.pk]))
    assert page.context["detail"].deleted_attachments == [attachment]
    assert "Tệp đã xóa" in page.content.decode()
    response = client.post(reverse("activities:attachment_restore", args=[attachment.pk]))
    assert response.status_code == 302
    assert list(Attachment.objects.present()) == [attachment]
    download = client_for(cast.military_focal).get(reverse("activities:attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == PDF
    changes = [entry.change for entry in activity_timeline(activity)]
    assert changes[:2] == ["Khôi phục tệp “bien-ban.pdf”", "Xóa tệp “bien-ban.pdf”"]


def test_a_member_cannot_restore_a_deleted_attachment_and_an_outsider_gets_404(
    client_for, cast, activity
):
    attachment = attachment_add(
        actor=cast.secretariat, activity=activity, upload=_upload("bien-ban.pdf", PDF)
    )
    attachment_remove(actor=cast.secretariat, attachment=attachment)
    url = reverse("activities:attachment_restore", args=[attachment.pk])
    assert client_for(cast.military_focal).post(url).status_code == 403
    assert client_for(cast.outsider).post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        attachment_restore(actor=cast.military_focal, attachment=attachment)
    assert not Attachment.objects.present().exists()
