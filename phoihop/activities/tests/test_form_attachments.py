"""Evidence chosen on the activity form itself, checked before anything is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.activities.models import Activity, ActivityStatus, Attachment
from phoihop.activities.tests.test_attachments import EXE, PDF, PNG
from phoihop.activities.tests.test_pages import _form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _file(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_files_chosen_on_the_form_are_attached_before_submitting(client_for, cast, program):
    client = client_for(cast.military_focal)
    page = client.get(reverse("activities:create")).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="attachments"' in page and "multiple" in page
    files = [_file("bien-ban.pdf", PDF), _file("Ảnh hội nghị.png", PNG)]
    response = client.post(reverse("activities:create"), {**_form(cast), "gui": "1", "attachments": files})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.status == ActivityStatus.SUBMITTED
    assert sorted(a.original_name for a in activity.attachments.all()) == ["bien-ban.pdf", "Ảnh hội nghị.png"]


def test_a_refused_file_saves_nothing_and_says_why(client_for, cast, program):
    client = client_for(cast.military_focal)
    files = [_file("bien-ban.pdf", PDF), _file("chay-thu.exe", EXE)]
    response = client.post(reverse("activities:create"), {**_form(cast), "attachments": files})
    assert response.status_code == 200
    assert not Activity.objects.exists() and not Attachment.objects.exists()
    (reason,) = response.context["form"].errors["attachments"]
    assert reason in response.content.decode()


def test_the_form_says_files_must_be_chosen_again_after_another_error(client_for, cast, program):
    client = client_for(cast.military_focal)
    response = client.post(
        reverse("activities:create"), {**_form(cast, title=""), "attachments": [_file("a.pdf", PDF)]}
    )
    page = response.content.decode()
    assert "Hãy nhập tên hoạt động." in page and "hãy chọn lại tệp trước khi lưu" in page
    assert not Attachment.objects.exists()
